import { generateNKeysBetween } from 'fractional-indexing';
import { canonicalJson, isItemValue } from '../sync/list-merge.js';
import { fieldState, type Json, type SyncRecord } from '../sync/record.js';
import type { ListIdRule } from './kinds.js';

/**
 * List fields whose items merge one by one: each item is the sync key `field#itemId` with the value
 * `{ o, v }` (order key, item) or null once removed. Everything outside the sync layer sees the
 * plain array, rebuilt here.
 */

export const ITEM_SEPARATOR = '#';
export const itemKey = (field: string, id: string) => `${field}${ITEM_SEPARATOR}${id}`;

/** `measurements#3f…` → ['measurements', '3f…']; a key without an item → [key, undefined]. */
export function splitItemKey(key: string): [string, string | undefined] {
  const at = key.indexOf(ITEM_SEPARATOR);
  return at < 0 ? [key, undefined] : [key.slice(0, at), key.slice(at + 1)];
}

/** One item as it stands: its id, order key and content. */
export interface ListItem {
  id: string;
  o: string;
  v: Json;
}

/** Items by order key, then id: a total order every replica agrees on. */
export function compareItems(a: { id: string; o: string }, b: { id: string; o: string }): number {
  if (a.o !== b.o) return a.o < b.o ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** The items of one list field still in the list, in order. */
export function listItems(record: SyncRecord, field: string): ListItem[] {
  const prefix = itemKey(field, '');
  const out: ListItem[] = [];
  for (const key of Object.keys(record.fields)) {
    if (!key.startsWith(prefix)) continue;
    const value = fieldState(record, key, 'item').value;
    if (isItemValue(value)) out.push({ id: key.slice(prefix.length), o: value.o, v: value.v });
  }
  return out.sort(compareItems);
}

/**
 * A small deterministic hash (two 53-bit cyrb53 rounds) as up to 22 base-36 digits. Not for
 * secrecy: it names items so that two installations naming the same item agree.
 */
export function shortHash(text: string): string {
  const round = (seed: number) => {
    let h1 = 0xdeadbeef ^ seed;
    let h2 = 0x41c6ce57 ^ seed;
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      h1 = Math.imul(h1 ^ ch, 2654435761);
      h2 = Math.imul(h2 ^ ch, 1597334677);
    }
    h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
    h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
    return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36).padStart(11, '0');
  };
  return round(1) + round(2);
}

/** The form of a value that names it: text compared without regard to case, width or spacing. */
function normalised(value: unknown): string {
  if (typeof value === 'string') return value.normalize('NFKC').toLocaleLowerCase('en').replace(/\s+/g, ' ').trim();
  return canonicalJson(value);
}

const uuidHex = (value: unknown): string | undefined =>
  typeof value === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value)
    ? value.replace(/-/g, '').toLowerCase()
    : undefined;

/** The id an item's own content gives it under `rule`, if any (the first time it occurs in the list). */
export function derivedItemId(rule: ListIdRule, item: unknown): string | undefined {
  const fields = item && typeof item === 'object' ? (item as Record<string, unknown>) : {};
  switch (rule) {
    case 'value':
      return shortHash(normalised(item));
    case 'key:letter':
      return typeof fields.letter === 'string' && /^[a-z]{1,3}$/.test(fields.letter) ? fields.letter : undefined;
    case 'key:id':
      return uuidHex(fields.id);
    case 'contact':
      return uuidHex(fields.contactId);
    case 'random':
      return undefined;
  }
}

/** The same derived id again in one list (a contact listed twice): a second name, still derived. */
export const repeatedId = (id: string, occurrence: number) => (occurrence === 0 ? id : shortHash(`${id}:${occurrence}`));

interface Crypto {
  getRandomValues(array: Uint8Array): Uint8Array;
}

export function randomItemId(): string {
  const bytes = (globalThis as unknown as { crypto: Crypto }).crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Indexes of a longest run of items whose current places are already in order (kept as they are). */
function inOrder(places: readonly ({ id: string; o: string } | undefined)[]): Set<number> {
  // Patience sorting over the matched items: O(n log n), ties impossible (ids differ).
  const tails: number[] = [];
  const prev = new Map<number, number>();
  for (let i = 0; i < places.length; i++) {
    const p = places[i];
    if (!p) continue;
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (compareItems(places[tails[mid]!]!, p) < 0) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) prev.set(i, tails[lo - 1]!);
    tails[lo] = i;
  }
  const kept = new Set<number>();
  for (let i: number | undefined = tails[tails.length - 1]; i !== undefined; i = prev.get(i)) kept.add(i);
  return kept;
}

/**
 * A list as a person sent it (the whole array: autosave sends it every time) → the changes of its
 * item keys. Items are matched to those already there: by id where the id comes from the item;
 * else an identical item first, then the rest pairwise by position (an edit in place). New items
 * get new ids and order keys; matched items keep their keys while still in order (as few move as
 * possible); missing items become null. The same array again changes nothing.
 */
export function listChanges(field: string, rule: ListIdRule, incoming: readonly Json[] | null, existing: readonly ListItem[]): Record<string, Json> {
  const changes: Record<string, Json> = {};
  const items = incoming ?? [];
  const byId = new Map(existing.map((e) => [e.id, e]));
  const used = new Set<string>();
  const matched: (ListItem | undefined)[] = new Array(items.length).fill(undefined);
  const ids: (string | undefined)[] = new Array(items.length).fill(undefined);
  const seen = new Map<string, number>();
  for (let i = 0; i < items.length; i++) {
    const derived = derivedItemId(rule, items[i]);
    if (derived === undefined) continue;
    const n = seen.get(derived) ?? 0;
    seen.set(derived, n + 1);
    const id = repeatedId(derived, n);
    ids[i] = id;
    const there = byId.get(id);
    if (there) {
      matched[i] = there;
      used.add(id);
    }
  }
  // The identity of a value-named item is its value: it is never edited in place.
  const pairs = rule === 'random' || rule === 'contact';
  if (pairs) {
    const free = () => existing.filter((e) => !used.has(e.id));
    for (let i = 0; i < items.length; i++) {
      if (ids[i] !== undefined) continue;
      const text = canonicalJson(items[i]);
      const same = free().find((e) => canonicalJson(e.v) === text);
      if (same) {
        matched[i] = same;
        used.add(same.id);
      }
    }
    const rest = free();
    for (let i = 0; i < items.length && rest.length > 0; i++) {
      if (ids[i] !== undefined || matched[i]) continue;
      const e = rest.shift()!;
      matched[i] = e;
      used.add(e.id);
    }
  }
  for (let i = 0; i < items.length; i++) ids[i] = matched[i]?.id ?? ids[i] ?? randomItemId();

  let orders: string[];
  try {
    orders = orderKeys(matched);
  } catch {
    // A key no fractional index accepts (a damaged or hand-made file): the whole list gets new keys.
    orders = generateNKeysBetween(null, null, items.length);
  }

  for (let i = 0; i < items.length; i++) {
    const before = matched[i];
    if (before && before.o === orders[i] && canonicalJson(before.v) === canonicalJson(items[i])) continue;
    changes[itemKey(field, ids[i]!)] = { o: orders[i]!, v: items[i]! };
  }
  for (const e of existing) if (!used.has(e.id)) changes[itemKey(field, e.id)] = null;
  return changes;
}

/** Order keys for a list in its new order: matched items keep theirs while still in order, the rest get keys between. */
function orderKeys(matched: readonly (ListItem | undefined)[]): string[] {
  const kept = inOrder(matched);
  const orders: string[] = new Array(matched.length);
  const items = matched;
  for (let i = 0; i < items.length; ) {
    if (kept.has(i)) {
      orders[i] = matched[i]!.o;
      i++;
      continue;
    }
    let end = i;
    while (end < items.length && !kept.has(end)) end++;
    const lower = i > 0 ? orders[i - 1]! : null;
    // Two kept items may share an order key (ids break the tie): then the next one moves too.
    while (end < items.length && lower !== null && matched[end]!.o <= lower) {
      kept.delete(end);
      end++;
      while (end < items.length && !kept.has(end)) end++;
    }
    const upper = end < items.length ? matched[end]!.o : null;
    const keys = generateNKeysBetween(lower, upper, end - i);
    for (let j = i; j < end; j++) orders[j] = keys[j - i]!;
    i = end;
  }
  return orders;
}
