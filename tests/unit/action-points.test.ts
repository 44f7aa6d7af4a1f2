import { describe, expect, it } from 'vitest';
import type { RecordView } from '../../shared/records/codec.js';
import { isOverdue, localDay, selectActionPoints, summariseActionPoints } from '../../shared/records/action-points.js';

let n = 0;
function ap(fields: Record<string, unknown>, extra: Partial<RecordView> = {}): RecordView {
  n++;
  return {
    id: `0190a6e4-0000-7000-8000-${String(n).padStart(12, '0')}`,
    kind: 'action',
    parentId: null,
    order: null,
    fields: fields as RecordView['fields'],
    deleted: false,
    created: { at: n, by: 'A' },
    updated: { at: n, by: 'A' },
    conflicts: [],
    ...extra,
  };
}

const today = '2026-03-16';
const options = { today, locale: 'en' };

describe('action point selection', () => {
  const list = [
    ap({ title: { en: 'Send the chair’s summary' }, dueDate: '2026-03-10', status: 'open', priority: 'high', owner: { institution: 'UN Women' } }),
    ap({ title: { fr: 'Préparer la note de cadrage' }, dueDate: '2026-03-20', status: 'in_progress', owner: { contactId: 'c1' } }),
    ap({ title: { en: 'Circulate the newsletter item' }, dueDate: '2026-03-01', status: 'done' }),
    ap({ title: { en: 'Égalité review' }, status: 'blocked', priority: 'low' }),
    ap({ title: { en: 'Deleted one' }, dueDate: '2026-03-01', status: 'open' }, { deleted: true }),
  ];

  it('overdue means past due and still to do', () => {
    expect(list.map((x) => isOverdue(x, today))).toEqual([true, false, false, false, true]);
  });

  it('filters by status, owner, due date, overdue and the ids the words found, never showing deleted ones', () => {
    const titles = (filter: Parameters<typeof selectActionPoints>[1]) =>
      selectActionPoints(list, filter, { by: 'dueDate', direction: 'asc' }, options).map((x) => Object.values(x.fields.title as object)[0]);
    expect(titles({ statuses: ['open', 'in_progress'] })).toEqual(['Send the chair’s summary', 'Préparer la note de cadrage']);
    expect(titles({ owner: 'c1' })).toEqual(['Préparer la note de cadrage']);
    expect(titles({ owner: 'UN Women' })).toEqual(['Send the chair’s summary']);
    expect(titles({ dueBy: '2026-03-15' })).toEqual(['Circulate the newsletter item', 'Send the chair’s summary']);
    expect(titles({ overdueOnly: true })).toEqual(['Send the chair’s summary']);
    // The search index's answer: the ids whose words matched (a deleted one among them stays out).
    const found = new Set([list[1]!.id, list[3]!.id, list[4]!.id]);
    expect(titles({ matching: found })).toEqual(['Préparer la note de cadrage', 'Égalité review']);
    expect(titles({ matching: found, statuses: ['blocked'] })).toEqual(['Égalité review']);
    expect(titles({ matching: new Set() })).toEqual([]);
  });

  it('sorts both ways, with missing values last in either direction', () => {
    const by = (key: 'dueDate' | 'priority' | 'status', direction: 'asc' | 'desc') =>
      selectActionPoints(list, {}, { by: key, direction }, options).map((x) => x.fields.dueDate ?? x.fields.priority ?? x.fields.status);
    expect(by('dueDate', 'asc')).toEqual(['2026-03-01', '2026-03-10', '2026-03-20', 'low']);
    expect(by('dueDate', 'desc')).toEqual(['2026-03-20', '2026-03-10', '2026-03-01', 'low']);
    const statuses = selectActionPoints(list, {}, { by: 'status', direction: 'asc' }, options).map((x) => x.fields.status);
    expect(statuses).toEqual(['open', 'in_progress', 'done', 'blocked']);
  });

  it('summarises for the dashboard: counts by status, overdue, due today and this week', () => {
    const week = [
      ...list,
      ap({ title: { en: 'Today' }, dueDate: today, status: 'open' }),
      ap({ title: { en: 'Sunday' }, dueDate: '2026-03-22', status: 'open' }),
      ap({ title: { en: 'Next Monday' }, dueDate: '2026-03-23', status: 'open' }),
    ];
    const summary = summariseActionPoints(week, today, 1);
    expect(summary.total).toBe(7);
    expect(summary.byStatus).toEqual({ open: 4, in_progress: 1, done: 1, blocked: 1, cancelled: 0 });
    expect(summary.overdue.count).toBe(1);
    expect(summary.dueToday).toBe(1);
    expect(summary.dueThisWeek.count).toBe(3);
    expect(summary.dueThisWeek.items.map((x) => x.fields.dueDate)).toEqual([today]);
  });

  it('reads today as the local calendar day', () => {
    expect(localDay(new Date(2026, 0, 5, 23, 59))).toBe('2026-01-05');
  });
});
