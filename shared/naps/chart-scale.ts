/**
 * Axes of the indicator charts at round values: whole years on the time axis (never 2,027.5)
 * and values at steps of 1, 2 or 5 times a power of ten, the domain ending on a tick.
 */

/** Round steps covering [min, max] with at most about `count` intervals; the ends are ticks. */
export function niceTicks(min: number, max: number, count = 5): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [0, 1];
  if (max < min) [min, max] = [max, min];
  if (max === min) {
    const around = Math.abs(min) || 1;
    return niceTicks(min - around / 2, max + around / 2, count);
  }
  const rough = (max - min) / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough - 1e-12)!;
  const start = Math.floor(min / step + 1e-9);
  const end = Math.ceil(max / step - 1e-9);
  // Multiples of the step, computed from integers so no 0.30000000000000004 shows.
  const decimals = Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
  const ticks: number[] = [];
  for (let i = start; i <= end; i++) ticks.push(Number((i * step).toFixed(decimals)));
  return ticks;
}

/** Whole years from `first` to `last`, every 1, 2, 5 or 10 years so at most `max` are labelled. */
export function yearTicks(first: number, last: number, max = 8): number[] {
  if (!Number.isInteger(first) || !Number.isInteger(last) || last < first) return [];
  const step = [1, 2, 5, 10, 20, 50].find((s) => (last - first) / s + 1 <= max) ?? 100;
  const years: number[] = [];
  for (let y = Math.ceil(first / step) * step; y <= last; y += step) years.push(y);
  return years;
}
