import { Alert, Anchor, Badge, Button, Group, Loader, Progress, SimpleGrid, Stack, Text } from '@mantine/core';
import {
  IconAlertTriangle,
  IconCalendarEvent,
  IconChartBar,
  IconClockHour4,
  IconGitMerge,
  IconLayoutDashboard,
  IconTargetArrow,
} from '@tabler/icons-react';
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { RecordView } from '../../../../shared/records/codec';
import { ACTION_POINT_STATUSES } from '../../../../shared/records/kinds';
import { INDICATOR_STATUSES, type IndicatorStatus } from '../../../../shared/naps/progress';
import { EmptyState } from '../../components/EmptyState';
import { LangText } from '../../components/LangText';
import { PageHeader } from '../../components/PageHeader';
import { Section } from '../../components/Section';
import { useApiErrorText } from '../../text/errors';
import { useRecordText } from '../../text/records-text';
import { useAppState } from '../../api/state';
import { useDashboard } from '../../hooks/useDashboard';

const PROGRESS_TEXT = {
  on_track: 'naps:progress.on_track',
  off_track: 'naps:progress.off_track',
  no_data: 'naps:progress.no_data',
} as const satisfies Record<IndicatorStatus, string>;
const PROGRESS_COLOR = { on_track: 'green.9', off_track: 'red.9', no_data: 'gray.6' } as const satisfies Record<IndicatorStatus, string>;


const STATUS_COLOR = {
  open: 'blue.8',
  in_progress: 'violet.8',
  done: 'green.9',
  blocked: 'red.9',
  cancelled: 'gray.7',
} as const satisfies Record<(typeof ACTION_POINT_STATUSES)[number], string>;

/** Meetings still to come, soonest first (the start as an instant, whatever its offset). */
function upcoming(meetings: RecordView[], now: number): RecordView[] {
  return meetings
    .filter((m) => typeof m.fields.start === 'string' && Date.parse(m.fields.start) >= now)
    .sort((a, b) => Date.parse(a.fields.start as string) - Date.parse(b.fields.start as string));
}

export function DashboardPage() {
  const { t, i18n } = useTranslation(['pages', 'records', 'common', 'naps']);
  const { settings, conflictCount } = useAppState();
  const apiErrorText = useApiErrorText();
  const recordText = useRecordText();
  const { data, error, reload } = useDashboard();

  const dateFormat = useMemo(() => new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium' }), [i18n.language]);
  /** A meeting's day and time where it is held, with its time zone named (else where the user is). */
  const meetingTime = useCallback(
    (m: RecordView) => {
      const start = new Date(m.fields.start as string);
      const timeZone = typeof m.fields.timeZone === 'string' ? m.fields.timeZone : undefined;
      const day = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'full', timeZone }).format(start);
      const time = new Intl.DateTimeFormat(i18n.language, { hour: 'numeric', minute: '2-digit', timeZone, timeZoneName: 'short' }).format(start);
      return t('dashboard.meetingTime', { day, time });
    },
    [i18n.language, t],
  );
  const day = (iso: unknown) => (typeof iso === 'string' ? dateFormat.format(new Date(`${iso}T12:00:00`)) : '');

  const header = (
    <PageHeader
      title={t('dashboard.title')}
      subtitle={settings.profile ? t('dashboard.welcome', { name: settings.profile.name }) : undefined}
    />
  );
  if (error) {
    return (
      <>
        {header}
        <Alert color="red" role="alert" title={t('dashboard.loadError')}>
          <Stack gap="sm" align="start">
            <Text>{apiErrorText(error)}</Text>
            <Button variant="outline" color="red.9" onClick={reload}>
              {t('common:actions.retry')}
            </Button>
          </Stack>
        </Alert>
      </>
    );
  }
  if (!data) {
    return (
      <>
        {header}
        <Group gap="sm" role="status">
          <Loader size="sm" />
          <Text>{t('dashboard.loading')}</Text>
        </Group>
      </>
    );
  }

  const { summary } = data;
  const next = upcoming(data.meetings, data.at).slice(0, 5);
  if (summary.total === 0 && data.meetings.length === 0 && data.plans.length === 0 && conflictCount === 0) {
    return (
      <>
        {header}
        <EmptyState icon={IconLayoutDashboard} title={t('dashboard.emptyTitle')} body={t('dashboard.emptyBody')} />
        <Group justify="center" mt="lg">
          <Button component={Link} to="/meetings">
            {t('dashboard.recordMeeting')}
          </Button>
          <Button component={Link} to="/naps" variant="outline">
            {t('dashboard.startNap')}
          </Button>
        </Group>
      </>
    );
  }

  const actionList = (items: RecordView[], count: number, overdue: boolean) => (
    <Stack gap="xs">
      <Stack component="ul" gap={6} className="plain-list">
        {items.map((ap) => (
          <li key={ap.id}>
            <Group gap="xs" wrap="nowrap" justify="space-between" align="baseline">
              <Anchor component={Link} to={`/actions?open=${ap.id}`} className="clamp-1">
                <LangText value={ap.fields.title} fallback={recordText.title(ap.fields)} />
              </Anchor>
              <Text size="sm" c={overdue ? 'red.9' : 'dimmed'} className="nowrap">
                {day(ap.fields.dueDate)}
              </Text>
            </Group>
          </li>
        ))}
      </Stack>
      {count > items.length && (
        <Anchor component={Link} to="/actions" size="sm">
          {t('dashboard.more', { count: count - items.length })}
        </Anchor>
      )}
    </Stack>
  );

  return (
    <>
      {header}
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <Section
          title={t('dashboard.overdue', { count: summary.overdue.count })}
          icon={<IconAlertTriangle size={20} aria-hidden color="var(--mantine-color-red-9)" />}
        >
          {summary.overdue.count === 0 ? <Text c="dimmed">{t('dashboard.noneOverdue')}</Text> : actionList(summary.overdue.items, summary.overdue.count, true)}
        </Section>
        <Section title={t('dashboard.dueThisWeek', { count: summary.dueThisWeek.count })} icon={<IconClockHour4 size={20} aria-hidden />}>
          {summary.dueThisWeek.count === 0 ? (
            <Text c="dimmed">{t('dashboard.noneThisWeek')}</Text>
          ) : (
            actionList(summary.dueThisWeek.items, summary.dueThisWeek.count, false)
          )}
        </Section>
        <Section title={t('dashboard.upcomingMeetings')} icon={<IconCalendarEvent size={20} aria-hidden />}>
          {next.length === 0 ? (
            <Stack gap="xs" align="start">
              <Text c="dimmed">{t('dashboard.noMeetings')}</Text>
              <Anchor component={Link} to="/meetings" size="sm">
                {t('dashboard.recordMeeting')}
              </Anchor>
            </Stack>
          ) : (
            <Stack component="ul" gap="sm" className="plain-list">
              {next.map((m) => (
                <li key={m.id}>
                  <Anchor component={Link} to={`/meetings/${m.id}`}>
                    <LangText value={m.fields.title} fallback={recordText.title(m.fields)} />
                  </Anchor>
                  <Text size="sm" c="dimmed">
                    {meetingTime(m)}
                    {typeof m.fields.type === 'string' && ` · ${recordText.value('meeting', 'type', m.fields.type)}`}
                  </Text>
                </li>
              ))}
            </Stack>
          )}
        </Section>
        <Section title={t('dashboard.byStatus')} icon={<IconChartBar size={20} aria-hidden />}>
          {summary.total === 0 ? (
            <Text c="dimmed">{t('dashboard.noActionPoints')}</Text>
          ) : (
            <Stack component="ul" gap="sm" className="plain-list">
              {ACTION_POINT_STATUSES.map((status) => {
                const count = summary.byStatus[status];
                const label = recordText.value('action', 'status', status);
                return (
                  <li key={status}>
                    <Group justify="space-between" gap="xs">
                      <Text size="sm">{label}</Text>
                      <Text size="sm" fw={600}>
                        {new Intl.NumberFormat(i18n.language).format(count)}
                      </Text>
                    </Group>
                    <Progress value={(100 * count) / summary.total} color={STATUS_COLOR[status]} size="sm" aria-hidden />
                  </li>
                );
              })}
            </Stack>
          )}
        </Section>
        <Section title={t('dashboard.indicators')} icon={<IconTargetArrow size={20} aria-hidden />}>
          {data.plans.length === 0 ? (
            <Stack gap="xs" align="start">
              <Text c="dimmed">{t('dashboard.noPlans')}</Text>
              <Anchor component={Link} to="/naps" size="sm">
                {t('dashboard.startNap')}
              </Anchor>
            </Stack>
          ) : (
            <Stack component="ul" gap="md" className="plain-list">
              {data.plans.map(({ nap, counts, total, late }) => (
                <li key={nap.id}>
                  <Anchor component={Link} to={`/naps/${nap.id}?tab=progress`}>
                    <LangText value={nap.fields.title} fallback={recordText.title(nap.fields)} />
                  </Anchor>
                  {total === 0 ? (
                    <Text size="sm" c="dimmed">
                      {t('dashboard.noIndicators')}
                    </Text>
                  ) : (
                    <>
                      <Progress.Root size="lg" mt={4} aria-hidden>
                        {INDICATOR_STATUSES.map((status) =>
                          counts[status] > 0 ? <Progress.Section key={status} value={(100 * counts[status]) / total} color={PROGRESS_COLOR[status]} /> : null,
                        )}
                      </Progress.Root>
                      <Group gap="md" mt={4}>
                        {INDICATOR_STATUSES.map((status) => (
                          <Group key={status} gap={6} wrap="nowrap">
                            <span className="legend-swatch" style={{ background: `var(--mantine-color-${PROGRESS_COLOR[status].replace('.', '-')})` }} />
                            <Text size="sm">{t('dashboard.indicatorCount', { label: t(PROGRESS_TEXT[status]), count: counts[status] })}</Text>
                          </Group>
                        ))}
                      </Group>
                    </>
                  )}
                  {late > 0 && (
                    <Text size="sm" c="red.9" mt={4}>
                      {t('dashboard.lateActions', { count: late })}
                    </Text>
                  )}
                </li>
              ))}
            </Stack>
          )}
        </Section>
        <Section title={t('common:nav.conflicts')} icon={<IconGitMerge size={20} aria-hidden />}>
          {conflictCount === 0 ? (
            <Text c="dimmed">{t('dashboard.noConflicts')}</Text>
          ) : (
            <Group gap="sm">
              <Badge color="orange.9" variant="filled">
                {conflictCount}
              </Badge>
              <Anchor component={Link} to="/conflicts">
                {t('dashboard.resolveConflicts', { count: conflictCount })}
              </Anchor>
            </Group>
          )}
        </Section>
      </SimpleGrid>
    </>
  );
}
