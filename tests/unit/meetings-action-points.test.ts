import { describe, expect, it } from 'vitest';
import { SearchIndex } from '../../main/core/search/search-index.js';
import { selectActionPoints } from '../../shared/records/action-points.js';
import type { RecordView } from '../../shared/records/codec.js';

let n = 0;
const ap = (fields: Record<string, unknown>): RecordView => ({
  id: `id-${String(n++).padStart(4, '0')}`,
  kind: 'action',
  parentId: null,
  order: null,
  fields: fields as RecordView['fields'],
  deleted: false,
  created: { at: 0, by: '' },
  updated: { at: 0, by: '' },
  conflicts: [],
});
const options = { today: '2026-06-15', locale: 'en' };
const byDue = { by: 'dueDate', direction: 'asc' } as const;
const titles = (list: RecordView[]) => list.map((r) => (r.fields.title as { en?: string; fr?: string }).en ?? (r.fields.title as { fr?: string }).fr);

describe('action point selection for the Action points page', () => {
  const all = [
    ap({ title: { en: 'Share the NAP draft' }, status: 'open', dueDate: '2026-05-01', owner: { institution: 'UN Women' }, meetingId: 'm1' }),
    ap({ title: { fr: 'Consulter la société civile' }, status: 'done', dueDate: '2026-04-01', owner: { contactId: 'c1' }, meetingId: 'm1' }),
    ap({ title: { en: 'Publish the summary' }, details: { en: 'With the civil society annex' }, status: 'blocked', dueDate: '2026-07-01', meetingId: 'm2' }),
    ap({ title: { en: 'No date yet' }, status: 'in_progress' }),
  ];

  /** The search box as the page runs it: the core's index finds the ids, the selection keeps those. */
  const searchable = (records: RecordView[]) => {
    const byId = new Map(records.map((r) => [r.id, r]));
    const index = new SearchIndex({ ids: () => byId.keys(), view: (id) => byId.get(id) });
    return {
      byId,
      index,
      find: async (list: RecordView[], text: string, filter = {}) =>
        titles(selectActionPoints(list, { ...filter, matching: new Set(await index.match({ text, kind: 'action' })) }, byDue, options)),
    };
  };

  it('finds words in any language, folded, in titles and details, with the other filters', async () => {
    const { find } = searchable(all);
    // Case and accents folded; every word must be found ("societe" alone would also find "society").
    expect(await find(all, 'CONSULTER la SOCIETE')).toEqual(['Consulter la société civile']);
    expect(await find(all, 'civil')).toEqual(['Consulter la société civile', 'Publish the summary']);
    expect(await find(all, 'civil', { statuses: ['blocked'] })).toEqual(['Publish the summary']);
    expect(await find(all, 'annex')).toEqual(['Publish the summary']);
    expect(await find(all, 'mediation in Atlantis')).toEqual([]);
  });

  it('sees an edit: the index hears of the changed record and the list keeps what it finds now', async () => {
    const { byId, index, find } = searchable(all);
    expect(await find(all, 'summary')).toHaveLength(1);
    const edited = all.map((r) => (r === all[2] ? { ...r, fields: { ...r.fields, title: { en: 'Publish the report' } } } : r));
    byId.set(all[2]!.id, edited[2]!);
    index.changed([all[2]!.id]);
    expect(await find(edited, 'summary')).toHaveLength(0);
    expect(await find(edited, 'report')).toEqual(['Publish the report']);
  });

  it('never shows a deleted point, even one the words find', () => {
    const gone = { ...all[0]!, deleted: true };
    expect(selectActionPoints([gone, all[1]!], { matching: new Set([gone.id, all[1]!.id]) }, byDue, options)).toHaveLength(1);
  });

  it('combines status, owner, meeting, due-by and overdue filters', () => {
    expect(titles(selectActionPoints(all, { statuses: ['open', 'blocked'] }, byDue, options))).toEqual(['Share the NAP draft', 'Publish the summary']);
    expect(titles(selectActionPoints(all, { owner: 'c1' }, byDue, options))).toEqual(['Consulter la société civile']);
    expect(titles(selectActionPoints(all, { meetingId: 'm1', dueBy: '2026-04-30' }, byDue, options))).toEqual(['Consulter la société civile']);
    // Overdue: open and past due (the done one is not).
    expect(titles(selectActionPoints(all, { overdueOnly: true }, byDue, options))).toEqual(['Share the NAP draft']);
  });

  it('keeps undated points last in both directions', () => {
    expect(titles(selectActionPoints(all, {}, byDue, options)).at(-1)).toBe('No date yet');
    expect(titles(selectActionPoints(all, {}, { by: 'dueDate', direction: 'desc' }, options)).at(-1)).toBe('No date yet');
  });
});
