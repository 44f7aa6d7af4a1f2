import { z } from 'zod';
import { KIND_NAMES } from '../../../shared/records/kinds.js';
import { Dot, Hlc, MAX_COUNTER, MAX_HLC_TIME, REPLICA_ID, VersionVector } from '../../../shared/sync/clock.js';
import { FieldKey, HISTORY_LIMIT, MAX_PREDS, SyncRecord, type FieldVersion } from '../../../shared/sync/record.js';
import { decodeRecord, Delta, encodeRecord, EncodingError, StoredVersion, type StoredRecord } from '../../../shared/sync/encoding.js';
import { upgradeRecord } from '../../../shared/records/upgrade.js';
import { forbiddenKeyPath } from '../dispatch.js';
import { BlobFiles } from './blobs.js';

/**
 * The store's own files (records/<bucket>.json): how records are written down on this disk, as
 * opposed to how they travel (bundles, shared/sync/encoding.ts) or are held in memory.
 *
 * Version 3 writes each field version as a tuple, `[replica, counter, time, logical, author,
 * preds, how, payload, ctx?]`, where replica and author are positions in the file's `replicas` and
 * `authors` tables and preds is flat (`[replica, counter, …]`); `how` says what payload is: 0 the
 * value, 1 a delta against the next newer version (history only), 2 the SHA-256 of a long text in
 * blobs/. A version written with named keys (version 2's form, or a file made by hand) still
 * reads. Against version 2 that is 44 % fewer bytes and, at open, one object made per version
 * instead of four parsed, and one string per replica and author per file instead of one per version.
 */
export const RECORDS_FORMAT = 'focal-point-desk/records';
/**
 * 3: field versions as tuples with per-file tables of replicas and authors. 2: older text versions
 * as deltas (shared/sync/encoding.ts) and list fields as one key per item. 1: records as held in
 * memory.
 */
export const RECORDS_SCHEMA_VERSION = 3;

/** What the tuple's `how` says its payload is. */
const WHOLE = 0;
const DELTA = 1;
const BLOB = 2;

const Index = z.number().int().nonnegative();
const HASH = /^[0-9a-f]{64}$/;

/** A field version as version 3 writes it (see the module comment); JSON Schema for docs/schemas. */
export const StoredTuple = z
  .tuple([Index, Dot.shape.c, Hlc.shape.t, Hlc.shape.l, Index, z.array(z.number().int().nonnegative()).max(2 * MAX_PREDS), z.union([z.literal(WHOLE), z.literal(DELTA), z.literal(BLOB)]), z.unknown()])
  .rest(VersionVector)
  .describe('[replica, counter, time, logical, author, preds, how, payload, ctx?]: replica and author index the file tables; preds is flat [replica, counter, …]; how 0: payload is the value, 1: a delta [p, s, middle] against the next newer version, 2: the SHA-256 of a text in blobs/');

/** A records file of the current version (JSON Schema for docs/schemas; open reads it by hand). */
export const RecordsFileSchema = z.object({
  format: z.literal(RECORDS_FORMAT),
  schemaVersion: z.literal(RECORDS_SCHEMA_VERSION),
  replicas: z.array(z.string()),
  authors: z.array(z.string()),
  texts: z.array(z.string().regex(HASH)).describe('The long texts (blobs/<sha-256>.txt) the records name'),
  records: z.array(
    z.strictObject({
      id: z.uuid({ version: 'v7' }),
      kind: z.string(),
      vv: VersionVector,
      fields: z.record(FieldKey, z.array(z.union([StoredTuple, StoredVersion])).min(1)),
      history: z.record(FieldKey, z.array(z.union([StoredTuple, StoredVersion])).max(HISTORY_LIMIT)),
    }),
  ),
});

/** A records file once its outline is checked: what the migrations and the reader take. */
export interface RecordsFile {
  schemaVersion: number;
  records: unknown[];
  replicas?: unknown;
  authors?: unknown;
  texts?: unknown;
}

/**
 * Forward migrations of a records file, from version n to n + 1, each taking the records as version
 * n writes them and returning them as version n + 1 reads them (the file is written in the current
 * form afterwards).
 */
export type RecordMigrations = Record<number, (file: { schemaVersion: number; records: unknown[] }) => { records: unknown[] }>;
export const RECORD_MIGRATIONS: RecordMigrations = {
  // Version 1 wrote records as held in memory; a record that is not one is left for the check after.
  1: (file) => ({
    records: file.records.map((raw) => (plausibleRecord(raw) ? encodeRecord(upgradeRecord(raw, 1)) : raw)),
  }),
  // Version 2's versions, with named keys, are read as they are by version 3.
  2: (file) => ({ records: file.records }),
};

/** How every records file this app writes begins: its version is known without parsing the rest. */
export const VERSION_AT_START = /^\{"format":"focal-point-desk\/records","schemaVersion":(\d+),/;

const KINDS = new Set<string>(KIND_NAMES);
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The outline of a parsed records file, or null. */
export function recordsFileOf(parsed: unknown): RecordsFile | null {
  if (!isObject(parsed) || parsed.format !== RECORDS_FORMAT || !Number.isInteger(parsed.schemaVersion) || (parsed.schemaVersion as number) < 1) return null;
  if (!Array.isArray(parsed.records)) return null;
  return parsed as unknown as RecordsFile;
}

/**
 * The file at `target` version through `migrations`; null when a step is missing. The file's other
 * parts (its tables) are kept.
 */
export function migrateRecordsFile(file: RecordsFile, target: number, migrations: RecordMigrations = RECORD_MIGRATIONS): RecordsFile | null {
  let out = file;
  for (let v = file.schemaVersion; v < target; v++) {
    const step = migrations[v];
    if (!step) return null;
    out = { ...out, records: step({ schemaVersion: v, records: out.records }).records, schemaVersion: v + 1 };
  }
  return out;
}

/**
 * The long texts a file names: its `texts` list when it has one (version 3), else found in its text
 * (hand-made files and version 2's, whose versions say `"b": hash`).
 */
export function textsOfFile(file: RecordsFile, text: string): string[] | null {
  if (file.texts === undefined) return textsNamedIn(text);
  if (!Array.isArray(file.texts) || !file.texts.every((h) => typeof h === 'string' && HASH.test(h))) return null;
  return file.texts as string[];
}

/**
 * The texts a records file names, found in its text: also in a file that no longer parses, or
 * before it is parsed: `"b":"…"` (a version with named keys) and `],2,"…"` (a tuple's preds, how
 * 2, the hash). A JSON string escapes its quotes, so neither can come from inside a text; a value
 * that is an array or an object can hold the same characters (no kind's value does, but a file
 * made by hand can), so a name found here may not be a text: every user skips one not in blobs/.
 */
export const textsNamedIn = (text: string): string[] => [...text.matchAll(/(?:"b":|\],2,)"([0-9a-f]{64})"/g)].map((m) => m[1]!);

/**
 * The check made on a record as held in memory (version 1's files). The store's files are written
 * only by this app, atomically, so damage shows as JSON that does not parse or a record that is
 * not a record; this structural check finds that at a fraction of the cost of the full schema.
 * The full schema guards the trust boundaries instead: the API, and bundles from other people.
 */
export function plausibleRecord(value: unknown): value is SyncRecord {
  if (!isObject(value) || typeof value.id !== 'string' || !KINDS.has(value.kind as string)) return false;
  if (!isObject(value.vv) || !isObject(value.fields) || !isObject(value.history)) return false;
  for (const versions of Object.values(value.fields)) {
    if (!Array.isArray(versions) || versions.length === 0) return false;
    for (const v of versions) {
      if (!isObject(v) || !isObject(v.dot) || !isObject(v.hlc) || !Array.isArray(v.preds) || !('value' in v)) return false;
    }
  }
  return true;
}

/** Full validation against the schema (tests, and tools that check a data folder by hand). */
export const validRecord = (value: unknown): value is SyncRecord => SyncRecord.safeParse(value).success && KINDS.has((value as SyncRecord).kind);

/** The one empty preds list every version without predecessors shares (versions are never changed in place). */
const NO_PREDS: FieldVersion['preds'] = Object.freeze([]) as unknown as FieldVersion['preds'];

type Version = StoredVersion & Partial<Pick<FieldVersion, 'value'>>;

/** Shares one string per distinct replica id and author across the whole workspace. */
export type StringTable = Map<string, string>;
const shared = (table: StringTable, s: string): string => {
  const known = table.get(s);
  if (known !== undefined) return known;
  table.set(s, s);
  return s;
};

// What the bundle schema (shared/sync/clock.ts) allows, so a record read can also travel.
const isCounter = (n: unknown): n is number => Number.isSafeInteger(n) && (n as number) > 0 && (n as number) <= MAX_COUNTER;
const isCount = (n: unknown): n is number => Number.isSafeInteger(n) && (n as number) >= 0 && (n as number) <= MAX_COUNTER;
const isTime = (n: unknown): n is number => Number.isSafeInteger(n) && (n as number) >= 0 && (n as number) <= MAX_HLC_TIME;
/** A version vector (a record's, or a deletion's context): replica ids to counters, nothing else (no prototype key). */
const isVector = (v: unknown): v is VersionVector => {
  if (!isObject(v)) return false;
  for (const key in v) if (!REPLICA_ID.test(key) || !isCount(v[key])) return false;
  return true;
};
/**
 * A value as the API and bundles let one in: no key that reaches a prototype and no nesting that
 * recursion (JSON.stringify on the next write, a merge's comparison) cannot walk.
 */
const isPlainValue = (value: unknown): boolean => typeof value !== 'object' || value === null || forbiddenKeyPath(value) === null;

/**
 * The records of a file at the current version (after migrateRecordsFile), in one pass: each
 * version checked as it is made (a tuple) or taken as it is (named keys), long texts and deltas
 * resolved only for the records that have them. Null when any record cannot be read: the file is
 * then set aside, never half-used.
 */
export function readRecords(file: RecordsFile, texts: ReadonlyMap<string, string>, strings: StringTable = new Map()): SyncRecord[] | null {
  const table = (list: unknown, valid: (s: unknown) => boolean): string[] | null =>
    list === undefined ? [] : Array.isArray(list) && list.every(valid) ? (list as string[]).map((s) => shared(strings, s)) : null;
  const replicas = table(file.replicas, (s) => typeof s === 'string' && REPLICA_ID.test(s));
  const authors = table(file.authors, (s) => typeof s === 'string');
  if (!replicas || !authors) return null;
  // Whether the record being read has a version written as a delta or a long text (set per record).
  let encoded: boolean;

  // A version from its checked parts, in writeFields' key order (so a record read back serialises
  // as it did when it was made), its value given the way `how` says; null when the payload or the
  // context is not what `how` allows.
  const make = (dot: FieldVersion['dot'], hlc: FieldVersion['hlc'], by: string, preds: FieldVersion['preds'], how: unknown, payload: unknown, ctx: unknown, hasCtx: boolean): Version | null => {
    let v: Version;
    if (how === WHOLE && isPlainValue(payload)) v = { dot, hlc, by, value: payload as FieldVersion['value'], preds };
    else if (how === DELTA && Delta.safeParse(payload).success) v = { dot, hlc, by, preds, d: payload as Delta };
    else if (how === BLOB && typeof payload === 'string' && HASH.test(payload)) v = { dot, hlc, by, preds, b: payload };
    else return null;
    if (how !== WHOLE) encoded = true;
    if (hasCtx) {
      if (!isVector(ctx)) return null;
      v.ctx = ctx;
    }
    return v;
  };

  const fromTuple = (t: unknown[]): Version | null => {
    if (t.length !== 8 && t.length !== 9) return null;
    const [r, c, time, logical, a, flat, how, payload, ctx] = t;
    const replica = replicas[r as number];
    const author = authors[a as number];
    if (!Number.isInteger(r) || replica === undefined || !isCounter(c) || !isTime(time) || !isCount(logical)) return null;
    if (!Number.isInteger(a) || author === undefined || !Array.isArray(flat) || flat.length % 2 !== 0) return null;
    let preds = NO_PREDS;
    if (flat.length > 0) {
      preds = [];
      for (let i = 0; i < flat.length; i += 2) {
        const pr = replicas[flat[i] as number];
        if (!Number.isInteger(flat[i]) || pr === undefined || !isCounter(flat[i + 1])) return null;
        preds.push({ r: pr, c: flat[i + 1] as number });
      }
    }
    return make({ r: replica, c: c as number }, { t: time as number, l: logical as number }, author, preds, how, payload, ctx, t.length === 9);
  };

  // A version with named keys: checked as a tuple is (what is read here is written as a tuple
  // next, and must read again), and made afresh.
  const fromObject = (v: Record<string, unknown>): Version | null => {
    const { dot: d, hlc: h } = v;
    if (!isObject(d) || typeof d.r !== 'string' || !REPLICA_ID.test(d.r) || !isCounter(d.c) || !isObject(h) || !isTime(h.t) || !isCount(h.l)) return null;
    if (!Array.isArray(v.preds) || typeof v.by !== 'string') return null;
    const has = (key: string) => Object.prototype.hasOwnProperty.call(v, key);
    const ways = ['value', 'd', 'b'].filter(has);
    if (ways.length !== 1) return null;
    let preds = NO_PREDS;
    if (v.preds.length > 0) {
      preds = [];
      for (const p of v.preds as unknown[]) {
        if (!isObject(p) || typeof p.r !== 'string' || !REPLICA_ID.test(p.r) || !isCounter(p.c)) return null;
        preds.push({ r: shared(strings, p.r), c: p.c });
      }
    }
    const how = { value: WHOLE, d: DELTA, b: BLOB }[ways[0] as 'value' | 'd' | 'b'];
    return make({ r: shared(strings, d.r), c: d.c }, { t: h.t, l: h.l }, shared(strings, v.by), preds, how, v[ways[0]!], v.ctx, has('ctx'));
  };

  const versions = (part: Record<string, unknown>, atLeastOne: boolean): Record<string, Version[]> | null => {
    const out: Record<string, Version[]> = {};
    for (const key in part) {
      // Copied into a fresh object, where a key Object.prototype has (its prototype setter first
      // of all) would not be a plain field: never a field's key, so the file is damaged.
      if (key in Object.prototype) return null;
      const list = part[key];
      if (!Array.isArray(list) || (atLeastOne && list.length === 0)) return null;
      const read = new Array<Version>(list.length);
      for (let i = 0; i < list.length; i++) {
        const item: unknown = list[i];
        const v = Array.isArray(item) ? fromTuple(item) : isObject(item) ? fromObject(item) : null;
        if (!v) return null;
        read[i] = v;
      }
      out[key] = read;
    }
    return out;
  };

  const out: SyncRecord[] = [];
  // A record twice in one file: taking either copy would silently drop the other.
  const ids = new Set<string>();
  for (const raw of file.records) {
    if (!isObject(raw) || typeof raw.id !== 'string' || ids.has(raw.id) || !KINDS.has(raw.kind as string) || !isVector(raw.vv) || !isObject(raw.fields) || !isObject(raw.history)) return null;
    ids.add(raw.id);
    encoded = false;
    const fields = versions(raw.fields, true);
    const history = fields && versions(raw.history, false);
    if (!fields || !history) return null;
    let record = { id: raw.id, kind: raw.kind as string, vv: raw.vv as SyncRecord['vv'], fields, history } as StoredRecord | SyncRecord;
    if (encoded) {
      try {
        record = decodeRecord(record as StoredRecord, { blob: (hash) => texts.get(hash), adopt: true });
      } catch (error) {
        if (error instanceof EncodingError) return null;
        throw error;
      }
    }
    out.push(record as SyncRecord);
  }
  return out;
}

/** A record as written, and the long texts it names (by hash). */
interface Written {
  text: string;
  texts: Map<string, string>;
  /** The highest positions it uses in the replica and author tables. */
  replicas: number;
  authors: number;
}

/**
 * Writes records files for one store: its tables of replicas and authors only grow, so a record's
 * written text (kept per record object: records are never changed in place) stays valid, and a
 * flush does not encode again a record with long texts or deltas that did not change. Each file
 * carries the part of the tables its records use.
 */
export class RecordsFileWriter {
  readonly #replicas = new Map<string, number>();
  readonly #authors = new Map<string, number>();
  readonly #written = new WeakMap<SyncRecord, Written>();

  #record(record: SyncRecord): Written {
    let out = this.#written.get(record);
    if (out) return out;
    const texts = new Map<string, string>();
    let maxReplica = -1;
    let maxAuthor = -1;
    const index = (table: Map<string, number>, s: string) => {
      let i = table.get(s);
      if (i === undefined) table.set(s, (i = table.size));
      return i;
    };
    const replica = (r: string) => {
      const i = index(this.#replicas, r);
      if (i > maxReplica) maxReplica = i;
      return i;
    };
    const stored = encodeRecord(record, (v) => {
      // A text with a lone surrogate (only a file made by hand holds one) stays inline, where JSON
      // escapes it: written as UTF-8 in blobs/ it would read back with U+FFFD in its place.
      const hash = typeof v.value === 'string' && v.value.isWellFormed() ? BlobFiles.hashOf(v) : null;
      if (hash) texts.set(hash, v.value as string);
      return hash;
    });
    let costly = texts.size > 0;
    const tuple = (v: StoredVersion): unknown[] => {
      if (v.d !== undefined) costly = true;
      const a = index(this.#authors, v.by);
      if (a > maxAuthor) maxAuthor = a;
      const preds: number[] = [];
      for (const p of v.preds) preds.push(replica(p.r), p.c);
      const head = [replica(v.dot.r), v.dot.c, v.hlc.t, v.hlc.l, a, preds];
      const tail = v.b !== undefined ? [BLOB, v.b] : v.d !== undefined ? [DELTA, v.d] : [WHOLE, v.value];
      return v.ctx ? [...head, ...tail, v.ctx] : [...head, ...tail];
    };
    const part = (versions: Record<string, StoredVersion[]>) => {
      const o: Record<string, unknown[][]> = {};
      for (const key in versions) o[key] = versions[key]!.map(tuple);
      return o;
    };
    const text = JSON.stringify({ id: record.id, kind: record.kind, vv: record.vv, fields: part(stored.fields), history: part(stored.history) });
    out = { text, texts, replicas: maxReplica, authors: maxAuthor };
    // Kept only where encoding costs more than writing (deltas computed over long texts): a small
    // record encodes in microseconds, and keeping every record's text would hold a second copy of
    // the workspace after an import or a day of edits across it.
    if (costly) this.#written.set(record, out);
    return out;
  }

  /** A records file's text, and the long texts it names. */
  file(records: Iterable<SyncRecord>, schemaVersion: number = RECORDS_SCHEMA_VERSION): { text: string; texts: Map<string, string> } {
    const parts: string[] = [];
    const texts = new Map<string, string>();
    let replicas = -1;
    let authors = -1;
    for (const record of records) {
      const one = this.#record(record);
      parts.push(one.text);
      for (const [hash, text] of one.texts) texts.set(hash, text);
      replicas = Math.max(replicas, one.replicas);
      authors = Math.max(authors, one.authors);
    }
    const head = (table: Map<string, number>, upTo: number) => JSON.stringify([...table.keys()].slice(0, upTo + 1));
    return {
      text: `{"format":${JSON.stringify(RECORDS_FORMAT)},"schemaVersion":${schemaVersion},"replicas":${head(this.#replicas, replicas)},"authors":${head(this.#authors, authors)},"texts":${JSON.stringify([...texts.keys()])},"records":[${parts.join(',')}]}`,
      texts,
    };
  }
}
