/**
 * Records files (schema 3) keep every record exactly: random records, written by
 * RecordsFileWriter.file and read by readRecords, come back with the same canonical JSON: values of
 * every JSON type (unicode, lone surrogates, -0), authors in any script, many replicas, preds,
 * deletion contexts, texts kept as deltas and long texts kept in files of their own. The writer's
 * tables only grow and its cache is per record: files written before, between and after other
 * files, by one store or by two, all read back the same.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KIND_NAMES } from '../../shared/records/kinds.js';
import { canonicalJson } from '../../shared/sync/list-merge.js';
import type { FieldVersion, Json, SyncRecord } from '../../shared/sync/record.js';
import { MAX_COUNTER } from '../../shared/sync/clock.js';
import { forbiddenKeyPath } from '../../main/core/dispatch.js';
import { BLOB_MIN_CHARS } from '../../main/core/store/blobs.js';
import { readRecords, recordsFileOf, RecordsFileWriter, textsNamedIn } from '../../main/core/store/records-file.js';

const replica = fc.stringMatching(/^[0-9a-f]{16}$/);
const counter = fc.integer({ min: 1, max: MAX_COUNTER });
const dot = (replicas: string[]) => fc.record({ r: fc.constantFrom(...replicas), c: counter });
const vector = (replicas: string[]) => fc.dictionary(fc.constantFrom(...replicas), fc.integer({ min: 0, max: MAX_COUNTER }), { maxKeys: 4 });
/** Any text: lone surrogates and astral characters included. */
const anyText = fc.string({ unit: 'binary', maxLength: 40 });
/** A value as the API lets one in (no prototype key, not nested past its limit). */
const value: fc.Arbitrary<Json> = fc
  .oneof(fc.jsonValue({ maxDepth: 3 }), anyText, fc.constantFrom(-0, 0, null, true, 1e21, 5e-324, ''))
  .filter((v) => forbiddenKeyPath(v) === null) as fc.Arbitrary<Json>;
/** A long text (kept in a file of its own) and versions of it a sentence apart (kept as deltas). */
const long = fc.tuple(anyText, fc.integer({ min: 0, max: 3 })).map(([s, n]) => `${s}${'Delegations reported on their plans. '.repeat(Math.ceil(BLOB_MIN_CHARS / 36) + n)}${s}`);
const texts = fc.oneof(
  fc.array(fc.oneof(anyText, long), { minLength: 1, maxLength: 4 }),
  fc.tuple(fc.oneof(anyText, long), fc.array(fc.tuple(fc.nat(), anyText), { maxLength: 4 })).map(([base, edits]) => {
    const out = [base];
    for (const [at, insert] of edits) {
      const prev = out.at(-1)!;
      const i = at % (prev.length + 1);
      out.push(prev.slice(0, i) + insert + prev.slice(i));
    }
    return out.reverse();
  }),
);

function versionArb(replicas: string[], v: fc.Arbitrary<Json>): fc.Arbitrary<FieldVersion> {
  return fc
    .record(
      {
        dot: dot(replicas),
        hlc: fc.record({ t: fc.integer({ min: 0, max: 8_640_000_000_000_000 }), l: fc.integer({ min: 0, max: MAX_COUNTER }) }),
        by: fc.oneof(anyText, fc.constantFrom('Amina Diallo', 'Zoë', 'أمينة', '王芳', 'Ольга', '')),
        value: v,
        preds: fc.array(dot(replicas), { maxLength: 5 }),
        ctx: vector(replicas),
      },
      { requiredKeys: ['dot', 'hlc', 'by', 'value', 'preds'] },
    )
    .map(({ dot: d, hlc, by, value: val, preds, ctx }) => {
      const out: FieldVersion = { dot: d, hlc, by, value: val, preds };
      if (ctx) out.ctx = ctx;
      return out;
    });
}

const KEYS = ['title@en', 'notes@fr', 'summary@zh', 'status', 'partnerAgencies#k1', '_deleted', '_parent', '_order'];

const recordArb: fc.Arbitrary<SyncRecord> = fc
  .tuple(fc.uniqueArray(replica, { minLength: 1, maxLength: 12 }), fc.stringMatching(/^[0-9a-f]{12}$/))
  .chain(([replicas, tail]) =>
    fc.record({
      id: fc.constant(`01890a5d-ac96-774b-bcce-${tail}`),
      kind: fc.constantFrom(...KIND_NAMES),
      vv: vector(replicas),
      fields: fc.dictionary(fc.constantFrom(...KEYS), fc.array(versionArb(replicas, value), { minLength: 1, maxLength: 3 }), { maxKeys: 4 }),
      // Texts written in turn: each older one (the history, newest first) a delta against the next.
      history: fc.dictionary(fc.constantFrom(...KEYS), texts.chain((list) => fc.tuple(...list.map((t) => versionArb(replicas, fc.constant(t))))), { maxKeys: 3 }),
    }),
  )
  .map((r) => {
    // History of a text field follows the text's current version (what deltas are made against).
    for (const key of Object.keys(r.history)) {
      const h = r.history[key]!;
      if (r.fields[key] && h.length > 1) r.fields[key] = [{ ...r.fields[key][0]!, value: h[0]!.value }, ...r.fields[key].slice(1)];
      r.history[key] = r.fields[key] ? h.slice(1) : h;
    }
    return r;
  });

/** A file's text read back, as the store reads it (texts from the writer's own list). */
function readBack(out: { text: string; texts: Map<string, string> }): SyncRecord[] | null {
  count(out.text);
  const parsed = recordsFileOf(JSON.parse(out.text));
  expect(parsed).not.toBeNull();
  // The header's list and the texts the tuples name agree (backups and set-aside copies use the latter).
  expect(new Set(parsed!.texts as string[])).toEqual(new Set(textsNamedIn(out.text)));
  expect(new Set(parsed!.texts as string[])).toEqual(new Set(out.texts.keys()));
  return readRecords(parsed!, out.texts);
}

const RUNS = 60;
/** How often each way of writing a value came up (checked at the end: every way was tried). */
const seen = { whole: 0, delta: 0, blob: 0 };
const count = (text: string) => {
  seen.whole += text.split('],0,').length - 1;
  seen.delta += text.split('],1,[').length - 1;
  seen.blob += text.split('],2,"').length - 1;
};

describe('records files round-trip', () => {
  it('random records read back as written', () => {
    fc.assert(
      fc.property(fc.array(recordArb, { maxLength: 4 }), (records) => {
        expect(canonicalJson(readBack(new RecordsFileWriter().file(records)))).toBe(canonicalJson(records));
      }),
      { seed: 1325, numRuns: RUNS },
    );
  });

  it('one writer, tables grown between files; the same records through a second writer', () => {
    fc.assert(
      fc.property(fc.array(recordArb, { maxLength: 3 }), fc.array(recordArb, { maxLength: 3 }), (first, second) => {
        const writer = new RecordsFileWriter();
        const a = writer.file(first);
        const b = writer.file(second);
        // The first records again (their cached text, while the tables have grown), and all together.
        const again = writer.file(first);
        const both = writer.file([...second, ...first]);
        const other = new RecordsFileWriter().file([...first].reverse());
        expect(canonicalJson(readBack(a))).toBe(canonicalJson(first));
        expect(canonicalJson(readBack(b))).toBe(canonicalJson(second));
        expect(canonicalJson(readBack(again))).toBe(canonicalJson(first));
        expect(canonicalJson(readBack(both))).toBe(canonicalJson([...second, ...first]));
        expect(canonicalJson(readBack(other))).toBe(canonicalJson([...first].reverse()));
      }),
      { seed: 1820, numRuns: RUNS / 2 },
    );
    expect(Math.min(seen.whole, seen.delta, seen.blob)).toBeGreaterThan(10);
  });
});
