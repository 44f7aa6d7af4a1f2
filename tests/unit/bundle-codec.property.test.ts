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
        expect(() => decodeBundle(bytes(forged))).toThrow(expect.objectContaining({ problem: { code: 'checksum' } }));
      }),
      { seed: 5511, numRuns: 200 },
    );
  });
});
