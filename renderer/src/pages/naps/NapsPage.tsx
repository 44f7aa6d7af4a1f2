import { Alert, Anchor, Button, Group, Loader, Select, Stack, Table, Text, TextInput, UnstyledButton, VisuallyHidden } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconCopy, IconFileText, IconPlus, IconSearch } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { RecordView } from '../../../../shared/records/codec';
import { NAP_STATUSES } from '../../../../shared/records/kinds';
import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';
import { useApiErrorText } from '../../text/errors';
import { useSearchMatches } from '../../hooks/useSearchMatches';
import { useRecordText } from '../../text/records-text';
import { useAppState } from '../../api/state';
import { loadState, useRecords } from '../../hooks/useRecords';
import { compareText, sortKey } from '../../../../shared/records/sort';
import { UserText, useNapFormat } from './format';
import { NewNapDialog } from './NewNapDialog';
import { StatusBadge } from './StatusBadge';
import './naps.css';

type SortKey = 'title' | 'country' | 'generation' | 'period' | 'status' | 'updated';
const SORT_LABELS = {
  title: 'records:fields.title',
  country: 'records:fields.country',
  generation: 'records:fields.generation',
  period: 'naps:list.period',
  status: 'records:fields.status',
  updated: 'naps:list.lastEdited',
} as const satisfies Record<SortKey, string>;

/** The plans kept here: find one by words, status or country; start a new one or the next generation. */
export function NapsPage() {
  const { t, i18n } = useTranslation(['naps', 'pages', 'records', 'common']);
  const { api } = useAppState();
  const navigate = useNavigate();
  const text = useRecordText();
  const format = useNapFormat();
  const apiErrorText = useApiErrorText();
  const [search, setSearch] = useState('');
  const [statusFilter, setStatusFilter] = useState<string | null>(null);
  const [sort, setSort] = useState<{ by: SortKey; direction: 'asc' | 'desc' }>({ by: 'updated', direction: 'desc' });
  const [creating, setCreating] = useState(false);
  const [actionError, setActionError] = useState<string | null>(null);

  const loaded = useRecords('nap');
  const load = loaded.reload;
  const state = loadState(loaded, (naps) => ({ naps }));
  // Found by their own words or any of their items' (an action, an indicator, a consultation).
  const matches = useSearchMatches('nap', search, state.status === 'ready' ? state.naps : null);

  const lang = i18n.language;
  const rows = useMemo(() => {
    if (state.status !== 'ready') return [];
    const list = state.naps.filter((r) => {
      if (statusFilter && r.fields.status !== statusFilter) return false;
      return !matches.ids || matches.ids.has(r.id);
    });
    const key = (r: RecordView): string | number => {
      switch (sort.by) {
        case 'title':
          return sortKey(r.fields.title, lang) ?? '';
        case 'country':
          return format.country(r.fields.country);
        case 'generation':
          return typeof r.fields.generation === 'number' ? r.fields.generation : 0;
        case 'period':
          return typeof r.fields.periodStart === 'number' ? r.fields.periodStart : 0;
        case 'status':
          return NAP_STATUSES.indexOf(r.fields.status as (typeof NAP_STATUSES)[number]);
        case 'updated':
          return r.updated.at;
      }
    };
    const sign = sort.direction === 'asc' ? 1 : -1;
    return list.sort((a, b) => {
      const x = key(a);
      const y = key(b);
      return sign * (typeof x === 'number' && typeof y === 'number' ? x - y : compareText(String(x), String(y), lang));
    });
  }, [state, matches.ids, statusFilter, sort, lang, format]);

  const duplicate = async (nap: RecordView) => {
    setActionError(null);
    try {
      const created = await api.call('naps.duplicate', { id: nap.id });
      void navigate(`/naps/${created.id}`);
    } catch (error) {
      setActionError(apiErrorText(error));
    }
  };

  const header = (key: SortKey) => {
    const active = sort.by === key;
    const label = (t as unknown as (k: string) => string)(SORT_LABELS[key]);
    return (
      <Table.Th aria-sort={active ? (sort.direction === 'asc' ? 'ascending' : 'descending') : 'none'}>
        <UnstyledButton
          className="nap-sort"
          onClick={() => setSort((s) => ({ by: key, direction: s.by === key && s.direction === 'asc' ? 'desc' : 'asc' }))}
        >
          <Group gap={4} wrap="nowrap">
            <span>{label}</span>
            {active && (sort.direction === 'asc' ? <IconArrowUp size={14} aria-hidden /> : <IconArrowDown size={14} aria-hidden />)}
          </Group>
        </UnstyledButton>
      </Table.Th>
    );
  };

  return (
    <>
      <PageHeader title={t('pages:naps.title')} subtitle={t('list.subtitle')} />
      <Stack gap="md">
        <Group justify="space-between" align="flex-end">
          <Group align="flex-end">
            <TextInput
              label={t('list.search')}
              leftSection={<IconSearch size={16} aria-hidden />}
              value={search}
              onChange={(e) => setSearch(e.currentTarget.value)}
              type="search"
            />
            <Select
              label={t('list.statusFilter')}
              placeholder={t('list.allStatuses')}
              data={NAP_STATUSES.map((s) => ({ value: s, label: text.value('nap', 'status', s) }))}
              value={statusFilter}
              onChange={setStatusFilter}
              clearable
              clearButtonProps={{ 'aria-label': t('list.clearFilter') }}
            />
          </Group>
          <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setCreating(true)}>
            {t('list.new')}
          </Button>
        </Group>
        {actionError && (
          <Alert color="red.9" variant="outline" role="alert">
            {actionError}
          </Alert>
        )}
        {state.status === 'loading' && (
          <Group role="status" gap="xs">
            <Loader size="sm" aria-hidden />
            <Text>{t('list.loading')}</Text>
          </Group>
        )}
        {state.status === 'error' && (
          <Alert color="red.9" variant="outline" role="alert" title={t('list.loadError')}>
            <Text mb="sm">{apiErrorText(state.error)}</Text>
            <Button variant="default" onClick={load}>
              {t('common:actions.reload')}
            </Button>
          </Alert>
        )}
        {state.status === 'ready' && matches.error !== null && (
          <Alert color="red.9" variant="outline" role="alert" title={t('list.searchError')}>
            <Text mb="sm">{apiErrorText(matches.error)}</Text>
            <Button variant="default" onClick={matches.retry}>
              {t('common:actions.reload')}
            </Button>
          </Alert>
        )}
        {state.status === 'ready' && state.naps.length === 0 && (
          <EmptyState icon={IconFileText} title={t('pages:naps.emptyTitle')} body={t('pages:naps.emptyBody')} />
        )}
        {state.status === 'ready' && matches.error === null && state.naps.length > 0 && rows.length === 0 && (
          <Group>
            <Text role="status">{t('list.noMatch')}</Text>
            <Button
              variant="default"
              size="xs"
              onClick={() => {
                setSearch('');
                setStatusFilter(null);
              }}
            >
              {t('list.clearAll')}
            </Button>
          </Group>
        )}
        {matches.error === null && rows.length > 0 && (
          <Table.ScrollContainer minWidth={900}>
            <Table striped highlightOnHover verticalSpacing="sm">
              <VisuallyHidden component="caption">{t('list.caption', { count: rows.length })}</VisuallyHidden>
              <Table.Thead>
                <Table.Tr>
                  {header('title')}
                  {header('country')}
                  {header('generation')}
                  {header('period')}
                  {header('status')}
                  {header('updated')}
                  <Table.Th>
                    <VisuallyHidden>{t('list.actions')}</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((nap) => (
                  <Table.Tr key={nap.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/naps/${nap.id}`} fw={600}>
                        <UserText value={nap.fields.title} fallback={text.title({})} />
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{format.country(nap.fields.country)}</Table.Td>
                    <Table.Td>{format.generation(nap.fields.generation)}</Table.Td>
                    <Table.Td className="nap-nowrap">{format.period(nap.fields.periodStart, nap.fields.periodEnd)}</Table.Td>
                    <Table.Td>
                      <StatusBadge kind="nap" value={nap.fields.status} />
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{format.relative(nap.updated.at)}</Text>
                      <Text size="sm" c="dimmed" dir="auto">
                        {nap.updated.by || '—'}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Button
                        size="xs"
                        variant="default"
                        leftSection={<IconCopy size={14} aria-hidden />}
                        onClick={() => void duplicate(nap)}
                        aria-label={t('list.duplicateLabel', { title: text.title(nap.fields) })}
                      >
                        {t('list.duplicate')}
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
      <NewNapDialog opened={creating} onClose={() => setCreating(false)} onCreated={(id) => void navigate(`/naps/${id}`)} />
    </>
  );
}
