/**
 * Property-based tests of the merge layer (DESIGN §4): random multi-replica histories of one
 * record, random delivery orders, and the properties the design promises — merge is commutative,
 * associative and idempotent, replicas converge, and no written value disappears unless a causally
 * later write superseded it or it is listed as a conflict.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareHlc, covers, dotKey, HybridClock, type Hlc } from '../../shared/sync/clock.js';
import {
  commonAncestor,
  createRecord,
  DELETED,
  deleteConflict,
  fieldState,
  HISTORY_LIMIT,
  isDeleted,
  mergeRecords,
  ORDER,
  PARENT,
  writeFields,
  type FieldVersion,
  type Json,
  type SyncRecord,
  type Writer,
} from '../../shared/sync/record.js';
import { mergeText, tokenize } from '../../shared/sync/text-merge.js';
import { decodeRecord, encodeRecord, EXPORT_HISTORY, forExport } from '../../shared/sync/encoding.js';
import { mergeAsFor, viewRecord } from '../../shared/records/codec.js';
import { compareOrder, isOrderKey, planPlacement, type Placed } from '../../shared/sync/order.js';

// ---------------------------------------------------------------------------------------------
// The world: one NAP record, 3–5 replicas with skewed, jittery wall clocks.

const RECORD_ID = '01890a5d-ac96-774b-bcce-b302099a8057';
const mergeAs = mergeAsFor('nap');
const REPLICA_IDS = ['a', 'b', 'c', 'd', 'e'].map((ch) => ch.repeat(16));

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const BASE_TIME = Date.UTC(2025, 0, 6, 9);

/** The fields the histories touch: two plain values, two texts, the order key and the tombstone. */
const FIELDS = ['status', 'generation', 'title@en', 'summary@fr', ORDER, DELETED] as const;
const STATUS_POOL = ['drafting', 'consultation', 'adopted'];
const VALUE_POOLS: Record<string, readonly Json[]> = {
  status: STATUS_POOL,
  generation: [1, 2, 3],
  [ORDER]: ['a0', 'a1', 'a2'],
  [DELETED]: [true, false],
};
const TEXTS: Record<string, { base: readonly string[]; pool: readonly string[] }> = {
  'title@en': {
    base: [
      'The plan covers four pillars.',
      'Civil society was consulted in May.',
      'Funding is reviewed every year.',
    ],
    pool: [
      'The plan covers three pillars.',
      'Civil society was consulted in June.',
      'Funding is reviewed every two years.',
      'Women mediators lead the process.',
      'The ministry publishes a yearly report.',
    ],
  },
  'summary@fr': {
    base: [
      'Le plan couvre quatre piliers.',
      'La société civile a été consultée.',
      'Le budget est revu chaque année.',
    ],
    pool: [
      'Le plan couvre trois piliers.',
      'La société civile a été consultée en juin.',
      'Le budget est revu tous les deux ans.',
      'Des médiatrices dirigent le processus.',
    ],
  },
};
const MAX_SENTENCES = 6;

const sentencesOf = (text: string) =>
  tokenize(text)
    .map((s) => s.trim())
    .filter(Boolean);

// ---------------------------------------------------------------------------------------------
// Plans: plain data that fast-check generates and shrinks; `simulate` plays them deterministically.

/** One field change: which field, which pool value, and for text where to replace or insert. */
interface Change {
  field: number;
  pick: number;
  at: number;
  insert: boolean;
}

type Step =
  | { t: 'write'; r: number; changes: Change[] }
  /** Resolves the `field`-th open conflict the replica sees, keeping one listed value or a new one. */
  | { t: 'resolve'; r: number; field: number; keep: number; change: Change }
  | { t: 'receive'; r: number; from: number; observe?: boolean }
  /** Scenario steps: an explicit write, and "everyone receives everyone's current state". */
  | { t: 'set'; r: number; values: Record<string, Json>; resolve?: boolean }
  | { t: 'sync' };

interface Plan {
  ids: string[];
  /** Per replica, wall-clock offset in ms (up to ±3 days). */
  skews: number[];
  /** Jitter (ms) added to the wall clock, so a replica's wall clock also goes backwards. */
  jitter: number[];
  initial: Change[];
  /** Which replicas hold the record (as created by replica 0) before the steps start. */
  holders: boolean[];
  steps: Step[];
  /** Per replica, the order in which it receives every replica's final state (with repeats). */
  delivery: number[][];
}

/** Texts are picked more often than the rest, so concurrent text edits (and three-way merges) are common. */
const fieldArb = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(2, 3) },
  { weight: 3, arbitrary: fc.constantFrom(0, 1, 4) },
  { weight: 1, arbitrary: fc.constant(5) },
);

const changeOf = (field: fc.Arbitrary<number>): fc.Arbitrary<Change> =>
  fc.record({
    field,
    pick: fc.nat({ max: 9 }),
    at: fc.nat({ max: 9 }),
    insert: fc.oneof(
      { arbitrary: fc.constant(false), weight: 4 },
      { arbitrary: fc.constant(true), weight: 1 },
    ),
  });
const changeArb = changeOf(fieldArb);

const stepArb = (n: number, change = changeArb): fc.Arbitrary<Step> => {
  const replica = fc.nat({ max: n - 1 });
  return fc.oneof(
    {
      weight: 4,
      arbitrary: fc.record({
        t: fc.constant('write' as const),
        r: replica,
        changes: fc.array(change, { minLength: 1, maxLength: 3 }),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        t: fc.constant('resolve' as const),
        r: replica,
        field: fc.nat({ max: 5 }),
        keep: fc.nat({ max: 4 }),
        change,
      }),
    },
    {
      weight: 4,
      arbitrary: fc.record({ t: fc.constant('receive' as const), r: replica, from: replica }),
    },
  );
};

/** Every source replica once, in a random order, plus a few repeats at random places. */
const deliveryArb = (n: number): fc.Arbitrary<number[]> =>
  fc
    .tuple(
      fc.shuffledSubarray(
        Array.from({ length: n }, (_, i) => i),
        { minLength: n, maxLength: n },
      ),
      fc.array(fc.tuple(fc.nat({ max: n - 1 }), fc.nat({ max: 2 * n })), { maxLength: 3 }),
    )
    .map(([order, repeats]) => {
      const out = [...order];
      for (const [src, at] of repeats) out.splice(at % (out.length + 1), 0, src);
      return out;
    });

const planArb = (maxSteps: number, { replicas = 5, change = changeArb } = {}): fc.Arbitrary<Plan> =>
  fc.integer({ min: 3, max: replicas }).chain((n) =>
    fc.record({
      ids: fc.shuffledSubarray(REPLICA_IDS, { minLength: n, maxLength: n }),
      skews: fc.array(fc.integer({ min: -3 * DAY, max: 3 * DAY }), { minLength: n, maxLength: n }),
      jitter: fc.array(fc.integer({ min: -4 * HOUR, max: 4 * HOUR }), { minLength: 1, maxLength: 8 }),
      initial: fc.array(changeArb, { minLength: 1, maxLength: 4 }),
      holders: fc.array(fc.boolean(), { minLength: n, maxLength: n }),
      steps: fc.array(stepArb(n, change), {
        minLength: Math.floor(maxSteps / 2),
        maxLength: maxSteps,
        size: 'max',
      }),
      delivery: fc.array(deliveryArb(n), { minLength: n, maxLength: n }),
    }),
  );

// ---------------------------------------------------------------------------------------------
// Simulation.

interface Replica {
  index: number;
  writer: Writer;
  clock: HybridClock;
  record: SyncRecord | undefined;
  /** Its state leaves the replica (sent to another): everything it wrote so far counts as shipped. */
  ship(): void;
}

interface Options {
  /** Lean history: each replica knows what it has sent, and squashes local autosaves (writeFields). */
  squash?: boolean;
  /** Every exchange goes the way of a bundle: forExport, encodeRecord, JSON, decodeRecord. */
  viaBundle?: boolean;
}

interface Created {
  key: string;
  version: FieldVersion;
}

interface Run {
  replicas: Replica[];
  /** Every state any replica held, in the order they appeared (the finals last). */
  states: SyncRecord[];
  /** Every version any replica ever wrote, by dot key. */
  written: Map<string, Created>;
  /** Its true ancestry: every dot it descends from, through the versions as written. */
  lineage(dot: string): Set<string>;
  /** The replicas' states after the history, before the final delivery. */
  beforeDelivery: (SyncRecord | undefined)[];
  finals: SyncRecord[];
  /** Sends that left history behind beyond EXPORT_HISTORY (viaBundle). */
  trimmedSends: number;
}

function maxHlc(record: SyncRecord): Hlc {
  let max: Hlc = { t: 0, l: 0 };
  for (const versions of [...Object.values(record.fields), ...Object.values(record.history)]) {
    for (const v of versions) if (compareHlc(v.hlc, max) > 0) max = v.hlc;
  }
  return max;
}

/** What the replica's user sees in a field, as the starting point of a text edit. */
function shownText(record: SyncRecord | undefined, key: string): string {
  const shown = record ? fieldState(record, key, mergeAs(key)).value : undefined;
  return typeof shown === 'string' ? shown : TEXTS[key]!.base.join(' ');
}

function valueFor(record: SyncRecord | undefined, change: Change, key: string = FIELDS[change.field]!): Json {
  const text = TEXTS[key];
  if (!text) {
    const pool = VALUE_POOLS[key]!;
    return pool[change.pick % pool.length]!;
  }
  const sentences = sentencesOf(shownText(record, key));
  const sentence = text.pool[change.pick % text.pool.length]!;
  if (change.insert && sentences.length < MAX_SENTENCES)
    sentences.splice(change.at % (sentences.length + 1), 0, sentence);
  else sentences[change.at % sentences.length] = sentence;
  return sentences.join(' ');
}

function simulate(plan: Plan, options: Options = {}): Run {
  let tick = 0;
  const n = plan.ids.length;
  const replicas: Replica[] = plan.ids.map((id, index) => {
    let counter = 0;
    const wall = () =>
      BASE_TIME + plan.skews[index]! + tick * MINUTE + plan.jitter[(tick + index) % plan.jitter.length]!;
    const clock = new HybridClock(wall);
    const writer: Writer = { replica: id, clock, nextCounter: () => ++counter, author: `Author ${index}` };
    if (options.squash) writer.shipped = 0;
    return {
      index,
      clock,
      record: undefined,
      writer,
      ship: () => {
        if (options.squash) writer.shipped = counter;
      },
    };
  });
  const states: SyncRecord[] = [];
  const written = new Map<string, Created>();

  const register = (replica: Replica, record: SyncRecord) => {
    for (const [key, versions] of Object.entries(record.fields)) {
      for (const version of versions) {
        const k = dotKey(version.dot);
        if (written.has(k)) continue;
        if (version.dot.r !== replica.writer.replica) throw new Error(`unknown foreign dot ${k}`);
        written.set(k, { key, version });
      }
    }
  };
  const commit = (replica: Replica, record: SyncRecord) => {
    replica.record = record;
    states.push(record);
  };
  /** Versions a squash dropped, by the dot of the version that took their place. */
  const squashedInto = new Map<string, string[]>();
  let trimmedSends = 0;
  /** What leaves `sender`: its whole state, or (viaBundle) what a bundle of it carries. */
  const send = (sender: Replica): SyncRecord | undefined => {
    const record = sender.record;
    if (!record) return undefined;
    let out = record;
    if (options.viaBundle) {
      const exported = forExport(record);
      if (Object.values(record.history).some((list) => list.length > EXPORT_HISTORY)) trimmedSends += 1;
      out = decodeRecord(JSON.parse(JSON.stringify(encodeRecord(exported))));
    }
    sender.ship();
    return out;
  };
  /** What the app does with an incoming record: merge it, then let the clock see its times. */
  const receive = (replica: Replica, incoming: SyncRecord | undefined, observe = true) => {
    if (!incoming) return;
    commit(replica, replica.record ? mergeRecords(replica.record, incoming) : incoming);
    if (observe) replica.clock.observe(maxHlc(incoming));
  };
  const write = (replica: Replica, changes: Record<string, Json>, resolve: boolean) => {
    if (!replica.record || Object.keys(changes).length === 0) return;
    const before = replica.record;
    const next = writeFields(before, replica.writer, changes, { resolve, mergeAs });
    // A replaced version neither named as a predecessor nor kept in history was squashed into the new one.
    for (const key of Object.keys(changes)) {
      const made = next.fields[key]!.find((v) => !before.fields[key]?.some((w) => dotKey(w.dot) === dotKey(v.dot)))!;
      const named = new Set(made.preds.map(dotKey));
      const kept = new Set((next.history[key] ?? []).map((v) => dotKey(v.dot)));
      const gone = (before.fields[key] ?? []).filter((v) => !next.fields[key]!.includes(v) && !named.has(dotKey(v.dot)) && !kept.has(dotKey(v.dot)));
      if (gone.length > 0) squashedInto.set(dotKey(made.dot), gone.map((v) => dotKey(v.dot)));
    }
    register(replica, next);
    commit(replica, next);
  };

  const creator = replicas[0]!;
  const initial: Record<string, Json> = {};
  for (const change of plan.initial) {
    const key = FIELDS[change.field]!;
    initial[key] = TEXTS[key] ? TEXTS[key].base.join(' ') : valueFor(undefined, change);
  }
  const created = createRecord(RECORD_ID, 'nap', creator.writer, initial, mergeAs);
  register(creator, created);
  commit(creator, created);
  for (const replica of replicas.slice(1)) {
    if (!plan.holders[replica.index]) continue;
    creator.ship();
    receive(replica, created);
  }

  for (const step of plan.steps) {
    tick += 1;
    switch (step.t) {
      case 'write': {
        const replica = replicas[step.r % n]!;
        const changes: Record<string, Json> = {};
        for (const change of step.changes) {
          const key = FIELDS[change.field]!;
          changes[key] = valueFor(replica.record, change, key);
        }
        write(replica, changes, false);
        break;
      }
      case 'resolve': {
        const replica = replicas[step.r % n]!;
        const record = replica.record;
        if (!record) break;
        const open = Object.keys(record.fields)
          .sort()
          .filter((key) => fieldState(record, key, mergeAs(key)).conflict);
        if (open.length === 0) break;
        const key = open[step.field % open.length]!;
        const listed = fieldState(record, key, mergeAs(key)).conflict!;
        // A person either keeps one of the listed values or types a new one.
        const value =
          step.keep < listed.length ? listed[step.keep]!.value : valueFor(record, step.change, key);
        write(replica, { [key]: value }, true);
        break;
      }
      case 'receive':
        receive(replicas[step.r % n]!, send(replicas[step.from % n]!), step.observe ?? true);
        break;
      case 'set':
        write(replicas[step.r % n]!, step.values, step.resolve ?? false);
        break;
      case 'sync': {
        const snapshot = replicas.map((r) => send(r));
        for (const replica of replicas) for (const state of snapshot) receive(replica, state);
        break;
      }
    }
  }

  const beforeDelivery = replicas.map((r) => send(r));
  for (const replica of replicas) {
    for (const src of plan.delivery[replica.index]!) receive(replica, beforeDelivery[src % n]);
  }
  const lineages = new Map<string, Set<string>>();
  const lineage = (dot: string): Set<string> => {
    let known = lineages.get(dot);
    if (!known) {
      known = new Set();
      for (const pred of [...(written.get(dot)?.version.preds ?? []).map(dotKey), ...(squashedInto.get(dot) ?? [])]) {
        known.add(pred);
        for (const older of lineage(pred)) known.add(older);
      }
      lineages.set(dot, known);
    }
    return known;
  };
  return { replicas, states, written, lineage, beforeDelivery, finals: replicas.map((r) => r.record!), trimmedSends };
}

// ---------------------------------------------------------------------------------------------
// Helpers for the properties.

/** Dot keys a version descends from: its preds, and theirs where `lookup` still knows the version. */
function ancestors(version: FieldVersion, lookup: (key: string) => FieldVersion | undefined): Set<string> {
  const seen = new Set<string>();
  const stack = [...version.preds];
  while (stack.length > 0) {
    const key = dotKey(stack.pop()!);
    if (seen.has(key)) continue;
    seen.add(key); // reached, even if its own version was trimmed from history
    const known = lookup(key);
    if (known) stack.push(...known.preds);
  }
  return seen;
}

/** Versions a record knows of a field (current and history); with `written`, also those trimmed from history. */
function lookupIn(record: SyncRecord, key: string, written?: Map<string, Created>) {
  const known = new Map<string, FieldVersion>();
  for (const v of [...(record.history[key] ?? []), ...(record.fields[key] ?? [])])
    known.set(dotKey(v.dot), v);
  return (dot: string) => known.get(dot) ?? written?.get(dot)?.version;
}

/** Structural equality of JSON-like values, ignoring key order and undefined properties (as `toEqual`). */
function same(x: unknown, y: unknown): boolean {
  if (x === y) return true;
  if (typeof x !== 'object' || typeof y !== 'object' || x === null || y === null) return false;
  if (Array.isArray(x) !== Array.isArray(y)) return false;
  if (Array.isArray(x)) {
    const ys = y as unknown[];
    return x.length === ys.length && x.every((v, i) => same(v, ys[i]));
  }
  const xo = x as Record<string, unknown>;
  const yo = y as Record<string, unknown>;
  const xk = Object.keys(xo).filter((k) => xo[k] !== undefined);
  const yk = Object.keys(yo).filter((k) => yo[k] !== undefined);
  return (
    xk.length === yk.length &&
    xk.every((k) => Object.prototype.hasOwnProperty.call(yo, k) && same(xo[k], yo[k]))
  );
}

/** `expect(actual).toEqual(expected)`, fast on the (usual) passing path, with the readable diff on failure. */
function expectSame(actual: unknown, expected: unknown) {
  if (!same(actual, expected)) expect(actual).toEqual(expected);
}

const pick = <T>(list: readonly T[], i: number) => list[i % list.length]!;

/** A full sync round: every replica receives every replica's current state. */
const syncStep: Step = { t: 'sync' };

/** Drops from random steps every write to the given fields (scenario suffixes). */
function without(steps: readonly Step[], keys: readonly string[]): Step[] {
  const out: Step[] = [];
  for (const step of steps) {
    if (step.t === 'write') {
      const changes = step.changes.filter((c) => !keys.includes(FIELDS[c.field]!));
      if (changes.length > 0) out.push({ ...step, changes });
    } else if (step.t === 'receive') {
      out.push(step);
    }
    // resolve steps are dropped: they may pick exactly the field the scenario watches.
  }
  return out;
}

/** Commutative, associative and idempotent on the given picks from a run's states. */
function expectMergeAlgebra(
  states: readonly SyncRecord[],
  picks: readonly (readonly [number, number, number])[],
) {
  for (const [i, j, k] of picks) {
    const [a, b, c] = [pick(states, i), pick(states, j), pick(states, k)];
    const ab = mergeRecords(a, b);
    expectSame(ab, mergeRecords(b, a));
    expectSame(mergeRecords(ab, c), mergeRecords(a, mergeRecords(b, c)));
    expectSame(mergeRecords(a, a), a);
    expectSame(mergeRecords(ab, b), ab);
  }
}

/** All replicas hold the join of every final state, and show the same thing (conflicts included). */
function expectConverged({ finals, beforeDelivery }: Run) {
  const [first, ...rest] = finals;
  const expected = beforeDelivery.filter((s) => s !== undefined).reduce((a, b) => mergeRecords(a, b));
  expectSame(first, expected);
  const view = viewRecord(first!);
  for (const other of rest) {
    expectSame(other, first);
    // The derived view too, conflicts included and in the same order.
    expectSame(viewRecord(other), view);
    for (const key of FIELDS)
      expectSame(fieldState(other, key, mergeAs(key)), fieldState(first!, key, mergeAs(key)));
    expectSame(deleteConflict(other), deleteConflict(first!));
  }
}

/**
 * Every version ever written is, in the converged state, (a) current — shown, part of a clean text
 * merge, silently kept (order) or (c) listed as a conflict — or (b) an ancestor of a current version.
 */
function expectNoLostWrite({ finals, written, lineage }: Run) {
  const record = finals[0]!;
  const view = viewRecord(record);
  /** Per field, the dots its current versions descend from: by the record's own chains, and truly. */
  const reached = new Map<string, { own: Set<string>; all: Set<string> }>();
  const reachedIn = (key: string) => {
    let sets = reached.get(key);
    if (!sets) {
      const lookup = lookupIn(record, key);
      sets = { own: new Set(), all: new Set() };
      for (const v of record.fields[key] ?? []) {
        for (const dot of ancestors(v, lookup)) sets.own.add(dot);
        for (const dot of lineage(dotKey(v.dot))) sets.all.add(dot);
      }
      reached.set(key, sets);
    }
    return sets;
  };
  for (const [dot, { key, version }] of written) {
    const current = record.fields[key] ?? [];
    const kept = current.find((v) => dotKey(v.dot) === dot);
    if (kept) {
      // (a) still a current version: the content is intact, and the user can see it.
      expectSame(kept, version);
      const state = fieldState(record, key, mergeAs(key));
      if (dotKey(state.top!.dot) === dot || mergeAs(key) === 'order') continue;
      // The same value as the one shown: the user sees exactly what this write said.
      if (!state.conflict && JSON.stringify(version.value) === JSON.stringify(state.value)) continue;
      if (state.merged) {
        // Part of a clean three-way merge: every sentence it added is in the merged text.
        const base = commonAncestor(record, key, current);
        const before = new Set(typeof base?.value === 'string' ? sentencesOf(base.value) : []);
        const shown = new Set(sentencesOf(state.value as string));
        for (const sentence of sentencesOf(version.value as string)) {
          if (!before.has(sentence))
            expect(shown.has(sentence), `${key}: "${sentence}" of ${dot}`).toBe(true);
        }
        continue;
      }
      // (c) not shown, not merged: listed in the open conflict, in fieldState and in the view.
      expect(state.conflict?.map((v) => dotKey(v.dot))).toContain(dot);
      const listed = view.conflicts.find((c) => c.field === key && c.kind === 'edit');
      expect(listed?.versions.map((v) => dotKey(v.dot))).toContain(dot);
    } else {
      // (b) superseded: a current version of the field descends from it. While the record still
      // holds the version in its history, its own preds chains must show that; once trimmed, the
      // chain may pass through trimmed versions, so the walk also uses the versions as written.
      const inHistory = record.history[key]?.some((v) => dotKey(v.dot) === dot) ?? false;
      const { own, all } = reachedIn(key);
      const superseded = inHistory ? own.has(dot) : all.has(dot);
      if (!superseded)
        expect(superseded, `${key}: ${dot} (${JSON.stringify(version.value)}) vanished`).toBe(true);
    }
  }
}

const RUNS = 1000;

// ---------------------------------------------------------------------------------------------

describe('mergeRecords over random multi-replica histories', () => {
  const histories = planArb(30);

  it('is commutative: merge(a, b) equals merge(b, a)', () => {
    fc.assert(
      fc.property(
        histories,
        fc.array(fc.tuple(fc.nat(), fc.nat()), { minLength: 1, maxLength: 6 }),
        (plan, pairs) => {
          const { states } = simulate(plan);
          for (const [i, j] of pairs) {
            const a = pick(states, i);
            const b = pick(states, j);
            expectSame(mergeRecords(a, b), mergeRecords(b, a));
          }
        },
      ),
      { seed: 20250106, numRuns: RUNS },
    );
  });

  it('is associative: merge(merge(a, b), c) equals merge(a, merge(b, c))', () => {
    fc.assert(
      fc.property(
        histories,
        fc.array(fc.tuple(fc.nat(), fc.nat(), fc.nat()), { minLength: 1, maxLength: 6 }),
        (plan, triples) => {
          const { states } = simulate(plan);
          for (const [i, j, k] of triples) {
            const [a, b, c] = [pick(states, i), pick(states, j), pick(states, k)];
            expectSame(mergeRecords(mergeRecords(a, b), c), mergeRecords(a, mergeRecords(b, c)));
          }
        },
      ),
      { seed: 1325, numRuns: RUNS },
    );
  });

  it('is idempotent: merge(a, a) equals a, and merging b again changes nothing', () => {
    fc.assert(
      fc.property(
        histories,
        fc.array(fc.tuple(fc.nat(), fc.nat()), { minLength: 1, maxLength: 6 }),
        (plan, pairs) => {
          const { states } = simulate(plan);
          for (const [i, j] of pairs) {
            const a = pick(states, i);
            const b = pick(states, j);
            expectSame(mergeRecords(a, a), a);
            const ab = mergeRecords(a, b);
            expectSame(mergeRecords(ab, b), ab);
            expectSame(mergeRecords(ab, a), ab);
          }
        },
      ),
      { seed: 1820, numRuns: RUNS },
    );
  });

  it('converges: replicas that received every final state, in any order and any number of times, are identical', () => {
    fc.assert(
      fc.property(histories, (plan) => expectConverged(simulate(plan))),
      { seed: 1888, numRuns: RUNS },
    );
  });

  it('loses no write: each is current (shown, merged or listed as a conflict) or superseded by a later write', () => {
    fc.assert(
      fc.property(planArb(40), (plan) => expectNoLostWrite(simulate(plan))),
      { seed: 1889, numRuns: RUNS },
    );
  });

  it('keeps all of the above when long histories overflow HISTORY_LIMIT', () => {
    const long = planArb(150, { replicas: 3, change: changeOf(fc.constantFrom(0, 0, 0, 4)) });
    let trimmed = 0;
    fc.assert(
      fc.property(
        long,
        fc.array(fc.tuple(fc.nat(), fc.nat(), fc.nat()), { minLength: 1, maxLength: 3 }),
        (plan, triples) => {
          const run = simulate(plan);
          const final = run.finals[0]!;
          const held = (key: string, dot: string) => lookupIn(final, key)(dot) !== undefined;
          if ([...run.written].some(([dot, { key }]) => !held(key, dot))) trimmed += 1;
          for (const list of Object.values(final.history))
            expect(list.length).toBeLessThanOrEqual(HISTORY_LIMIT);
          expectMergeAlgebra(run.states, triples);
          expectConverged(run);
          expectNoLostWrite(run);
        },
      ),
      { seed: 1325_1820, numRuns: RUNS },
    );
    // The generator really does overflow the history (some versions are gone from the record) often.
    expect(trimmed).toBeGreaterThan(RUNS / 4);
  });
});

/** What a person sees of a record: values (merged texts included), conflicts, deletion; not the history kept. */
const shown = (record: SyncRecord | undefined) => {
  if (!record) return undefined;
  const { fields, conflicts, deleted, parentId, order } = viewRecord(record);
  return { fields, conflicts, deleted, parentId, order };
};

describe('lean history: squashed autosaves and bundles that carry only what a merge may need', () => {
  // At most 16 steps of at most 3 writes: no field reaches HISTORY_LIMIT, so nothing is trimmed
  // in the full-history run that the lean one would still hold.
  const short = planArb(16);

  it('every state of every replica looks exactly as it does with full history (squashing never removes a common ancestor)', () => {
    let squashed = 0;
    fc.assert(
      fc.property(short, (plan) => {
        const full = simulate(plan);
        const lean = simulate(plan, { squash: true });
        expect(lean.states.length).toBe(full.states.length);
        lean.states.forEach((state, i) => expectSame(shown(state), shown(full.states[i])));
        const versions = (run: Run) => run.finals.reduce((n, r) => n + Object.values(r.history).flat().length, 0);
        if (versions(lean) < versions(full)) squashed += 1;
      }),
      { seed: 2242, numRuns: RUNS },
    );
    // The rule really applies in these histories (autosaves a minute apart, sent now and then).
    expect(squashed).toBeGreaterThan(RUNS / 4);
  });

  it('sending records the way bundles do (the newest history only, deltas, JSON) changes nothing a person sees', () => {
    let trimmed = 0;
    fc.assert(
      fc.property(short, (plan) => {
        const full = simulate(plan);
        const lean = simulate(plan, { squash: true, viaBundle: true });
        // A chain longer than a bundle carries may turn a clean merge into a listed conflict:
        // counted (it is rare), and even then no word is lost.
        if (lean.trimmedSends > 0) {
          trimmed += 1;
          expectNoLostWrite(lean);
          return;
        }
        lean.states.forEach((state, i) => expectSame(shown(state), shown(full.states[i])));
      }),
      { seed: 2467, numRuns: RUNS },
    );
    expect(trimmed).toBeLessThan(RUNS / 20);
  });

  it('keeps the merge commutative, associative, idempotent and convergent, and loses no write', () => {
    fc.assert(
      fc.property(
        planArb(30),
        fc.array(fc.tuple(fc.nat(), fc.nat(), fc.nat()), { minLength: 1, maxLength: 3 }),
        (plan, triples) => {
          const run = simulate(plan, { squash: true, viaBundle: true });
          expectMergeAlgebra(run.states, triples);
          expectConverged(run);
          expectNoLostWrite(run);
        },
      ),
      { seed: 2493, numRuns: RUNS },
    );
  });

  it('writes every state down and reads it back exactly (deltas of each older text against the next)', () => {
    fc.assert(
      fc.property(planArb(30), (plan) => {
        for (const state of simulate(plan).states) expectSame(decodeRecord(JSON.parse(JSON.stringify(encodeRecord(state)))), state);
      }),
      { seed: 2106, numRuns: RUNS },
    );
  });
});

describe('clock skew never reorders causal edits', () => {
  it('in every state reached, no current version of a field descends from another current version', () => {
    fc.assert(
      fc.property(planArb(30), (plan) => {
        const { states, lineage } = simulate(plan);
        for (const record of states) {
          for (const [key, versions] of Object.entries(record.fields)) {
            for (const v of versions) {
              const older = lineage(dotKey(v.dot));
              const stale = versions.find((w) => older.has(dotKey(w.dot)));
              if (stale)
                expect.fail(`${key}: current ${dotKey(v.dot)} supersedes current ${dotKey(stale.dot)}`);
            }
          }
        }
      }),
      { seed: 1960, numRuns: RUNS },
    );
  });

  it('an edit made after receiving another wins, even from a clock days behind', () => {
    fc.assert(
      fc.property(
        planArb(12),
        fc.nat(),
        fc.nat(),
        fc.integer({ min: DAY, max: 3 * DAY }),
        fc.integer({ min: 0, max: 3 * DAY }),
        fc.nat(),
        fc.boolean(),
        fc.array(changeArb, { maxLength: 2 }),
        fc.array(stepArb(5), { maxLength: 12 }),
        (base, xi, yd, ahead, behind, v1i, observe, alongside, suffix) => {
          const n = base.ids.length;
          const x = xi % n;
          const y = (x + 1 + (yd % (n - 1))) % n;
          const skews = [...base.skews];
          skews[y] = ahead; // Y's clock runs ahead…
          skews[x] = -behind; // …X's is at least a day behind it.
          const v1 = pick(STATUS_POOL, v1i);
          const v2 = pick(STATUS_POOL, v1i + 1);
          const extra: Record<string, Json> = {};
          for (const change of alongside) {
            const key = FIELDS[change.field]!;
            if (key !== 'status' && !TEXTS[key]) extra[key] = valueFor(undefined, change, key);
          }
          const plan: Plan = {
            ...base,
            skews,
            steps: [
              ...base.steps,
              syncStep,
              { t: 'set', r: y, values: { status: v1 }, resolve: true },
              { t: 'receive', r: x, from: y, observe },
              { t: 'set', r: x, values: { ...extra, status: v2 } },
              ...without(suffix, ['status']),
            ],
          };
          const { finals, written } = simulate(plan);
          for (const record of finals) {
            const state = fieldState(record, 'status', 'value');
            expect(state.value).toBe(v2);
            expect(state.conflict).toBeNull();
            expect(record.fields.status).toHaveLength(1);
            expect(state.top!.dot.r).toBe(plan.ids[x]);
            expect(viewRecord(record).conflicts.filter((c) => c.field === 'status')).toEqual([]);
          }
          const ofField = (r: number) =>
            [...written.values()]
              .filter((w) => w.key === 'status' && w.version.dot.r === plan.ids[r])
              .map((w) => w.version);
          const first = ofField(y).at(-1)!;
          const second = ofField(x).at(-1)!;
          expect([first.value, second.value]).toEqual([v1, v2]);
          expect(second.preds).toContainEqual(first.dot);
          // The app's receive path lets the clock see the incoming time, so v2 also sorts after v1.
          if (observe) expect(compareHlc(second.hlc, first.hlc)).toBeGreaterThan(0);
        },
      ),
      { seed: 2106, numRuns: RUNS },
    );
  });
});

describe('delete versus edit', () => {
  const EDITABLE = FIELDS.filter((key) => key !== DELETED);

  it('a delete concurrent with an edit of another field is a delete conflict on every replica', () => {
    fc.assert(
      fc.property(
        planArb(12),
        fc.nat(),
        fc.nat(),
        changeArb,
        fc.array(stepArb(5), { maxLength: 12 }),
        (base, di, ed, edit, suffix) => {
          const n = base.ids.length;
          const d = di % n;
          const e = (d + 1 + (ed % (n - 1))) % n;
          const key = pick(EDITABLE, edit.field);
          const run = simulate({
            ...base,
            steps: [
              ...base.steps,
              syncStep,
              { t: 'set', r: d, values: { [DELETED]: true } },
              // E has not received the delete, D has not received the edit.
              { t: 'write', r: e, changes: [{ ...edit, field: FIELDS.indexOf(key) }] },
              ...without(suffix, [DELETED]),
            ],
          });
          const editDot = [...run.written.values()]
            .filter((w) => w.key === key && w.version.dot.r === base.ids[e])
            .at(-1);
          expect(editDot).toBeDefined();
          const first = deleteConflict(run.finals[0]!);
          for (const record of run.finals) {
            expect(isDeleted(record)).toBe(true);
            const crossed = deleteConflict(record);
            expect(crossed).not.toBeNull();
            expect(crossed).toEqual(first);
            // The crossing edit itself, or a later edit of the same field built on it, is listed.
            const lookup = lookupIn(record, key, run.written);
            const target = dotKey(editDot!.version.dot);
            expect(crossed!.some((v) => dotKey(v.dot) === target || ancestors(v, lookup).has(target))).toBe(
              true,
            );
            expect(viewRecord(record).conflicts.some((c) => c.kind === 'delete')).toBe(true);
          }
        },
      ),
      { seed: 2122, numRuns: RUNS },
    );
  });

  it('a delete that saw every edit is no conflict', () => {
    fc.assert(
      fc.property(planArb(20), fc.nat(), (base, di) => {
        const d = di % base.ids.length;
        const run = simulate({
          ...base,
          steps: [...base.steps, syncStep, { t: 'set', r: d, values: { [DELETED]: true } }],
        });
        for (const record of run.finals) {
          expect(isDeleted(record)).toBe(true);
          expect(deleteConflict(record)).toBeNull();
          expect(viewRecord(record).conflicts.some((c) => c.kind === 'delete')).toBe(false);
          // Sanity: the delete's context covers every current version of every other field.
          const ctx = record.fields[DELETED]![0]!.ctx!;
          for (const [key, versions] of Object.entries(record.fields)) {
            if (key !== DELETED) for (const v of versions) expect(covers(ctx, v.dot)).toBe(true);
          }
        }
      }),
      { seed: 2242, numRuns: RUNS },
    );
  });
});

describe('mergeText', () => {
  const POOL = [...TEXTS['title@en']!.base, ...TEXTS['title@en']!.pool];
  const textArb = fc.array(fc.constantFrom(...POOL), { minLength: 1, maxLength: 5 });
  /** An edit of a text: replace, insert or remove one sentence. */
  const editArb = fc.record({
    op: fc.constantFrom('replace', 'insert', 'remove'),
    at: fc.nat(),
    with: fc.constantFrom(...POOL),
  });
  const apply = (text: string[], edits: { op: string; at: number; with: string }[]) => {
    const out = [...text];
    for (const edit of edits) {
      if (edit.op === 'insert') out.splice(edit.at % (out.length + 1), 0, edit.with);
      else if (edit.op === 'remove' && out.length > 1) out.splice(edit.at % out.length, 1);
      else out[edit.at % out.length] = edit.with;
    }
    return out.join(' ');
  };
  const count = (text: string) => {
    const map = new Map<string, number>();
    for (const s of sentencesOf(text)) map.set(s, (map.get(s) ?? 0) + 1);
    return map;
  };

  it('never returns a text that repeats a sentence more often than either side does', () => {
    fc.assert(
      fc.property(
        textArb,
        fc.array(editArb, { maxLength: 2 }),
        fc.array(editArb, { maxLength: 2 }),
        (base, ea, eb) => {
          const a = apply(base, ea);
          const b = apply(base, eb);
          const merged = mergeText(base.join(' '), a, b);
          if (merged === null) return;
          const ca = count(a);
          const cb = count(b);
          for (const [sentence, times] of count(merged)) {
            expect(times).toBeLessThanOrEqual(Math.max(ca.get(sentence) ?? 0, cb.get(sentence) ?? 0));
          }
        },
      ),
      { seed: 2467, numRuns: RUNS },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Ordered lists: many records under one parent, each with an order key (DESIGN §3).

describe('order keys over random concurrent inserts and moves', () => {
  const PARENT_ID = '01890a5d-ac96-774b-bcce-b302099a0000';
  const itemMergeAs = mergeAsFor('nap.objective');

  type OrderStep =
    | { t: 'insert'; r: number; at: number }
    | { t: 'move'; r: number; item: number; at: number }
    | { t: 'receive'; r: number; from: number };

  interface OrderPlan {
    ids: string[];
    /** Keys of the items replica 0 holds at the start, as older versions made them (equal keys included). */
    legacy: string[];
    steps: OrderStep[];
  }

  const orderPlanArb: fc.Arbitrary<OrderPlan> = fc.integer({ min: 3, max: 5 }).chain((n) => {
    const r = fc.nat({ max: n - 1 });
    return fc.record({
      ids: fc.shuffledSubarray(REPLICA_IDS, { minLength: n, maxLength: n }),
      legacy: fc.array(fc.constantFrom('a0', 'a1', 'a1', 'a2', 'Zz', 'a1V'), { maxLength: 4 }),
      steps: fc.array(
        fc.oneof(
          { weight: 3, arbitrary: fc.record({ t: fc.constant('insert' as const), r, at: fc.nat({ max: 12 }) }) },
          { weight: 3, arbitrary: fc.record({ t: fc.constant('move' as const), r, item: fc.nat({ max: 20 }), at: fc.nat({ max: 12 }) }) },
          { weight: 2, arbitrary: fc.record({ t: fc.constant('receive' as const), r, from: r }) },
        ),
        { minLength: 4, maxLength: 24 },
      ),
    });
  });

  interface Holder {
    writer: Writer;
    records: Map<string, SyncRecord>;
  }

  const placedOf = (record: SyncRecord): Placed => {
    const order = fieldState(record, ORDER, 'order').value;
    return { id: record.id, order: typeof order === 'string' ? order : null };
  };
  const siblingsOf = (holder: Holder): Placed[] => [...holder.records.values()].map(placedOf).sort(compareOrder);
  const orderOf = (holder: Holder): string[] => siblingsOf(holder).map((p) => p.id);

  function receiveAll(to: Holder, from: Holder): void {
    for (const [id, record] of from.records) {
      const local = to.records.get(id);
      to.records.set(id, local ? mergeRecords(local, record) : record);
      to.writer.clock.observe(maxHlc(record));
    }
  }

  /** Every replica receives everyone's records, twice round, so all hold everything. */
  function exchange(holders: Holder[]): void {
    for (let round = 0; round < 2; round++) for (const to of holders) for (const from of holders) if (to !== from) receiveAll(to, from);
  }

  /**
   * Puts `id` (new when absent) at `index` among the others on one replica, as the app does, and
   * records which replica made each key it wrote.
   */
  function place(holder: Holder, id: string, index: number, madeBy: Map<string, string>): void {
    const others = siblingsOf(holder).filter((p) => p.id !== id);
    const { key, rekeys } = planPlacement(others, index, holder.writer.replica);
    for (const made of [key, ...rekeys.map((r) => r.order!)]) {
      expect(isOrderKey(made), `${made} is no fractional-indexing key`).toBe(true);
      const earlier = madeBy.get(made);
      expect(earlier === undefined || earlier === holder.writer.replica, `key ${made} made on two replicas`).toBe(true);
      madeBy.set(made, holder.writer.replica);
    }
    const current = holder.records.get(id);
    const changes = { [PARENT]: PARENT_ID, [ORDER]: key };
    holder.records.set(id, current ? writeFields(current, holder.writer, changes, { mergeAs: itemMergeAs }) : createRecord(id, 'nap.objective', holder.writer, changes, itemMergeAs));
    for (const r of rekeys) holder.records.set(r.id, writeFields(holder.records.get(r.id)!, holder.writer, { [ORDER]: r.order }, { mergeAs: itemMergeAs }));
  }

  function run(plan: OrderPlan): { holders: Holder[]; madeBy: Map<string, string> } {
    let tick = 0;
    const holders: Holder[] = plan.ids.map((replica) => {
      let counter = 0;
      const clock = new HybridClock(() => BASE_TIME + tick * MINUTE);
      return { writer: { replica, clock, nextCounter: () => ++counter, author: replica }, records: new Map() };
    });
    const madeBy = new Map<string, string>();
    // Older data: keys as plain fractional-indexing made them, two installations' "a1" side by side.
    plan.legacy.forEach((order, i) => {
      const id = `0-legacy-${i}`;
      holders[0]!.records.set(id, createRecord(id, 'nap.objective', holders[0]!.writer, { [PARENT]: PARENT_ID, [ORDER]: order }, itemMergeAs));
    });
    let made = 0;
    for (const step of plan.steps) {
      tick += 1;
      const holder = holders[step.r]!;
      if (step.t === 'insert') place(holder, `${step.r + 1}-item-${String(made++).padStart(3, '0')}`, step.at, madeBy);
      else if (step.t === 'move') {
        const ids = orderOf(holder);
        if (ids.length > 0) place(holder, ids[step.item % ids.length]!, step.at, madeBy);
      } else receiveAll(holder, holders[step.from]!);
    }
    exchange(holders);
    return { holders, madeBy };
  }

  it('after exchanging everything, every replica holds the same order', () => {
    fc.assert(
      fc.property(orderPlanArb, (plan) => {
        const { holders } = run(plan);
        const first = orderOf(holders[0]!);
        for (const h of holders) expect(orderOf(h)).toEqual(first);
      }),
      { seed: 7301, numRuns: 300 },
    );
  });

  it('a move of any item to any position succeeds on every replica and puts it exactly there, the rest in order', () => {
    fc.assert(
      fc.property(orderPlanArb, (plan) => {
        const { holders, madeBy } = run(plan);
        for (const holder of holders) {
          const ids = orderOf(holder);
          for (const id of ids) {
            for (let index = 0; index < ids.length; index++) {
              const copy: Holder = { writer: holder.writer, records: new Map(holder.records) };
              place(copy, id, index, new Map(madeBy));
              const expected = ids.filter((x) => x !== id);
              expected.splice(index, 0, id);
              expect(orderOf(copy)).toEqual(expected);
            }
          }
        }
      }),
      { seed: 7302, numRuns: 150 },
    );
  });

  it('concurrent moves on every replica, then an exchange: all agree, untouched items keep their order, and any further move still works', () => {
    fc.assert(
      fc.property(orderPlanArb, fc.array(fc.tuple(fc.nat(), fc.nat()), { minLength: 5, maxLength: 5 }), (plan, moves) => {
        const { holders, madeBy } = run(plan);
        const ids = orderOf(holders[0]!);
        if (ids.length < 2) return;
        // Each replica moves a different item (when there are enough), at the same time.
        const movers = holders.map((holder, i) => {
          const [pickItem, pickIndex] = moves[i]!;
          const id = ids[(pickItem + i) % ids.length]!;
          place(holder, id, pickIndex % ids.length, madeBy);
          return id;
        });
        exchange(holders);
        const agreed = orderOf(holders[0]!);
        for (const h of holders) expect(orderOf(h)).toEqual(agreed);
        expect([...agreed].sort()).toEqual([...ids].sort());
        // Whatever moved, the items nobody moved keep their order among themselves.
        const still = ids.filter((id) => !movers.includes(id));
        expect(agreed.filter((id) => still.includes(id))).toEqual(still);
        // And a move at every position still works on every replica.
        for (const holder of holders) {
          for (let index = 0; index < agreed.length; index++) {
            const copy: Holder = { writer: holder.writer, records: new Map(holder.records) };
            place(copy, agreed[0]!, index, new Map(madeBy));
            expect(orderOf(copy).indexOf(agreed[0]!)).toBe(index);
          }
        }
      }),
      { seed: 7303, numRuns: 200 },
    );
  });
});
