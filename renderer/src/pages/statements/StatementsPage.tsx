import { compareText } from '../../../../shared/records/sort';
import { Alert, Anchor, Button, Group, Select, Table, Text, TextInput, VisuallyHidden } from '@mantine/core';
import { IconMessage2, IconPlus, IconSearch } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router';
import { textDirection } from '../../../../shared/i18n/languages';
import { countText, DEFAULT_TARGET_WORDS } from '../../../../shared/documents/word-count';
import type { RecordView } from '../../../../shared/records/codec';
import { INPUT_STATUSES, INPUT_TYPES } from '../../../../shared/records/kinds';
import type { Multilingual } from '../../../../shared/records/text';
import { shownLanguage } from '../../../../shared/records/text-version';
import { isolate } from '../../text/bidi';
import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';
import { useApiErrorText } from '../../text/errors';
import { useSearchMatches } from '../../hooks/useSearchMatches';
import { useRecordText } from '../../text/records-text';
import { useApi } from '../../hooks/useApi';
import { useDates } from '../../hooks/useDates';
import { useRecords } from '../../hooks/useRecords';
import { LoadState } from '../../components/LoadState';
import { StatusBadge } from '../naps/StatusBadge';
import { useStatementLinks } from './links';
import { NewStatementDialog } from './NewStatementDialog';
import './statements.css';

const SORTS = ['deadline', 'title', 'status'] as const;
type Sort = (typeof SORTS)[number];
const SORT_LABELS = { deadline: 'list.sortDeadline', title: 'list.sortTitle', status: 'list.sortStatus' } as const satisfies Record<Sort, string>;

/** What the editor hands back when it deletes a statement: the list offers to undo it. */
export interface DeletedStatement {
  deleted: { id: string; title: string };
}
const isDeleted = (state: unknown): state is DeletedStatement =>
  typeof state === 'object' && state !== null && 'deleted' in state && typeof (state as DeletedStatement).deleted?.id === 'string';

/** Statuses in the order a statement goes through them; one with none comes first. */
const STATUS_ORDER: readonly unknown[] = INPUT_STATUSES;

/** A statement's title in the version shown (text-version.ts), marked with its language. */
function StatementTitle({ record }: { record: RecordView }) {
  const { i18n } = useTranslation();
  const text = useRecordText();
  const title = (record.fields.title ?? null) as Multilingual | null;
  const lang = shownLanguage(title, i18n.language);
  return (
    <Anchor component={Link} to={`/statements/${record.id}`} fw={600} lang={lang ?? undefined} dir={lang ? textDirection(lang) : undefined}>
      {lang ? title![lang] : text.title({})}
    </Anchor>
  );
}

/** Every written statement, comment and recommendation: searchable, filtered, sorted by deadline. */
export function StatementsPage() {
  const { t, i18n } = useTranslation('statements');
  const pages = useTranslation('pages').t;
  const text = useRecordText();
  const dates = useDates();
  const api = useApi();
  const apiErrorText = useApiErrorText();
  const location = useLocation();
  const navigate = useNavigate();
  const inputs = useRecords('input');
  const links = useStatementLinks();
  const [search, setSearch] = useState('');
  const [type, setType] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [sort, setSort] = useState<Sort>('deadline');
  const [creating, setCreating] = useState(false);
  const [undoFailure, setUndoFailure] = useState<string | null>(null);
  // Found by the words of the title, the text, the author, the addressee or the delegation.
  const matches = useSearchMatches('input', search, inputs.data);
  const deleted = isDeleted(location.state) ? location.state.deleted : null;
  const forget = () => void navigate('.', { replace: true, state: null });
  const number = useMemo(() => new Intl.NumberFormat(i18n.language), [i18n.language]);

  const shown = useMemo(() => {
    const titleOf = (r: RecordView) => text.title(r.fields);
    const list = (inputs.data ?? []).filter((r) => {
      if (type && r.fields.type !== type) return false;
      if (status && r.fields.status !== status) return false;
      if (matches.ids && !matches.ids.has(r.id)) return false;
      return true;
    });
    const byTitle = (a: RecordView, b: RecordView) => compareText(titleOf(a), titleOf(b), i18n.language);
    const compare: Record<Sort, (a: RecordView, b: RecordView) => number> = {
      // The nearest deadline first; statements with none come last.
      deadline: (a, b) => String(a.fields.deadline ?? '9999').localeCompare(String(b.fields.deadline ?? '9999')) || byTitle(a, b),
      title: byTitle,
      status: (a, b) => STATUS_ORDER.indexOf(a.fields.status) - STATUS_ORDER.indexOf(b.fields.status) || byTitle(a, b),
    };
    return list.sort(compare[sort]);
  }, [inputs.data, type, status, matches.ids, sort, text, i18n.language]);

  const undo = async () => {
    if (!deleted) return;
    setUndoFailure(null);
    try {
      await api.call('records.restore', { id: deleted.id });
      forget();
    } catch (error) {
      setUndoFailure(apiErrorText(error));
    }
  };

  const length = (r: RecordView) => {
    const body = (r.fields.body ?? null) as Multilingual | null;
    const lang = shownLanguage(body, i18n.language) ?? shownLanguage(r.fields.title, i18n.language);
    const words = lang && body?.[lang] ? countText(body[lang], lang).words : 0;
    const target = typeof r.fields.targetWords === 'number' ? r.fields.targetWords : DEFAULT_TARGET_WORDS;
    return { text: t('count.words', { count: target, words, target: number.format(target) }), over: words > target };
  };

  const forWhat = (r: RecordView) => {
    const meeting = typeof r.fields.meetingId === 'string' ? links.byId.get(r.fields.meetingId) : undefined;
    const nap = typeof r.fields.napId === 'string' ? links.byId.get(r.fields.napId) : undefined;
    const target = meeting ?? nap;
    if (!target) return '—';
    return (
      <Anchor component={Link} to={`/${target.kind === 'meeting' ? 'meetings' : 'naps'}/${target.id}`} size="sm" dir="auto">
        {text.title(target.fields)}
      </Anchor>
    );
  };

  const total = inputs.data?.length ?? 0;
  return (
    <>
      <PageHeader title={pages('statements.title')} />
      {deleted && (
        <Alert color="gray" role="status" mb="md" withCloseButton closeButtonLabel={t('list.dismiss')} onClose={forget}>
          <Group justify="space-between">
            <Text size="sm">{t('list.deleted', { title: isolate(deleted.title) })}</Text>
            <Button size="xs" variant="default" onClick={() => void undo()}>
              {t('list.undo')}
            </Button>
          </Group>
          {undoFailure && (
            <Text size="sm" c="red.9" role="alert">
              {undoFailure}
            </Text>
          )}
        </Alert>
      )}
      {total > 0 && (
        <Group justify="space-between" mb="md" wrap="wrap" gap="sm" align="flex-end">
          <Group gap="sm" wrap="wrap" align="flex-end">
            <TextInput
              aria-label={t('list.search')}
              placeholder={t('list.search')}
              leftSection={<IconSearch size={16} aria-hidden />}
              value={search}
              onChange={(e) => setSearch(e.currentTarget.value)}
              type="search"
            />
            <Select
              aria-label={t('list.type')}
              placeholder={t('list.allTypes')}
              data={INPUT_TYPES.map((v) => ({ value: v, label: text.value('input', 'type', v) }))}
              value={type}
              onChange={setType}
              clearable
              clearButtonProps={{ 'aria-label': t('list.clearType') }}
              w={220}
            />
            <Select
              aria-label={t('list.status')}
              placeholder={t('list.allStatuses')}
              data={INPUT_STATUSES.map((v) => ({ value: v, label: text.value('input', 'status', v) }))}
              value={status}
              onChange={setStatus}
              clearable
              clearButtonProps={{ 'aria-label': t('list.clearStatus') }}
              w={200}
            />
            <Select
              aria-label={t('list.sort')}
              data={SORTS.map((s) => ({ value: s, label: t(SORT_LABELS[s]) }))}
              value={sort}
              onChange={(v) => v && setSort(v as Sort)}
              allowDeselect={false}
              w={200}
            />
          </Group>
          <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setCreating(true)}>
            {t('list.new')}
          </Button>
        </Group>
      )}
      {inputs.data === null ? (
        <LoadState error={inputs.error} onRetry={inputs.reload} />
      ) : matches.error ? (
        <LoadState error={matches.error} onRetry={matches.retry} />
      ) : total === 0 ? (
        <>
          <EmptyState icon={IconMessage2} title={t('list.emptyTitle')} body={t('list.emptyBody', { number: DEFAULT_TARGET_WORDS })} />
          <Group justify="center" mt="md">
            <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setCreating(true)}>
              {t('list.emptyAction')}
            </Button>
          </Group>
        </>
      ) : shown.length === 0 ? (
        <Text c="dimmed" role="status">
          {t('list.noMatch')}
        </Text>
      ) : (
        <>
          <Text size="sm" c="dimmed" mb="xs" role="status">
            {t('list.count', { count: shown.length })}
          </Text>
          <Table.ScrollContainer minWidth={960}>
            <Table verticalSpacing="sm" striped>
              <VisuallyHidden component="caption">{pages('statements.title')}</VisuallyHidden>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{text.field('title')}</Table.Th>
                  <Table.Th>{text.field('type')}</Table.Th>
                  <Table.Th>{t('list.by')}</Table.Th>
                  <Table.Th>{t('list.for')}</Table.Th>
                  <Table.Th>{text.field('deadline')}</Table.Th>
                  <Table.Th>{text.field('status')}</Table.Th>
                  <Table.Th>{t('list.length')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {shown.map((r) => {
                  const size = length(r);
                  const by = [r.fields.delegation, r.fields.author].filter((v) => typeof v === 'string' && v).join(' · ');
                  return (
                    <Table.Tr key={r.id}>
                      <Table.Td>
                        <StatementTitle record={r} />
                      </Table.Td>
                      <Table.Td>{typeof r.fields.type === 'string' ? text.value('input', 'type', r.fields.type) : '—'}</Table.Td>
                      <Table.Td dir="auto">{by || '—'}</Table.Td>
                      <Table.Td>{forWhat(r)}</Table.Td>
                      <Table.Td>{typeof r.fields.deadline === 'string' ? dates.day(r.fields.deadline) : t('list.noDeadline')}</Table.Td>
                      <Table.Td>{typeof r.fields.status === 'string' ? <StatusBadge kind="input" value={r.fields.status} /> : '—'}</Table.Td>
                      <Table.Td className="statement-count" data-over={size.over || undefined}>
                        {size.text}
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </>
      )}
      <NewStatementDialog opened={creating} onClose={() => setCreating(false)} meetingOptions={links.meetingOptions} />
    </>
  );
}
