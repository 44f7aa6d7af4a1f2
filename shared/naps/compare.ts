import { fieldSpec, KIND_NAMES, type Kind, type SnapshotRecord } from '../records/kinds.js';

type Json = SnapshotRecord['fields'][string];

/** One changed field, by sync key (`title@en` for one language of a text, `status`, `_parent`, `_order`). */
export interface FieldChange {
  field: string;
  before: Json | undefined;
  after: Json | undefined;
}

export interface RecordChange {
  id: string;
  kind: string;
  before: SnapshotRecord;
  after: SnapshotRecord;
  fields: FieldChange[];
}

export interface Comparison {
  added: SnapshotRecord[];
  removed: SnapshotRecord[];
  changed: RecordChange[];
}

const isText = (v: unknown): v is Record<string, string> =>
  !!v && typeof v === 'object' && !Array.isArray(v) && Object.values(v).every((x) => typeof x === 'string');

/**
 * A record's fields flattened to comparable keys: each language of a multilingual text on its own
 * (so "the Arabic title changed" is one change), and its place in the plan as `_parent`/`_order`.
 * Empty texts count as absent.
 */
export function flatten(record: SnapshotRecord): Map<string, Json> {
  const out = new Map<string, Json>();
  for (const [name, value] of Object.entries(record.fields)) {
    if (value === null || value === undefined) continue;
    if (isMultilingual(record.kind, name) && isText(value)) {
      for (const [lang, text] of Object.entries(value)) if (text !== '') out.set(`${name}@${lang}`, text);
    } else {
      out.set(name, value);
    }
  }
  if (record.parentId) out.set('_parent', record.parentId);
  if (record.order) out.set('_order', record.order);
  return out;
}

export const isMultilingual = (kind: string, field: string) =>
  (KIND_NAMES as string[]).includes(kind) && !!fieldSpec(kind as Kind, field)?.multilingual;

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** What changed from one state of a plan to another: records added, removed, and changed field by field. */
export function compareSnapshots(
  before: readonly SnapshotRecord[],
  after: readonly SnapshotRecord[],
): Comparison {
  const old = new Map(before.map((r) => [r.id, r]));
  const now = new Map(after.map((r) => [r.id, r]));
  const added = after.filter((r) => !old.has(r.id));
  const removed = before.filter((r) => !now.has(r.id));
  const changed: RecordChange[] = [];
  for (const record of after) {
    const previous = old.get(record.id);
    if (!previous) continue;
    const a = flatten(previous);
    const b = flatten(record);
    const keys = [...new Set([...a.keys(), ...b.keys()])].sort();
    const fields = keys.filter((k) => !same(a.get(k), b.get(k))).map((field) => ({ field, before: a.get(field), after: b.get(field) }));
    if (fields.length > 0) changed.push({ id: record.id, kind: record.kind, before: previous, after: record, fields });
  }
  return { added, removed, changed };
}
