import crypto from 'node:crypto';
import canonicalize from 'canonicalize';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BundleError, decodeBundle, encodeBundle } from '../../main/core/bundles/codec.js';
import { mergeAsFor, toSyncChanges } from '../../shared/records/codec.js';
import { HybridClock } from '../../shared/sync/clock.js';
import { createRecord, type SyncRecord, type Writer } from '../../shared/sync/record.js';

const hexId = (n: number) => `01890a5d-ac96-7${n.toString(16).padStart(3, '0')}-8cce-${n.toString(16).padStart(12, '0')}`;

/** Any text a person might type, quotes, the splice marker and all scripts included. */
const typed = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.constantFrom('"records":[],"scope":', 'مرحبا بالعالم', '妇女与和平与安全', 'Égalité « guillemets »', 'a\\"b', '😀 \u2068x\u2069'),
).filter((s) => s.isWellFormed());

const recordsArb = fc.uniqueArray(fc.integer({ min: 1, max: 4000 }), { maxLength: 12 }).chain((ids) =>
  fc.tuple(...ids.map((id) => fc.tuple(fc.constant(id), typed, typed))),
).map((rows) => {
  let counter = 0;
  const writer: Writer = { replica: '0123456789abcdef', clock: new HybridClock(() => 1_700_000_000_000), nextCounter: () => ++counter, author: 'Tester' };
  return rows.map(([id, name, institution]): SyncRecord =>
    createRecord(hexId(id), 'contact', writer, toSyncChanges('contact', { name, institution }), mergeAsFor('contact')),
  );
});

const headArb = fc.record({
  bundleId: fc.constant('01890a5d-ac96-774b-bcce-b302099a8057'),
  creator: fc.record({ replicaId: fc.constant('0123456789abcdef'), name: typed, organisation: typed }),
  createdAt: fc.constant('2026-11-22T10:00:00.000Z'),
  appVersion: fc.constant('0.1.0'),
  scope: fc.constant({ type: 'all' as const }),
  note: typed,
});

const bytes = (text: string) => new TextEncoder().encode(text);
const PASSPHRASE = 'correct horse battery';

/** Any text sealed the way codec.ts seals a bundle, with the cheapest parameters the format allows. */
function seal(text: string): string {
  const params = { N: 1024, r: 1, p: 1 };
  const salt = crypto.randomBytes(16);
  const iv = crypto.randomBytes(12);
  const key = crypto.scryptSync(PASSPHRASE, salt, 32, params);
  const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
  const payload = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
  const encryption = { cipher: 'aes-256-gcm', kdf: 'scrypt', ...params, salt: salt.toString('base64'), iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64') };
  return canonicalize({ format: 'focal-point-desk/bundle', version: 1, encryption, payload: payload.toString('base64') })!;
}

describe('bundle codec', () => {
  it('writes canonical JSON (RFC 8785): what it writes is what canonicalize makes of it', () => {
    fc.assert(
      fc.property(headArb, recordsArb, (head, records) => {
        const text = encodeBundle({ head, records });
        expect(text).toBe(canonicalize(JSON.parse(text)));
      }),
      { seed: 1122, numRuns: 1000 },
    );
  });

  it('reads back exactly what it wrote, and the same content always gives the same bytes', () => {
    fc.assert(
      fc.property(headArb, recordsArb, (head, records) => {
        const text = encodeBundle({ head, records });
        const decoded = decodeBundle(bytes(text));
        expect(decoded.records).toEqual([...records].sort((a, b) => (a.id < b.id ? -1 : 1)));
        expect(decoded.head).toMatchObject(head);
        expect(encodeBundle({ head, records: [...records].reverse() })).toBe(text);
      }),
      { seed: 2211, numRuns: 1000 },
    );
  });

  it('opens a sealed bundle only with its passphrase', () => {
    fc.assert(
      fc.property(headArb, recordsArb, fc.string({ minLength: 8, maxLength: 30 }).filter((s) => s.isWellFormed()), (head, records, passphrase) => {
        const sealed = encodeBundle({ head, records, passphrase });
        expect(decodeBundle(bytes(sealed), { passphrase }).records).toHaveLength(records.length);
        expect(() => decodeBundle(bytes(sealed), { passphrase: `${passphrase}x` })).toThrow(BundleError);
        for (const record of records) expect(sealed).not.toContain(record.id);
      }),
      { seed: 3311, numRuns: 15 },
    );
  });
});

describe('bundle checksum', () => {
  it('accepts a valid bundle that another tool re-formatted (not canonical any more), checked the slow way', () => {
    fc.assert(
      fc.property(headArb, recordsArb, (head, records) => {
        const pretty = JSON.stringify(JSON.parse(encodeBundle({ head, records })), null, 2);
        expect(decodeBundle(bytes(pretty)).records).toHaveLength(records.length);
      }),
      { seed: 4411, numRuns: 200 },
    );
  });

  it('is not fooled by a second records key whose array was hashed instead of the one parsed', () => {
    fc.assert(
      fc.property(headArb, recordsArb.filter((r) => r.length > 0), (head, records) => {
        const text = encodeBundle({ head, records });
        const parsed = JSON.parse(text) as { records: SyncRecord[] };
        // JSON.parse keeps the last "records": a forged file appends one with other content but
        // the same count, so only the checksum can tell.
        const other = structuredClone(parsed.records);
        other[0]!.fields['name']![0]!.value = `${String(other[0]!.fields['name']![0]!.value)} (forged)`;
        const forged = text.replace(/\}$/, `,"records":${JSON.stringify(other)}}`);
        expect(() => decodeBundle(bytes(forged))).toThrow(expect.objectContaining({ problem: { code: 'duplicate_key', path: ['records'] } }));
      }),
      { seed: 5511, numRuns: 200 },
    );
  });

  // Written with other spacing, the second key used to slip past the check that the hashed array
  // was the only one: "checksum verified" for records other than those read.
  it('refuses a second records key however it is spaced or escaped, sealed or not', () => {
    const spellings = [',"records" :', ', "records":', ',"rec\\u006frds":', ',\n"records"\t:'];
    fc.assert(
      fc.property(headArb, recordsArb.filter((r) => r.length > 0), fc.constantFrom(...spellings), fc.boolean(), (head, records, spelling, sealed) => {
        const text = encodeBundle({ head, records });
        const other = structuredClone((JSON.parse(text) as { records: SyncRecord[] }).records);
        other[0]!.fields['name']![0]!.value = `${String(other[0]!.fields['name']![0]!.value)} (forged)`;
        const forged = text.replace(/\}$/, () => `${spelling}${JSON.stringify(other)}}`);
        expect((JSON.parse(forged) as { records: unknown }).records).toEqual(other);
        const reading = sealed ? bytes(seal(forged)) : bytes(forged);
        expect(() => decodeBundle(reading, { passphrase: sealed ? PASSPHRASE : undefined })).toThrow(
          expect.objectContaining({ problem: { code: 'duplicate_key', path: ['records'] } }),
        );
      }),
      { seed: 6611, numRuns: 100 },
    );
  });

  it('refuses a key repeated anywhere else: in a record, in a field version, in the sealed wrapper', () => {
    const head = { bundleId: '01890a5d-ac96-774b-bcce-b302099a8057', creator: { replicaId: '0123456789abcdef', name: 'A', organisation: 'B' }, createdAt: '2026-11-22T10:00:00.000Z', appVersion: '0.1.0', scope: { type: 'all' as const }, note: '' };
    const records = fc.sample(recordsArb.filter((r) => r.length > 0), { seed: 7711, numRuns: 1 })[0]!;
    const text = encodeBundle({ head, records });
    const version = text.replace('"value":"', '"value":"forged","value":"');
    expect(version).not.toBe(text);
    expect(() => decodeBundle(bytes(version))).toThrow(expect.objectContaining({ problem: expect.objectContaining({ code: 'duplicate_key' }) }));
    const sealed = encodeBundle({ head, records, passphrase: PASSPHRASE });
    const wrapper = sealed.replace('"format":', '"format":"x","format":');
    expect(() => decodeBundle(bytes(wrapper), { passphrase: PASSPHRASE })).toThrow(expect.objectContaining({ problem: { code: 'duplicate_key', path: ['format'] } }));
  });
});
