import { describe, expect, it } from 'vitest';
import { datedMeasurements, indicatorProgress, progressOverview } from '../../shared/naps/progress.js';

const base = { baselineValue: 10, baselineYear: 2020, targetValue: 30, targetYear: 2029 };

describe('indicator progress', () => {
  it('has no data without a measurement, a baseline or a target', () => {
    expect(indicatorProgress({ ...base }).status).toBe('no_data');
    expect(indicatorProgress({ ...base, measurements: [] }).status).toBe('no_data');
    expect(indicatorProgress({ baselineValue: 10, measurements: [{ date: '2024-01-01', value: 12 }] }).status).toBe('no_data');
    expect(indicatorProgress({ ...base, targetValue: undefined, measurements: [{ date: '2024-01-01', value: 12 }] }).status).toBe('no_data');
  });

  it('compares the share of the way covered with the share of the period elapsed', () => {
    // Halfway through 2020–2029 (ten years) is 1 January 2025: half the way is 20.
    expect(indicatorProgress({ ...base, measurements: [{ date: '2025-01-01', value: 20 }] })).toMatchObject({ status: 'on_track', achieved: 0.5, expected: 0.5 });
    expect(indicatorProgress({ ...base, measurements: [{ date: '2025-01-01', value: 19.9 }] }).status).toBe('off_track');
    expect(indicatorProgress({ ...base, measurements: [{ date: '2021-01-01', value: 13 }] }).status).toBe('on_track');
  });

  it('takes the latest measurement by date, whatever the order they were entered in', () => {
    const measurements = [
      { date: '2027-06-01', value: 11 },
      { date: '2022-01-01', value: 25 },
    ];
    const result = indicatorProgress({ ...base, measurements });
    expect(result.latest).toEqual({ date: '2027-06-01', value: 11 });
    expect(result.status).toBe('off_track');
  });

  it('understands targets below the baseline (a rate to bring down)', () => {
    const down = { baselineValue: 40, baselineYear: 2020, targetValue: 20, targetYear: 2029 };
    expect(indicatorProgress({ ...down, measurements: [{ date: '2025-01-01', value: 28 }] }).status).toBe('on_track');
    expect(indicatorProgress({ ...down, measurements: [{ date: '2025-01-01', value: 45 }] }).status).toBe('off_track');
  });

  it('counts a target reached early as on track, and a value past the target year short of it as off track', () => {
    expect(indicatorProgress({ ...base, measurements: [{ date: '2022-01-01', value: 35 }] }).status).toBe('on_track');
    expect(indicatorProgress({ ...base, measurements: [{ date: '2031-01-01', value: 29 }] })).toMatchObject({ status: 'off_track', expected: 1 });
  });

  it('ignores measurements without a date', () => {
    expect(datedMeasurements([{ value: 3 }, { date: '', value: 4 }, { date: '2024-02-01', value: 5 }])).toEqual([{ date: '2024-02-01', value: 5 }]);
    expect(indicatorProgress({ ...base, measurements: [{ value: 30 }] }).status).toBe('no_data');
  });

  it('a target equal to the baseline is met only at that value', () => {
    const flat = { baselineValue: 5, baselineYear: 2020, targetValue: 5, targetYear: 2025 };
    expect(indicatorProgress({ ...flat, measurements: [{ date: '2024-01-01', value: 5 }] }).status).toBe('on_track');
    expect(indicatorProgress({ ...flat, measurements: [{ date: '2024-01-01', value: 4 }] }).status).toBe('off_track');
  });

  it('counts the plan overview', () => {
    expect(
      progressOverview([
        { ...base, measurements: [{ date: '2025-01-01', value: 25 }] },
        { ...base, measurements: [{ date: '2025-01-01', value: 11 }] },
        { ...base },
      ]),
    ).toEqual({ on_track: 1, off_track: 1, no_data: 1 });
  });
});
