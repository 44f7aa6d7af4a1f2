import { z } from 'zod';
import { Dot, Hlc, VersionVector } from './clock.js';
import { FieldKey, HISTORY_LIMIT, MAX_PREDS, type FieldVersion, type SyncRecord } from './record.js';

/**
 * How a record is written down (in the store's files and in bundles), as opposed to how it is held
 * in memory. A field's older versions are mostly the same text as the next one with a sentence
 * added or changed, so each older text is written as a delta against the next newer version of
 * the same field: `d: [p, s, middle]` means "the first p and the last s characters of the next
 * version, with `middle` between them". One changed region per version is what autosaves make,
 * and it is found in one pass from each end; an edit in two places costs the text between them.
 * Everything needed to read a record is inside the record, so records can travel one by one.
 */
export const Delta = z.tuple([z.number().int().nonnegative(), z.number().int().nonnegative(), z.string()]);
export type Delta = z.infer<typeof Delta>;

const versionShape = {
  dot: Dot,
  hlc: Hlc,
  by: z.string().max(200),
  preds: z.array(Dot).max(MAX_PREDS),
  ctx: VersionVector.optional(),
  value: z.json().optional(),
  d: Delta.optional(),
};

/** Exactly one way of giving the value. */
const oneValue = (v: { value?: unknown; d?: unknown; b?: unknown }) =>
  ['value', 'd', 'b'].filter((k) => Object.prototype.hasOwnProperty.call(v, k)).length === 1;

/** A version as written in a bundle: its value in full, or (in history) as a delta. */
export const EncodedVersion = z.strictObject(versionShape).refine(oneValue, { message: 'errors:validation.invalid' });
export type EncodedVersion = z.infer<typeof EncodedVersion>;

/**
 * As written in the store's own files: a long text may also live in a file of its own (`b`: the
 * SHA-256 of its UTF-8 bytes), so that editing anything else of the record does not rewrite it.
 */
export const StoredVersion = z
  .strictObject({ ...versionShape, b: z.string().regex(/^[0-9a-f]{64}$/).optional() })
  .refine(oneValue, { message: 'errors:validation.invalid' });
export type StoredVersion = z.infer<typeof StoredVersion>;

const recordShape = <V extends z.ZodType>(version: V) =>
  z.strictObject({
    id: z.uuid({ version: 'v7' }),
    kind: z.string().min(1).max(40),
    vv: VersionVector,
    fields: z.record(FieldKey, z.array(version).min(1)),
    history: z.record(FieldKey, z.array(version).max(HISTORY_LIMIT)),
  });
export const EncodedRecord = recordShape(EncodedVersion);
export type EncodedRecord = z.infer<typeof EncodedRecord>;
export const StoredRecord = recordShape(StoredVersion);
export type StoredRecord = z.infer<typeof StoredRecord>;

export class EncodingError extends Error {
  constructor(
    readonly path: (string | number)[],
    message: string,
  ) {
    super(message);
    this.name = 'EncodingError';
  }
}

const isHigh = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLow = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/**
 * The delta that makes `older` from `newer`, or null when writing `older` whole is no longer. The
 * ends never split a character (a surrogate pair), so every piece stays well-formed Unicode.
 */
export function makeDelta(newer: string, older: string): Delta | null {
  const max = Math.min(newer.length, older.length);
  let p = 0;
  while (p < max && newer.charCodeAt(p) === older.charCodeAt(p)) p++;
  if (p > 0 && p < older.length && isHigh(older.charCodeAt(p - 1))) p--;
  let s = 0;
  while (s < max - p && newer.charCodeAt(newer.length - 1 - s) === older.charCodeAt(older.length - 1 - s)) s++;
  if (s > 0 && s < older.length - p && isLow(older.charCodeAt(older.length - s))) s--;
  const middle = older.slice(p, older.length - s);
  // Two numbers and the brackets: about 24 characters more than the middle itself.
  return middle.length + 24 < older.length ? [p, s, middle] : null;
}

export function applyDelta(newer: string, [p, s, middle]: Delta): string | null {
  // Checked here too, not only by the schema: the store's own files are read without it.
  if (!Number.isSafeInteger(p) || !Number.isSafeInteger(s) || p < 0 || s < 0 || typeof middle !== 'string' || p + s > newer.length) return null;
  return newer.slice(0, p) + middle + newer.slice(newer.length - s);
}

type AnyVersion = { value?: unknown; d?: Delta; b?: string } & Omit<FieldVersion, 'value'>;

function withoutValue(v: FieldVersion): Omit<FieldVersion, 'value'> {
  const out: Omit<FieldVersion, 'value'> = { dot: v.dot, hlc: v.hlc, by: v.by, preds: v.preds };
  if (v.ctx) out.ctx = v.ctx;
  return out;
}

/**
 * The record as written down: current versions whole, each older version of a text as a delta
 * against the next newer one (history is newest first). `blob`, when given, may take a long
 * current or older text out of the record (the store's files; never in a bundle).
 */
export function encodeRecord(record: SyncRecord): EncodedRecord;
export function encodeRecord(record: SyncRecord, blob: (version: FieldVersion) => string | null): StoredRecord;
export function encodeRecord(record: SyncRecord, blob?: (version: FieldVersion) => string | null): EncodedRecord | StoredRecord {
  const whole = (v: FieldVersion): AnyVersion => {
    const hash = blob && typeof v.value === 'string' ? blob(v) : null;
    if (hash) return { ...withoutValue(v), b: hash };
    // writeFields' key order, so that reading can take the parsed object as it is (see decodeRecord).
    const out: AnyVersion = { dot: v.dot, hlc: v.hlc, by: v.by, value: v.value, preds: v.preds };
    if (v.ctx) out.ctx = v.ctx;
    return out;
  };
  const fields: Record<string, AnyVersion[]> = {};
  for (const [key, versions] of Object.entries(record.fields)) fields[key] = versions.map(whole);
  const history: Record<string, AnyVersion[]> = {};
  for (const [key, versions] of Object.entries(record.history)) {
    let newer = record.fields[key]?.[0]?.value;
    history[key] = versions.map((v) => {
      const delta = typeof newer === 'string' && typeof v.value === 'string' ? makeDelta(newer, v.value) : null;
      newer = v.value;
      return delta ? { ...withoutValue(v), d: delta } : whole(v);
    });
  }
  return { id: record.id, kind: record.kind, vv: record.vv, fields, history } as EncodedRecord | StoredRecord;
}

/** Whether any version is written as a delta or names a file (else the record reads as it is). */
function needsDecoding(encoded: EncodedRecord | StoredRecord): boolean {
  for (const part of [encoded.fields, encoded.history]) {
    for (const key in part) {
      for (const v of part[key]! as AnyVersion[]) if (v.d !== undefined || v.b !== undefined) return true;
    }
  }
  return false;
}

export interface DecodeBudget {
  /** Characters the deltas of this read may still produce; a delta that would go past it is refused. */
  chars: number;
}

/**
 * The record in memory from its written form. Throws an EncodingError naming the place when a
 * delta has no text to apply to, reaches outside it, or would exceed the budget (a small file
 * must not unfold into gigabytes), or when a blob is missing.
 */
export function decodeRecord(
  encoded: EncodedRecord | StoredRecord,
  options: {
    blob?: (hash: string) => string | undefined;
    budget?: DecodeBudget;
    /**
     * The versions were just parsed from this app's own file (written by encodeRecord): one with
     * its value in full is taken as it is, in the key order it was written in, not copied (the
     * workspace's open reads every version of every record).
     */
    adopt?: boolean;
  } = {},
): SyncRecord {
  // Adopted, and nothing written as a delta or a file: the written record is the record.
  if (options.adopt && !needsDecoding(encoded)) return encoded as SyncRecord;
  const valueOf = (v: AnyVersion, path: (string | number)[]): unknown => {
    if (Object.prototype.hasOwnProperty.call(v, 'value')) return v.value;
    if (v.b !== undefined) {
      const text = options.blob?.(v.b);
      if (text === undefined) throw new EncodingError(path, `missing text ${v.b}`);
      return text;
    }
    throw new EncodingError(path, 'a delta where a whole value is needed');
  };
  // The key order of a version made by writeFields, so equal records serialise to equal text.
  const rebuild = (v: AnyVersion, value: unknown): FieldVersion => {
    if (options.adopt && v.d === undefined && v.b === undefined) return v as FieldVersion;
    const out: FieldVersion = { dot: v.dot, hlc: v.hlc, by: v.by, value: value as FieldVersion['value'], preds: v.preds };
    if (v.ctx) out.ctx = v.ctx;
    return out;
  };
  const fields: SyncRecord['fields'] = {};
  for (const [key, versions] of Object.entries(encoded.fields) as [string, AnyVersion[]][]) {
    fields[key] = versions.map((v, i) => rebuild(v, valueOf(v, ['fields', key, i])));
  }
  const history: SyncRecord['history'] = {};
  for (const [key, versions] of Object.entries(encoded.history) as [string, AnyVersion[]][]) {
    let newer: unknown = fields[key]?.[0]?.value;
    history[key] = versions.map((v, i) => {
      let value: unknown;
      if (v.d !== undefined) {
        const text = typeof newer === 'string' ? applyDelta(newer, v.d) : null;
        if (text === null) throw new EncodingError(['history', key, i, 'd'], 'a delta that does not fit its text');
        if (options.budget) {
          options.budget.chars -= text.length;
          if (options.budget.chars < 0) throw new EncodingError(['history', key, i, 'd'], 'history unfolds past the limit');
        }
        value = text;
      } else {
        value = valueOf(v, ['history', key, i]);
      }
      newer = value;
      return rebuild(v, value);
    });
  }
  return { id: encoded.id, kind: encoded.kind, vv: encoded.vv, fields, history };
}

/**
 * What of a record goes into a bundle. `compact`: no history at all (a first hand-over: the
 * receiver has nothing to merge with). Otherwise the newest EXPORT_HISTORY older versions of each
 * field: the ancestry a receiver who last heard from this field within that many versions needs to
 * find the common version of a three-way merge (older ones it holds itself). Autosaves that never
 * left were squashed when they were replaced, so these are stretches of editing, not keystrokes.
 * Versions are never altered on the way out: the same dot carries the same content everywhere.
 */
export const EXPORT_HISTORY = 16;

export function forExport(record: SyncRecord, options: { compact?: boolean } = {}): SyncRecord {
  const keys = Object.keys(record.history);
  if (options.compact) return keys.length === 0 ? record : { ...record, history: {} };
  if (keys.every((key) => record.history[key]!.length <= EXPORT_HISTORY)) return record;
  const history: SyncRecord['history'] = {};
  for (const key of keys) history[key] = record.history[key]!.slice(0, EXPORT_HISTORY);
  return { ...record, history };
}
