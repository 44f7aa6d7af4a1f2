import { Group, Input, Textarea, TextInput } from '@mantine/core';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { textDirection, type Language } from '../../../shared/i18n/languages';
import type { Multilingual } from '../../../shared/records/text';
import { editLanguage, withVersion } from '../../../shared/records/text-version';
import { TextVersionTag, useLanguageName } from './TextVersionTag';

/**
 * A text that may be kept in several of the six languages. It edits the version that is shown
 * (`editLanguage`: the interface language's if the text has one, else the one it has), never a new
 * one in the interface language; the tag beside the label says which, and its menu switches to
 * another version or adds a translation. The field is marked with that language (`lang`) and
 * written in its direction, so Arabic content runs right to left inside an English screen.
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
  /** For a text with no version yet: the language the record's other texts are in. */
  contentLanguage?: Language | null;
  /** Controlled language (a side-by-side view sets it); otherwise the field keeps its own. */
  language?: Language;
  onLanguageChange?(language: Language): void;
  /** Hide the language tag (when the screen shows the language elsewhere). */
  fixedLanguage?: boolean;
  'data-testid'?: string;
}) {
  const { i18n } = useTranslation('common');
  const languageName = useLanguageName();
  // Until the person picks a version or types, the rule decides (so a value that arrives after
  // mounting, or a change of interface language, is followed); from then on the language is kept,
  // so emptying the box and typing again stays in the same version.
  const [chosen, setChosen] = useState<Language | null>(null);
  const language = props.language ?? chosen ?? editLanguage(props.value, i18n.language, props.contentLanguage);
  const setLanguage = (next: Language) => {
    setChosen(next);
    props.onLanguageChange?.(next);
  };
  const id = useId();
  const text = props.value?.[language] ?? '';
  const change = (next: string) => {
    if (!chosen) setChosen(language);
    props.onChange(withVersion(props.value, language, next));
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
    'aria-label': `${props.label} (${languageName(language)})`,
    onChange: (event: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => change(event.currentTarget.value),
  };
  return (
    <Input.Wrapper
      label={
        <Group gap="xs" wrap="nowrap" component="span" justify="space-between" w="100%">
          <label htmlFor={id}>{props.label}</label>
          {!props.fixedLanguage && <TextVersionTag field={props.label} value={props.value} language={language} onLanguageChange={setLanguage} />}
        </Group>
      }
      labelElement="div"
      required={props.required}
    >
      {props.multiline ? <Textarea autosize minRows={props.minRows ?? 3} maxRows={20} {...common} /> : <TextInput {...common} />}
    </Input.Wrapper>
  );
}
