import { Group, Paper, SegmentedControl, Text, Textarea, Typography } from '@mantine/core';
import { memo, useDeferredValue, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import Markdown from 'react-markdown';
import remarkGfm from 'remark-gfm';
import { textDirection, type Language } from '../../../../shared/i18n/languages';
import { LONG_TEXT_MAX, type Multilingual } from '../../../../shared/records/text';
import { editLanguage, withVersion } from '../../../../shared/records/text-version';
import { TextVersionTag } from '../../components/TextVersionTag';

/** Markdown to elements, without raw HTML; rendered again only when the text it shows changed. */
const Preview = memo(function Preview(props: { source: string }) {
  return (
    <Markdown remarkPlugins={[remarkGfm]} skipHtml>
      {props.source}
    </Markdown>
  );
});

/**
 * Long meeting notes in markdown, one language at a time, with a preview. The text box is not
 * controlled by React (a 50-page note would re-render on every key), and the preview is drawn
 * from a deferred copy, so typing never waits for it. A note over the size limit is kept in the
 * box, with the message beside it: nothing typed is lost.
 */
export function NotesField(props: {
  label: string;
  /** The value as loaded; later changes are reported, not pushed back into the box. */
  initial: Multilingual | null | undefined;
  onChange(next: Multilingual): void;
  error?: string;
  rows?: number;
  /** For a note with no version yet: the language the meeting's other texts are in. */
  contentLanguage?: Language | null;
  'data-testid'?: string;
}) {
  const { t, i18n } = useTranslation('meetings');
  const id = useId();
  const [texts, setTexts] = useState<Multilingual>(() => ({ ...(props.initial ?? {}) }));
  // The version shown is the one edited; kept once the person picks one or types (see MultilingualInput).
  const [chosen, setChosen] = useState<Language | null>(null);
  const language = chosen ?? editLanguage(texts, i18n.language, props.contentLanguage);
  const [mode, setMode] = useState<'write' | 'preview'>('write');
  const current = texts[language] ?? '';
  const deferred = useDeferredValue(mode === 'preview' ? current : '');
  const tooLong = current.length > LONG_TEXT_MAX;
  const change = (value: string) => {
    if (!chosen) setChosen(language);
    const next = withVersion(texts, language, value);
    setTexts(next);
    props.onChange(next);
  };
  const error = tooLong
    ? t('notes.tooLong', { count: current.length, max: LONG_TEXT_MAX })
    : props.error;
  return (
    <div>
      <Group justify="space-between" mb={4} wrap="wrap" gap="xs">
        <Text component="label" htmlFor={id} fw={500} size="sm">
          {props.label}
        </Text>
        <Group gap="xs">
          <TextVersionTag field={props.label} value={texts} language={language} onLanguageChange={setChosen} />
          <SegmentedControl
            size="xs"
            aria-label={t('notes.mode', { field: props.label })}
            value={mode}
            onChange={(v) => setMode(v as 'write' | 'preview')}
            data={[
              { value: 'write', label: t('notes.write') },
              { value: 'preview', label: t('notes.preview') },
            ]}
          />
        </Group>
      </Group>
      <div hidden={mode === 'preview'}>
      <Textarea
        key={language}
        id={id}
        defaultValue={current}
        onChange={(e) => change(e.currentTarget.value)}
        lang={language}
        dir={textDirection(language)}
        rows={props.rows ?? 14}
        resize="vertical"
        error={error}
        description={t('notes.hint')}
        data-testid={props['data-testid']}
      />
      </div>
      {mode === 'preview' && (
        <Paper withBorder p="md" radius="sm" lang={language} dir={textDirection(language)} mah={560} style={{ overflowY: 'auto' }} tabIndex={0} aria-label={t('notes.previewOf', { field: props.label })} role="region">
          {current.trim() === '' ? (
            <Text c="dimmed">{t('notes.empty')}</Text>
          ) : (
            <Typography>
              <Preview source={deferred} />
            </Typography>
          )}
          {error && (
            <Text c="red.9" size="sm" role="alert">
              {error}
            </Text>
          )}
        </Paper>
      )}
    </div>
  );
}
