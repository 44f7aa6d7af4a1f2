import { z } from 'zod';
import { Kind } from '../records/kinds.js';
import { text } from '../records/text.js';
import { ReplicaId } from '../sync/clock.js';
import { EncodedRecord } from '../sync/encoding.js';
import { TeamHead } from '../team/head.js';

/**
 * The .fpbundle file: UTF-8 JSON in canonical form (RFC 8785), so equal content gives equal
 * bytes. Documented in docs/bundle-format.md; JSON Schema in docs/schemas/bundle.schema.json.
 */
export const BUNDLE_FORMAT = 'focal-point-desk/bundle';
/**
 * 2: records written with their older text versions as deltas (shared/sync/encoding.ts), list
 * fields as one key per item. Version 1 bundles are still read (their records upgraded on arrival).
 */
export const BUNDLE_VERSION = 2;
/** The oldest version still read. */
export const BUNDLE_OLDEST_VERSION = 1;
const BundleVersion = z.number().int().min(BUNDLE_OLDEST_VERSION).max(BUNDLE_VERSION);
export const BUNDLE_EXTENSION = 'fpbundle';
/** Default size limit: large enough for years of a network's work, small enough to refuse junk. */
export const BUNDLE_MAX_BYTES = 200 * 1024 * 1024;

/**
 * A bundle file's bytes in base64 (padded), as the app, the host and the command line hand it to
 * the core: bytes that are not UTF-8 must reach the reader as they are, to be refused there, not
 * turned into replacement characters by whoever read the file as text. A plain character class
 * (not z.base64's pattern) keeps a 270 MB string to a fraction of a second.
 */
export const BundleBytes = z
  .string()
  .regex(/^[A-Za-z0-9+/]*={0,2}$/)
  .refine((s) => s.length % 4 === 0);

const Id = z.uuid({ version: 'v7', error: 'errors:validation.id' });
const IsoDate = z.iso.date({ error: 'errors:validation.date' });

/** What was exported: the whole workspace, one NAP with its children, meetings, or a selection. */
export const BundleScope = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('all') }),
  z.strictObject({ type: z.literal('nap'), napId: Id }),
  z.strictObject({ type: z.literal('meetings'), from: IsoDate, to: IsoDate }),
  z.strictObject({ type: z.literal('selection'), ids: z.array(Id).min(1).max(100_000) }),
]);
export type BundleScope = z.infer<typeof BundleScope>;

/** A team folder's file (shared/team/format.ts): what its writer published since its last one. */
export const TeamScope = z.strictObject({ type: z.literal('team') });
/** What a file may say it covers: an export's scope, or a team folder's file. */
export const HeadScope = z.discriminatedUnion('type', [...BundleScope.options, TeamScope]);
export type HeadScope = z.infer<typeof HeadScope>;

export const BundleCreator = z.strictObject({
  replicaId: ReplicaId,
  name: text(200),
  organisation: text(200),
});

export const BundleHead = z.strictObject({
  format: z.literal(BUNDLE_FORMAT),
  version: BundleVersion,
  bundleId: Id,
  creator: BundleCreator,
  createdAt: z.iso.datetime(),
  appVersion: z.string().max(40),
  scope: HeadScope,
  /** Set on a team folder's file only: its number, its writer's counter and what the writer had read. */
  team: TeamHead.optional(),
  /** Why it was made, in the sender's words ("draft 3 for the validation workshop"). */
  note: text(1000),
  recordCount: z.number().int().nonnegative(),
  /** SHA-256 (hex) of the canonical JSON of `records`. */
  checksum: z.string().regex(/^[0-9a-f]{64}$/),
});
export type BundleHead = z.infer<typeof BundleHead>;

/** The plain bundle as this version writes it (version 1's records: see docs/bundle-format.md). */
export const PlainBundle = BundleHead.extend({ version: z.literal(BUNDLE_VERSION), records: z.array(EncodedRecord) });
export type PlainBundle = z.infer<typeof PlainBundle>;

/** A bundle sealed with a passphrase: the whole plain bundle, encrypted. */
export const EncryptedBundle = z.strictObject({
  format: z.literal(BUNDLE_FORMAT),
  version: BundleVersion,
  encryption: z.strictObject({
    cipher: z.literal('aes-256-gcm'),
    kdf: z.literal('scrypt'),
    N: z.number().int().min(1024).max(1 << 20),
    r: z.number().int().min(1).max(32),
    p: z.number().int().min(1).max(16),
    salt: z.base64(),
    iv: z.base64(),
    tag: z.base64(),
  }),
  payload: z.base64(),
});
export type EncryptedBundle = z.infer<typeof EncryptedBundle>;

/** Every way a bundle can be refused; each has a sentence in errors:bundle.* in six languages. */
export const BundleErrorCode = z.enum([
  'too_large',
  'encoding',
  'not_json',
  'truncated',
  'wrong_format',
  'too_new',
  'needs_passphrase',
  'wrong_passphrase',
  'checksum',
  'invalid',
  'duplicate_ids',
  /** The same key twice in one JSON object: readers could disagree on which one counts. */
  'duplicate_key',
  'forbidden_key',
  'invalid_unicode',
  'kind_mismatch',
  /** Edit counters (or clock ticks) so high that the receiver would have no room left to edit. */
  'out_of_range',
]);
export type BundleErrorCode = z.infer<typeof BundleErrorCode>;

export const BundleProblem = z.object({
  code: BundleErrorCode,
  /** Where: the record (index and id) and the field path, when one is to blame. */
  record: z.number().int().optional(),
  id: z.string().optional(),
  path: z.array(z.union([z.string(), z.number()])).optional(),
  /** For too_new: the version the bundle has; for too_large: its size and the limit. */
  version: z.number().optional(),
  bytes: z.number().optional(),
  limit: z.number().optional(),
});
export type BundleProblem = z.infer<typeof BundleProblem>;

export const ChangeKind = z.enum(['new', 'updated', 'unchanged', 'conflicting', 'deleted']);
export type ChangeKind = z.infer<typeof ChangeKind>;

export const KindCounts = z.object({
  new: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  conflicting: z.number().int(),
  deleted: z.number().int(),
});
export type KindCounts = z.infer<typeof KindCounts>;

export const ImportPreview = z.object({
  previewId: z.string(),
  bundle: BundleHead.omit({ checksum: true, format: true, version: true }).extend({ encrypted: z.boolean() }),
  alreadyImported: z.boolean(),
  counts: z.partialRecord(Kind, KindCounts),
  /** The records that change, with a title to recognise them (at most 500 listed). */
  items: z.array(z.object({ id: z.string(), kind: Kind, title: z.string(), change: ChangeKind })),
  moreItems: z.number().int(),
  /**
   * The latest edit time (ms) in the bundle that lies further ahead of this computer's clock
   * than a clock may follow: the sender's clock is probably wrong. Imported all the same; this
   * installation's clock does not move there.
   */
  aheadOfClock: z.number().optional(),
});
export type ImportPreview = z.infer<typeof ImportPreview>;

export const ImportEntry = z.object({
  /**
   * This import's own id: what it changed is kept in imports/<id>.json, so undoing it can reverse
   * exactly that. Absent on imports logged by versions before 0.2.
   */
  id: z.uuid().optional(),
  bundleId: z.string(),
  creator: BundleCreator,
  createdAt: z.string(),
  importedAt: z.string(),
  counts: z.partialRecord(Kind, KindCounts),
  /** The backup made just before (empty for a team folder's round, which takes none). */
  backupId: z.string(),
  /** Came through the team folder (a round), not from a bundle opened by hand. */
  team: z.boolean().optional(),
  undone: z.boolean(),
  /**
   * Set when it came from a sender whose clock ran ahead: the latest edit time in it (ms) that
   * this installation's clock did not follow.
   */
  aheadOfClock: z.number().optional(),
});
export type ImportEntry = z.infer<typeof ImportEntry>;

/** A change made after an import to something the import changed: undoing the import keeps it. */
export const KeptEdit = z.object({
  id: z.string(),
  kind: Kind,
  title: z.string(),
  /** The field (`title@fr`, `status`), or null when the record itself was added by the import. */
  field: z.string().nullable(),
});
export type KeptEdit = z.infer<typeof KeptEdit>;

/** What undoing an import did: its entry, now undone, and the later edits that were kept. */
export const UndoResult = z.object({ entry: ImportEntry, kept: z.array(KeptEdit), moreKept: z.number().int() });
export type UndoResult = z.infer<typeof UndoResult>;
