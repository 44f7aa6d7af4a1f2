import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { FieldVersion } from '../../../shared/sync/record.js';
import { removeTemporaryFiles, writeFileDurably } from './durable.js';

/** Beside records/, not in it: a replace-all swaps that folder whole, and these files stay valid across it. */
export const BLOBS_DIR = 'blobs';
/**
 * Texts at least this long are written in a file of their own, named by their SHA-256, and the
 * record names the file: editing anything else of the record (its title beside long notes) then
 * rewrites a small bucket file, not the text. Shorter texts cost less inline than a file.
 */
export const BLOB_MIN_CHARS = 8 * 1024;
const BLOB_NAME = /^([0-9a-f]{64})\.txt$/;

const hashes = new WeakMap<FieldVersion, string>();

export const blobName = (hash: string) => `${hash}.txt`;

/**
 * The long texts of a workspace, one immutable file each (written once, under a temporary name,
 * fsynced, renamed). A bucket file is written only after every text it names is durable; a text
 * no bucket names any more is removed once the bucket that named it last has been replaced, so
 * the folder holds what the records hold, not every autosave.
 */
export class BlobFiles {
  readonly dir: string;
  /** The texts on disk (or being written), and the write to wait for. */
  readonly #written = new Map<string, Promise<void>>();
  /** Per bucket file, the texts its version on disk names; a text's count is the buckets naming it. */
  readonly #named = new Map<string, Set<string>>();
  readonly #count = new Map<string, number>();

  constructor(dataDir: string) {
    this.dir = path.join(dataDir, BLOBS_DIR);
  }

  /** The file name of a version's long text, or null when it is kept inline. */
  static hashOf(version: FieldVersion): string | null {
    if (typeof version.value !== 'string' || version.value.length < BLOB_MIN_CHARS) return null;
    let hash = hashes.get(version);
    if (hash === undefined) {
      hash = crypto.createHash('sha256').update(version.value, 'utf8').digest('hex');
      hashes.set(version, hash);
    }
    return hash;
  }

  /** Reads the texts named, from the first folder holding each; a missing or altered one is left out. */
  static async read(hashes: Iterable<string>, dirs: readonly string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    await Promise.all(
      [...new Set(hashes)].map(async (hash) => {
        for (const dir of dirs) {
          const text = await fs.readFile(path.join(dir, blobName(hash)), 'utf8').catch(() => null);
          // Checked, so a damaged file is reported as missing rather than read as the text.
          if (text !== null && crypto.createHash('sha256').update(text, 'utf8').digest('hex') === hash) {
            out.set(hash, text);
            return;
          }
        }
      }),
    );
    return out;
  }

  /** The texts already on disk when the store opens (and what interrupted writes left, removed). */
  async open(): Promise<void> {
    await fs.mkdir(this.dir, { recursive: true });
    await removeTemporaryFiles(this.dir);
    for (const name of await fs.readdir(this.dir)) {
      const match = BLOB_NAME.exec(name);
      if (match) this.#written.set(match[1]!, Promise.resolve());
    }
  }

  /** A text on disk found missing or altered: written again when a record next names it. */
  forget(hash: string): void {
    this.#written.delete(hash);
  }

  /** Makes the texts durable (those not on disk yet), so a bucket naming them may be written. */
  async ensure(texts: ReadonlyMap<string, string>): Promise<void> {
    const waits: Promise<void>[] = [];
    for (const [hash, text] of texts) {
      let write = this.#written.get(hash);
      if (!write) {
        write = writeFileDurably(path.join(this.dir, blobName(hash)), text);
        this.#written.set(hash, write);
        // A failed write is tried again by the next bucket that needs it.
        write.catch(() => this.#written.delete(hash));
      }
      waits.push(write);
    }
    await Promise.all(waits);
  }

  /**
   * A bucket file now on disk names these texts. Texts no bucket names any more are removed by
   * the next sweep (their last naming bucket is replaced durably, so nothing on disk needs them).
   */
  named(bucket: string, now: ReadonlySet<string>): void {
    const before = this.#named.get(bucket) ?? new Set<string>();
    this.#named.set(bucket, new Set(now));
    for (const hash of now) if (!before.has(hash)) this.#count.set(hash, (this.#count.get(hash) ?? 0) + 1);
    for (const hash of before) {
      if (now.has(hash)) continue;
      const left = (this.#count.get(hash) ?? 1) - 1;
      if (left > 0) this.#count.set(hash, left);
      else this.#count.delete(hash);
    }
  }

  /** Forgets every bucket (a replace-all): the new buckets name what they name. */
  renamed(buckets: ReadonlyMap<string, ReadonlySet<string>>): void {
    this.#named.clear();
    this.#count.clear();
    for (const [bucket, set] of buckets) this.named(bucket, set);
  }

  /**
   * Removes the texts on disk that no bucket names. Called by the store between its writes (never
   * while one runs), so a text cannot be removed while a bucket naming it is being written.
   */
  async sweep(): Promise<void> {
    if (this.#held > 0) return;
    for (const [hash, write] of [...this.#written]) {
      if (this.#count.has(hash)) continue;
      await write.catch(() => undefined);
      this.#written.delete(hash);
      await fs.rm(path.join(this.dir, blobName(hash)), { force: true }).catch(() => undefined);
    }
  }

  #held = 0;

  /** Runs `task` with nothing removed meanwhile (a backup copying the files). */
  async hold<T>(task: () => Promise<T>): Promise<T> {
    this.#held++;
    try {
      return await task();
    } finally {
      this.#held--;
    }
  }

}
