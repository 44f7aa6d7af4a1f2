/**
 * JSON Schemas generated from the zod schemas (the single source of truth), for people and tools
 * outside the app: `npm run docs:schemas` writes docs/schemas/; a unit test fails when the files
 * are out of date.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { FIELD_SCHEMAS, KIND_NAMES } from '../shared/records/kinds.js';
import { SyncRecord } from '../shared/sync/record.js';
import { RecordsFileSchema } from '../main/core/store/records-file.js';
import { EncodedRecord } from '../shared/sync/encoding.js';
import { EncryptedBundle, PlainBundle } from '../shared/bundle/format.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const SCHEMA_DIR = path.join(ROOT, 'docs', 'schemas');

const toSchema = (schema: z.ZodType, title: string, description: string) => ({
  ...z.toJSONSchema(schema, { target: 'draft-2020-12', unrepresentable: 'any', io: 'input' }),
  title,
  description,
});

export function generateSchemas(): Record<string, string> {
  const fields = z.object(Object.fromEntries(KIND_NAMES.map((kind) => [kind, FIELD_SCHEMAS[kind]])));
  const files: Record<string, unknown> = {
    'record-fields.schema.json': toSchema(
      fields,
      'Focal Point Desk record fields',
      'The fields of each kind of record (nap, nap.objective, nap.action, nap.indicator, meeting, action, contact, input). Texts in several languages are objects keyed by language (ar, en, es, fr, ru, zh). null clears a field.',
    ),
    'sync-record.schema.json': toSchema(
      SyncRecord,
      'Focal Point Desk record with sync metadata',
      'A record as held in memory and as version 1 bundles and records files wrote it: per field, the current versions (a dot = replica + counter, a hybrid logical clock time, the author, the value, the versions it replaced), the history of earlier versions, and the version vector of the record.',
    ),
    'encoded-record.schema.json': toSchema(
      EncodedRecord,
      'Focal Point Desk record as written in a bundle (format 2)',
      'A record with its sync metadata as bundles of format 2 write it: current versions with their value; each older version of a text as a delta `d: [p, s, middle]` against the next newer version of the same field (its first p and last s characters with middle between), or its value in full. See docs/bundle-format.md.',
    ),
    'bundle.schema.json': toSchema(
      PlainBundle,
      'Focal Point Desk bundle (.fpbundle)',
      'A bundle file: canonical JSON (RFC 8785) with its creator, scope, note, record count, the SHA-256 of the canonical records, and the records with their sync metadata. See docs/bundle-format.md.',
    ),
    'bundle-encrypted.schema.json': toSchema(
      EncryptedBundle,
      'Focal Point Desk bundle protected with a passphrase',
      'The whole plain bundle, encrypted with AES-256-GCM under a key derived from the passphrase with scrypt (N, r, p and salt given). See docs/bundle-format.md.',
    ),
    'records-file.schema.json': toSchema(
      RecordsFileSchema,
      'Focal Point Desk records file',
      'One of the 256 files under records/ in the data folder (named by the last two hex digits of the record ids it holds), schema version 3: each field version a tuple [replica, counter, time, logical, author, preds, how, payload, ctx?] whose replica and author are positions in the file\'s replicas and authors tables; how 0: the payload is the value, 1: a delta [p, s, middle] against the next newer version (history only), 2: the SHA-256 of the UTF-8 bytes of a long text in blobs/ (all listed in texts). A version with named keys (dot, hlc, by, preds and value, d or b, as schema 2 wrote them) is also read.',
    ),
  };
  return Object.fromEntries(Object.entries(files).map(([name, schema]) => [name, `${JSON.stringify(schema, null, 2)}\n`]));
}

const invokedDirectly = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) {
  fs.mkdirSync(SCHEMA_DIR, { recursive: true });
  for (const [name, text] of Object.entries(generateSchemas())) {
    fs.writeFileSync(path.join(SCHEMA_DIR, name), text);
    console.log(`wrote docs/schemas/${name}`);
  }
}
