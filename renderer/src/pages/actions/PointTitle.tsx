import { Group, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { textDirection, type Language } from '../../../../shared/i18n/languages';
import type { RecordView } from '../../../../shared/records/codec';
import type { Multilingual } from '../../../../shared/records/text';
import { editLanguage } from '../../../../shared/records/text-version';
import { TextVersionTag } from '../../components/TextVersionTag';

/**
 * A point's title, edited in the version shown (the UI language's if the title has one, else the
 * one it has): a Chinese title corrected with the interface in English stays Chinese. Its tag says
 * which, and adds a translation only when the person chooses to.
 */
export function PointTitle(props: { ap: RecordView; label: string; contentLanguage: Language | null; onSave(versions: Multilingual): void }) {
  const { i18n } = useTranslation();
  const title = (props.ap.fields.title ?? {}) as Multilingual;
  const [chosen, setChosen] = useState<Language | null>(null);
  const language = chosen ?? editLanguage(title, i18n.language, props.contentLanguage);
  const saved = title[language] ?? '';
  const commit = (field: HTMLTextAreaElement) => {
    const value = oneLine(field.value);
    // Only the version edited is sent: the others keep their own edits.
    if (value && value !== saved) props.onSave({ [language]: value });
  };
  return (
    <Group gap={4} wrap="nowrap" align="start">
      {/* A point is often a long sentence of a chair's summary: the field grows to show all of it. */}
      <Textarea
        key={language}
        style={{ flex: 1 }}
        autosize
        minRows={1}
        maxRows={12}
        aria-label={props.label}
        defaultValue={saved}
        lang={language}
        dir={textDirection(language)}
        onChange={() => chosen || setChosen(language)}
        onKeyDown={(e) => {
          // One line of text: Enter saves (and the cursor stays) instead of starting a new line.
          if (e.key !== 'Enter' || e.nativeEvent.isComposing) return;
          e.preventDefault();
          commit(e.currentTarget);
        }}
        onBlur={(e) => commit(e.currentTarget)}
      />
      <TextVersionTag field={props.label} value={title} language={language} onLanguageChange={setChosen} />
    </Group>
  );
}

/** A title is one line: line breaks pasted in become spaces. */
export function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}
