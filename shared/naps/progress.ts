/**
 * Whether an indicator is on track. An indicator is assessed on its latest measurement (by date):
 * the share of the way from baseline to target it has covered is compared with the share of the
 * baseline-to-target period that has passed at that date (from 1 January of the baseline year to
 * 31 December of the target year). Covering at least the elapsed share is "on track"; less is
 * "off track". Without a baseline, a target or a dated measurement there is nothing to assess.
 * Works for targets below the baseline too (a rate to bring down).
 */
export type IndicatorStatus = 'on_track' | 'off_track' | 'no_data';
export const INDICATOR_STATUSES = ['on_track', 'off_track', 'no_data'] as const satisfies readonly IndicatorStatus[];

export interface Measurement {
  date: string;
  value: number;
  source?: string;
}

export interface IndicatorFields {
  baselineValue?: unknown;
  baselineYear?: unknown;
  targetValue?: unknown;
  targetYear?: unknown;
  measurements?: unknown;
}

export interface IndicatorProgress {
  status: IndicatorStatus;
  latest?: Measurement;
  /** Share of the way from baseline to target covered by the latest measurement (may exceed 1). */
  achieved?: number;
  /** Share of the period elapsed at the latest measurement's date, 0–1. */
  expected?: number;
}

const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** The indicator's measurements that have a date and a value, oldest first. */
export function datedMeasurements(measurements: unknown): Measurement[] {
  if (!Array.isArray(measurements)) return [];
  return measurements
    .filter((m): m is Measurement => !!m && typeof m === 'object' && typeof m.date === 'string' && /^\d{4}-\d{2}-\d{2}/.test(m.date) && isNumber(m.value))
    .slice()
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

export function indicatorProgress(fields: IndicatorFields): IndicatorProgress {
  const list = datedMeasurements(fields.measurements);
  const latest = list.at(-1);
  const { baselineValue, baselineYear, targetValue, targetYear } = fields;
  if (!latest || !isNumber(baselineValue) || !isNumber(baselineYear) || !isNumber(targetValue) || !isNumber(targetYear) || targetYear < baselineYear) {
    return { status: 'no_data', latest };
  }
  // Counted in calendar years (a year's days spread over that year), so 1 January of the middle
  // year of a ten-year span is exactly halfway, leap years or not.
  const year = Number(latest.date.slice(0, 4));
  const start = Date.UTC(year, 0, 1);
  const dayShare = (Date.parse(`${latest.date.slice(0, 10)}T00:00:00Z`) - start) / (Date.UTC(year + 1, 0, 1) - start);
  const expected = Math.min(1, Math.max(0, (year + dayShare - baselineYear) / (targetYear + 1 - baselineYear)));
  const span = targetValue - baselineValue;
  // A target equal to its baseline means "keep it there": met when the value is at least as good.
  const achieved = span === 0 ? (latest.value === targetValue ? 1 : 0) : (latest.value - baselineValue) / span;
  // A small tolerance so that exactly-on-schedule values do not fall off track by rounding.
  return { status: achieved + 1e-9 >= expected ? 'on_track' : 'off_track', latest, achieved, expected };
}

/** How many indicators of a plan are on track, off track, or without data. */
export function progressOverview(indicators: IndicatorFields[]): Record<IndicatorStatus, number> {
  const counts: Record<IndicatorStatus, number> = { on_track: 0, off_track: 0, no_data: 0 };
  for (const fields of indicators) counts[indicatorProgress(fields).status]++;
  return counts;
}
