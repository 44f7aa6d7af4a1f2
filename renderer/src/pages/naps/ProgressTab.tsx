import { Badge, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { CartesianGrid, Line, LineChart, ReferenceDot, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { textDirection } from '../../../../shared/i18n/languages';
import { niceTicks, yearTicks } from '../../../../shared/naps/chart-scale';
import { buildOutline } from '../../../../shared/naps/outline';
import { datedMeasurements, indicatorProgress, INDICATOR_STATUSES, progressOverview, type IndicatorStatus } from '../../../../shared/naps/progress';
import type { RecordView } from '../../../../shared/records/codec';
import { useRecordText } from '../../text/records-text';
import { UserText, useNapFormat } from './format';
import { useNap } from './useNap';

const STATUS_TEXT = {
  on_track: 'progress.on_track',
  off_track: 'progress.off_track',
  no_data: 'progress.no_data',
} as const satisfies Record<IndicatorStatus, string>;
const STATUS_COLOUR: Record<IndicatorStatus, string> = { on_track: '#1e6b30', off_track: 'red.9', no_data: 'gray.7' };

/** How the plan stands: indicators on track, off track and without data, and each indicator's measurements against baseline and target. */
export function ProgressTab() {
  const { t } = useTranslation('naps');
  const { nap, children } = useNap();
  const outline = buildOutline(nap.fields.pillars, children);
  const indicators = outline.flatMap((p) => p.objectives.flatMap((o) => o.actions.flatMap((a) => a.indicators)));
  const counts = progressOverview(indicators.map((i) => i.fields));
  if (indicators.length === 0) return <Text c="dimmed">{t('progress.empty')}</Text>;
  return (
    <Stack gap="lg">
      <section aria-labelledby="overview-title">
        <Title order={2} size="h4" id="overview-title" mb="sm">
          {t('progress.overview')}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          {INDICATOR_STATUSES.map((s) => (
            <Paper key={s} withBorder p="md" radius="md" className={`nap-overview nap-overview-${s}`}>
              <Text size="xl" fw={700}>
                {new Intl.NumberFormat(document.documentElement.lang || 'en').format(counts[s])}
              </Text>
              <Text>{t(STATUS_TEXT[s])}</Text>
            </Paper>
          ))}
        </SimpleGrid>
        <Text size="sm" c="dimmed" mt="xs">
          {t('progress.definition')}
        </Text>
      </section>
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        {indicators.map((i) => (
          <IndicatorChart key={i.id} indicator={i} />
        ))}
      </SimpleGrid>
    </Stack>
  );
}

export function IndicatorChart({ indicator }: { indicator: RecordView }) {
  const { t, i18n } = useTranslation('naps');
  const text = useRecordText();
  const format = useNapFormat();
  const f = indicator.fields;
  const progress = indicatorProgress(f);
  const measurements = datedMeasurements(f.measurements);
  const rtl = textDirection(i18n.language) === 'rtl';
  const points = [
    ...(typeof f.baselineValue === 'number' && typeof f.baselineYear === 'number' ? [{ t: Date.UTC(f.baselineYear, 0, 1), value: f.baselineValue }] : []),
    ...measurements.map((m) => ({ t: Date.parse(`${m.date}T00:00:00Z`), value: m.value })),
  ];
  const targetYear = typeof f.targetYear === 'number' && Number.isInteger(f.targetYear) ? f.targetYear : undefined;
  const yearOf = (t: number) => new Date(t).getUTCFullYear();
  // The time axis runs from 1 January of the first year to the end of the target year (or of the
  // latest measurement's), so the gap left shows; its ticks are whole years, at 1 January.
  const firstYear = points.length ? yearOf(points[0]!.t) : (targetYear ?? 0);
  const lastYear = Math.max(targetYear ?? firstYear, points.length ? yearOf(points.at(-1)!.t) : firstYear);
  const first = Date.UTC(firstYear, 0, 1);
  const last = Date.UTC(lastYear, 11, 31);
  const xTicks = yearTicks(firstYear, lastYear).map((y) => Date.UTC(y, 0, 1));
  const targetAt = targetYear !== undefined ? Date.UTC(targetYear, 11, 31) : undefined;
  const values = [...points.map((p) => p.value), ...[f.baselineValue, f.targetValue].filter((v): v is number => typeof v === 'number')];
  // Values at round steps; counts and shares start at zero or above, never dipping below it.
  const yTicks = niceTicks(values.length ? Math.min(...values) : 0, values.length ? Math.max(...values) : 1);
  const titleId = `indicator-${indicator.id}`;
  const unit = typeof f.unit === 'string' && f.unit ? ` ${f.unit}` : '';
  const description = t('progress.chartDescription', {
    baseline: `${format.number(f.baselineValue)}${unit}`,
    baselineYear: format.year(f.baselineYear),
    target: `${format.number(f.targetValue)}${unit}`,
    targetYear: format.year(f.targetYear),
    count: measurements.length,
  });
  const axisDate = (v: number) => new Intl.DateTimeFormat(i18n.language, { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' }).format(new Date(v));
  const targetLabel =
    targetAt !== undefined && typeof f.targetValue === 'number' ? t('progress.targetMarker', { year: format.year(targetYear), value: `${format.number(f.targetValue)}${unit}` }) : undefined;
  return (
    <Paper withBorder p="md" radius="md" component="article" aria-labelledby={titleId}>
      <Group justify="space-between" align="flex-start" mb="xs" wrap="nowrap">
        <Title order={3} size="h5" id={titleId}>
          <UserText value={f.name} fallback={t('outline.untitledIndicator')} />
        </Title>
        <Badge variant="filled" color={STATUS_COLOUR[progress.status]} className="nap-badge">
          {t(STATUS_TEXT[progress.status])}
        </Badge>
      </Group>
      {points.length > 0 ? (
        // The chart lays itself out left to right (the time axis is reversed for Arabic instead):
        // SVG text anchors would otherwise flip inside a right-to-left page and overlap the axis.
        <div role="img" aria-label={description} className="nap-chart" dir="ltr">
          <ResponsiveContainer width="100%" height={220}>
            <LineChart data={points} margin={{ top: 24, right: 24, bottom: 4, left: 24 }} accessibilityLayer={false}>
              <CartesianGrid stroke="var(--mantine-color-default-border)" strokeDasharray="3 3" />
              <XAxis
                dataKey="t"
                type="number"
                domain={[first, last]}
                ticks={xTicks}
                interval={0}
                allowDataOverflow
                reversed={rtl}
                tickFormatter={(v: number) => format.year(yearOf(v))}
                stroke="var(--mantine-color-text)"
                tick={{ fill: 'var(--mantine-color-text)', fontSize: 12 }}
              />
              <YAxis
                orientation={rtl ? 'right' : 'left'}
                domain={[yTicks[0]!, yTicks.at(-1)!]}
                ticks={yTicks}
                interval={0}
                tickFormatter={(v: number) => format.number(v)}
                stroke="var(--mantine-color-text)"
                tick={{ fill: 'var(--mantine-color-text)', fontSize: 12 }}
                width={48}
              />
              {typeof f.baselineValue === 'number' && (
                <ReferenceLine y={f.baselineValue} stroke="var(--mantine-color-gray-6)" strokeDasharray="4 4" label={{ value: t('progress.baseline'), fill: 'var(--mantine-color-text)', fontSize: 12, position: rtl ? 'insideBottomRight' : 'insideBottomLeft' }} />
              )}
              {typeof f.targetValue === 'number' && (
                <ReferenceLine y={f.targetValue} stroke="var(--mantine-color-green-7)" strokeDasharray="6 3" />
              )}
              {targetAt !== undefined && <ReferenceLine x={targetAt} stroke="var(--mantine-color-green-7)" strokeDasharray="6 3" />}
              {targetLabel && (
                // The target itself: where the line should be at the end of the target year, labelled
                // inwards from the edge of the chart (to the left, or to the right in Arabic).
                <ReferenceDot
                  x={targetAt}
                  y={f.targetValue as number}
                  r={5}
                  fill="var(--mantine-color-green-7)"
                  stroke="var(--mantine-color-body)"
                  label={({ viewBox }: { viewBox?: { x?: number; y?: number; width?: number } }) => (
                    <text
                      x={(viewBox?.x ?? 0) + (rtl ? (viewBox?.width ?? 0) + 4 : -4)}
                      y={(viewBox?.y ?? 0) - 6}
                      direction={rtl ? 'rtl' : 'ltr'}
                      textAnchor="end"
                      fill="var(--mantine-color-text)"
                      fontSize={12}
                    >
                      {targetLabel}
                    </text>
                  )}
                />
              )}
              <Tooltip labelFormatter={(v) => axisDate(Number(v))} formatter={(v) => [format.number(v), text.field('measurements')]} />
              <Line type="linear" dataKey="value" stroke="var(--mantine-color-blue-6)" strokeWidth={2} dot={{ r: 4 }} isAnimationActive={false} />
            </LineChart>
          </ResponsiveContainer>
        </div>
      ) : (
        <Text c="dimmed">{t('progress.noMeasurements')}</Text>
      )}
      <Table verticalSpacing={2} mt="sm" className="nap-small-table">
        <caption className="nap-caption">{description}</caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('form.measurementDate')}</Table.Th>
            <Table.Th scope="col">{t('form.measurementValue')}</Table.Th>
            <Table.Th scope="col">{t('form.measurementSource')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {measurements.map((m, i) => (
            <Table.Tr key={i}>
              <Table.Td>{format.date(m.date)}</Table.Td>
              <Table.Td>
                {format.number(m.value)}
                {unit}
              </Table.Td>
              <Table.Td dir="auto">{m.source ?? '—'}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}
