import { z } from 'zod';
import { ACTION_POINT_STATUSES, PRIORITIES } from './kinds.js';
import { RecordView } from './codec.js';
import { sortKey, textCollator } from './sort.js';

export type ActionPointStatus = (typeof ACTION_POINT_STATUSES)[number];

/** An action point still to be done: not done, not cancelled. */
export const isOpen = (ap: RecordView) => ap.fields.status !== 'done' && ap.fields.status !== 'cancelled';

const due = (ap: RecordView) => (typeof ap.fields.dueDate === 'string' ? ap.fields.dueDate : null);

/** Past its due date and still to be done. `today` is the person's calendar day, `YYYY-MM-DD`. */
export const isOverdue = (ap: RecordView, today: string) => {
  const d = due(ap);
  return isOpen(ap) && d !== null && d < today;
};

/** The person's calendar day where they are (not UTC): what "today" and "overdue" mean to them. */
export function localDay(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export interface ActionPointFilter {
  statuses?: readonly ActionPointStatus[];
  /** A contact's id, or an institution's name. */
  owner?: string;
  meetingId?: string;
  napActionId?: string;
  /** Due on or before this day. */
  dueBy?: string;
  overdueOnly?: boolean;
  /**
   * Only these action points: the ones the search box's words find (the core's search index
   * answers that, so a list folds and matches text exactly as the global search does).
   */
  matching?: ReadonlySet<string>;
}

export type ActionPointSortKey = 'dueDate' | 'status' | 'priority' | 'title' | 'updated';

/** Who owns an action point, as the filter compares it: a contact's id or an institution's name. */
export function ownerKey(ap: RecordView): string | null {
  const owner = ap.fields.owner as { contactId?: string; institution?: string } | undefined;
  return owner?.contactId ?? owner?.institution ?? null;
}

/**
 * Filters and sorts action points in memory: the Action points page runs it on every change of a
 * filter, so it compares precomputed sort keys.
 */
export function selectActionPoints(
  all: readonly RecordView[],
  filter: ActionPointFilter,
  sort: { by: ActionPointSortKey; direction: 'asc' | 'desc' },
  options: { today: string; locale: string },
): RecordView[] {
  const statuses = filter.statuses && filter.statuses.length > 0 ? new Set<unknown>(filter.statuses) : null;
  const out: RecordView[] = [];
  for (const ap of all) {
    if (ap.deleted) continue;
    if (statuses && !statuses.has(ap.fields.status ?? 'open')) continue;
    if (filter.owner && ownerKey(ap) !== filter.owner) continue;
    if (filter.meetingId && ap.fields.meetingId !== filter.meetingId) continue;
    if (filter.napActionId && ap.fields.napActionId !== filter.napActionId) continue;
    if (filter.dueBy) {
      const d = due(ap);
      if (d === null || d > filter.dueBy) continue;
    }
    if (filter.overdueOnly && !isOverdue(ap, options.today)) continue;
    if (filter.matching && !filter.matching.has(ap.id)) continue;
    out.push(ap);
  }
  const sign = sort.direction === 'desc' ? -1 : 1;
  const collator = textCollator(options.locale);
  const key = (ap: RecordView): string | number | null => {
    switch (sort.by) {
      case 'dueDate':
        return due(ap);
      case 'status':
        return ACTION_POINT_STATUSES.indexOf((ap.fields.status ?? 'open') as ActionPointStatus);
      case 'priority':
        return PRIORITIES.indexOf((ap.fields.priority ?? 'normal') as (typeof PRIORITIES)[number]);
      case 'updated':
        return ap.updated.at;
      case 'title':
        return sortKey(ap.fields.title, options.locale);
    }
  };
  const keyed = out.map((ap) => ({ ap, k: key(ap) }));
  keyed.sort((a, b) => {
    // Missing values last whichever the direction: an action point without a date is not "earliest".
    if (a.k === null || b.k === null) return a.k === b.k ? (a.ap.id < b.ap.id ? -1 : 1) : a.k === null ? 1 : -1;
    const c = typeof a.k === 'number' && typeof b.k === 'number' ? a.k - b.k : sort.by === 'title' ? collator.compare(String(a.k), String(b.k)) : a.k < b.k ? -1 : a.k > b.k ? 1 : 0;
    return sign * c || (a.ap.id < b.ap.id ? -1 : 1);
  });
  return keyed.map((x) => x.ap);
}

/** What the dashboard, the navigation badge and the reminders show of the action points. */
export const ActionSummary = z.object({
  total: z.number().int(),
  byStatus: z.record(z.enum(ACTION_POINT_STATUSES), z.number().int()),
  overdue: z.object({ count: z.number().int(), items: z.array(RecordView) }),
  dueToday: z.number().int(),
  /** Due from today to six days ahead (still to be done). */
  dueThisWeek: z.object({ count: z.number().int(), items: z.array(RecordView) }),
});
export type ActionSummary = z.infer<typeof ActionSummary>;

export const ActionSummaryRequest = z.strictObject({
  today: z.iso.date({ error: 'errors:validation.date' }),
  /** How many of each list to return (the counts are always whole). */
  limit: z.number().int().min(0).max(500).default(20),
});

const byDue = (a: RecordView, b: RecordView) => (due(a) ?? '').localeCompare(due(b) ?? '') || (a.id < b.id ? -1 : 1);

export function summariseActionPoints(all: Iterable<RecordView>, today: string, limit: number): ActionSummary {
  const weekEnd = new Date(`${today}T00:00:00Z`);
  weekEnd.setUTCDate(weekEnd.getUTCDate() + 6);
  const last = weekEnd.toISOString().slice(0, 10);
  const byStatus = Object.fromEntries(ACTION_POINT_STATUSES.map((s) => [s, 0])) as Record<ActionPointStatus, number>;
  const overdue: RecordView[] = [];
  const week: RecordView[] = [];
  let total = 0;
  let dueToday = 0;
  for (const ap of all) {
    if (ap.deleted) continue;
    total++;
    const status = (ap.fields.status ?? 'open') as ActionPointStatus;
    if (status in byStatus) byStatus[status]++;
    if (!isOpen(ap)) continue;
    const d = due(ap);
    if (d === null) continue;
    if (d < today) overdue.push(ap);
    else if (d <= last) {
      week.push(ap);
      if (d === today) dueToday++;
    }
  }
  return {
    total,
    byStatus,
    overdue: { count: overdue.length, items: overdue.sort(byDue).slice(0, limit) },
    dueToday,
    dueThisWeek: { count: week.length, items: week.sort(byDue).slice(0, limit) },
  };
}
