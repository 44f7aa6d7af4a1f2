import { Anchor, Badge, Button, Group, Paper, SegmentedControl, Select, Stack, Text, TextInput } from '@mantine/core';
import { IconPlus, IconSearch, IconUsersGroup } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { MEETING_TYPES } from '../../../../shared/records/kinds';
import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';
import { useSearchMatches } from '../../hooks/useSearchMatches';
import { useRecordText } from '../../text/records-text';
import { useDates } from '../../hooks/useDates';
import { useRecords } from '../../hooks/useRecords';
import { LoadState } from '../../components/LoadState';
import { NewMeetingDialog } from './NewMeetingDialog';
import { VirtualList } from '../../components/VirtualList';

/** Meetings, upcoming first (soonest at the top) or past (latest at the top), searchable and filtered by type. */
export function MeetingsPage() {
  const { t } = useTranslation('meetings');
  const pages = useTranslation('pages').t;
  const text = useRecordText();
  const dates = useDates();
  const meetings = useRecords('meeting');
  const [when, setWhen] = useState<'upcoming' | 'past'>('upcoming');
  const [search, setSearch] = useState('');
  const [type, setType] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  // Found by any of their words (notes, agenda, decisions, place, people), through the search index.
  const matches = useSearchMatches('meeting', search, meetings.data);
  // "Upcoming" is judged against the time the page opened (a meeting does not jump lists while viewed).
  const [now] = useState(() => Date.now());

  const shown = useMemo(() => {
    const list = (meetings.data ?? []).filter((m) => {
      const end = Date.parse(String(m.fields.end ?? m.fields.start ?? ''));
      const upcoming = Number.isNaN(end) || end >= now;
      if ((when === 'upcoming') !== upcoming) return false;
      if (type && m.fields.type !== type) return false;
      if (matches.ids && !matches.ids.has(m.id)) return false;
      return true;
    });
    const start = (m: (typeof list)[number]) => String(m.fields.start ?? '');
    list.sort((a, b) => (when === 'upcoming' ? 1 : -1) * (Date.parse(start(a)) - Date.parse(start(b)) || (a.id < b.id ? -1 : 1)));
    return list;
  }, [meetings.data, when, type, matches.ids, now]);

  const total = meetings.data?.length ?? 0;
  return (
    <>
      <PageHeader title={pages('meetings.title')} />
      <Group justify="space-between" mb="md" wrap="wrap" gap="sm">
        <Group gap="sm" wrap="wrap">
          <SegmentedControl
            aria-label={t('list.when')}
            value={when}
            onChange={(v) => setWhen(v as 'upcoming' | 'past')}
            data={[
              { value: 'upcoming', label: t('list.upcoming') },
              { value: 'past', label: t('list.past') },
            ]}
          />
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
            data={MEETING_TYPES.map((v) => ({ value: v, label: text.value('meeting', 'type', v) }))}
            value={type}
            onChange={setType}
            clearable
            clearButtonProps={{ 'aria-label': t('list.clearType') }}
            w={280}
          />
        </Group>
        <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setCreating(true)}>
          {t('list.new')}
        </Button>
      </Group>
      {meetings.data === null ? (
        <LoadState error={meetings.error} onRetry={meetings.reload} />
      ) : matches.error ? (
        <LoadState error={matches.error} onRetry={matches.retry} />
      ) : total === 0 ? (
        <EmptyState icon={IconUsersGroup} title={pages('meetings.emptyTitle')} body={pages('meetings.emptyBody')} />
      ) : shown.length === 0 ? (
        <Text c="dimmed" role="status">
          {t(when === 'upcoming' ? 'list.noneUpcoming' : 'list.nonePast')}
        </Text>
      ) : (
        <>
          <Text size="sm" c="dimmed" mb="xs" role="status">
            {t('list.count', { count: shown.length })}
          </Text>
          <VirtualList
            label={t(when === 'upcoming' ? 'list.upcoming' : 'list.past')}
            items={shown}
            rowHeight={84}
            itemKey={(m) => m.id}
            render={(m) => {
              const start = typeof m.fields.start === 'string' ? m.fields.start : null;
              const tz = typeof m.fields.timeZone === 'string' ? m.fields.timeZone : undefined;
              return (
                <Paper withBorder p="sm" mb={8} radius="md">
                  <Group justify="space-between" wrap="nowrap" gap="sm">
                    <Stack gap={2} miw={0}>
                      <Anchor component={Link} to={`/meetings/${m.id}`} fw={600} dir="auto" truncate>
                        {text.title(m.fields)}
                      </Anchor>
                      <Text size="sm" c="dimmed">
                        {[start ? dates.when(start, tz) : t('list.noDate'), m.fields.online ? t('list.online') : String(m.fields.place ?? '')].filter(Boolean).join(' · ')}
                      </Text>
                    </Stack>
                    {typeof m.fields.type === 'string' && (
                      <Badge variant="filled" color="gray.7" style={{ flexShrink: 0 }}>
                        {text.value('meeting', 'type', m.fields.type)}
                      </Badge>
                    )}
                  </Group>
                </Paper>
              );
            }}
          />
        </>
      )}
      <NewMeetingDialog opened={creating} onClose={() => setCreating(false)} />
    </>
  );
}
