import { compareText } from '../../../../shared/records/sort';
import { Button, Group, MultiSelect, SegmentedControl, Select, Switch, Text, TextInput } from '@mantine/core';
import { IconChecklist, IconSearch } from '@tabler/icons-react';
import { useCallback, useDeferredValue, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import {
  localDay,
  selectActionPoints,
  type ActionPointFilter,
  type ActionPointSortKey,
  type ActionPointStatus,
} from '../../../../shared/records/action-points';
import type { RecordView } from '../../../../shared/records/codec';
import { ACTION_POINT_STATUSES } from '../../../../shared/records/kinds';
import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';
import { DateField } from '../../components/DateField';
import { ExportDocumentButton } from '../../components/ExportDocumentDialog';
import { languageOf } from '../../../../shared/records/text-version';
import { useApiErrorText } from '../../text/errors';
import { useSearchMatches } from '../../hooks/useSearchMatches';
import { useRecordText } from '../../text/records-text';
import { ActionBoard } from './ActionBoard';
import { ActionPointDrawer } from './ActionPointDrawer';
import { ActionTable } from './ActionTable';
import { useApi } from '../../hooks/useApi';
import { useById, useRecords } from '../../hooks/useRecords';
import { LoadState } from '../../components/LoadState';

export type Sort = { by: ActionPointSortKey; direction: 'asc' | 'desc' };

/**
 * Every action point, from every meeting: filtered and sorted in memory (10,000 answer at once),
 * shown as a table (with bulk status changes) or as a board by status.
 */
export function ActionsPage() {
  const { t, i18n } = useTranslation('meetings');
  const pages = useTranslation('pages').t;
  const api = useApi();
  const text = useRecordText();
  const apiErrorText = useApiErrorText();
  const actions = useRecords('action');
  const contacts = useRecords('contact', { includeDeleted: true });
  const meetings = useRecords('meeting', { includeDeleted: true });
  const napActions = useRecords('nap.action');
  const contactsById = useById(contacts.data);
  const meetingsById = useById(meetings.data);
  const [view, setView] = useState<'table' | 'board'>('table');
  const [statuses, setStatuses] = useState<string[]>([]);
  const [owner, setOwner] = useState<string | null>(null);
  const [dueBy, setDueBy] = useState('');
  const [meetingId, setMeetingId] = useState<string | null>(null);
  const [napActionId, setNapActionId] = useState<string | null>(null);
  const [overdueOnly, setOverdueOnly] = useState(false);
  const [search, setSearch] = useState('');
  const [sort, setSort] = useState<Sort>({ by: 'dueDate', direction: 'asc' });
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [bulkStatus, setBulkStatus] = useState<string | null>(null);
  const [bulkBusy, setBulkBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [chosen, setChosen] = useState<RecordView | null>(null);
  // `?open=ID` (a link from the dashboard) opens that action point's panel once the list is in.
  const [params, setParams] = useSearchParams();
  const linked = params.get('open');
  // A new link (a search result followed while a panel is open) replaces the panel shown.
  const [linkSeen, setLinkSeen] = useState(linked);
  if (linked !== linkSeen) {
    setLinkSeen(linked);
    if (linked) setChosen(null);
  }
  const open = chosen ?? (linked ? (actions.data?.find((ap) => ap.id === linked) ?? null) : null);
  const setOpen = (ap: RecordView | null) => {
    setChosen(ap);
    if (!ap && linked) setParams({}, { replace: true });
  };
  const today = localDay();
  // Found by the words of their title, details, completion note or owner, through the search index.
  const matches = useSearchMatches('action', search, actions.data);

  const filter: ActionPointFilter = useMemo(
    () => ({
      statuses: statuses as ActionPointStatus[],
      owner: owner ?? undefined,
      dueBy: dueBy || undefined,
      meetingId: meetingId ?? undefined,
      napActionId: napActionId ?? undefined,
      overdueOnly,
      matching: matches.ids ?? undefined,
    }),
    [statuses, owner, dueBy, meetingId, napActionId, overdueOnly, matches.ids],
  );
  const deferredFilter = useDeferredValue(filter);
  const deferredSort = useDeferredValue(sort);
  const shown = useMemo(
    () =>
      selectActionPoints(actions.data ?? [], deferredFilter, deferredSort, { today, locale: i18n.language }),
    [actions.data, deferredFilter, deferredSort, today, i18n.language],
  );

  const ownerOptions = useMemo(() => {
    const people = (contacts.data ?? [])
      .filter((c) => !c.deleted)
      .map((c) => ({ value: c.id, label: String(c.fields.name ?? '') }));
    const institutions = [
      ...new Set(
        (actions.data ?? [])
          .map((ap) => (ap.fields.owner as { institution?: string } | undefined)?.institution)
          .filter((v): v is string => !!v),
      ),
    ].map((v) => ({ value: v, label: v }));
    const byLabel = (a: { label: string }, b: { label: string }) => compareText(a.label, b.label, i18n.language);
    return [
      { group: t('filters.contacts'), items: people.sort(byLabel) },
      {
        group: t('filters.institutions'),
        items: institutions.sort(byLabel),
      },
    ].filter((g) => g.items.length > 0);
  }, [contacts.data, actions.data, i18n.language, t]);

  // Stable option lists: the filters do not redo their work on every keystroke in the search box.
  const { title: titleOf, value: valueOf } = text;
  const meetingOptions = useMemo(
    () =>
      (meetings.data ?? []).filter((m) => !m.deleted).map((m) => ({ value: m.id, label: titleOf(m.fields) })),
    [meetings.data, titleOf],
  );
  const napOptions = useMemo(
    () => (napActions.data ?? []).map((a) => ({ value: a.id, label: titleOf(a.fields).slice(0, 120) })),
    [napActions.data, titleOf],
  );
  const statusOptions = useMemo(
    () => ACTION_POINT_STATUSES.map((s) => ({ value: s, label: valueOf('action', 'status', s) })),
    [valueOf],
  );

  const clear = useCallback(() => {
    setStatuses([]);
    setOwner(null);
    setDueBy('');
    setMeetingId(null);
    setNapActionId(null);
    setOverdueOnly(false);
    setSearch('');
  }, []);
  const { field: fieldOf } = text;
  const filtered = statuses.length > 0 || owner || dueBy || meetingId || napActionId || overdueOnly || search;
  // The filter bar is kept as it is when only the sort or the selection changes (re-rendering its
  // six pickers is most of the cost of a click on a large list).
  const filterBar = useMemo(
    () => (
      <Group gap="sm" mb="sm" align="flex-end" wrap="wrap">
        <TextInput
          label={t('filters.search')}
          leftSection={<IconSearch size={16} aria-hidden />}
          type="search"
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          w={220}
        />
        <MultiSelect
          label={fieldOf('status')}
          placeholder={statuses.length === 0 ? t('filters.anyStatus') : undefined}
          data={statusOptions}
          value={statuses}
          onChange={setStatuses}
          clearable
          clearButtonProps={{ 'aria-label': t('filters.clearStatus') }}
          w={240}
        />
        <Select
          label={fieldOf('owner')}
          placeholder={t('filters.anyone')}
          data={ownerOptions}
          value={owner}
          onChange={setOwner}
          searchable
          clearable
          clearButtonProps={{ 'aria-label': t('filters.clearOwner') }}
          nothingFoundMessage={t('filters.nothingFound')}
          w={220}
        />
        <DateField label={t('filters.dueBy')} value={dueBy} onChange={(v) => setDueBy(v ?? '')} clearable w={200} />
        <Select
          label={fieldOf('meetingId')}
          placeholder={t('filters.anyMeeting')}
          data={meetingOptions}
          value={meetingId}
          onChange={setMeetingId}
          searchable
          clearable
          clearButtonProps={{ 'aria-label': t('filters.clearMeeting') }}
          nothingFoundMessage={t('filters.nothingFound')}
          w={240}
        />
        <Select
          label={fieldOf('napActionId')}
          placeholder={t('filters.anyNap')}
          data={napOptions}
          value={napActionId}
          onChange={setNapActionId}
          searchable
          clearable
          clearButtonProps={{ 'aria-label': t('filters.clearNap') }}
          nothingFoundMessage={t('filters.nothingFound')}
          w={220}
        />
        <Switch
          label={t('filters.overdueOnly')}
          checked={overdueOnly}
          onChange={(e) => setOverdueOnly(e.currentTarget.checked)}
          mb={8}
        />
        {filtered && (
          <Button variant="subtle" onClick={clear} mb={2}>
            {t('filters.clear')}
          </Button>
        )}
      </Group>
    ),
    [
      t,
      fieldOf,
      search,
      statuses,
      statusOptions,
      owner,
      ownerOptions,
      dueBy,
      meetingId,
      meetingOptions,
      napActionId,
      napOptions,
      overdueOnly,
      filtered,
      clear,
    ],
  );

  const applyBulk = async () => {
    if (!bulkStatus || selected.size === 0) return;
    setBulkBusy(true);
    setMessage(null);
    const ids = [...selected];
    try {
      // One write for all of them: every selected point changes, or none does.
      const { updated } = await api.call('records.updateMany', {
        items: ids.map((id) => ({ id, fields: { status: bulkStatus } })),
      });
      setMessage({
        ok: true,
        text: t('bulk.done', { count: updated, status: text.value('action', 'status', bulkStatus) }),
      });
      setSelected(new Set());
    } catch (error) {
      setMessage({ ok: false, text: `${t('bulk.failed')} ${apiErrorText(error)}` });
    } finally {
      setBulkBusy(false);
    }
  };

  const loading = actions.data === null || contacts.data === null || meetings.data === null;

  return (
    <>
      <PageHeader title={pages('actions.title')} />
      {loading ? (
        <LoadState
          error={actions.error ?? contacts.error ?? meetings.error}
          onRetry={() => {
            actions.reload();
            contacts.reload();
            meetings.reload();
          }}
        />
      ) : actions.data!.length === 0 ? (
        <EmptyState
          icon={IconChecklist}
          title={pages('actions.emptyTitle')}
          body={pages('actions.emptyBody')}
        />
      ) : (
        <>
          {filterBar}
          <Group justify="space-between" mb="sm" wrap="wrap">
            <Text size="sm" c="dimmed" role="status">
              {t('filters.count', { count: shown.length, total: actions.data!.length })}
            </Text>
            <Group gap="sm">
              <ExportDocumentButton
                type="actions"
                actions={{ ids: shown.map((ap) => ap.id) }}
                defaultLanguage={languageOf(i18n.language) ?? 'en'}
              />
              <SegmentedControl
                aria-label={t('view.label')}
                value={view}
                onChange={(v) => setView(v as 'table' | 'board')}
                data={[
                  { value: 'table', label: t('view.table') },
                  { value: 'board', label: t('view.board') },
                ]}
              />
            </Group>
          </Group>
          {view === 'table' && (
            <Group gap="sm" mb="sm" align="flex-end">
              <Text size="sm" fw={600} mb={8}>
                {t('bulk.selected', { count: selected.size })}
              </Text>
              <Select
                label={t('bulk.setStatus')}
                data={statusOptions}
                value={bulkStatus}
                onChange={setBulkStatus}
                w={200}
                disabled={selected.size === 0}
              />
              <Button
                onClick={() => void applyBulk()}
                disabled={selected.size === 0 || !bulkStatus}
                loading={bulkBusy}
              >
                {t('bulk.apply')}
              </Button>
              {message && (
                <Text
                  size="sm"
                  c={message.ok ? 'teal.9' : 'red.9'}
                  role={message.ok ? 'status' : 'alert'}
                  mb={8}
                >
                  {message.text}
                </Text>
              )}
            </Group>
          )}
          {matches.error ? (
            <LoadState error={matches.error} onRetry={matches.retry} />
          ) : shown.length === 0 ? (
            <Text c="dimmed" role="status">
              {t('filters.none')}
            </Text>
          ) : view === 'table' ? (
            <ActionTable
              rows={shown}
              sort={sort}
              onSort={setSort}
              selected={selected}
              onSelect={setSelected}
              contactsById={contactsById}
              meetingsById={meetingsById}
              today={today}
              onOpen={setOpen}
            />
          ) : (
            <ActionBoard
              rows={shown}
              contactsById={contactsById}
              meetingsById={meetingsById}
              today={today}
              onOpen={setOpen}
            />
          )}
        </>
      )}
      <ActionPointDrawer
        ap={open}
        onClose={() => setOpen(null)}
        contacts={(contacts.data ?? []).filter((c) => !c.deleted)}
        contactsById={contactsById}
        meetings={meetings.data ?? []}
        napActions={napActions.data ?? []}
      />
    </>
  );
}
