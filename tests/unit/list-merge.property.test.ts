/**
 * Property-based tests of lists merged item by item (DESIGN §4): 3–5 replicas make random
 * concurrent additions, removals, edits and moves on one list (through the codec's write diff, as
 * the app writes), and exchange states in random orders. They converge (conflicts included); every
 * addition not causally removed stays; merge stays commutative, associative and idempotent on
 * records with item keys; and no written item version disappears unless a causally later write
 * replaced it (or it is listed as a conflict).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { covers, dotKey, HybridClock, type Dot, type VersionVector } from '../../shared/sync/clock.js';
import { createRecord, mergeRecords, writeFields, type FieldVersion, type Json, type SyncRecord, type Writer } from '../../shared/sync/record.js';
import { mergeAsFor, toSyncChanges, viewRecord } from '../../shared/records/codec.js';
import { listItems } from '../../shared/records/lists.js';

const RECORD_ID = '01890a5d-ac96-774b-bcce-b302099a8057';
const KIND = 'nap.indicator';
const mergeAs = mergeAsFor(KIND);
const T0 = Date.UTC(2026, 0, 6, 9);
const DATES = ['2025-03-31', '2025-06-30', '2025-09-30', '2025-12-31'];

type Op =
  | { t: 'add'; r: number; at: number; date: number; value: number }
  | { t: 'remove'; r: number; at: number }
  | { t: 'edit'; r: number; at: number; value: number }
  | { t: 'move'; r: number; from: number; to: number }
  | { t: 'send'; from: number; to: number };

const opArb = (n: number): fc.Arbitrary<Op> => {
  const r = fc.integer({ min: 0, max: n - 1 });
  const at = fc.nat(20);
  return fc.oneof(
    { weight: 3, arbitrary: fc.record({ t: fc.constant('add' as const), r, at, date: fc.nat(DATES.length - 1), value: fc.integer({ min: 0, max: 30 }) }) },
    { weight: 2, arbitrary: fc.record({ t: fc.constant('remove' as const), r, at }) },
    { weight: 2, arbitrary: fc.record({ t: fc.constant('edit' as const), r, at, value: fc.integer({ min: 0, max: 30 }) }) },
    { weight: 2, arbitrary: fc.record({ t: fc.constant('move' as const), r, from: at, to: fc.nat(20) }) },
    { weight: 3, arbitrary: fc.record({ t: fc.constant('send' as const), from: r, to: r }) },
  );
};

interface Replica {
  record: SyncRecord;
  writer: Writer;
  clock: HybridClock;
}

/** What happened to each item key: the dots that gave it content, and what each removal had seen. */
interface Log {
  content: Map<string, Dot[]>;
  removals: Map<string, VersionVector[]>;
  versions: { key: string; dot: Dot }[];
}

function world(n: number, skews: number[]) {
  const replicas: Replica[] = [];
  for (let i = 0; i < n; i++) {
    let counter = 0;
    let tick = 0;
    const clock = new HybridClock(() => T0 + skews[i]! + 1000 * tick++);
    const writer: Writer = { replica: String.fromCharCode(97 + i).repeat(16), clock, nextCounter: () => ++counter, author: `R${i}` };
    replicas.push({ record: undefined as unknown as SyncRecord, writer, clock });
  }
  // Replica 0 creates the record with two measurements; everyone starts from it.
  const first = createRecord(RECORD_ID, KIND, replicas[0]!.writer, toSyncChanges(KIND, { measurements: [{ date: DATES[0]!, value: 1 }, { date: DATES[1]!, value: 2 }] }), mergeAs);
  for (const r of replicas) r.record = first;
  const log: Log = { content: new Map(), removals: new Map(), versions: [] };
  const note = (record: SyncRecord, changes: Record<string, Json>, writer: Writer, moveOnly: (key: string, value: Json) => boolean) => {
    for (const [key, value] of Object.entries(changes)) {
      const mine = record.fields[key]!.filter((x) => x.dot.r === writer.replica);
      const dot = mine.reduce((a, b) => (b.dot.c > a.dot.c ? b : a)).dot;
      log.versions.push({ key, dot });
      if (value === null) log.removals.set(key, [...(log.removals.get(key) ?? []), record.vv]);
      else if (!moveOnly(key, value)) log.content.set(key, [...(log.content.get(key) ?? []), dot]);
    }
  };
  note(first, Object.fromEntries(Object.keys(first.fields).map((k) => [k, first.fields[k]![0]!.value])), replicas[0]!.writer, () => false);
  const write = (r: Replica, list: unknown[]) => {
    const changes = toSyncChanges(KIND, { measurements: list }, r.record);
    if (Object.keys(changes).length === 0) return;
    const before = new Map(listItems(r.record, 'measurements').map((i) => [`measurements#${i.id}`, JSON.stringify(i.v)]));
    r.record = writeFields(r.record, r.writer, changes, { mergeAs });
    // A move writes { o, v } with the same v: a version, but no new content a removal must have seen.
    note(r.record, changes, r.writer, (key, value) => value !== null && before.get(key) === JSON.stringify((value as { v: Json }).v));
  };
  const receive = (to: Replica, from: Replica) => {
    to.record = mergeRecords(to.record, from.record);
    for (const versions of Object.values(from.record.fields)) for (const v of versions) to.clock.observe(v.hlc);
  };
  const apply = (op: Op) => {
    if (op.t === 'send') {
      if (op.from % n !== op.to % n) receive(replicas[op.to % n]!, replicas[op.from % n]!);
      return;
    }
    const r = replicas[op.r % n]!;
    const list = viewRecord(r.record).fields.measurements as { date: string; value: number }[] | undefined;
    const items = [...(list ?? [])];
    if (op.t === 'add') items.splice(op.at % (items.length + 1), 0, { date: DATES[op.date]!, value: op.value });
    else if (items.length === 0) return;
    else if (op.t === 'remove') items.splice(op.at % items.length, 1);
    else if (op.t === 'edit') items[op.at % items.length] = { ...items[op.at % items.length]!, value: 100 + op.value };
    else {
      const [moved] = items.splice(op.from % items.length, 1);
      items.splice(op.to % (items.length + 1), 0, moved!);
    }
    write(r, items);
  };
  return { replicas, apply, receive, log };
}

/** Every dot a version descends from, through the versions the record still knows. */
function ancestors(record: SyncRecord, key: string, v: FieldVersion): Set<string> {
  const all = new Map([...(record.history[key] ?? []), ...(record.fields[key] ?? [])].map((x) => [dotKey(x.dot), x]));
  const seen = new Set<string>();
  const stack = [...v.preds];
  while (stack.length > 0) {
    const d = stack.pop()!;
    const k = dotKey(d);
    if (seen.has(k)) continue;
    seen.add(k);
    stack.push(...(all.get(k)?.preds ?? []));
  }
  return seen;
}

const scenario = fc
  .integer({ min: 3, max: 5 })
  .chain((n) =>
    fc.record({
      n: fc.constant(n),
      skews: fc.array(fc.integer({ min: -5000, max: 5000 }), { minLength: n, maxLength: n }),
      ops: fc.array(opArb(n), { minLength: 1, maxLength: 40 }),
      // The final exchange: every replica's state reaches every other, in a random order.
      order: fc.shuffledSubarray(
        Array.from({ length: n * n }, (_, i) => i),
        { minLength: n * n, maxLength: n * n },
      ),
    }),
  );

describe('lists merged item by item (property-based)', () => {
  it('converge, keep every addition not causally removed, and lose no version silently', () => {
    fc.assert(
      fc.property(scenario, ({ n, skews, ops, order }) => {
        const w = world(n, skews);
        for (const op of ops) w.apply(op);
        // Two rounds of everyone sending to everyone, in a random order: all states meet.
        for (let round = 0; round < 2; round++) {
          for (const i of order) {
            const from = Math.floor(i / n);
            const to = i % n;
            if (from !== to) w.receive(w.replicas[to]!, w.replicas[from]!);
          }
        }
        const final = w.replicas[0]!.record;
        for (const r of w.replicas) {
          expect(r.record).toEqual(final);
          expect(viewRecord(r.record)).toEqual(viewRecord(final));
        }
        const view = viewRecord(final);
        const visible = new Set(listItems(final, 'measurements').map((i) => `measurements#${i.id}`));
        const conflicted = new Set(view.conflicts.map((c) => c.field));
        // Every item that got content stays, unless everything it got was seen by a removal of it.
        for (const [key, dots] of w.log.content) {
          if (visible.has(key) || conflicted.has(key)) continue;
          const removals = w.log.removals.get(key) ?? [];
          for (const d of dots) expect(removals.some((vv) => covers(vv, d))).toBe(true);
        }
        // A conflict is never shown on an item whose versions agree.
        for (const c of view.conflicts) expect(new Set(c.versions.map((v) => JSON.stringify(v.value))).size).toBeGreaterThan(1);
        // No version disappears unless a current version descends from it.
        for (const { key, dot } of w.log.versions) {
          const current = final.fields[key] ?? [];
          if (current.some((v) => v.dot.r === dot.r && v.dot.c === dot.c)) continue;
          expect(current.some((v) => ancestors(final, key, v).has(dotKey(dot)))).toBe(true);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('merge is commutative, associative and idempotent on records with item keys', () => {
    fc.assert(
      fc.property(scenario, fc.nat(), fc.nat(), fc.nat(), ({ n, skews, ops }, i, j, k) => {
        const w = world(n, skews);
        for (const op of ops) w.apply(op);
        const a = w.replicas[i % n]!.record;
        const b = w.replicas[j % n]!.record;
        const c = w.replicas[k % n]!.record;
        expect(mergeRecords(a, b)).toEqual(mergeRecords(b, a));
        expect(mergeRecords(mergeRecords(a, b), c)).toEqual(mergeRecords(a, mergeRecords(b, c)));
        expect(mergeRecords(a, a)).toEqual(a);
        expect(viewRecord(mergeRecords(a, b))).toEqual(viewRecord(mergeRecords(b, a)));
      }),
      { numRuns: 1000 },
    );
  });
});
