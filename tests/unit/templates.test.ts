import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addMonths, addWorkingDays, meetingDay, MEETING_TEMPLATES, stepDates, workingDayFrom } from '../../shared/meetings/templates.js';

const weekday = (day: string) => new Date(`${day}T00:00:00Z`).getUTCDay();

describe('meeting template dates', () => {
  it('computes the Informal Expert Group steps from a Monday meeting', () => {
    // Monday 16 March 2026.
    expect(stepDates('request_letter', '2026-03-16')).toEqual({ due: '2026-03-02', earliest: '2026-02-16' });
    // Two working days before a Monday: Thursday (the weekend skipped).
    expect(stepDates('background_material', '2026-03-16')).toEqual({ due: '2026-03-12' });
    expect(stepDates('meeting_summary', '2026-03-16')).toEqual({ due: '2026-03-23' });
    expect(stepDates('follow_up_meeting', '2026-03-16')).toEqual({ due: '2026-09-16' });
  });

  it('skips weekends both ways and moves a follow-up off a weekend', () => {
    expect(addWorkingDays('2026-03-18', -2)).toBe('2026-03-16'); // Wednesday → Monday
    expect(addWorkingDays('2026-03-13', 1)).toBe('2026-03-16'); // Friday → Monday
    expect(addWorkingDays('2026-03-14', -1)).toBe('2026-03-13'); // Saturday → Friday
    expect(workingDayFrom('2026-09-19')).toBe('2026-09-21'); // Saturday → Monday
    expect(stepDates('follow_up_meeting', '2026-03-19')).toEqual({ due: '2026-09-21' });
  });

  it('keeps month ends inside the month', () => {
    expect(addMonths('2026-08-31', 6)).toBe('2027-02-28');
    expect(addMonths('2027-08-31', 6)).toBe('2028-02-29');
    expect(addMonths('2026-01-15', -2)).toBe('2025-11-15');
  });

  it('never lands a working-day step on a weekend, and keeps it on the right side of the meeting', () => {
    const day = fc.date({ min: new Date('2000-01-01'), max: new Date('2100-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(day, fc.integer({ min: -30, max: 30 }).filter((n) => n !== 0), (d, n) => {
        const result = addWorkingDays(d, n);
        expect([0, 6]).not.toContain(weekday(result));
        expect(n < 0 ? result < d : result > d).toBe(true);
      }),
      { seed: 20261122, numRuns: 1000 },
    );
  });

  it('reads the meeting day where the meeting is held', () => {
    // 23:30 UTC on the 15th is already the 16th in Nairobi, and still the 15th in New York.
    expect(meetingDay('2026-03-15T23:30:00Z', 'Africa/Nairobi')).toBe('2026-03-16');
    expect(meetingDay('2026-03-15T23:30:00Z', 'America/New_York')).toBe('2026-03-15');
    expect(meetingDay('2026-03-15T23:30:00+01:00')).toBe('2026-03-15');
  });

  it('gives the two templated meeting types their steps', () => {
    expect(MEETING_TEMPLATES.informal_expert_group).toEqual(['request_letter', 'background_material', 'meeting_summary', 'follow_up_meeting']);
    expect(MEETING_TEMPLATES.focal_points_network).toEqual(['chairs_summary', 'newsletter_item']);
    expect(MEETING_TEMPLATES.ministerial).toBeUndefined();
  });
});
