import crypto from 'node:crypto';
import canonicalize from 'canonicalize';
import { z } from 'zod';
import {
  BUNDLE_FORMAT,
  BUNDLE_MAX_BYTES,
  BUNDLE_VERSION,
  BundleHead,
  EncryptedBundle,
  type BundleProblem,
  type PlainBundle,
} from '../../../shared/bundle/format.js';
import { checkRecord, Kind } from '../../../shared/records/kinds.js';
import { FIELD_SCHEMAS, fieldSpec } from '../../../shared/records/kinds.js';
import { PARENT_KIND, viewRecord } from '../../../shared/records/codec.js';
import { counterOutOfRange, PARENT, SyncRecord } from '../../../shared/sync/record.js';
import { decodeRecord, EncodedRecord, encodeRecord, EncodingError, forExport, type DecodeBudget } from '../../../shared/sync/encoding.js';
import { upgradeRecord } from '../../../shared/records/upgrade.js';
import { inspectJson } from '../dispatch.js';
import { scanJsonKeys } from './json-keys.js';

/** A refused bundle: the reason, and where, for a message a non-technical person understands. */
export class BundleError extends Error {
  constructor(readonly problem: BundleProblem) {
    super(`bundle refused: ${problem.code}${problem.id ? ` (record ${problem.id})` : ''}${problem.path ? ` at ${problem.path.join('.')}` : ''}`);
    this.name = 'BundleError';
  }
}

const canonical = (value: unknown): string => {
  const text = canonicalize(value);
  if (text === undefined) throw new Error('not serialisable');
  return text;
};

/** Of the records as written in the file (version 2: encoded). */
export const checksumOf = (records: readonly unknown[]) => crypto.createHash('sha256').update(canonical(records)).digest('hex');

/** How far a bundle's deltas may unfold: characters per character of the file, plus a floor. */
const DECODE_FACTOR = 24;
const DECODE_FLOOR = 64 * 1024 * 1024;

/** Key derivation cost: about 0.1 s here, far too slow to guess passphrases at scale. */
const SCRYPT = { N: 1 << 15, r: 8, p: 1 };
/** A sealed file may not ask for more work than this (a hostile one could freeze the app). */
const SCRYPT_MAX = { N: 1 << 16, r: 8, p: 2 };
/** The full AES-GCM authentication tag; nothing shorter is accepted. */
const GCM_TAG_BYTES = 16;
const scryptKey = (passphrase: string, salt: Buffer, params: { N: number; r: number; p: number }) =>
  crypto.scryptSync(passphrase.normalize('NFC'), salt, 32, { ...params, maxmem: 256 * params.N * params.r + 1024 * 1024 });

/** A key derived once and used for many files (a team folder's): the salt it was derived with. */
export interface SealKey {
  salt: Buffer;
  key: Buffer;
}

/** The key a passphrase gives with this salt, at the cost every sealed file states. */
export const sealKey = (passphrase: string, salt: Buffer = crypto.randomBytes(16)): SealKey => ({ salt, key: scryptKey(passphrase, salt, SCRYPT) });

export interface EncodeInput {
  head: Omit<BundleHead, 'format' | 'version' | 'checksum' | 'recordCount'>;
  records: SyncRecord[];
  passphrase?: string;
  /**
   * A key already derived from the passphrase (see sealKey): many files sealed with one scrypt.
   * Each file still has its own random IV, so one key seals billions of files safely.
   */
  seal?: SealKey;
  /** No history at all (see forExport). */
  compact?: boolean;
}

/**
 * A version's author is a display name, not content. One stored broken (a lone surrogate, from a
 * profile name accepted before names were checked) goes out repaired, U+FFFD in place of the
 * broken half, so that every receiver accepts the bundle; the checksum covers what is written.
 * Records with nothing to repair are passed on as they are.
 */
function withWellFormedAuthors(record: SyncRecord): SyncRecord {
  const repair = (versions: SyncRecord['fields']) => {
    let out = versions;
    for (const [key, list] of Object.entries(versions)) {
      if (list.every((v) => v.by.isWellFormed())) continue;
      if (out === versions) out = { ...versions };
      out[key] = list.map((v) => (v.by.isWellFormed() ? v : { ...v, by: v.by.toWellFormed() }));
    }
    return out;
  };
  const fields = repair(record.fields);
  const history = repair(record.history);
  return fields === record.fields && history === record.history ? record : { ...record, fields, history };
}

/** The bytes of a bundle file: canonical JSON, optionally sealed with AES-256-GCM. */
export function encodeBundle({ head, records, passphrase, compact, seal }: EncodeInput): string {
  // Every bundle carries at most EXPORT_HISTORY older versions per field, so what it unfolds to
  // stays well within what a reader accepts (DECODE_FACTOR).
  const sorted = records
    .map((r) => withWellFormedAuthors(forExport(r, { compact })))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  // The records are serialised once: their canonical text gives the checksum and is spliced into
  // the canonical head, exactly where canonical order puts "records" (after "recordCount", before
  // "scope"). Inside canonical strings every quote is escaped, so the marker cannot occur there.
  const recordsText = canonical(sorted.map((r) => encodeRecord(r)));
  const plain: Omit<PlainBundle, 'records'> & { records: [] } = {
    format: BUNDLE_FORMAT,
    version: BUNDLE_VERSION,
    ...head,
    recordCount: sorted.length,
    checksum: crypto.createHash('sha256').update(recordsText).digest('hex'),
    records: [],
  };
  const marker = '"records":[],"scope":';
  const headText = canonical(plain);
  const at = headText.indexOf(marker);
  if (at < 0) throw new Error('canonical head without its records slot');
  const text = `${headText.slice(0, at)}"records":${recordsText},"scope":${headText.slice(at + marker.length)}`;
  if (!passphrase && !seal) return text;
  const { salt, key } = seal ?? sealKey(passphrase!);
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
  const payload = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
  const sealed: EncryptedBundle = {
    format: BUNDLE_FORMAT,
    version: BUNDLE_VERSION,
    encryption: {
      cipher: 'aes-256-gcm',
      kdf: 'scrypt',
      ...SCRYPT,
      salt: salt.toString('base64'),
      iv: iv.toString('base64'),
      tag: cipher.getAuthTag().toString('base64'),
    },
    payload: payload.toString('base64'),
  };
  return canonical(sealed);
}

/** The parsed text, with where its records array is; a key twice in one object is refused. */
interface ParsedJson {
  value: unknown;
  recordsSpan: [number, number] | null;
}

function parseJson(text: string): ParsedJson {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    // A file cut short (an interrupted copy, a truncated attachment) fails at its very end.
    const message = (error as Error).message;
    const position = Number(/position (\d+)/.exec(message)?.[1] ?? NaN);
    const atEnd = /end of JSON input/.test(message) || position >= text.trimEnd().length;
    throw new BundleError({ code: text.trim().length > 0 && atEnd ? 'truncated' : 'not_json' });
  }
  // JSON.parse keeps the last of two equal keys: the checksum, a preview and another tool could
  // each read a different one.
  const scan = scanJsonKeys(text, 'records');
  if (scan.duplicate) throw new BundleError({ code: 'duplicate_key', path: scan.duplicate.map(String) });
  return { value, recordsSpan: scan.span };
}

export interface DecodeOptions {
  passphrase?: string;
  maxBytes?: number;
  /**
   * Keys already derived from `passphrase`, by salt and cost (base64 salt + params): a team
   * folder's files share their writer's salt, so each writer costs one scrypt, not one per file.
   */
  keys?: Map<string, Buffer>;
}

export interface DecodedBundle {
  head: BundleHead;
  records: SyncRecord[];
  encrypted: boolean;
}

/** The bytes as text; anything that is not UTF-8 is refused. */
function decodeUtf8(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new BundleError({ code: 'encoding' });
  }
}

/**
 * The parsed text, its length and the SHA-256 of its root's "records" array exactly as written
 * (null when there is none): all that is needed of the text, which can then go. `utf8`, when
 * given, is the text's own UTF-8 (read with decodeUtf8, so exactly its bytes after any byte order
 * mark): the array's bytes are hashed as they are instead of encoding 100 MB of text again.
 */
function readText(text: string, utf8?: Uint8Array): { value: unknown; length: number; recordsDigest: string | null } {
  const { value, recordsSpan } = parseJson(text);
  let recordsDigest: string | null = null;
  if (recordsSpan && utf8) {
    // The span starts and ends at a bracket, so the text on either side is whole characters (the
    // head before it and the few keys after it: short). decodeUtf8 drops a leading byte order mark.
    const bom = utf8[0] === 0xef && utf8[1] === 0xbb && utf8[2] === 0xbf ? 3 : 0;
    const start = bom + Buffer.byteLength(text.slice(0, recordsSpan[0]), 'utf8');
    const end = utf8.byteLength - Buffer.byteLength(text.slice(recordsSpan[1]), 'utf8');
    recordsDigest = crypto.createHash('sha256').update(utf8.subarray(start, end)).digest('hex');
  } else if (recordsSpan) {
    recordsDigest = crypto.createHash('sha256').update(text.slice(recordsSpan[0], recordsSpan[1])).digest('hex');
  }
  return { value, length: text.length, recordsDigest };
}

/**
 * Everything up to the records: size, encoding, JSON, format and version, the seal, prototype
 * keys, depth and broken Unicode, and that there is a records array. Returns the head as parsed
 * and the records array, the only way left to the parsed tree.
 */
function readEnvelope(bytes: Uint8Array, options: DecodeOptions) {
  const limit = options.maxBytes ?? BUNDLE_MAX_BYTES;
  if (bytes.byteLength > limit) throw new BundleError({ code: 'too_large', bytes: bytes.byteLength, limit });
  let read = readText(decodeUtf8(bytes), bytes);
  const shape = z.object({ format: z.string(), version: z.number() }).safeParse(read.value);
  if (!shape.success || shape.data.format !== BUNDLE_FORMAT) throw new BundleError({ code: 'wrong_format' });
  if (!Number.isInteger(shape.data.version)) throw new BundleError({ code: 'invalid', path: ['version'] });
  if (shape.data.version > BUNDLE_VERSION) throw new BundleError({ code: 'too_new', version: shape.data.version });

  let encrypted = false;
  if (read.value && typeof read.value === 'object' && 'encryption' in read.value) {
    encrypted = true;
    read = readText(unseal(checkSealed(read.value, options.passphrase), options.passphrase!, options.keys));
  }

  const problems = inspectJson(read.value, true);
  if (problems.forbidden) throw new BundleError({ code: 'forbidden_key', path: problems.forbidden.map(String) });
  if (problems.tooDeep) throw new BundleError({ code: 'invalid', path: problems.tooDeep.slice(0, 8).map(String) });
  if (problems.malformed) throw new BundleError({ code: 'invalid_unicode', path: problems.malformed.map(String) });

  const envelope = z.looseObject({ records: z.array(z.unknown()) }).safeParse(read.value);
  if (!envelope.success) throw new BundleError({ code: 'invalid', path: ['records'] });
  const { records: rawRecords, ...rawHead } = envelope.data;
  return { rawHead, rawRecords: rawRecords as unknown[], textLength: read.length, recordsDigest: read.recordsDigest, encrypted };
}

/**
 * Reads a bundle, trusting nothing: size, encoding, JSON, format and version (a newer version is
 * named as such), passphrase, checksum, every record against its schema and its kind's fields,
 * duplicate ids, prototype keys and broken Unicode. Throws a BundleError saying which and where.
 */
export function decodeBundle(bytes: Uint8Array, options: DecodeOptions = {}): DecodedBundle {
  // The file's text and its parsed tree stay inside readEnvelope: of them only the records array
  // comes out, and each of its records is let go once read (a large bundle's text, tree and
  // records would otherwise all be held at once, hundreds of megabytes each).
  const { rawHead, rawRecords, textLength, recordsDigest, encrypted } = readEnvelope(bytes, options);
  const head = BundleHead.safeParse(rawHead);
  if (!head.success) throw new BundleError({ code: 'invalid', path: head.error.issues[0]?.path.map(String) });
  // A file this app wrote is canonical, so the records array's own bytes are its canonical text:
  // their digest settles the checksum without serialising 100 MB again, and each parsed record can
  // go as soon as it is read. Anything else (a file another tool re-formatted) is checked the slow
  // way at the end, by serialising what was parsed, which must then be kept.
  const canonicalChecksum = recordsDigest !== null && recordsDigest === head.data.checksum;

  const records: SyncRecord[] = [];
  const seen = new Set<string>();
  const names = new Map<string, string>();
  const version = head.data.version;
  // Deltas may unfold a file's history to several times its size, never to gigabytes: what this
  // app writes stays well within (EXPORT_HISTORY older versions per field).
  const budget: DecodeBudget = { chars: DECODE_FACTOR * textLength + DECODE_FLOOR };
  for (let index = 0; index < rawRecords.length; index++) {
    const raw = rawRecords[index];
    if (canonicalChecksum) rawRecords[index] = undefined;
    const id = typeof (raw as { id?: unknown })?.id === 'string' ? (raw as { id: string }).id : undefined;
    let record: SyncRecord;
    if (version === 1) {
      const parsed = SyncRecord.safeParse(raw);
      if (!parsed.success) throw new BundleError({ code: 'invalid', record: index, id, path: parsed.error.issues[0]?.path.map(String) });
      record = parsed.data;
    } else {
      const parsed = EncodedRecord.safeParse(raw);
      if (!parsed.success) throw new BundleError({ code: 'invalid', record: index, id, path: parsed.error.issues[0]?.path.map(String) });
      try {
        record = decodeRecord(parsed.data, { budget });
      } catch (error) {
        if (!(error instanceof EncodingError)) throw error;
        throw new BundleError({ code: budget.chars < 0 ? 'too_large' : 'invalid', record: index, id, path: error.path.map(String) });
      }
    }
    const kind = Kind.safeParse(record.kind);
    if (!kind.success) throw new BundleError({ code: 'invalid', record: index, id, path: ['kind'] });
    // A record of an older format is checked as it was written, then brought to this one.
    const problem = fieldProblem(kind.data, record);
    if (problem) throw new BundleError({ code: 'invalid', record: index, id, path: problem });
    const outOfRange = counterOutOfRange(record);
    if (outOfRange) throw new BundleError({ code: 'out_of_range', record: index, id, path: outOfRange });
    if (seen.has(record.id)) throw new BundleError({ code: 'duplicate_ids', record: index, id: record.id });
    seen.add(record.id);
    compactVersions(record, names);
    records.push(version < BUNDLE_VERSION ? upgradeRecord(record, version) : record);
  }
  if (records.length !== head.data.recordCount || !(canonicalChecksum || checksumOf(rawRecords) === head.data.checksum)) {
    throw new BundleError({ code: 'checksum' });
  }
  checkWithin(records);
  return { head: head.data, records, encrypted };
}

/**
 * The record read just now, held in less memory; nothing else changes. A bundle names a handful
 * of replicas and authors in every one of its versions, each read as a string of its own (100,000
 * records: over half a million copies of one replica id, 18 MB): each name becomes one shared
 * string. A version's dot and time come from the schema with room for more keys than their two:
 * each is made again with just its two, in the same order (17 MB less for 100,000 records).
 */
function compactVersions(record: SyncRecord, names: Map<string, string>): void {
  const shared = (name: string) => {
    const known = names.get(name);
    if (known !== undefined) return known;
    names.set(name, name);
    return name;
  };
  for (const part of [record.fields, record.history]) {
    for (const key in part) {
      for (const v of part[key]!) {
        v.dot = { r: shared(v.dot.r), c: v.dot.c };
        v.hlc = { t: v.hlc.t, l: v.hlc.l };
        v.by = shared(v.by);
        for (let i = 0; i < v.preds.length; i++) v.preds[i] = { r: shared(v.preds[i]!.r), c: v.preds[i]!.c };
      }
    }
  }
}

/** A sealed bundle's envelope, checked before any key is derived. */
/**
 * Whether a file is sealed, and if so whether this passphrase opens it, without reading its
 * records (a team folder's passphrase is checked against files of any size).
 */
export function sealOf(bytes: Uint8Array, passphrase: string | undefined): 'plain' | 'opens' | 'wrong' | 'damaged' {
  let outer: unknown;
  try {
    outer = JSON.parse(decodeUtf8(bytes));
  } catch {
    return 'damaged';
  }
  if (!outer || typeof outer !== 'object' || (outer as { format?: unknown }).format !== BUNDLE_FORMAT) return 'damaged';
  if (!('encryption' in outer)) return 'plain';
  try {
    unseal(checkSealed(outer, passphrase), passphrase!);
    return 'opens';
  } catch (error) {
    if (error instanceof BundleError && (error.problem.code === 'wrong_passphrase' || error.problem.code === 'needs_passphrase')) return 'wrong';
    return 'damaged';
  }
}

function checkSealed(outer: unknown, passphrase: string | undefined): EncryptedBundle {
  const sealed = EncryptedBundle.safeParse(outer);
  if (!sealed.success) throw new BundleError({ code: 'invalid', path: sealed.error.issues[0]?.path.map(String) });
  if (!passphrase) throw new BundleError({ code: 'needs_passphrase' });
  const { encryption } = sealed.data;
  if (encryption.N > SCRYPT_MAX.N || encryption.r > SCRYPT_MAX.r || encryption.p > SCRYPT_MAX.p) {
    throw new BundleError({ code: 'invalid', path: ['encryption'] });
  }
  // scrypt rejects any other N; caught below, that would read as a wrong passphrase, not a damaged file.
  if ((encryption.N & (encryption.N - 1)) !== 0) throw new BundleError({ code: 'invalid', path: ['encryption', 'N'] });
  // GCM checks only as many tag bytes as it is given: a short tag is far easier to forge.
  if (Buffer.from(encryption.tag, 'base64').byteLength !== GCM_TAG_BYTES) throw new BundleError({ code: 'invalid', path: ['encryption', 'tag'] });
  return sealed.data;
}

/** The plain bundle's text inside a sealed one; its buffers go with this frame. */
function unseal({ encryption, payload }: EncryptedBundle, passphrase: string, keys?: Map<string, Buffer>): string {
  let plain: Buffer;
  try {
    const known = `${encryption.salt}:${encryption.N}:${encryption.r}:${encryption.p}`;
    const key = keys?.get(known) ?? scryptKey(passphrase, Buffer.from(encryption.salt, 'base64'), encryption);
    // Kept only once it opened a file: a wrong passphrase's key is never cached.
    const keep = keys && !keys.has(known) ? () => keys.set(known, key) : () => undefined;
    const decipher = crypto.createDecipheriv('aes-256-gcm', key, Buffer.from(encryption.iv, 'base64'), { authTagLength: GCM_TAG_BYTES });
    decipher.setAuthTag(Buffer.from(encryption.tag, 'base64'));
    plain = Buffer.concat([decipher.update(Buffer.from(payload, 'base64')), decipher.final()]);
    keep();
  } catch {
    // GCM authentication fails for a wrong passphrase and for a tampered file alike.
    throw new BundleError({ code: 'wrong_passphrase' });
  }
  return plain.toString('utf8');
}

/**
 * The rules a bundle must meet on its own, whatever workspace it goes to: the same as a local
 * edit's. Each record as it shows (its winning values) keeps its kind's cross-field rules; a kind
 * that hangs under a parent has one; a parent carried in the bundle is of the kind expected, and
 * following parents through the bundle never loops. What depends on the receiver's records (a
 * parent that is only there, the merge with its copies) is checked on import.
 */
function checkWithin(records: readonly SyncRecord[]): void {
  const index = new Map(records.map((r, i) => [r.id, i]));
  // Each record's view is needed only for its own checks: of the views, only the parents stay.
  const parents: (string | undefined)[] = [];
  const refuse = (at: number, path: string[]): never => {
    throw new BundleError({ code: 'invalid', record: at, id: records[at]!.id, path });
  };
  for (const [at, record] of records.entries()) {
    const kind = record.kind as Kind;
    const view = viewRecord(record);
    const parentId = view.parentId ?? undefined;
    parents.push(parentId);
    const issue = checkRecord(kind, view.fields)[0];
    if (issue) refuse(at, ['fields', ...issue.path.map(String)]);
    const parentKind = PARENT_KIND[kind];
    if (parentKind !== null && parentId === undefined) refuse(at, ['fields', PARENT]);
    const parentAt = parentId === undefined ? undefined : index.get(parentId);
    if (parentAt !== undefined && records[parentAt]!.kind !== parentKind) refuse(at, ['fields', PARENT]);
  }
  // Parent kinds descend (NAP, objective, action, indicator), so the check above already rules out
  // a loop; walking the chains costs little and does not rest on that.
  const rooted = new Set<number>();
  for (let start = 0; start < records.length; start++) {
    const path = new Set<number>();
    for (let at: number | undefined = start; at !== undefined && !rooted.has(at); ) {
      if (path.has(at)) refuse(start, ['fields', PARENT]);
      path.add(at);
      const parentId: string | undefined = parents[at];
      at = parentId === undefined ? undefined : index.get(parentId);
    }
    for (const at of path) rooted.add(at);
  }
}

/** Every value of every version must be valid for its field: the same rules as a local edit. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function fieldProblem(kind: Kind, record: SyncRecord): string[] | null {
  for (const part of ['fields', 'history'] as const) {
    for (const [key, versions] of Object.entries(record[part])) {
      const problem = versionsProblem(kind, record, key, versions);
      if (problem) return [part, key, ...problem];
    }
  }
  return null;
}

/** Where in one key's versions a value breaks its field's rules (relative to the key), or null. */
function versionsProblem(kind: Kind, record: SyncRecord, key: string, versions: readonly { value: unknown }[]): string[] | null {
  const schema = FIELD_SCHEMAS[kind];
  if (key.startsWith('_')) {
    for (const v of versions) {
      const ok =
        key === '_deleted'
          ? typeof v.value === 'boolean'
          : key === '_parent'
            ? typeof v.value === 'string' && UUID.test(v.value) && v.value !== record.id && PARENT_KIND[kind] !== null
            : typeof v.value === 'string' && v.value.length <= 200;
      if (!ok) return [];
    }
    return null;
  }
  const [name, lang] = key.split('@') as [string, string | undefined];
  // A text kept per language travels only as `field@lang`: never whole under its plain name.
  if (!fieldSpec(kind, name) || Boolean(fieldSpec(kind, name)?.multilingual) !== Boolean(lang)) return [];
  for (const v of versions) {
    const candidate = { [name]: lang ? { [lang]: v.value } : v.value };
    const result = schema.safeParse(candidate);
    if (!result.success) return result.error.issues[0]?.path.slice(lang ? 2 : 1).map(String) ?? [];
  }
  return null;
}
