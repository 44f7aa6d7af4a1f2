import fs from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { compareHlc, Hlc, MAX_COUNTER, ReplicaId } from '../../../shared/sync/clock.js';
import { writeFileDurably } from './durable.js';

/** Beside the records, never inside them: a restore or an undone import does not touch it. */
export const CLOCK_FILE = 'clock.json';
const CLOCK_FORMAT = 'focal-point-desk/clock';

/**
 * Counters are reserved this many at a time, so one durable write covers a thousand edits; a
 * restart skips what was reserved and not used (counters may skip, never repeat).
 */
export const COUNTER_BLOCK = 1000;
/**
 * When the file is unreadable, how far past the records' own high-water mark to start: further
 * than anything this installation can have issued since its last durable reservation.
 */
const DAMAGED_SKIP = 1_000_000;

const ClockEntry = z.object({
  counter: z.number().int().nonnegative().max(MAX_COUNTER),
  hlc: Hlc,
  /** The highest counter that may have left the installation (in an export); absent before version 2. */
  shipped: z.number().int().nonnegative().max(MAX_COUNTER).optional(),
});
const ClockData = z.object({
  format: z.literal(CLOCK_FORMAT),
  replicas: z.record(ReplicaId, ClockEntry),
});
type ClockData = z.infer<typeof ClockData>;

/**
 * The highest counter and clock this installation has issued (or reserved), kept durably apart
 * from the records. The counter recomputed from the records alone goes back whenever older
 * records come back (a backup restored, an import undone): the next edit would then reuse a dot
 * another workspace already holds with other content, and be ignored there. With this file the
 * counter never goes back, whatever is restored.
 */
export class ClockFile {
  #data: ClockData;
  /** The reservation on disk (or being written): counters up to it may be issued. */
  #reserved: number;
  #writing: Promise<void> = Promise.resolve();
  #shipped = 0;
  /** The file could not be read: the start skips far ahead, and the next write repairs it. */
  #damaged: boolean;

  private constructor(
    private readonly file: string,
    private replica: string,
    data: ClockData,
    damaged: boolean,
  ) {
    this.#data = data;
    this.#damaged = damaged;
    this.#reserved = data.replicas[replica]?.counter ?? 0;
  }

  static async open(dataDir: string, replica: string): Promise<ClockFile> {
    const file = path.join(dataDir, CLOCK_FILE);
    let text: string | null = null;
    try {
      text = await fs.readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') text = '';
    }
    if (text === null) return new ClockFile(file, replica, { format: CLOCK_FORMAT, replicas: {} }, false);
    let parsed: ClockData | null = null;
    try {
      const result = ClockData.safeParse(JSON.parse(text));
      if (result.success) parsed = result.data;
    } catch {
      // Unreadable: handled below like a missing entry, with a generous skip.
    }
    return new ClockFile(file, replica, parsed ?? { format: CLOCK_FORMAT, replicas: {} }, parsed === null);
  }

  /** Where the counter starts after opening, given the records' own high-water mark. */
  start(recordsCounter: number): number {
    const floor = this.#damaged ? Math.min(recordsCounter + DAMAGED_SKIP, MAX_COUNTER) : recordsCounter;
    const start = Math.max(floor, this.#reserved);
    // Where nothing says what left (a file from before this was kept, none, or an unreadable
    // one), everything the installation has issued counts as shipped: squashing starts only
    // after the next export.
    const entry = this.#data.replicas[this.replica];
    if (this.#damaged || !entry) {
      this.#shipped = start;
      // What the next write records as issued, so the file never says less than was (a session
      // that only reads, or only exports, writes the clock too).
      this.#reserved = Math.max(this.#reserved, start);
    } else {
      this.#shipped = entry.shipped ?? entry.counter;
    }
    return start;
  }

  /** Goes on under a new replica id (see Workspace: a counter with no room left). */
  switchTo(replica: string): void {
    this.replica = replica;
    this.#reserved = this.#data.replicas[replica]?.counter ?? 0;
    // A new replica id has issued nothing, so nothing of it has left.
    this.#shipped = this.#data.replicas[replica]?.shipped ?? this.#reserved;
  }

  /**
   * The highest of this replica's counters that may have left the installation: versions above
   * it were never exported, so they can be squashed (shared/sync/record.ts). Known after start().
   */
  get shipped(): number {
    return this.#shipped;
  }

  /**
   * Records that every counter up to `counter` may now be outside (an export is handed out).
   * Resolves once that is durable: the export's content is returned only then, so no version
   * that left can later be squashed.
   */
  markShipped(counter: number, hlc: Hlc): Promise<void> {
    this.#shipped = Math.max(this.#shipped, counter);
    return this.#write(Math.max(this.#reserved, counter), hlc);
  }

  get hlc(): Hlc {
    return this.#data.replicas[this.replica]?.hlc ?? { t: 0, l: 0 };
  }

  /**
   * Makes sure the reservation on disk covers `counter`; resolves once it does. Record files
   * holding counters up to `counter` wait for it, so no dot reaches the disk (or a bundle) unless
   * the counter that made it is durably past it.
   */
  cover(counter: number, hlc: Hlc): Promise<void> {
    if (counter <= this.#reserved && !this.#damaged) return this.#writing;
    const reserve = Math.min(Math.max(counter, this.#reserved) + COUNTER_BLOCK, MAX_COUNTER);
    this.#reserved = reserve;
    return this.#write(reserve, hlc);
  }

  /** Records the clock as it is (on close), without moving the reservation. */
  save(hlc: Hlc): Promise<void> {
    return this.#write(this.#reserved, hlc);
  }

  #write(counter: number, hlc: Hlc): Promise<void> {
    const run = this.#writing.catch(() => undefined).then(async () => {
      const known = this.#data.replicas[this.replica];
      const keepHlc = known && compareHlc(known.hlc, hlc) > 0 ? known.hlc : hlc;
      const entry: z.infer<typeof ClockEntry> = { counter: Math.max(counter, known?.counter ?? 0), hlc: keepHlc };
      entry.shipped = Math.min(this.#shipped, entry.counter);
      const next: ClockData = { format: CLOCK_FORMAT, replicas: { ...this.#data.replicas, [this.replica]: entry } };
      // Nothing new (a session that only read): no write, so reading needs no free space.
      if (!this.#damaged && JSON.stringify(next) === JSON.stringify(this.#data)) return;
      await writeFileDurably(this.file, `${JSON.stringify(next, null, 2)}\n`);
      this.#data = next;
      this.#damaged = false;
    });
    this.#writing = run;
    return run.catch((error: unknown) => {
      // Not reserved after all: the next write tries again.
      this.#reserved = this.#data.replicas[this.replica]?.counter ?? 0;
      throw error;
    });
  }
}
