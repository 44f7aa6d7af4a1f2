import { describe, expect, it } from 'vitest';
import { niceTicks, yearTicks } from '../../shared/naps/chart-scale';

describe('indicator chart axes', () => {
  it('puts values at 1, 2 or 5 times a power of ten, covering the data with a tick at each end', () => {
    expect(niceTicks(0, 45)).toEqual([0, 10, 20, 30, 40, 50]);
    expect(niceTicks(12, 31)).toEqual([10, 15, 20, 25, 30, 35]);
    expect(niceTicks(0, 0.7)).toEqual([0, 0.2, 0.4, 0.6, 0.8]);
    expect(niceTicks(2019, 2031, 5)).toEqual([2015, 2020, 2025, 2030, 2035]);
    expect(niceTicks(-3, 7)).toEqual([-4, -2, 0, 2, 4, 6, 8]);
  });

  it('never gives a fractional step where the values are whole and spread, nor floating-point noise', () => {
    for (const [min, max] of [[0, 3], [10, 30], [1, 1_000_000], [0.1, 0.3], [3, 3]] as const) {
      const ticks = niceTicks(min, max);
      expect(ticks[0]).toBeLessThanOrEqual(min);
      expect(ticks.at(-1)).toBeGreaterThanOrEqual(max);
      const step = ticks[1]! - ticks[0]!;
      const mantissa = Number((step / 10 ** Math.floor(Math.log10(step))).toPrecision(6));
      expect([1, 2, 5]).toContain(mantissa);
      for (const tick of ticks) expect(String(tick)).toMatch(/^-?\d+(\.\d{1,6})?$/);
    }
    expect(niceTicks(0, 3)).toEqual([0, 1, 2, 3]);
  });

  it('labels whole years only, thinning them on long periods', () => {
    expect(yearTicks(2024, 2030)).toEqual([2024, 2025, 2026, 2027, 2028, 2029, 2030]);
    expect(yearTicks(2020, 2035)).toEqual([2020, 2025, 2030, 2035]);
    expect(yearTicks(2020, 2033)).toEqual([2020, 2022, 2024, 2026, 2028, 2030, 2032]);
    expect(yearTicks(2001, 2040)).toEqual([2010, 2020, 2030, 2040]);
    expect(yearTicks(2026, 2026)).toEqual([2026]);
    for (const y of yearTicks(1999, 2100)) expect(Number.isInteger(y)).toBe(true);
  });
});
