import {
  Alert,
  Badge,
  Button,
  Checkbox,
  Group,
  List,
  MultiSelect,
  PasswordInput,
  Progress,
  Radio,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { IconFileImport, IconPackageExport } from '@tabler/icons-react';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BundleScope, ChangeKind, ImportEntry, ImportPreview, KindCounts, UndoResult } from '../../../../shared/bundle/format';
import type { Kind } from '../../../../shared/records/kinds';
import { bundleCode, useBundleErrorText } from '../../text/bundle-errors';
import { ResultAlert } from '../../components/ResultAlert';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { PageHeader } from '../../components/PageHeader';
import { Section } from '../../components/Section';
import { DateField } from '../../components/DateField';
import { downloadText } from '../../api/download';
import { isolate } from '../../text/bidi';
import { useApiErrorText } from '../../text/errors';
import { useRecordText } from '../../text/records-text';
import { useAppState } from '../../api/state';
import { useExportChoices } from '../../hooks/useExportChoices';
import { PASSPHRASE_MIN } from '../../../../shared/team/format';
import { useProgress } from '../../hooks/useProgress';

const CHANGES = ['new', 'updated', 'unchanged', 'conflicting', 'deleted'] as const satisfies readonly ChangeKind[];
const CHANGE_KEYS = {
  new: 'bundles.change.new',
  updated: 'bundles.change.updated',
  unchanged: 'bundles.change.unchanged',
  conflicting: 'bundles.change.conflicting',
  deleted: 'bundles.change.deleted',
} as const satisfies Record<ChangeKind, string>;
const CHANGE_COLOR: Record<ChangeKind, string> = { new: 'teal.9', updated: 'blue.9', unchanged: 'gray.8', conflicting: 'orange.9', deleted: 'red.9' };

function ProgressBar({ progress, label }: { progress: { done: number; total: number } | null; label: string }) {
  if (!progress || progress.total === 0) return null;
  const value = Math.round((100 * progress.done) / progress.total);
  return <Progress value={value} aria-label={label} size="lg" animated={value < 100} />;
}

function ExportPanel() {
  const { t } = useTranslation('pages');
  const { api } = useAppState();
  const apiErrorText = useApiErrorText();
  const [scope, setScope] = useState<'all' | 'nap' | 'meetings' | 'selection'>('all');
  const [selected, setSelected] = useState<string[]>([]);
  const [napId, setNapId] = useState<string | null>(null);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [note, setNote] = useState('');
  const [protect, setProtect] = useState(false);
  const [passphrase, setPassphrase] = useState('');
  const [compact, setCompact] = useState(false);
  const [confirm, setConfirm] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ tone: 'ok' | 'error'; text: string } | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const progress = useProgress('export', busy);

  const { naps, choices } = useExportChoices(scope === 'selection');

  const submit = async () => {
    const found: Record<string, string> = {};
    if (scope === 'nap' && !napId) found.nap = t('bundles.export.chooseNap');
    if (scope === 'meetings') {
      if (!from) found.from = t('bundles.export.dateRequired');
      if (!to) found.to = t('bundles.export.dateRequired');
      if (from && to && to < from) found.to = t('bundles.export.rangeError');
    }
    if (scope === 'selection' && selected.length === 0) found.selection = t('bundles.export.chooseRecords');
    if (protect) {
      if (passphrase.length < PASSPHRASE_MIN) found.passphrase = t('bundles.export.tooShort', { min: PASSPHRASE_MIN });
      else if (confirm !== passphrase) found.confirm = t('bundles.export.mismatch');
    }
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    const chosen: BundleScope =
      scope === 'all'
        ? { type: 'all' }
        : scope === 'nap'
          ? { type: 'nap', napId: napId! }
          : scope === 'meetings'
            ? { type: 'meetings', from, to }
            : { type: 'selection', ids: selected };
    setBusy(true);
    setResult(null);
    try {
      const exported = await api.call('bundles.export', { scope: chosen, note: note || undefined, passphrase: protect ? passphrase : undefined, compact: compact || undefined });
      downloadText(exported.fileName, exported.content);
      setResult({ tone: 'ok', text: t('bundles.export.done', { count: exported.records, file: isolate(exported.fileName) }) });
    } catch (error) {
      setResult({ tone: 'error', text: apiErrorText(error) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Section title={t('bundles.export.title')} icon={<IconPackageExport size={22} aria-hidden />}>
      <Stack gap="md" maw={620}>
        <Radio.Group label={t('bundles.export.scope')} value={scope} onChange={(v) => setScope(v as typeof scope)}>
          <Stack gap="xs" mt="xs">
            <Radio value="all" label={t('bundles.export.scopeAll')} />
            <Radio value="nap" label={t('bundles.export.scopeNap')} />
            <Radio value="meetings" label={t('bundles.export.scopeMeetings')} />
            <Radio value="selection" label={t('bundles.export.scopeSelection')} />
          </Stack>
        </Radio.Group>
        {scope === 'nap' &&
          (naps && naps.length === 0 ? (
            <Text c="dimmed">{t('bundles.export.noNaps')}</Text>
          ) : (
            <Select label={t('bundles.export.nap')} data={naps ?? []} value={napId} onChange={setNapId} searchable error={errors.nap} />
          ))}
        {scope === 'meetings' && (
          <Group grow align="flex-start">
            <DateField label={t('bundles.export.from')} value={from} onChange={(v) => setFrom(v ?? '')} error={errors.from} clearable />
            <DateField label={t('bundles.export.to')} value={to} onChange={(v) => setTo(v ?? '')} error={errors.to} clearable />
          </Group>
        )}
        {scope === 'selection' &&
          (choices && choices.length === 0 ? (
            <Text c="dimmed">{t('bundles.export.noRecords')}</Text>
          ) : (
            <MultiSelect
              label={t('bundles.export.records')}
              description={t('bundles.export.recordsHint')}
              data={choices ?? []}
              value={selected}
              onChange={setSelected}
              searchable
              clearable
              nothingFoundMessage={t('bundles.export.nothingFound')}
              error={errors.selection}
              maxDropdownHeight={320}
            />
          ))}
        <Textarea label={t('bundles.export.note')} description={t('bundles.export.noteHint')} value={note} onChange={(e) => setNote(e.currentTarget.value)} maxLength={1000} autosize minRows={2} dir="auto" />
        <Checkbox label={t('bundles.export.compact')} description={t('bundles.export.compactHint')} checked={compact} onChange={(e) => setCompact(e.currentTarget.checked)} />
        <Checkbox label={t('bundles.export.protect')} description={t('bundles.export.protectHint')} checked={protect} onChange={(e) => setProtect(e.currentTarget.checked)} />
        {protect && (
          <Group grow align="flex-start">
            <PasswordInput label={t('bundles.export.passphrase')} value={passphrase} onChange={(e) => setPassphrase(e.currentTarget.value)} error={errors.passphrase} autoComplete="new-password" visibilityToggleButtonProps={{ 'aria-label': t('actions.togglePassphrase', { ns: 'common' }) }} />
            <PasswordInput label={t('bundles.export.confirm')} value={confirm} onChange={(e) => setConfirm(e.currentTarget.value)} error={errors.confirm} autoComplete="new-password" visibilityToggleButtonProps={{ 'aria-label': t('actions.togglePassphrase', { ns: 'common' }) }} />
          </Group>
        )}
        <ProgressBar progress={progress} label={t('bundles.progress.export')} />
        <ResultAlert result={result} />
        <Group>
          <Button onClick={() => void submit()} loading={busy}>
            {t('bundles.export.submit')}
          </Button>
        </Group>
      </Stack>
    </Section>
  );
}

function CountsTable({ counts }: { counts: Partial<Record<Kind, KindCounts>> }) {
  const { t, i18n } = useTranslation('pages');
  const text = useRecordText();
  const number = new Intl.NumberFormat(i18n.language);
  return (
    <Table withTableBorder striped>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('bundles.import.kind')}</Table.Th>
          {CHANGES.map((c) => (
            <Table.Th key={c}>{t(CHANGE_KEYS[c])}</Table.Th>
          ))}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {(Object.entries(counts) as [Kind, KindCounts][]).map(([kind, c]) => (
          <Table.Tr key={kind}>
            <Table.Td>{text.kind(kind)}</Table.Td>
            {CHANGES.map((change) => (
              <Table.Td key={change}>{number.format(c[change])}</Table.Td>
            ))}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function PreviewPanel(props: { preview: ImportPreview; onApply(): void; onCancel(): void; busy: boolean }) {
  const { t, i18n } = useTranslation('pages');
  const text = useRecordText();
  const { bundle } = props.preview;
  const date = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'long', timeStyle: 'short' });
  const changes = props.preview.items.length + props.preview.moreItems;
  const scope =
    bundle.scope.type === 'all'
      ? t('bundles.scope.all')
      : bundle.scope.type === 'nap'
        ? t('bundles.scope.nap')
        : bundle.scope.type === 'meetings'
          ? t('bundles.scope.meetings', { from: bundle.scope.from, to: bundle.scope.to })
          : bundle.scope.type === 'selection'
            ? t('bundles.scope.selection', { count: bundle.scope.ids.length })
            : t('bundles.scope.team');
  return (
    <Stack gap="md" aria-label={t('bundles.import.previewTitle')} role="region">
      <Title order={3} size="h5">
        {t('bundles.import.previewTitle')}
      </Title>
      <Text>
        {t('bundles.import.from', { name: isolate(bundle.creator.name || '—'), organisation: isolate(bundle.creator.organisation || '—') })}
        <br />
        {t('bundles.import.made', { date: isolate(date.format(new Date(bundle.createdAt))), version: isolate(bundle.appVersion) })}
        <br />
        {t('bundles.import.covers', { scope })}
      </Text>
      {bundle.note && (
        <Text fs="italic" dir="auto">
          {t('bundles.import.note', { note: bundle.note })}
        </Text>
      )}
      {bundle.encrypted && <Badge variant="outline" color="gray.8">{t('bundles.import.encrypted')}</Badge>}
      {props.preview.alreadyImported && (
        <Alert color="blue" role="status" classNames={{ message: 'notice-title' }}>
          {t('bundles.import.already')}
        </Alert>
      )}
      {props.preview.aheadOfClock !== undefined && (
        <Alert color="orange" role="status" classNames={{ message: 'notice-title' }}>
          {t('bundles.import.ahead', {
            date: isolate(new Intl.DateTimeFormat(i18n.language, { dateStyle: 'long', timeStyle: 'short' }).format(new Date(props.preview.aheadOfClock))),
          })}
        </Alert>
      )}
      <CountsTable counts={props.preview.counts} />
      {changes === 0 ? (
        <Text>{t('bundles.import.nothing')}</Text>
      ) : (
        <Table withTableBorder>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('bundles.import.item')}</Table.Th>
              <Table.Th>{t('bundles.import.kind')}</Table.Th>
              <Table.Th>{t('bundles.import.change')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {props.preview.items.map((item) => (
              <Table.Tr key={item.id}>
                <Table.Td dir="auto">{item.title || text.title({})}</Table.Td>
                <Table.Td>{text.kind(item.kind)}</Table.Td>
                <Table.Td className="nowrap">
                  <Badge color={CHANGE_COLOR[item.change]} variant="filled">
                    {t(CHANGE_KEYS[item.change])}
                  </Badge>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {props.preview.moreItems > 0 && <Text c="dimmed">{t('bundles.import.more', { count: props.preview.moreItems })}</Text>}
      <Group>
        <Button onClick={props.onApply} loading={props.busy} disabled={changes === 0}>
          {t('bundles.import.apply')}
        </Button>
        <Button variant="default" onClick={props.onCancel} disabled={props.busy}>
          {t('bundles.import.cancel')}
        </Button>
      </Group>
    </Stack>
  );
}

/** A file's bytes in base64, read natively (a data: URL), without building a string of 200 MB by hand. */
function base64Of(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result);
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error('unreadable file'));
    reader.readAsDataURL(file);
  });
}

function ImportPanel({ onImported }: { onImported(): void }) {
  const { t, i18n } = useTranslation('pages');
  const { api } = useAppState();
  const bundleErrorText = useBundleErrorText();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<{ name: string; bytes: string } | null>(null);
  const [needsPassphrase, setNeedsPassphrase] = useState(false);
  const [passphrase, setPassphrase] = useState('');
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [busy, setBusy] = useState(false);
  const [dragging, setDragging] = useState(false);
  const [message, setMessage] = useState<{ tone: 'ok' | 'error'; text: string } | null>(null);
  const progress = useProgress('import', busy);

  const open = useCallback(
    async (name: string, bytes: string, secret?: string) => {
      setBusy(true);
      setMessage(null);
      setPreview(null);
      setFile({ name, bytes });
      try {
        setPreview(await api.call('bundles.preview', { bytes, passphrase: secret || undefined, language: i18n.language }));
        setNeedsPassphrase(false);
      } catch (error) {
        const code = bundleCode(error);
        if (code === 'needs_passphrase' || code === 'wrong_passphrase') setNeedsPassphrase(true);
        if (code !== 'needs_passphrase') setMessage({ tone: 'error', text: bundleErrorText(error) });
      } finally {
        setBusy(false);
      }
    },
    [api, i18n.language, bundleErrorText],
  );

  // A bundle opened from the system (double-click, the app icon) arrives as an event.
  useEffect(() => api.on('bundle.opened', ({ fileName, bytes }) => void open(fileName, bytes)), [api, open]);

  const pick = async (picked: File | undefined) => {
    if (!picked) return;
    setPassphrase('');
    // The bytes as they are; the core checks every one of them (as text, bytes that are not
    // UTF-8 would already have become replacement characters).
    await open(picked.name, await base64Of(picked));
  };

  const apply = async () => {
    if (!preview) return;
    setBusy(true);
    try {
      await api.call('bundles.apply', { previewId: preview.previewId });
      setPreview(null);
      setFile(null);
      setMessage({ tone: 'ok', text: t('bundles.import.applied') });
      onImported();
    } catch (error) {
      setMessage({ tone: 'error', text: bundleErrorText(error) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Section title={t('bundles.import.title')} icon={<IconFileImport size={22} aria-hidden />}>
      <Stack gap="md">
        <div
          className={dragging ? 'drop-zone drop-zone-active' : 'drop-zone'}
          onDragOver={(event) => {
            event.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={(event) => {
            event.preventDefault();
            setDragging(false);
            void pick(event.dataTransfer.files[0]);
          }}
        >
          <Text>{t('bundles.import.drop')}</Text>
          <Button variant="light" mt="sm" onClick={() => input.current?.click()} disabled={busy}>
            {t('bundles.import.choose')}
          </Button>
          <input
            ref={input}
            type="file"
            accept=".fpbundle,application/json"
            hidden
            aria-label={t('bundles.import.choose')}
            onChange={(event) => {
              void pick(event.currentTarget.files?.[0]);
              event.currentTarget.value = '';
            }}
          />
        </div>
        {file && (
          <Text size="sm" dir="auto">
            {t('bundles.import.file', { name: isolate(file.name) })}
          </Text>
        )}
        {needsPassphrase && file && (
          <Group align="flex-end">
            <PasswordInput
              label={t('bundles.import.passphrase')}
              description={t('bundles.import.passphraseHint')}
              value={passphrase}
              onChange={(e) => setPassphrase(e.currentTarget.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter') void open(file.name, file.bytes, passphrase);
              }}
              autoComplete="off"
              visibilityToggleButtonProps={{ 'aria-label': t('actions.togglePassphrase', { ns: 'common' }) }}
            />
            <Button onClick={() => void open(file.name, file.bytes, passphrase)} loading={busy}>
              {t('bundles.import.unlock')}
            </Button>
          </Group>
        )}
        <ProgressBar progress={progress} label={t('bundles.progress.import')} />
        <ResultAlert result={message} />
        {preview && (
          <PreviewPanel
            preview={preview}
            busy={busy}
            onApply={() => void apply()}
            onCancel={() => {
              setPreview(null);
              setFile(null);
            }}
          />
        )}
      </Stack>
    </Section>
  );
}

/** The later edits an undo kept, named so the person can check them. */
function KeptList({ result }: { result: UndoResult }) {
  const { t } = useTranslation('pages');
  const text = useRecordText();
  if (result.kept.length === 0) return null;
  return (
    <Stack gap={4}>
      <Text>{t('bundles.history.kept', { count: result.kept.length + result.moreKept })}</Text>
      <List size="sm">
        {result.kept.map((item) => (
          <List.Item key={`${item.id}-${item.field ?? ''}`}>
            <bdi>{item.title || '—'}</bdi>
            {' — '}
            {item.field === null ? t('bundles.history.keptRecord') : text.field(item.field)}
          </List.Item>
        ))}
      </List>
      {result.moreKept > 0 && <Text c="dimmed">{t('bundles.history.keptMore', { count: result.moreKept })}</Text>}
    </Stack>
  );
}

function HistoryPanel({ entries, reload }: { entries: ImportEntry[] | null; reload(): void }) {
  const { t, i18n } = useTranslation('pages');
  const { api } = useAppState();
  const apiErrorText = useApiErrorText();
  const [confirm, setConfirm] = useState(false);
  const [message, setMessage] = useState<{ tone: 'ok' | 'error'; text: string } | null>(null);
  const [undone, setUndone] = useState<UndoResult | null>(null);
  const date = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  const total = (entry: ImportEntry, change: ChangeKind) => Object.values(entry.counts).reduce((sum, c) => sum + (c?.[change] ?? 0), 0);
  const last = entries?.find((e) => !e.undone);
  return (
    <Section title={t('bundles.history.title')}>
      <Stack gap="md">
        {entries && entries.length === 0 && (
          <Stack gap={4}>
            <Text fw={600}>{t('bundles.emptyTitle')}</Text>
            <Text c="dimmed">{t('bundles.emptyBody')}</Text>
          </Stack>
        )}
        {entries && entries.length > 0 && (
          <Table withTableBorder striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('bundles.history.when')}</Table.Th>
                <Table.Th>{t('bundles.history.from')}</Table.Th>
                <Table.Th>{t('bundles.history.changes')}</Table.Th>
                <Table.Th>{t('bundles.history.state')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {entries.map((entry) => (
                <Table.Tr key={`${entry.bundleId}-${entry.importedAt}`}>
                  <Table.Td>{date.format(new Date(entry.importedAt))}</Table.Td>
                  <Table.Td>
                    <Text span inherit dir="auto">
                      {entry.creator.name || '—'}
                    </Text>
                    {entry.team && (
                      <Text span inherit c="dimmed">
                        {' '}
                        ({t('bundles.history.viaTeam')})
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    {t('bundles.history.summary', { new: total(entry, 'new'), updated: total(entry, 'updated'), conflicting: total(entry, 'conflicting') })}
                  </Table.Td>
                  <Table.Td>{entry.undone ? t('bundles.history.undone') : t('bundles.history.applied')}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        <ResultAlert result={message} />
        {undone && <KeptList result={undone} />}
        {last && last.id && (
          <Group>
            <Button variant="default" onClick={() => setConfirm(true)}>
              {t('bundles.history.undo')}
            </Button>
          </Group>
        )}
        {last && !last.id && <Text c="dimmed">{t('bundles.history.legacy')}</Text>}
        <ConfirmDialog
          opened={confirm}
          title={t('bundles.history.undoTitle')}
          body={last ? t('bundles.history.undoBody', { name: isolate(last.creator.name || '—'), date: isolate(date.format(new Date(last.importedAt))) }) : ''}
          cancelLabel={t('bundles.import.cancel')}
          confirmLabel={t('bundles.history.undo')}
          onCancel={() => setConfirm(false)}
          onConfirm={() => {
            setConfirm(false);
            setUndone(null);
            api.call('bundles.undoLast', {}).then(
              (result) => {
                setMessage({ tone: 'ok', text: t('bundles.history.undoneMessage') });
                setUndone(result);
                reload();
              },
              (error: unknown) => setMessage({ tone: 'error', text: apiErrorText(error) }),
            );
          }}
        />
      </Stack>
    </Section>
  );
}

/** Bundles: export work to send, import what others send (preview first), and the import log. */
export function BundlesPage() {
  const { t } = useTranslation('pages');
  const { api } = useAppState();
  const [history, setHistory] = useState<ImportEntry[] | null>(null);
  const reload = useCallback(() => {
    api.call('bundles.history', {}).then(setHistory, () => setHistory([]));
  }, [api]);
  useEffect(reload, [reload]);
  return (
    <>
      <PageHeader title={t('bundles.title')} subtitle={t('bundles.subtitle')} />
      <Stack gap="lg" maw={960}>
        <ImportPanel onImported={reload} />
        <ExportPanel />
        <HistoryPanel entries={history} reload={reload} />
      </Stack>
    </>
  );
}
