import { Button, Menu } from '@mantine/core';
import { IconLanguage } from '@tabler/icons-react';
import { useCallback, useId } from 'react';
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
  const id = useId();
  const present = LANGUAGES.filter((l) => props.value?.[l]);
  const missing = LANGUAGES.filter((l) => !props.value?.[l]);
  // One choice among the six (menuitemradio), in labelled groups: the versions there are, then the
  // translations that can be added.
  const group = (key: string, label: string, languages: readonly Language[]) => (
    <div role="group" aria-labelledby={`${id}-${key}`}>
      <Menu.Label id={`${id}-${key}`}>{label}</Menu.Label>
      {languages.map((l) => (
        <Menu.RadioItem key={l} value={l} data-autofocus={l === props.language || undefined}>
          {name(l)}
        </Menu.RadioItem>
      ))}
    </div>
  );
  return (
    // In the page rather than a portal, so the open menu stays inside the screen's landmarks; the
    // focus opens on the version being edited (Mantine's own focus placeholder is no menu item).
    <Menu position="bottom-end" withinPortal={false} withInitialFocusPlaceholder={false} shadow="md">
      <Menu.Target>
        <Button
          size="compact-xs"
          variant="default"
          leftSection={<IconLanguage size={12} aria-hidden />}
          aria-label={t('multilingual.editing', { field: props.field, language: name(props.language) })}
          data-language={props.language}
        >
          {name(props.language)}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.RadioGroup value={props.language} onChange={(l) => props.onLanguageChange(l as Language)}>
          {present.length > 0 && group('versions', t('multilingual.versions'), present)}
          {present.length > 0 && missing.length > 0 && <Menu.Divider role="separator" />}
          {missing.length > 0 && group('add', present.length > 0 ? t('multilingual.addTranslation') : t('multilingual.writeIn'), missing)}
        </Menu.RadioGroup>
      </Menu.Dropdown>
    </Menu>
  );
}
