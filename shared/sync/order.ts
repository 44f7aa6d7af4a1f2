import { generateKeyBetween } from 'fractional-indexing';

/**
 * Order keys of ordered lists (objectives in a pillar, actions, agenda items): fractional-indexing
 * keys, compared code unit by code unit, ties broken by id.
 *
 * Two installations that insert at the same place at the same time compute the same plain key, so
 * every key made here ends with a fixed-length tag derived from the replica that made it: keys
 * made on different installations never collide. Keys that already collide (data written before
 * the tag) are handled by `planPlacement`, which gives the siblings in the way new keys.
 */

const DIGITS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const INTEGER_HEAD = /^[A-Za-z]/;
/** Digits of the tag; 62^10 × 61 > 2^64, enough for any 16-hex-digit replica id. */
const TAG_LENGTH = 11;

/** One item of an ordered list: its id and its order key (null when it has none). */
export interface Placed {
  id: string;
  order: string | null;
}

const keyOf = (order: unknown): string => (typeof order === 'string' ? order : '');

/** Siblings' order: by order key (code units, never a collator), then by id. A total order. */
export function compareOrder(a: { id: string; order?: unknown }, b: { id: string; order?: unknown }): number {
  const x = keyOf(a.order);
  const y = keyOf(b.order);
  if (x !== y) return x < y ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Whether `key` is a key fractional-indexing accepts (base62 digits, a whole integer part, no trailing '0'). */
export function isOrderKey(key: unknown): key is string {
  if (typeof key !== 'string' || !/^[0-9A-Za-z]+$/.test(key) || !INTEGER_HEAD.test(key)) return false;
  try {
    generateKeyBetween(key, null);
    return true;
  } catch {
    return false;
  }
}

/**
 * The replica's tag: its id (hex) as 11 base62 digits, the last never '0' (a key's fraction must
 * not end in '0'). Fixed length, so equal keys always carry the same tag: they came from one replica.
 */
export function replicaTag(replica: string): string {
  if (!/^[0-9a-f]{1,16}$/.test(replica)) throw new Error(`not a replica id: ${replica}`);
  let n = BigInt(`0x${replica}`);
  const last = DIGITS[Number(n % 61n) + 1]!;
  n /= 61n;
  let out = '';
  for (let i = 0; i < TAG_LENGTH - 1; i++) {
    out = DIGITS[Number(n % 62n)]! + out;
    n /= 62n;
  }
  return out + last;
}

/**
 * A key strictly between `before` and `after` (null: the start / the end), tagged for `replica`.
 * Throws when the bounds are not keys or not in strictly increasing order.
 */
export function keyBetween(before: string | null, after: string | null, replica: string): string {
  if (before !== null && !isOrderKey(before)) throw new Error(`not an order key: ${before}`);
  if (after !== null && !isOrderKey(after)) throw new Error(`not an order key: ${after}`);
  if (before !== null && after !== null && !(before < after)) throw new Error(`no key between ${before} and ${after}`);
  let base = generateKeyBetween(before, after);
  // The tag is appended to the plain key, so the plain key must not be a prefix of `after` (the
  // tagged key would then sort after it). Each step lands strictly closer to `after`; it ends.
  while (after !== null && after.startsWith(base)) base = generateKeyBetween(base, after);
  return base + replicaTag(replica);
}

/** Where an item goes: its key, and the new keys of the siblings that had to make room (usually none). */
export interface Placement {
  key: string;
  rekeys: Placed[];
}

/**
 * The keys that put an item at `index` among `siblings` (in order by `compareOrder`, without the
 * item itself). Between two siblings whose keys are strictly increasing, only the item gets a
 * key. Between siblings with equal keys (two installations that inserted at once before keys were
 * tagged) or with keys that are not order keys at all, the later of those siblings get new keys
 * too, in their current order, so the whole list stays as it was with the item where asked.
 */
export function planPlacement(siblings: readonly Placed[], index: number, replica: string): Placement {
  const at = Math.max(0, Math.min(Math.trunc(index), siblings.length));
  // The lower bound: the nearest sibling before `at` with a usable key; those between it and `at` move up.
  let start = at;
  while (start > 0 && !isOrderKey(siblings[start - 1]!.order)) start--;
  const lower = start > 0 ? siblings[start - 1]!.order! : null;
  // The upper bound: the nearest sibling from `at` on with a usable key above the lower bound.
  let end = at;
  while (end < siblings.length) {
    const order = siblings[end]!.order;
    if (isOrderKey(order) && (lower === null || order > lower)) break;
    end++;
  }
  const upper = end < siblings.length ? siblings[end]!.order! : null;
  // In order: the siblings before the slot that need a key, the item, the siblings after it that do.
  const slots: (Placed | null)[] = [...siblings.slice(start, at), null, ...siblings.slice(at, end)];
  const rekeys: Placed[] = [];
  let previous = lower;
  let key = '';
  for (const slot of slots) {
    previous = keyBetween(previous, upper, replica);
    if (slot === null) key = previous;
    else rekeys.push({ id: slot.id, order: previous });
  }
  return { key, rekeys };
}
