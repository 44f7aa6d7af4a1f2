import { PILLARS, type Kind } from '../records/kinds.js';
import { compareOrder } from '../sync/order.js';

/** The least a record needs to be placed in a plan's outline (a RecordView or a snapshot's copy). */
export interface OutlineRecord {
  id: string;
  kind: Kind | string;
  parentId: string | null;
  order: string | null;
  fields: Record<string, unknown>;
}

export type Pillar = (typeof PILLARS)[number];

export interface OutlineIndicator<R extends OutlineRecord> {
  record: R;
}
export interface OutlineAction<R extends OutlineRecord> {
  record: R;
  indicators: R[];
}
export interface OutlineObjective<R extends OutlineRecord> {
  record: R;
  actions: OutlineAction<R>[];
}
export interface OutlinePillar<R extends OutlineRecord> {
  pillar: Pillar;
  objectives: OutlineObjective<R>[];
}

const byOrder: (a: OutlineRecord, b: OutlineRecord) => number = compareOrder;

export const isPillar = (value: unknown): value is Pillar => (PILLARS as readonly unknown[]).includes(value);

/**
 * The plan as it reads: its pillars in the plan's own order, the objectives of each pillar (by
 * their `pillar` field, in order), their actions, and the actions' indicators. Objectives whose
 * pillar the plan no longer lists are kept under that pillar at the end, so nothing disappears.
 */
export function buildOutline<R extends OutlineRecord>(napPillars: unknown, children: readonly R[]): OutlinePillar<R>[] {
  const pillars: Pillar[] = Array.isArray(napPillars) ? napPillars.filter(isPillar) : [];
  const kids = new Map<string, R[]>();
  for (const child of children) {
    if (!child.parentId) continue;
    const list = kids.get(child.parentId) ?? [];
    list.push(child);
    kids.set(child.parentId, list);
  }
  const under = (id: string, kind: string) => (kids.get(id) ?? []).filter((c) => c.kind === kind).sort(byOrder);
  const objectives = children.filter((c) => c.kind === 'nap.objective').sort(byOrder);
  for (const o of objectives) {
    const pillar = o.fields.pillar;
    if (isPillar(pillar) && !pillars.includes(pillar)) pillars.push(pillar);
  }
  return pillars.map((pillar) => ({
    pillar,
    objectives: objectives
      .filter((o) => o.fields.pillar === pillar)
      .map((o) => ({
        record: o,
        actions: under(o.id, 'nap.action').map((a) => ({ record: a, indicators: under(a.id, 'nap.indicator') })),
      })),
  }));
}

/**
 * Where to put `id` so that it lands at `index` among `siblings` (the list it will belong to, in
 * order, possibly including itself): the sibling it goes after, or null for first.
 */
export function afterFor(siblings: readonly string[], id: string, index: number): string | null {
  const others = siblings.filter((s) => s !== id);
  const at = Math.max(0, Math.min(index, others.length));
  return at === 0 ? null : others[at - 1]!;
}
