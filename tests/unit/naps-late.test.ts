import { describe, expect, it } from 'vitest';
import { isActionLate } from '../../shared/naps/late.js';

describe('a NAP action past its end date', () => {
  const today = '2026-12-02';
  it('is late when it ended before today and is still planned or ongoing', () => {
    expect(isActionLate({ end: '2026-12-01', status: 'ongoing' }, today)).toBe(true);
    expect(isActionLate({ end: '2025-06-30', status: 'planned' }, today)).toBe(true);
  });
  it('is not late on its last day, when done, cancelled or already marked delayed, or without an end or status', () => {
    expect(isActionLate({ end: today, status: 'ongoing' }, today)).toBe(false);
    for (const status of ['completed', 'cancelled', 'delayed', undefined, null]) expect(isActionLate({ end: '2025-01-01', status }, today)).toBe(false);
    expect(isActionLate({ status: 'ongoing' }, today)).toBe(false);
    expect(isActionLate({ end: 'not a date', status: 'ongoing' }, today)).toBe(false);
  });
});
