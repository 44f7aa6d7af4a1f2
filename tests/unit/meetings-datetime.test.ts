import { describe, expect, it } from 'vitest';
import { offsetMinutes, toInstant, toWallTime } from '../../shared/meetings/datetime.js';
import { actionPointFlags, dayOfMeeting } from '../../shared/meetings/checks.js';
import type { RecordView } from '../../shared/records/codec.js';

describe('meeting wall-clock times', () => {
  it('stores the clock time where the meeting is held, with that offset', () => {
    expect(toInstant({ date: '2026-03-16', time: '10:00' }, 'Europe/Vienna')).toBe('2026-03-16T10:00:00+01:00');
    // Summer time in Vienna.
    expect(toInstant({ date: '2026-07-01', time: '10:00' }, 'Europe/Vienna')).toBe('2026-07-01T10:00:00+02:00');
    expect(toInstant({ date: '2026-03-16', time: '10:00' }, 'America/New_York')).toBe('2026-03-16T10:00:00-04:00');
    expect(toInstant({ date: '2026-03-16', time: '15:30' }, 'UTC')).toBe('2026-03-16T15:30:00Z');
    expect(toInstant({ date: '2026-03-16', time: '09:00' }, 'Asia/Kolkata')).toBe('2026-03-16T09:00:00+05:30');
    expect(toInstant({ date: '', time: '10:00' }, 'UTC')).toBeNull();
  });

  it('reads an instant back as the wall clock of any zone', () => {
    expect(toWallTime('2026-03-16T10:00:00+01:00', 'Europe/Vienna')).toEqual({ date: '2026-03-16', time: '10:00' });
    expect(toWallTime('2026-03-16T10:00:00+01:00', 'Asia/Tokyo')).toEqual({ date: '2026-03-16', time: '18:00' });
    expect(toWallTime('2026-03-16T23:30:00Z', 'Asia/Tokyo')).toEqual({ date: '2026-03-17', time: '08:30' });
    expect(offsetMinutes(Date.parse('2026-01-01T00:00:00Z'), 'Asia/Kathmandu')).toBe(345);
  });

  it('round-trips every quarter hour of a year in a zone with daylight saving', () => {
    for (let day = 0; day < 365; day += 7) {
      const date = new Date(Date.UTC(2026, 0, 1 + day)).toISOString().slice(0, 10);
      for (const time of ['00:15', '09:00', '13:45', '23:30']) {
        const instant = toInstant({ date, time }, 'America/Santiago')!;
        expect(toWallTime(instant, 'America/Santiago')).toEqual({ date, time });
      }
    }
  });
});

const record = (kind: RecordView['kind'], fields: Record<string, unknown>, extra: Partial<RecordView> = {}): RecordView => ({
  id: `0190${Math.random().toString(16).slice(2, 10)}`,
  kind,
  parentId: null,
  order: null,
  fields: fields as RecordView['fields'],
  deleted: false,
  created: { at: 0, by: '' },
  updated: { at: 0, by: '' },
  conflicts: [],
  ...extra,
});

describe('what an action point should flag (kept, not refused)', () => {
  const meeting = record('meeting', { start: '2026-03-16T23:30:00-04:00', timeZone: 'America/New_York' });
  const alive = record('contact', { name: 'Amina' });
  const gone = record('contact', { name: 'Lena' }, { deleted: true });
  const contacts = new Map([alive, gone].map((c) => [c.id, c]));

  it('takes the meeting day where the meeting is held', () => {
    expect(dayOfMeeting(meeting)).toBe('2026-03-16');
    expect(dayOfMeeting(undefined)).toBeNull();
  });

  it('flags a due date before the meeting, except for preparation steps', () => {
    expect(actionPointFlags(record('action', { dueDate: '2026-03-15' }), meeting, contacts)).toEqual(['dueBeforeMeeting']);
    expect(actionPointFlags(record('action', { dueDate: '2026-03-16' }), meeting, contacts)).toEqual([]);
    expect(actionPointFlags(record('action', { dueDate: '2026-03-02', templateStep: 'request_letter' }), meeting, contacts)).toEqual([]);
    expect(actionPointFlags(record('action', { dueDate: '2026-03-02' }), undefined, contacts)).toEqual([]);
  });

  it('flags an owner whose contact was deleted or is unknown', () => {
    expect(actionPointFlags(record('action', { owner: { contactId: alive.id } }), meeting, contacts)).toEqual([]);
    expect(actionPointFlags(record('action', { owner: { contactId: gone.id } }), meeting, contacts)).toEqual(['ownerDeleted']);
    expect(actionPointFlags(record('action', { owner: { contactId: 'nobody' } }), meeting, contacts)).toEqual(['ownerMissing']);
    expect(actionPointFlags(record('action', { owner: { institution: 'UN Women' } }), meeting, contacts)).toEqual([]);
  });
});
