import { z } from 'zod';
import { mergeAsFor } from '../../../shared/records/codec.js';
import type { Kind } from '../../../shared/records/kinds.js';
import { dotKey, VersionVector } from '../../../shared/sync/clock.js';
import { DELETED, fieldState, isDeleted, PARENT, type Json, type SyncRecord } from '../../../shared/sync/record.js';

/** Beside the import log: imports/<import id>.json, what one import changed. */
export const IMPORTS_DIR = 'imports';
export const changesFile = (importId: string) => `${IMPORTS_DIR}/${importId}.json`;

const FieldChange = z.object({
  /** The versions the field held right after the import (their dots). */
  after: z.array(z.string()),
  /** What the field showed before the import; null when it had no value. */
  before: z.json(),
});

const RecordChange = z.object({
  id: z.string(),
  /** Added by the import (it did not exist here before). */
  created: z.boolean(),
  /** For an added record: its version vector right after the import. */
  vv: VersionVector.optional(),
  /** For a record that existed: each field the import changed. */
  fields: z.record(z.string(), FieldChange),
});

export const ImportChanges = z.object({
  format: z.literal('focal-point-desk/import-changes'),
  records: z.array(RecordChange),
});
export type ImportChanges = z.infer<typeof ImportChanges>;

const dotsOf = (record: SyncRecord | undefined, key: string) => (record?.fields[key] ?? []).map((v) => dotKey(v.dot)).sort();
const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);
const sameVector = (a: VersionVector, b: VersionVector) => {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((k) => (a[k] ?? 0) === (b[k] ?? 0));
};

/** What an import changed, from each record as it was before (if it existed) and right after. */
export function changesOf(pairs: readonly { before: SyncRecord | undefined; after: SyncRecord }[]): ImportChanges {
  const records: ImportChanges['records'] = [];
  for (const { before, after } of pairs) {
    if (!before) {
      records.push({ id: after.id, created: true, vv: after.vv, fields: {} });
      continue;
    }
    const mergeAs = mergeAsFor(after.kind as Kind);
    const fields: ImportChanges['records'][number]['fields'] = {};
    for (const key of new Set([...Object.keys(before.fields), ...Object.keys(after.fields)])) {
      const was = dotsOf(before, key);
      const now = dotsOf(after, key);
      if (sameList(was, now)) continue;
      fields[key] = { after: now, before: (fieldState(before, key, mergeAs(key)).value as Json | undefined) ?? null };
    }
    if (Object.keys(fields).length > 0) records.push({ id: after.id, created: false, fields });
  }
  return { format: 'focal-point-desk/import-changes', records };
}

export interface UndoPlan {
  /** New local edits that put back what the import changed (written as ordinary edits, so they sync). */
  edits: { id: string; changes: Record<string, Json> }[];
  /** Later edits kept: the import's change there was already built on, so it stays. */
  kept: { id: string; field: string | null }[];
}

/**
 * How to undo an import without losing anything done since: each field the import changed goes
 * back to what it showed before, unless it changed again after the import (then the later edit
 * stays, and is listed); a record the import added is deleted, unless it was edited since or
 * something added since hangs under it.
 */
export function planUndo(changes: ImportChanges, get: (id: string) => SyncRecord | undefined, all: Iterable<SyncRecord>): UndoPlan {
  const edits: UndoPlan['edits'] = [];
  const kept: UndoPlan['kept'] = [];
  const doomed = new Set<string>();
  for (const change of changes.records) {
    const now = get(change.id);
    if (!now) continue;
    if (change.created) {
      if (isDeleted(now)) continue;
      if (change.vv && sameVector(now.vv, change.vv)) doomed.add(change.id);
      else kept.push({ id: change.id, field: null });
      continue;
    }
    const revert: Record<string, Json> = {};
    for (const [key, field] of Object.entries(change.fields)) {
      if (!sameList(dotsOf(now, key), [...field.after].sort())) {
        kept.push({ id: change.id, field: key });
        continue;
      }
      revert[key] = field.before === null && key === DELETED ? false : field.before;
    }
    if (Object.keys(revert).length > 0) edits.push({ id: change.id, changes: revert });
  }
  // A record added since under one the import added keeps it (and its parents) alive.
  const parentOf = (r: SyncRecord) => r.fields[PARENT]?.[0]?.value;
  const live = [...all].filter((r) => !isDeleted(r));
  for (let grew = true; grew; ) {
    grew = false;
    for (const record of live) {
      const parent = parentOf(record);
      if (typeof parent === 'string' && doomed.has(parent) && !doomed.has(record.id)) {
        doomed.delete(parent);
        kept.push({ id: parent, field: null });
        grew = true;
      }
    }
  }
  for (const id of doomed) edits.push({ id, changes: { [DELETED]: true } });
  return { edits, kept };
}
