import { Button, Menu } from '@mantine/core';
import { IconCheck, IconLanguage } from '@tabler/icons-react';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, type Language } from '../../../shared/i18n/languages';
import type { Multilingual } from '../../../shared/records/text';

/** A language's name in the interface language ("Chinese" in an English screen, "الصينية" in Arabic). */
export function useLanguageName(): (language: Language) => string {
  const { i18n } = useTranslation();
  return useCallback(
    (language: Language) => new Intl.DisplayNames([i18n.language], { type: 'language' }).of(language) ?? language,
    [i18n.language],
  );
}

/**
 * The small tag beside a text's input that says which language version is being edited. Its menu
 * switches to another version the text already has, or (the only way to make one) adds a
 * translation: the interface language never decides where a correction lands.
 */
export function TextVersionTag(props: {
  /** The field's name, for the tag's accessible name. */
  field: string;
  value: Multilingual | null | undefined;
  language: Language;
  onLanguageChange(language: Language): void;
}) {
  const { t } = useTranslation('common');
  const name = useLanguageName();
  const present = LANGUAGES.filter((l) => props.value?.[l]);
  const missing = LANGUAGES.filter((l) => !props.value?.[l]);
  const item = (l: Language) => (
    <Menu.Item
      key={l}
      onClick={() => props.onLanguageChange(l)}
      leftSection={l === props.language ? <IconCheck size={14} aria-hidden /> : <span style={{ display: 'inline-block', inlineSize: 14 }} />}
    >
      {name(l)}
    </Menu.Item>
  );
  return (
    <Menu position="bottom-end" withinPortal shadow="md">
      <Menu.Target>
        <Button
          size="compact-xs"
          variant="default"
          leftSection={<IconLanguage size={12} aria-hidden />}
          aria-label={t('multilingual.editing', { field: props.field, language: name(props.language) })}
          data-language={props.language}
          className="text-version-tag"
        >
          {name(props.language)}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        {present.length > 0 && (
          <>
            <Menu.Label>{t('multilingual.versions')}</Menu.Label>
            {present.map(item)}
          </>
        )}
        {missing.length > 0 && (
          <>
            {present.length > 0 && <Menu.Divider />}
            <Menu.Label>{present.length > 0 ? t('multilingual.addTranslation') : t('multilingual.writeIn')}</Menu.Label>
            {missing.map(item)}
          </>
        )}
      </Menu.Dropdown>
    </Menu>
  );
}
