import { Group, Paper, Select, SimpleGrid, Stack, Text, Textarea } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, textDirection, type Language } from '../../../../shared/i18n/languages';
import { buildOutline } from '../../../../shared/naps/outline';
import type { RecordView } from '../../../../shared/records/codec';
import type { Multilingual } from '../../../../shared/records/text';
import { useApiErrorText } from '../../text/errors';
import { useRecordText } from '../../text/records-text';
import { useAppState } from '../../api/state';
import { UserText } from './format';
import { useNap } from './useNap';

const TEXT_FIELDS: Record<string, string[]> = {
  nap: ['title', 'summary'],
  'nap.objective': ['title', 'description'],
  'nap.action': ['description', 'notes'],
  'nap.indicator': ['name', 'meansOfVerification'],
};

/** Every text of the plan, in the order it reads. */
function textsOf(nap: RecordView, children: RecordView[]) {
  const ordered: RecordView[] = [nap];
  for (const p of buildOutline(nap.fields.pillars, children)) {
    for (const o of p.objectives) {
      ordered.push(o.record);
      for (const a of o.actions) ordered.push(a.record, ...a.indicators);
    }
  }
  return ordered.flatMap((record) => (TEXT_FIELDS[record.kind] ?? []).map((field) => ({ record, field })));
}

/**
 * Translating the plan side by side: every text in a source language beside the same text in a
 * target language, each column marked with its language and written in its direction.
 */
export function TranslationTab() {
  const { t, i18n } = useTranslation('naps');
  const { nap, children } = useNap();
  const languageName = (l: string) => new Intl.DisplayNames([i18n.language], { type: 'language' }).of(l) ?? l;
  // By default: from the language the plan was drafted in, into the UI language (a translator works
  // into their own language); a plan only in the UI language is translated into the next language.
  const [initial] = useState(() => {
    const ui = (LANGUAGES as readonly string[]).includes(i18n.language) ? (i18n.language as Language) : 'en';
    const title = (nap.fields.title ?? {}) as Multilingual;
    const other = LANGUAGES.find((l) => l !== ui && title[l]);
    return other ? { source: other, target: ui } : { source: ui, target: LANGUAGES.find((l) => l !== ui)! };
  });
  const [source, setSource] = useState<Language>(initial.source);
  const [target, setTarget] = useState<Language>(initial.target);
  const options = LANGUAGES.map((l) => ({ value: l, label: languageName(l) }));
  const texts = textsOf(nap, children);
  const done = texts.filter(({ record, field }) => (record.fields[field] as Multilingual | undefined)?.[target]).length;
  return (
    <Stack gap="md">
      <Group align="flex-end">
        <Select label={t('translation.source')} data={options} value={source} onChange={(v) => v && setSource(v as Language)} allowDeselect={false} comboboxProps={{ withinPortal: true }} />
        <Select label={t('translation.target')} data={options} value={target} onChange={(v) => v && setTarget(v as Language)} allowDeselect={false} comboboxProps={{ withinPortal: true }} />
        <Text role="status">{t('translation.progress', { done, count: texts.length, language: languageName(target) })}</Text>
      </Group>
      {texts.map(({ record, field }) => (
        <TranslationRow key={`${record.id}:${field}:${source}:${target}`} record={record} field={field} source={source} target={target} />
      ))}
    </Stack>
  );
}

function TranslationRow(props: { record: RecordView; field: string; source: Language; target: Language }) {
  const { t } = useTranslation('naps');
  const { api } = useAppState();
  const text = useRecordText();
  const apiErrorText = useApiErrorText();
  const value = (props.record.fields[props.field] ?? {}) as Multilingual;
  const [draft, setDraft] = useState(value[props.target] ?? '');
  const [status, setStatus] = useState<'idle' | 'saving' | 'saved' | 'error'>('idle');
  const [error, setError] = useState<string | null>(null);
  const saved = useRef(value[props.target] ?? '');
  const pending = useRef<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const save = async () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    const next = pending.current;
    pending.current = null;
    if (next === null || next === saved.current) return;
    setStatus('saving');
    try {
      await api.call('records.update', { id: props.record.id, fields: { [props.field]: { [props.target]: next } } });
      saved.current = next;
      setStatus('saved');
      setError(null);
    } catch (e) {
      setStatus('error');
      setError(apiErrorText(e));
    }
  };
  const saveRef = useRef(save);
  useEffect(() => {
    saveRef.current = save;
  });
  useEffect(() => () => void saveRef.current(), []);

  const label = `${text.kind(props.record.kind)} · ${text.field(props.field)}`;
  // Which objective, action or indicator: its name in the source language (else any it has).
  const owner = props.record.fields.title ?? props.record.fields.name ?? props.record.fields.description;
  const long = props.field !== 'title' && props.field !== 'name';
  const sourceText = value[props.source];
  return (
    <Paper withBorder p="sm" radius="sm">
      <Text size="sm" fw={600} mb={4}>
        {label}
        {props.record.kind !== 'nap' && props.field !== 'title' && props.field !== 'name' && (
          <Text component="span" size="sm" c="dimmed" fw={400}>
            {' — '}
            <UserText value={owner} lang={props.source} fallback={text.title({})} />
          </Text>
        )}
      </Text>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <div>
          <Text size="xs" c="dimmed">
            {t('translation.sourceColumn', { language: text.field(`${props.field}@${props.source}`) })}
          </Text>
          {sourceText ? (
            <Text lang={props.source} dir={textDirection(props.source)} className="nap-source-text">
              {sourceText}
            </Text>
          ) : (
            <Text c="dimmed">{t('translation.noSource')}</Text>
          )}
        </div>
        <Textarea
          label={text.field(`${props.field}@${props.target}`)}
          lang={props.target}
          dir={textDirection(props.target)}
          autosize
          minRows={long ? 2 : 1}
          maxRows={12}
          value={draft}
          onChange={(e) => {
            const next = e.currentTarget.value;
            setDraft(next);
            pending.current = next;
            setStatus('idle');
            if (timer.current) clearTimeout(timer.current);
            timer.current = setTimeout(() => void save(), 800);
          }}
          onBlur={() => void save()}
          error={error ?? undefined}
          description={status === 'saved' ? t('translation.saved') : status === 'saving' ? t('translation.saving') : undefined}
        />
      </SimpleGrid>
    </Paper>
  );
}
