import { Group, Input, Select, Textarea, TextInput } from '@mantine/core';
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, textDirection, type Language } from '../../../shared/i18n/languages';
import type { Multilingual } from '../../../shared/records/text';
import { pickLanguage } from './LangText';

/** The language names, each in its own language (as a language menu shows them). */
const ENDONYM: Record<Language, string> = {
  ar: 'العربية',
  zh: '中文',
  en: 'English',
  fr: 'Français',
  ru: 'Русский',
  es: 'Español',
};

/** The language a text is first shown in: the UI's if the text has it (or has none), else its first one. */
export function initialLanguage(value: Multilingual | null | undefined, ui: string): Language {
  return pickLanguage(value, ui) ?? ((LANGUAGES as readonly string[]).includes(ui) ? (ui as Language) : 'en');
}

/**
 * A text that may be kept in several of the six languages. One language is edited at a time, picked
 * beside the label; the field is marked with that language (`lang`) and written in its direction,
 * so Arabic content runs right to left inside an English screen and the reverse. Languages that
 * already hold text are marked in the picker.
 */
export function MultilingualInput(props: {
  label: string;
  value: Multilingual | null | undefined;
  onChange(next: Multilingual): void;
  onBlur?(): void;
  multiline?: boolean;
  minRows?: number;
  error?: string;
  description?: string;
  required?: boolean;
  /** Controlled language (a side-by-side view sets it); otherwise the field keeps its own. */
  language?: Language;
  onLanguageChange?(language: Language): void;
  /** Hide the language picker (when the screen shows the language elsewhere). */
  fixedLanguage?: boolean;
  'data-testid'?: string;
}) {
  const { t, i18n } = useTranslation('common');
  const [own, setOwn] = useState<Language>(() => initialLanguage(props.value, i18n.language));
  const language = props.language ?? own;
  const setLanguage = (next: Language) => {
    setOwn(next);
    props.onLanguageChange?.(next);
  };
  const id = useId();
  const text = props.value?.[language] ?? '';
  const options = useMemo(
    () =>
      LANGUAGES.map((l) => ({
        value: l,
        label: props.value?.[l] ? t('multilingual.hasText', { language: ENDONYM[l] }) : ENDONYM[l],
      })),
    [props.value, t],
  );
  const change = (next: string) => {
    const copy: Multilingual = { ...(props.value ?? {}) };
    if (next === '') delete copy[language];
    else copy[language] = next;
    props.onChange(copy);
  };
  const common = {
    id,
    value: text,
    lang: language,
    dir: textDirection(language),
    error: props.error,
    description: props.description,
    required: props.required,
    onBlur: props.onBlur,
    'data-testid': props['data-testid'],
    'aria-label': `${props.label} (${ENDONYM[language]})`,
    onChange: (event: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => change(event.currentTarget.value),
  };
  return (
    <Input.Wrapper
      label={
        <Group gap="xs" wrap="nowrap" component="span" justify="space-between" w="100%">
          <label htmlFor={id}>{props.label}</label>
        </Group>
      }
      labelElement="div"
      required={props.required}
    >
      {!props.fixedLanguage && (
        <Select
          size="xs"
          w={180}
          mb={4}
          aria-label={t('multilingual.languageOf', { field: props.label })}
          data={options}
          value={language}
          allowDeselect={false}
          onChange={(value) => value && setLanguage(value as Language)}
          comboboxProps={{ withinPortal: true }}
        />
      )}
      {props.multiline ? <Textarea autosize minRows={props.minRows ?? 3} maxRows={20} {...common} /> : <TextInput {...common} />}
    </Input.Wrapper>
  );
}
