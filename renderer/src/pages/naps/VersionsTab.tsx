import { FormDialog } from '../../components/FormDialog';
import { Badge, Button, Group, Loader, Paper, Select, Stack, Table, Text, TextInput, Title, VisuallyHidden } from '@mantine/core';
import { IconCamera, IconHistory, IconRestore } from '@tabler/icons-react';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { textDirection } from '../../../../shared/i18n/languages';
import { compareSnapshots, type FieldChange } from '../../../../shared/naps/compare';
import type { RecordView } from '../../../../shared/records/codec';
import type { Kind, SnapshotRecord } from '../../../../shared/records/kinds';
import type { Json } from '../../../../shared/sync/record';
import type { ResponseOf } from '../../../../shared/api/contract';
import { wordDiff } from '../../../../shared/sync/word-diff';
import { useApiErrorText, useFieldErrorText } from '../../text/errors';
import { isolate } from '../../text/bidi';
import { useRecordText } from '../../text/records-text';
import { useAppState } from '../../api/state';
import { UserText, useNapFormat } from './format';
import { useLinkedItem, useRevealItem } from './linkedItem';
import { useNap } from './useNap';

const NOW = 'now';
/** Years read as years (2030), not as quantities (2,030). */
const YEAR_FIELDS = new Set(['periodStart', 'periodEnd', 'baselineYear', 'targetYear', 'generation']);

const asSnapshot = (r: RecordView): SnapshotRecord => ({ id: r.id, kind: r.kind, parentId: r.parentId, order: r.order, fields: r.fields });

/** Named snapshots of the plan, what changed between two of them (or since one), restoring a value, and a field's history. */
export function VersionsTab() {
  const { t } = useTranslation('naps');
  const { nap, children } = useNap();
  const format = useNapFormat();
  const snapshots = children.filter((c) => c.kind === 'nap.snapshot').sort((a, b) => String(b.fields.takenAt).localeCompare(String(a.fields.takenAt)));
  const [chosen, setFrom] = useState<string | null>(null);
  // A link to a snapshot (a search result) shows it in the list and compares it with now.
  const { item: linked, linkKey } = useLinkedItem();
  const linkedSnapshot = snapshots.some((s) => s.id === linked) ? linked : null;
  useRevealItem(linkedSnapshot, linkKey, linkedSnapshot !== null);
  // Until one is chosen: the linked snapshot or the latest, compared with now.
  const from = chosen ?? linkedSnapshot ?? snapshots[0]?.id ?? null;
  const [to, setTo] = useState<string>(NOW);
  const current = useMemo(() => [nap, ...children.filter((c) => c.kind !== 'nap.snapshot')].map(asSnapshot), [nap, children]);
  const recordsOf = (id: string | null): SnapshotRecord[] | null => {
    if (id === NOW) return current;
    const s = snapshots.find((x) => x.id === id);
    return s ? ((s.fields.records ?? []) as SnapshotRecord[]) : null;
  };
  const before = recordsOf(from);
  const after = recordsOf(to);
  const options = snapshots.map((s) => ({ value: s.id, label: `${String(s.fields.name ?? '')} (${format.dateTime(String(s.fields.takenAt))})` }));
  return (
    <Stack gap="lg">
      <TakeSnapshot />
      <Paper withBorder p="lg" radius="md" component="section" aria-labelledby="snapshots-title">
        <Title order={2} size="h4" id="snapshots-title" mb="sm">
          {t('versions.listTitle')}
        </Title>
        {snapshots.length === 0 ? (
          <Text>{t('versions.none')}</Text>
        ) : (
          <Table verticalSpacing="xs" striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('versions.name')}</Table.Th>
                <Table.Th>{t('versions.takenAt')}</Table.Th>
                <Table.Th>{t('versions.by')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {snapshots.map((s) => (
                <Table.Tr key={s.id} data-item-id={s.id} tabIndex={s.id === linkedSnapshot ? -1 : undefined} className={s.id === linkedSnapshot ? 'nap-row-selected' : undefined}>
                  <Table.Td dir="auto">{String(s.fields.name ?? '')}</Table.Td>
                  <Table.Td>{format.dateTime(String(s.fields.takenAt))}</Table.Td>
                  <Table.Td dir="auto">{s.created.by || '—'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Paper>
      {snapshots.length > 0 && (
        <Paper withBorder p="lg" radius="md" component="section" aria-labelledby="compare-title">
          <Title order={2} size="h4" id="compare-title" mb="sm">
            {t('versions.compareTitle')}
          </Title>
          <Group align="flex-end" mb="md">
            <Select label={t('versions.from')} data={options} value={from} onChange={setFrom} allowDeselect={false} comboboxProps={{ withinPortal: true }} w={320} />
            <Select label={t('versions.to')} data={[{ value: NOW, label: t('versions.now') }, ...options]} value={to} onChange={(v) => setTo(v ?? NOW)} allowDeselect={false} comboboxProps={{ withinPortal: true }} w={320} />
          </Group>
          {before && after && <ComparisonView before={before} after={after} live={to === NOW} />}
        </Paper>
      )}
    </Stack>
  );
}

function TakeSnapshot() {
  const { t } = useTranslation('naps');
  const { api } = useAppState();
  const { nap } = useNap();
  const fieldError = useFieldErrorText({ max: 1000 });
  const apiErrorText = useApiErrorText();
  const [name, setName] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setDone(null);
    if (!name.trim()) return setError(fieldError('errors:validation.required'));
    setBusy(true);
    try {
      await api.call('naps.snapshot', { napId: nap.id, name: name.trim() });
      setDone(t('versions.taken', { name: isolate(name.trim()) }));
      setName('');
    } catch (e) {
      setError(apiErrorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-labelledby="take-title">
      <Title order={2} size="h4" id="take-title" mb="sm">
        {t('versions.takeTitle')}
      </Title>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Group align="flex-start">
          <TextInput
            label={t('versions.name')}
            description={t('versions.nameHint')}
            dir="auto"
            value={name}
            onChange={(e) => {
              setName(e.currentTarget.value);
              setError(undefined);
            }}
            error={error}
            w={360}
          />
          <Button type="submit" mt={46} loading={busy} leftSection={<IconCamera size={16} aria-hidden />}>
            {t('versions.take')}
          </Button>
        </Group>
      </form>
      <Text role="status" mt="xs">
        {done ?? ''}
      </Text>
    </Paper>
  );
}

function ComparisonView(props: { before: SnapshotRecord[]; after: SnapshotRecord[]; live: boolean }) {
  const { t } = useTranslation('naps');
  const { api } = useAppState();
  const text = useRecordText();
  const apiErrorText = useApiErrorText();
  const [failure, setFailure] = useState<string | null>(null);
  const [history, setHistory] = useState<{ id: string; kind: Kind; field: string } | null>(null);
  const result = useMemo(() => compareSnapshots(props.before, props.after), [props.before, props.after]);
  const name = (r: SnapshotRecord) => `${text.kind(r.kind as Kind)}: ${text.title(r.fields)}`;
  // A move names the old and the new place ("Objective: Women in the security sector"), not ids.
  const places = useMemo(() => {
    const out = new Map<string, string>();
    for (const r of [...props.before, ...props.after]) out.set(r.id, `${text.kind(r.kind as Kind)}: ${text.title(r.fields)}`);
    return out;
  }, [props.before, props.after, text]);
  const run = async (work: () => Promise<unknown>) => {
    setFailure(null);
    try {
      await work();
    } catch (e) {
      setFailure(apiErrorText(e));
    }
  };
  const restoreField = (id: string, change: FieldChange) => {
    const [field, lang] = change.field.split('@') as [string, string | undefined];
    const value = lang ? { [lang]: typeof change.before === 'string' ? change.before : '' } : (change.before ?? null);
    return run(() => api.call('records.update', { id, fields: { [field]: value } }));
  };
  const total = result.added.length + result.removed.length + result.changed.length;
  return (
    <Stack gap="md">
      <Text role="status" fw={600}>
        {total === 0 ? t('versions.noChanges') : t('versions.summary', { added: result.added.length, removed: result.removed.length, changed: result.changed.length })}
      </Text>
      {failure && (
        <Text c="red.9" role="alert">
          {failure}
        </Text>
      )}
      {result.added.length > 0 && (
        <section aria-label={t('versions.added')}>
          <Title order={3} size="h5" mb={4}>
            {t('versions.added')}
          </Title>
          <ul className="nap-plain-list">
            {result.added.map((r) => (
              <li key={r.id}>
                <Badge variant="filled" color="#1e6b30" me="xs" className="nap-badge">
                  {t('versions.addedBadge')}
                </Badge>
                {text.kind(r.kind as Kind)}: <UserText value={r.fields.title ?? r.fields.name ?? r.fields.description} fallback={text.title({})} />
              </li>
            ))}
          </ul>
        </section>
      )}
      {result.removed.length > 0 && (
        <section aria-label={t('versions.removed')}>
          <Title order={3} size="h5" mb={4}>
            {t('versions.removed')}
          </Title>
          <ul className="nap-plain-list">
            {result.removed.map((r) => (
              <li key={r.id}>
                <Group gap="xs">
                  <Badge variant="filled" color="red.9" className="nap-badge">
                    {t('versions.removedBadge')}
                  </Badge>
                  <span>
                    {text.kind(r.kind as Kind)}: <UserText value={r.fields.title ?? r.fields.name ?? r.fields.description} fallback={text.title({})} />
                  </span>
                  {props.live && (
                    <Button size="compact-xs" variant="default" leftSection={<IconRestore size={14} aria-hidden />} onClick={() => void run(() => api.call('records.restore', { id: r.id }))} aria-label={t('versions.bringBackLabel', { name: name(r) })}>
                      {t('versions.bringBack')}
                    </Button>
                  )}
                </Group>
              </li>
            ))}
          </ul>
        </section>
      )}
      {result.changed.length > 0 && (
        <section aria-label={t('versions.changed')}>
          <Title order={3} size="h5" mb={4}>
            {t('versions.changed')}
          </Title>
          <Stack gap="sm">
            {result.changed.map((c) => (
              <Paper key={c.id} withBorder p="sm" radius="sm">
                <Text fw={600} mb={4}>
                  {text.kind(c.kind as Kind)}: <UserText value={c.after.fields.title ?? c.after.fields.name ?? c.after.fields.description} fallback={text.title({})} />
                </Text>
                <Table verticalSpacing={4} className="nap-diff-table">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('versions.field')}</Table.Th>
                      <Table.Th>{t('versions.change')}</Table.Th>
                      <Table.Th>{t('list.actions')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {c.fields.map((f) => (
                      <Table.Tr key={f.field}>
                        <Table.Td>{f.field === '_order' ? t('versions.position') : text.field(f.field)}</Table.Td>
                        <Table.Td>
                          <ChangeText kind={c.kind as Kind} change={f} places={places} />
                        </Table.Td>
                        <Table.Td>
                          {!f.field.startsWith('_') && (
                            <Group gap={4} wrap="nowrap">
                              {props.live && (
                                <Button size="compact-xs" variant="default" leftSection={<IconRestore size={14} aria-hidden />} onClick={() => void restoreField(c.id, f)} aria-label={t('versions.restoreLabel', { field: text.field(f.field), name: name(c.after) })}>
                                  {t('versions.restore')}
                                </Button>
                              )}
                              <Button size="compact-xs" variant="subtle" className="nap-add" leftSection={<IconHistory size={14} aria-hidden />} onClick={() => setHistory({ id: c.id, kind: c.kind as Kind, field: f.field })} aria-label={t('versions.historyLabel', { field: text.field(f.field), name: name(c.after) })}>
                                {t('versions.history')}
                              </Button>
                            </Group>
                          )}
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Paper>
            ))}
          </Stack>
        </section>
      )}
      {history && <HistoryDialog {...history} onClose={() => setHistory(null)} />}
    </Stack>
  );
}

/** A change shown word by word for texts (struck out what went, underlined what came), as before → after otherwise. */
function ChangeText({ kind, change, places }: { kind: Kind; change: FieldChange; places: ReadonlyMap<string, string> }) {
  const { t } = useTranslation('naps');
  const text = useRecordText();
  const format = useNapFormat();
  const lang = change.field.split('@')[1];
  const field = change.field.split('@')[0]!;
  if (lang && (typeof change.before === 'string' || typeof change.after === 'string')) {
    const parts = wordDiff(typeof change.before === 'string' ? change.before : '', typeof change.after === 'string' ? change.after : '');
    return (
      <span lang={lang} dir={textDirection(lang)} className="nap-diff">
        {parts.map((p, i) =>
          p.kind === 'same' ? (
            <span key={i}>{p.text}</span>
          ) : p.kind === 'added' ? (
            // Said aloud too, not only shown as underlined or struck out.
            <ins key={i}>
              <VisuallyHidden component="span">{`[${t('versions.addedBadge')}] `}</VisuallyHidden>
              {p.text}
            </ins>
          ) : (
            <del key={i}>
              <VisuallyHidden component="span">{`[${t('versions.removedBadge')}] `}</VisuallyHidden>
              {p.text}
            </del>
          ),
        )}
      </span>
    );
  }
  const show = (v: Json | undefined) =>
    v === undefined || v === null
      ? '—'
      : field === '_parent'
        ? (places.get(String(v)) ?? text.title({}))
        : YEAR_FIELDS.has(field)
          ? format.year(v)
          : text.value(kind, field, v);
  return (
    <span dir="auto">
      {t('versions.fromTo', { before: isolate(show(change.before)), after: isolate(show(change.after)) })}
    </span>
  );
}

function HistoryDialog(props: { id: string; kind: Kind; field: string; onClose(): void }) {
  const { t } = useTranslation(['naps', 'common']);
  const text = useRecordText();
  return (
    <FormDialog opened={true} onClose={props.onClose} title={t('versions.historyTitle', { field: text.field(props.field) })} closeLabel={t('common:actions.dismiss')}>
      <HistoryTable id={props.id} kind={props.kind} field={props.field} />
    </FormDialog>
  );
}

/** Who set a field to what, and when, newest first. */
export function HistoryTable(props: { id: string; kind: Kind; field: string }) {
  const { t } = useTranslation(['naps', 'common']);
  const { api } = useAppState();
  const text = useRecordText();
  const format = useNapFormat();
  const apiErrorText = useApiErrorText();
  const [state, setState] = useState<{ status: 'loading' } | { status: 'error'; error: unknown } | { status: 'ready'; versions: ResponseOf<'records.history'> }>({ status: 'loading' });
  useEffect(() => {
    api.call('records.history', { id: props.id, field: props.field }).then(
      (versions) => setState({ status: 'ready', versions: versions.slice().sort((a, b) => b.at - a.at) }),
      (error: unknown) => setState({ status: 'error', error }),
    );
  }, [api, props.id, props.field]);
  const lang = props.field.split('@')[1];
  /** One item's version in words; a removal names the item it removed (its last value before). */
  const itemText = (versions: readonly { value: Json; item?: string; at: number }[], index: number): string => {
    const v = versions[index]!;
    const key = props.field.includes('#') ? props.field : `${props.field}#${v.item}`;
    if (v.value !== null) return text.value(props.kind, key, v.value);
    const before = versions.slice(index + 1).find((w) => w.item === v.item && w.value !== null);
    return before ? t('naps:versions.removedItem', { item: isolate(text.value(props.kind, key, before.value)) }) : text.value(props.kind, key, null);
  };
  if (state.status === 'loading') {
    return (
      <Group role="status" gap="xs">
        <Loader size="xs" aria-hidden />
        <Text>{t('versions.historyLoading')}</Text>
      </Group>
    );
  }
  if (state.status === 'error') {
    return (
      <Text c="red.9" role="alert">
        {apiErrorText(state.error)}
      </Text>
    );
  }
  if (state.versions.length === 0) return <Text>{t('versions.historyEmpty')}</Text>;
  return (
    <Table verticalSpacing="xs">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('versions.when')}</Table.Th>
          <Table.Th>{t('versions.by')}</Table.Th>
          <Table.Th>{t('versions.value')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {state.versions.map((v, i) => (
          <Table.Tr key={i}>
            <Table.Td>{format.dateTime(v.at)}</Table.Td>
            <Table.Td dir="auto">{v.by || '—'}</Table.Td>
            <Table.Td>
              <span lang={lang} dir={lang ? textDirection(lang) : 'auto'}>
                {v.item !== undefined ? itemText(state.versions, i) : v.value === null ? '—' : YEAR_FIELDS.has(props.field) ? format.year(v.value) : text.value(props.kind, props.field, v.value)}
              </span>
              {v.current && (
                <Badge ms="xs" variant="filled" color="blue.8" className="nap-badge">
                  {t('versions.current')}
                </Badge>
              )}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
