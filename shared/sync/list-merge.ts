import { commonAncestor, type FieldState, type FieldVersion, type Json, type SyncRecord } from './record.js';

/** The value of one list item's sync key while it is in the list: its order key and the item. */
export interface ItemValue {
  o: string;
  v: Json;
}

export function isItemValue(value: unknown): value is ItemValue {
  return !!value && typeof value === 'object' && !Array.isArray(value) && typeof (value as { o?: unknown }).o === 'string' && 'v' in value;
}

/** JSON with object keys sorted: equal content, equal text (an item typed on two machines compares equal). */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)))
      : v,
  );
}

/** What an item version says about the item itself: removed (null) or its content. */
const content = (value: Json | undefined): string | null | undefined =>
  value === undefined ? undefined : isItemValue(value) ? canonicalJson(value.v) : null;

/**
 * Concurrent versions of one list item, merged by component against their common ancestor: the
 * item's content changed on one side only → that side's; changed differently (two edits, or a
 * removal and an edit) → an open conflict on this item alone; the order key → the side that moved
 * it, the winner when both did (never a question). A removal against an unchanged or merely
 * moved item removes it. Versions come winner first.
 */
export function itemState(record: SyncRecord, key: string, versions: readonly FieldVersion[]): FieldState {
  const top = versions[0]!;
  const base = commonAncestor(record, key, versions);
  const baseContent = content(base?.value);
  const changed = new Map<string | null | undefined, FieldVersion>();
  for (const v of versions) {
    const c = content(v.value);
    if (c !== baseContent && !changed.has(c)) changed.set(c, v);
  }
  if (changed.size > 1) {
    // Shown as the item still there (nothing hides while a person decides), listed in full.
    const shown = versions.find((v) => isItemValue(v.value))?.value ?? top.value;
    return { value: shown, conflict: [...versions], merged: false, top };
  }
  const [winner] = [...changed.values()];
  const source = winner ?? base ?? top;
  if (!isItemValue(source.value)) {
    const value = source.value === undefined ? null : source.value;
    return { value, conflict: null, merged: canonicalJson(value) !== canonicalJson(top.value), top };
  }
  // The order: the winner among those that moved it, else where it was.
  const baseOrder = isItemValue(base?.value) ? base.value.o : undefined;
  const placed = versions.filter((v) => isItemValue(v.value));
  const moved = placed.find((v) => (v.value as unknown as ItemValue).o !== baseOrder);
  const o = ((moved ?? placed[0] ?? source).value as unknown as ItemValue).o;
  const value: Json = { o, v: source.value.v };
  return { value, conflict: null, merged: canonicalJson(value) !== canonicalJson(top.value), top };
}
