import { Group, Paper, SegmentedControl, Select, Text, Textarea, Typography } from '@mantine/core';
import { memo, useDeferredValue, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import Markdown from 'react-markdown';
import remarkGfm from 'remark-gfm';
import { LANGUAGES, textDirection, type Language } from '../../../../shared/i18n/languages';
import { LONG_TEXT_MAX, type Multilingual } from '../../../../shared/records/text';
import { initialLanguage } from '../../components/MultilingualInput';

const ENDONYM: Record<Language, string> = { ar: 'العربية', zh: '中文', en: 'English', fr: 'Français', ru: 'Русский', es: 'Español' };

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
  'data-testid'?: string;
}) {
  const { t, i18n } = useTranslation('meetings');
  const id = useId();
  const [language, setLanguage] = useState<Language>(() => initialLanguage(props.initial, i18n.language));
  const [texts, setTexts] = useState<Multilingual>(() => ({ ...(props.initial ?? {}) }));
  const [mode, setMode] = useState<'write' | 'preview'>('write');
  const current = texts[language] ?? '';
  const deferred = useDeferredValue(mode === 'preview' ? current : '');
  const tooLong = current.length > LONG_TEXT_MAX;
  const change = (value: string) => {
    const next = { ...texts };
    if (value === '') delete next[language];
    else next[language] = value;
    setTexts(next);
    props.onChange(next);
  };
  const error = tooLong
    ? t('notes.tooLong', { length: current.length.toLocaleString(i18n.language), max: LONG_TEXT_MAX.toLocaleString(i18n.language) })
    : props.error;
  return (
    <div>
      <Group justify="space-between" mb={4} wrap="wrap" gap="xs">
        <Text component="label" htmlFor={id} fw={500} size="sm">
          {props.label}
        </Text>
        <Group gap="xs">
          <Select
            size="xs"
            w={180}
            aria-label={t('notes.language', { field: props.label })}
            data={LANGUAGES.map((l) => ({ value: l, label: texts[l] ? `${ENDONYM[l]} ✓` : ENDONYM[l] }))}
            value={language}
            allowDeselect={false}
            onChange={(v) => v && setLanguage(v as Language)}
          />
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
