import { z } from 'zod';
import {
  compareHlc,
  covers,
  Dot,
  dotKey,
  Hlc,
  joinVectors,
  MAX_INCOMING_COUNTER,
  VersionVector,
  withinClockReach,
  type HybridClock,
  type ReplicaId,
} from './clock.js';
import { mergeText } from './text-merge.js';
import { canonicalJson, itemState } from './list-merge.js';

/** Record fields the sync layer itself uses; every other key is a kind's field. */
export const DELETED = '_deleted';
export const PARENT = '_parent';
export const ORDER = '_order';

/**
 * How concurrent versions of a field are shown: `text` tries a three-way merge first; `value`
 * picks a winner and lists the rest as an open conflict; `order` picks a winner silently (two
 * people moving one item is not worth a question; the other position stays in the state); `item`
 * is one item of a list (`field#itemId`, value `{ o, v }` or null once removed), merged by
 * component: see list-merge.ts.
 */
export type MergeAs = 'text' | 'value' | 'order' | 'item';

/** The most predecessors one version names (a merge of that many concurrent versions). */
export const MAX_PREDS = 64;

/** History kept per field for three-way merges and "who changed what, when". */
export const HISTORY_LIMIT = 50;

/** `field`, a language version `field@lang`, or one item of a list `field#itemId`. */
export const FieldKey = z.string().regex(/^(_deleted|_parent|_order|[a-z][A-Za-z0-9]{0,63}(@(ar|en|es|fr|ru|zh)|#[0-9a-z]{1,32})?)$/);

/** One write of one field. Immutable once made: the same dot always carries the same content. */
export const FieldVersion = z.strictObject({
  dot: Dot,
  hlc: Hlc,
  /** The author's display name at the time of the edit (the replica is dot.r). */
  by: z.string().max(200),
  value: z.json(),
  /** The versions this write replaced: the ancestry three-way merges walk. */
  preds: z.array(Dot).max(MAX_PREDS),
  /** On a delete: the record's version vector when it was deleted (what the deleter had seen). */
  ctx: VersionVector.optional(),
});
export type FieldVersion = z.infer<typeof FieldVersion>;

export const SyncRecord = z.strictObject({
  id: z.uuid({ version: 'v7' }),
  kind: z.string().min(1).max(40),
  vv: VersionVector,
  fields: z.record(FieldKey, z.array(FieldVersion).min(1)),
  history: z.record(FieldKey, z.array(FieldVersion)),
});
export type SyncRecord = z.infer<typeof SyncRecord>;

export class SyncError extends Error {
  constructor(
    readonly code: 'kind_mismatch' | 'id_mismatch',
    message: string,
  ) {
    super(message);
    this.name = 'SyncError';
  }
}

/** Winner first: later HLC time, then higher replica id, then higher counter. A total order. */
export function compareVersions(a: FieldVersion, b: FieldVersion): number {
  return compareHlc(b.hlc, a.hlc) || (a.dot.r < b.dot.r ? 1 : a.dot.r > b.dot.r ? -1 : b.dot.c - a.dot.c);
}

/** Two copies of one dot should be equal; if a damaged bundle says otherwise, both sides pick the same. */
function pickSame(a: FieldVersion, b: FieldVersion): FieldVersion {
  if (a === b) return a;
  const x = canonicalJson(a);
  const y = canonicalJson(b);
  return x <= y ? a : b;
}

/**
 * The versions of one field after merging two replicas' states: a version stays if both sides
 * have it, or if the other side has not yet seen its dot. One the other side has seen and no
 * longer holds was replaced there by a causally later write.
 */
function mergeVersions(a: readonly FieldVersion[], b: readonly FieldVersion[], ctxA: VersionVector, ctxB: VersionVector) {
  const out = new Map<string, FieldVersion>();
  const inA = new Map(a.map((v) => [dotKey(v.dot), v]));
  const inB = new Map(b.map((v) => [dotKey(v.dot), v]));
  for (const [key, v] of inA) {
    const other = inB.get(key);
    if (other) out.set(key, pickSame(v, other));
    else if (!covers(ctxB, v.dot)) out.set(key, v);
  }
  for (const [key, v] of inB) {
    if (!inA.has(key) && !covers(ctxA, v.dot)) out.set(key, v);
  }
  return [...out.values()].sort(compareVersions);
}

function mergeHistory(lists: readonly (readonly FieldVersion[])[], current: readonly FieldVersion[]): FieldVersion[] {
  const live = new Set(current.map((v) => dotKey(v.dot)));
  const out = new Map<string, FieldVersion>();
  for (const list of lists) {
    for (const v of list) {
      const key = dotKey(v.dot);
      if (live.has(key)) continue;
      const seen = out.get(key);
      out.set(key, seen ? pickSame(seen, v) : v);
    }
  }
  return [...out.values()].sort(compareVersions).slice(0, HISTORY_LIMIT);
}

/**
 * Merges two states of one record. Commutative, associative and idempotent (property-tested),
 * so bundles can arrive in any order, any number of times.
 */
export function mergeRecords(a: SyncRecord, b: SyncRecord): SyncRecord {
  if (a.id !== b.id) throw new SyncError('id_mismatch', `cannot merge ${a.id} with ${b.id}`);
  if (a.kind !== b.kind) throw new SyncError('kind_mismatch', `record ${a.id} is a ${a.kind} here and a ${b.kind} there`);
  const keys = [...new Set([...Object.keys(a.fields), ...Object.keys(b.fields)])].sort();
  const fields: SyncRecord['fields'] = {};
  for (const key of keys) {
    const merged = mergeVersions(a.fields[key] ?? [], b.fields[key] ?? [], a.vv, b.vv);
    if (merged.length > 0) fields[key] = merged;
  }
  const history: SyncRecord['history'] = {};
  const historyKeys = [...new Set([...Object.keys(a.history), ...Object.keys(b.history), ...keys])].sort();
  for (const key of historyKeys) {
    const merged = mergeHistory(
      [a.history[key] ?? [], b.history[key] ?? [], a.fields[key] ?? [], b.fields[key] ?? []],
      fields[key] ?? [],
    );
    if (merged.length > 0) history[key] = merged;
  }
  return { id: a.id, kind: a.kind, vv: joinVectors(a.vv, b.vv), fields, history };
}

/** Everything a replica needs to make local writes. */
export interface Writer {
  replica: ReplicaId;
  clock: HybridClock;
  /** The replica's next counter value: strictly increasing, never reused. */
  nextCounter(): number;
  author: string;
  /**
   * The highest of this replica's counters that may have left the installation (the last
   * export's). A version above it was never seen anywhere else, so it can be squashed (see
   * SQUASH_WINDOW_MS). Absent: every version is treated as seen elsewhere, and nothing is squashed.
   */
  shipped?: number;
}

/**
 * The squash rule (for texts, whose versions are what autosaves multiply). An autosave that never
 * left this installation cannot be a common ancestor:
 * every version another replica holds descends only from versions it received, and this one was
 * never sent. So when a local write replaces a version that (1) this replica made, (2) has a
 * counter above the last export's, and (3) is less than SQUASH_WINDOW_MS old, the replaced
 * version is dropped instead of kept in history, and the new version inherits its predecessors:
 * the ancestry every merge walks loses a version no merge can need. The window keeps one version
 * per stretch of editing in the field's history ("who changed what, when"), however many
 * autosaves the stretch had. Property-tested: merges give the same results with squashing as
 * without.
 */
export const SQUASH_WINDOW_MS = 15 * 60 * 1000;

/** Whether a local write made at `now` may squash the version it replaces (see SQUASH_WINDOW_MS). */
export function squashable(version: FieldVersion, writer: Pick<Writer, 'replica' | 'shipped'>, now: Hlc): boolean {
  return (
    writer.shipped !== undefined &&
    version.dot.r === writer.replica &&
    version.dot.c > writer.shipped &&
    now.t - version.hlc.t < SQUASH_WINDOW_MS
  );
}

export type Json = z.infer<ReturnType<typeof z.json>>;

/**
 * Writes fields locally. A write replaces every current version of the field the writer is
 * shown, except under an open conflict: there a plain edit replaces only the version on screen
 * and the others stay listed, until `resolve` replaces them all.
 */
export function writeFields(
  record: SyncRecord,
  writer: Writer,
  changes: Readonly<Record<string, Json>>,
  options: { resolve?: boolean; mergeAs(key: string): MergeAs },
): SyncRecord {
  const fields = { ...record.fields };
  const history = { ...record.history };
  let vv = record.vv;
  let deletion: FieldVersion | undefined;
  for (const key of Object.keys(changes).sort()) {
    const current = fields[key] ?? [];
    const state = fieldState(record, key, options.mergeAs(key));
    const replaced = options.resolve || !state.conflict ? current : current.slice(0, 1);
    const kept = current.filter((v) => !replaced.includes(v));
    const counter = writer.nextCounter();
    const hlc = writer.clock.now();
    // Only texts: their versions are what grows with autosaves; a value changed twice in a
    // minute is still two decisions a person may want to see in the field's history.
    const squashed = options.mergeAs(key) === 'text' ? replaced.filter((v) => squashable(v, writer, hlc)) : [];
    const preds = new Map<string, Dot>();
    for (const v of replaced) for (const dot of squashed.includes(v) ? v.preds : [v.dot]) preds.set(dotKey(dot), dot);
    const version: FieldVersion = {
      dot: { r: writer.replica, c: counter },
      hlc,
      by: writer.author,
      value: changes[key]!,
      preds: [...preds.values()].slice(0, MAX_PREDS),
    };
    if (key === DELETED && changes[key] === true) deletion = version;
    fields[key] = [version, ...kept].sort(compareVersions);
    history[key] = mergeHistory([history[key] ?? [], replaced.filter((v) => !squashed.includes(v))], fields[key]);
    if (history[key].length === 0) delete history[key];
    vv = joinVectors(vv, { [writer.replica]: counter });
  }
  // A delete has seen everything in the record, including edits made in the same write.
  if (deletion) fields[DELETED] = fields[DELETED]!.map((v) => (v === deletion ? { ...v, ctx: vv } : v));
  return { ...record, fields, history, vv };
}

export function createRecord(
  id: string,
  kind: string,
  writer: Writer,
  values: Readonly<Record<string, Json>>,
  mergeAs: (key: string) => MergeAs,
): SyncRecord {
  return writeFields({ id, kind, vv: {}, fields: {}, history: {} }, writer, values, { mergeAs });
}

function ancestry(record: SyncRecord, key: string): Map<string, FieldVersion> {
  const all = new Map<string, FieldVersion>();
  for (const v of [...(record.history[key] ?? []), ...(record.fields[key] ?? [])]) all.set(dotKey(v.dot), v);
  return all;
}

function ancestorsOf(version: FieldVersion, all: Map<string, FieldVersion>): Set<string> {
  const seen = new Set<string>();
  const stack = [...version.preds];
  while (stack.length > 0) {
    const dot = stack.pop()!;
    const key = dotKey(dot);
    if (seen.has(key)) continue;
    seen.add(key);
    const known = all.get(key);
    if (known) stack.push(...known.preds);
  }
  return seen;
}

/** The latest version every sibling descends from, if history still holds one. */
export function commonAncestor(record: SyncRecord, key: string, siblings: readonly FieldVersion[]): FieldVersion | undefined {
  const all = ancestry(record, key);
  const sets = siblings.map((v) => ancestorsOf(v, all));
  const common = [...(sets[0] ?? [])].filter((k) => sets.every((s) => s.has(k)) && all.has(k)).map((k) => all.get(k)!);
  const maximal = common.filter((c) => !common.some((other) => other !== c && ancestorsOf(other, all).has(dotKey(c.dot))));
  return maximal.sort(compareVersions)[0];
}

export interface FieldState {
  /** What the user sees: the winner, or the clean three-way merge of concurrent text edits. */
  value: Json | undefined;
  /** Concurrent versions waiting for a person's decision (winner first), or null. */
  conflict: FieldVersion[] | null;
  /** True when the value shown is an automatic merge of concurrent edits. */
  merged: boolean;
  /** The version shown (the winner). */
  top: FieldVersion | undefined;
}

export function fieldState(record: SyncRecord, key: string, mergeAs: MergeAs): FieldState {
  const versions = record.fields[key] ?? [];
  const top = versions[0];
  if (versions.length <= 1) return { value: top?.value, conflict: null, merged: false, top };
  if (mergeAs === 'order') return { value: top!.value, conflict: null, merged: false, top };
  if (mergeAs === 'item') return itemState(record, key, versions);
  // Two people who typed the same thing agree: nothing to ask.
  const first = JSON.stringify(top!.value);
  if (versions.every((v) => JSON.stringify(v.value) === first)) return { value: top!.value, conflict: null, merged: false, top };
  if (mergeAs === 'text' && versions.every((v) => typeof v.value === 'string')) {
    const base = commonAncestor(record, key, versions);
    const baseText = typeof base?.value === 'string' ? base.value : '';
    let acc: string | null = top!.value as string;
    for (const next of versions.slice(1)) {
      acc = acc === null ? null : mergeText(baseText, acc, next.value as string);
    }
    if (acc !== null) return { value: acc, conflict: null, merged: true, top };
  }
  return { value: top!.value, conflict: versions, merged: false, top };
}

/**
 * A delete that did not see every edit of the record: someone changed it while (or after) it was
 * deleted elsewhere. Shown as a conflict, never settled silently in either direction.
 */
export function deleteConflict(record: SyncRecord): FieldVersion[] | null {
  const deletion = record.fields[DELETED]?.[0];
  if (!deletion || deletion.value !== true) return null;
  const ctx = deletion.ctx ?? {};
  const unseen = Object.entries(record.fields)
    .filter(([key]) => key !== DELETED)
    .flatMap(([, versions]) => versions.filter((v) => !covers(ctx, v.dot)));
  return unseen.length > 0 ? unseen.sort(compareVersions) : null;
}

/**
 * Where a record from outside names a counter (or clock tick) above MAX_INCOMING_COUNTER, if
 * anywhere: such a record would leave the receiver no room to go on editing, so it is refused
 * whole, never accepted and then unexportable.
 */
export function counterOutOfRange(record: SyncRecord): string[] | null {
  const high = (n: number) => n > MAX_INCOMING_COUNTER;
  for (const [replica, counter] of Object.entries(record.vv)) if (high(counter)) return ['vv', replica];
  for (const [part, map] of [['fields', record.fields], ['history', record.history]] as const) {
    for (const [key, versions] of Object.entries(map)) {
      for (const v of versions) {
        const ctx = Object.values(v.ctx ?? {});
        if (high(v.dot.c) || high(v.hlc.l) || v.preds.some((p) => high(p.c)) || ctx.some(high)) return [part, key];
      }
    }
  }
  return null;
}

export function isDeleted(record: SyncRecord): boolean {
  return record.fields[DELETED]?.[0]?.value === true;
}

/**
 * The replica's highest counter and the latest time a clock may take from a set of records (the
 * clock after a restart or a restore). Times too far ahead of `wall` are not taken (see
 * withinClockReach); the latest of those is returned as `ahead`, so the caller can say so.
 */
export function highWater(
  records: Iterable<SyncRecord>,
  replica: ReplicaId,
  wall: number,
): { counter: number; hlc: Hlc; ahead: Hlc | null } {
  let counter = 0;
  let hlc: Hlc = { t: 0, l: 0 };
  let ahead: Hlc | null = null;
  for (const record of records) {
    counter = Math.max(counter, record.vv[replica] ?? 0);
    for (const versions of Object.values(record.fields)) {
      for (const v of versions) {
        if (!withinClockReach(v.hlc, wall)) {
          if (!ahead || compareHlc(v.hlc, ahead) > 0) ahead = v.hlc;
        } else if (compareHlc(v.hlc, hlc) > 0) hlc = v.hlc;
      }
    }
  }
  return { counter, hlc, ahead };
}
