import { z } from 'zod';

/** A replica: one installation. 16 lowercase hex characters, made at random on first run. */
/** An installation's sync id: 16 hex digits. */
export const REPLICA_ID = /^[0-9a-f]{16}$/;
export const ReplicaId = z.string().regex(REPLICA_ID, { error: 'errors:validation.invalid' });
export type ReplicaId = z.infer<typeof ReplicaId>;

/** One edit's identity: the replica that made it and that replica's counter at the time. */
/**
 * Counters grow by one per edit; 2^40 is a million edits a day for three thousand years. A larger
 * one can only come from a forged file, and would overflow exact integers after import.
 */
export const MAX_COUNTER = 2 ** 40;

/**
 * The highest counter (and logical clock tick) accepted from outside. What lies between it and
 * MAX_COUNTER is this installation's own room to go on editing: a file that names this replica
 * at MAX_COUNTER would otherwise make its next edit unexportable, everywhere and for good.
 * 2^32 edits of headroom is more than a lifetime of typing.
 */
export const MAX_INCOMING_COUNTER = MAX_COUNTER - 2 ** 32;

/**
 * How far ahead of this computer's clock an incoming edit's time may pull the local clock. A
 * sender whose clock is a few days off (a wrong date or time zone) is ordinary and followed; one
 * further ahead is wrong, and following it would date every later local edit in that future.
 */
export const MAX_CLOCK_AHEAD_MS = 7 * 24 * 60 * 60 * 1000;

export const Dot = z.strictObject({ r: ReplicaId, c: z.number().int().positive().max(MAX_COUNTER) });
export type Dot = z.infer<typeof Dot>;

export const dotKey = (dot: Dot) => `${dot.r}:${dot.c}`;
export const sameDot = (a: Dot, b: Dot) => a.r === b.r && a.c === b.c;

/** Per record: the highest counter of each replica whose edits to the record are included. */
export const VersionVector = z.record(ReplicaId, z.number().int().nonnegative().max(MAX_COUNTER));
export type VersionVector = z.infer<typeof VersionVector>;

export const covers = (vv: VersionVector, dot: Dot) => (vv[dot.r] ?? 0) >= dot.c;

export function joinVectors(a: VersionVector, b: VersionVector): VersionVector {
  const out: VersionVector = {};
  for (const r of [...Object.keys(a), ...Object.keys(b)].sort()) out[r] = Math.max(a[r] ?? 0, b[r] ?? 0);
  return out;
}

/**
 * Hybrid logical clock time: wall-clock milliseconds plus a logical counter. It only orders
 * concurrent edits (which one is shown first) and tells people when; causality comes from dots
 * and version vectors, so a laptop whose clock is days off cannot make an old edit win.
 */
/** The latest time a Date can hold (ms since 1970): the highest clock time accepted. */
export const MAX_HLC_TIME = 8_640_000_000_000_000;
export const Hlc = z.strictObject({
  t: z.number().int().nonnegative().max(MAX_HLC_TIME),
  l: z.number().int().nonnegative().max(MAX_COUNTER),
});
export type Hlc = z.infer<typeof Hlc>;

export const compareHlc = (a: Hlc, b: Hlc) => a.t - b.t || a.l - b.l;

/** Whether a clock may take this time in: not too far ahead of the wall clock, with room left to tick. */
export const withinClockReach = (hlc: Hlc, wall: number) => hlc.t <= wall + MAX_CLOCK_AHEAD_MS && hlc.l <= MAX_INCOMING_COUNTER;

export class HybridClock {
  #last: Hlc;
  constructor(
    private readonly wall: () => number = Date.now,
    start: Hlc = { t: 0, l: 0 },
  ) {
    this.#last = start;
  }

  /** A time later than every time this replica has made or seen. */
  now(): Hlc {
    const t = this.wall();
    this.#last = t > this.#last.t ? { t, l: 0 } : { t: this.#last.t, l: this.#last.l + 1 };
    return this.#last;
  }

  /**
   * Takes in a time seen on an incoming edit, so the next local edit sorts after it. A time
   * further ahead of the wall clock than MAX_CLOCK_AHEAD_MS is not followed (it only orders
   * concurrent edits; causality comes from dots): returns false then, so the caller can say so.
   */
  observe(seen: Hlc): boolean {
    if (!withinClockReach(seen, this.wall())) return false;
    if (compareHlc(seen, this.#last) > 0) this.#last = seen;
    return true;
  }

  get last(): Hlc {
    return this.#last;
  }
}
