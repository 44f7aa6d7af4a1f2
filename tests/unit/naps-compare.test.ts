import { describe, expect, it } from 'vitest';
import { compareSnapshots } from '../../shared/naps/compare.js';
import { afterFor, buildOutline } from '../../shared/naps/outline.js';

const id = (n: number) => `01900000-0000-7000-8000-${String(n).padStart(12, '0')}`;
const rec = (n: number, kind: string, parent: number | null, order: string | null, fields: Record<string, unknown>) => ({
  id: id(n),
  kind,
  parentId: parent === null ? null : id(parent),
  order,
  fields: fields as Record<string, never>,
});

describe('snapshot comparison', () => {
  it('lists added, removed and changed records, one language of a text at a time', () => {
    const before = [
      rec(1, 'nap', null, null, { title: { en: 'Plan', ar: 'خطة' }, status: 'drafting', pillars: ['participation'] }),
      rec(2, 'nap.objective', 1, 'a0', { pillar: 'participation', title: { en: 'More women' } }),
      rec(3, 'nap.objective', 1, 'a1', { pillar: 'participation', title: { en: 'Gone' } }),
    ];
    const after = [
      rec(1, 'nap', null, null, { title: { en: 'Plan', ar: 'خطة العمل' }, status: 'consultation', pillars: ['participation'] }),
      rec(2, 'nap.objective', 1, 'a0', { pillar: 'participation', title: { en: 'More women' } }),
      rec(4, 'nap.objective', 1, 'a2', { pillar: 'participation', title: { en: 'New' } }),
    ];
    const result = compareSnapshots(before, after);
    expect(result.added.map((r) => r.id)).toEqual([id(4)]);
    expect(result.removed.map((r) => r.id)).toEqual([id(3)]);
    expect(result.changed).toHaveLength(1);
    expect(result.changed[0]!.fields).toEqual([
      { field: 'status', before: 'drafting', after: 'consultation' },
      { field: 'title@ar', before: 'خطة', after: 'خطة العمل' },
    ]);
  });

  it('sees a record moved or reordered, an emptied text, and nothing at all between equal states', () => {
    const a = [rec(2, 'nap.objective', 1, 'a0', { title: { en: 'x', fr: 'y' } })];
    const b = [rec(2, 'nap.objective', 1, 'a5', { title: { en: 'x', fr: '' } })];
    expect(compareSnapshots(a, b).changed[0]!.fields.map((f) => f.field)).toEqual(['_order', 'title@fr']);
    expect(compareSnapshots(a, a)).toEqual({ added: [], removed: [], changed: [] });
  });

  it('compares lists (measurements, partner agencies) as whole values', () => {
    const a = [rec(5, 'nap.indicator', 4, 'a0', { measurements: [{ date: '2024-01-01', value: 1 }] })];
    const b = [rec(5, 'nap.indicator', 4, 'a0', { measurements: [{ date: '2024-01-01', value: 2 }] })];
    expect(compareSnapshots(a, b).changed[0]!.fields).toEqual([
      { field: 'measurements', before: [{ date: '2024-01-01', value: 1 }], after: [{ date: '2024-01-01', value: 2 }] },
    ]);
  });
});

describe('outline', () => {
  it('orders pillars as the plan lists them, objectives by pillar and order, then actions and indicators', () => {
    const children = [
      rec(2, 'nap.objective', 1, 'a2', { pillar: 'protection' }),
      rec(3, 'nap.objective', 1, 'a1', { pillar: 'participation' }),
      rec(4, 'nap.objective', 1, 'a0', { pillar: 'protection' }),
      rec(5, 'nap.action', 2, 'a1', {}),
      rec(6, 'nap.action', 2, 'a0', {}),
      rec(7, 'nap.indicator', 6, 'a0', {}),
      rec(8, 'nap.consultation', 1, 'a3', {}),
      rec(9, 'nap.objective', 1, 'a4', { pillar: 'prevention' }),
    ];
    const outline = buildOutline(['protection', 'participation'], children);
    expect(outline.map((p) => p.pillar)).toEqual(['protection', 'participation', 'prevention']);
    expect(outline[0]!.objectives.map((o) => o.record.id)).toEqual([id(4), id(2)]);
    expect(outline[0]!.objectives[1]!.actions.map((a) => a.record.id)).toEqual([id(6), id(5)]);
    expect(outline[0]!.objectives[1]!.actions[0]!.indicators.map((i) => i.id)).toEqual([id(7)]);
    expect(buildOutline(undefined, [])).toEqual([]);
  });

  it('says which sibling an item goes after to land at a position', () => {
    expect(afterFor(['a', 'b', 'c'], 'c', 0)).toBeNull();
    expect(afterFor(['a', 'b', 'c'], 'c', 1)).toBe('a');
    expect(afterFor(['a', 'b', 'c'], 'a', 2)).toBe('c');
    expect(afterFor(['a', 'b'], 'x', 9)).toBe('b');
  });
});
