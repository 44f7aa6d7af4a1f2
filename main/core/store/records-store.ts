import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { SyncRecord } from '../../../shared/sync/record.js';
import { IMPORTS_DIR } from '../bundles/undo.js';
import { BACKUPS_DIR } from './backups.js';
import { removeTemporaryFiles, syncDir, writeFileDurably } from './durable.js';
import { BlobFiles, blobName, BLOBS_DIR } from './blobs.js';
import {
  migrateRecordsFile,
  readRecords,
  RECORD_MIGRATIONS,
  recordsFileOf,
  RecordsFileWriter,
  RECORDS_SCHEMA_VERSION,
  textsNamedIn,
  textsOfFile,
  VERSION_AT_START,
  type RecordMigrations,
  type RecordsFile,
  type StringTable,
} from './records-file.js';

export { RECORD_MIGRATIONS, RECORDS_FORMAT, RECORDS_SCHEMA_VERSION, plausibleRecord, validRecord, type RecordMigrations } from './records-file.js';
export const RECORDS_DIR = 'records';
const NEXT_DIR = 'records.next';
/** Redo log of an all-or-nothing write of several files (an import). */
const JOURNAL_DIR = 'records.journal';
const COMPLETE = 'COMPLETE';
export const CORRUPT_DIR = 'corrupt';

async function fileStart(file: string): Promise<string> {
  const handle = await fs.open(file, 'r');
  try {
    const buffer = Buffer.alloc(128);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return buffer.toString('utf8', 0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** The schema version of a records file written some other way (by hand), if it says one. */
function schemaVersionOf(text: string): string | undefined {
  try {
    const version = (JSON.parse(text) as { schemaVersion?: unknown }).schemaVersion;
    // Only a version a file can have (1e999 parses as Infinity): anything else is damage, set aside.
    return Number.isSafeInteger(version) ? String(version) : undefined;
  } catch {
    return undefined;
  }
}

/** A records file's text parsed and checked for its outline; null when it is not one. */
function parseRecordsFile(text: string): RecordsFile | null {
  try {
    return recordsFileOf(JSON.parse(text));
  } catch {
    return null;
  }
}

/**
 * Records from bucket files (a backup's), of this or an older version: migrated, decoded and
 * checked. Throws WorkspaceError('too_new') for a file from a newer version; null when a file is
 * unreadable.
 */
export async function readBucketFiles(files: readonly string[], schemaVersion = RECORDS_SCHEMA_VERSION, textDirs: readonly string[] = []): Promise<SyncRecord[] | null> {
  const out: SyncRecord[] = [];
  const strings: StringTable = new Map();
  // A record in two files (one of them not its bucket's): taking either would drop the other.
  const ids = new Set<string>();
  for (const file of files) {
    const text = await fs.readFile(file, 'utf8').catch(() => null);
    const parsed = text === null ? null : parseRecordsFile(text);
    if (!parsed) return null;
    if (parsed.schemaVersion > schemaVersion) throw new WorkspaceError('too_new', `${file} was written by a newer version of the app`, { file, version: parsed.schemaVersion });
    const current = migrateRecordsFile(parsed, schemaVersion);
    const named = current && textsOfFile(current, text!);
    const records = current && named && readRecords(current, await BlobFiles.read(new Set(named), textDirs), strings);
    if (!records) return null;
    for (const record of records) {
      if (ids.has(record.id)) return null;
      ids.add(record.id);
      out.push(record);
    }
  }
  return out;
}

export class WorkspaceError extends Error {
  constructor(
    readonly code: 'too_new',
    message: string,
    readonly detail: { file: string; version: number },
  ) {
    super(message);
    this.name = 'WorkspaceError';
  }
}

/** A file outside the records written in the same all-or-nothing step (the import log). */
export interface JournalFile {
  /** Relative to the data folder, with forward slashes; never outside it. */
  path: string;
  content: string;
}

/** What the COMPLETE marker of a journal lists besides the record files (empty in older journals). */
const JournalManifest = z.object({ files: z.array(z.object({ name: z.string().regex(/^x\d+\.file$/), path: z.string() })) });

export interface StoreNotice {
  /** records_corrupt: a damaged file was set aside; backup_skipped: the daily backup could not be made. */
  code: 'records_corrupt' | 'backup_skipped';
  /** Where the damaged file was moved, so nothing is lost (backup_skipped: the backups folder). */
  file: string;
  /** backup_skipped: why (the disk is full, or the folder cannot be written). */
  reason?: 'disk_full' | 'read_only';
}

/** The bucket of a record: the last two hex digits of its id (random bits of a UUIDv7). */
export const bucketOf = (id: string) => id.slice(-2).toLowerCase();

const stamp = (date: Date) => date.toISOString().replace(/[:.]/g, '-');

export interface OpenStoreOptions {
  migrations?: RecordMigrations;
  schemaVersion?: number;
  now?: () => Date;
  /** Called once, before the first migration writes anything (a backup is taken there). */
  beforeMigration?: () => Promise<void>;
}

/**
 * The records of a workspace, held in memory and kept in 256 JSON files, each written whole and
 * durably (writeFileDurably) from the records' cached written form (RecordsFileWriter), so a flush
 * encodes only the records that changed. Writes are grouped: every write waiting when a flush
 * starts is made durable by that flush, and a write's promise resolves only once its file is on disk.
 */
export class RecordStore {
  readonly records = new Map<string, SyncRecord>();
  readonly notices: StoreNotice[] = [];
  readonly #dir: string;
  /** The records of each bucket, so a flush serialises only the files it rewrites. */
  readonly #members = new Map<string, Map<string, SyncRecord>>();
  readonly #dirty = new Set<string>();
  /**
   * For each record changed since its last durable write: the version before (undefined: it did
   * not exist). A flush takes these along, to put them back if it fails.
   */
  #before = new Map<string, SyncRecord | undefined>();
  /** What the next flush waits for before it writes (see commit). */
  #gate: Promise<void> = Promise.resolve();
  readonly #strings: StringTable = new Map();
  readonly #writer = new RecordsFileWriter();
  #next: Promise<void> | null = null;
  #running: Promise<void> | null = null;
  /** Disk writes run one at a time: group commits, atomic commits and replace-alls never interleave. */
  #tail: Promise<unknown> = Promise.resolve();

  #exclusive<T>(task: () => Promise<T>): Promise<T> {
    const run = this.#tail.then(task, task);
    this.#tail = run.catch(() => undefined);
    return run;
  }
  readonly #schemaVersion: number;
  readonly #blobs: BlobFiles;
  readonly #listeners = new Set<(ids: readonly string[] | null) => void>();

  /**
   * Calls `listener` whenever records change in memory: with their ids, or null when every record
   * was replaced. The one place every change passes (the search index keeps up through it).
   */
  onChange(listener: (ids: readonly string[] | null) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #announce(ids: readonly string[] | null): void {
    for (const listener of this.#listeners) listener(ids);
  }

  private constructor(
    readonly dataDir: string,
    schemaVersion: number,
  ) {
    this.#dir = path.join(dataDir, RECORDS_DIR);
    this.#schemaVersion = schemaVersion;
    this.#blobs = new BlobFiles(dataDir);
  }

  static async open(dataDir: string, options: OpenStoreOptions = {}): Promise<RecordStore> {
    const store = new RecordStore(dataDir, options.schemaVersion ?? RECORDS_SCHEMA_VERSION);
    await store.#recoverSwap();
    await fs.mkdir(store.#dir, { recursive: true });
    await store.#blobs.open();
    // What interrupted writes left (a crash, a full disk) holds space and is never read: removed.
    for (const dir of [dataDir, store.#dir, path.join(dataDir, BACKUPS_DIR), path.join(dataDir, IMPORTS_DIR)]) await removeTemporaryFiles(dir);
    await store.#load(options);
    return store;
  }

  /**
   * The records as they are on disk, read without writing anything and without the instance lock:
   * for reading while the app may be running (a document from the command line). Every file is
   * replaced atomically, and a sealed journal's files are the newer versions, so each bucket is
   * either its old or its new state; the read is repeated while files change under it, so a
   * multi-file import is seen whole or not at all. Unreadable files are left where they are and
   * named; a file from a newer version refuses, as opening does.
   */
  static async readSnapshot(dataDir: string, options: Pick<OpenStoreOptions, 'migrations' | 'schemaVersion'> = {}): Promise<{ records: SyncRecord[]; unreadable: string[] }> {
    const schemaVersion = options.schemaVersion ?? RECORDS_SCHEMA_VERSION;
    const migrations = options.migrations ?? RECORD_MIGRATIONS;
    const bucketName = /^[0-9a-f]{2}\.json$/;
    const folders = [path.join(dataDir, RECORDS_DIR), path.join(dataDir, JOURNAL_DIR), path.join(dataDir, NEXT_DIR), path.join(dataDir, BLOBS_DIR)];
    const state = async () => {
      const parts: string[] = [];
      for (const folder of folders) {
        const names = await fs.readdir(folder).catch(() => null);
        if (!names) continue;
        for (const name of names.sort()) {
          const st = await fs.stat(path.join(folder, name)).catch(() => null);
          if (st) parts.push(`${folder}/${name}:${st.ino}:${st.mtimeMs}:${st.size}`);
        }
      }
      return parts.join('\n');
    };
    const sealed = async (folder: string) => fs.stat(path.join(folder, COMPLETE)).then(() => true, () => false);
    let files = new Map<string, { file: string; text: string }>();
    let texts = new Map<string, string>();
    for (let attempt = 0; attempt < 20; attempt++) {
      const before = await state();
      files = new Map();
      const [records, journal, next] = folders as [string, string, string];
      // An interrupted replace-all whose new folder is complete is the current state.
      const base = !(await fs.stat(records).then(() => true, () => false)) && (await sealed(next)) ? next : records;
      const layers = [base, ...((await sealed(journal)) ? [journal] : [])];
      for (const folder of layers) {
        for (const name of (await fs.readdir(folder).catch(() => [] as string[])).filter((n) => bucketName.test(n))) {
          const text = await fs.readFile(path.join(folder, name), 'utf8').catch(() => null);
          if (text !== null) files.set(name, { file: path.join(folder, name), text });
        }
      }
      // The long texts the files name, read in the same pass (a text is removed only after the
      // last file naming it was replaced, which the check below sees).
      const named = new Set<string>();
      for (const { text } of files.values()) for (const hash of textsNamedIn(text)) named.add(hash);
      texts = await BlobFiles.read(named, [path.join(dataDir, BLOBS_DIR)]);
      if ((await state()) === before) break;
    }
    const out: SyncRecord[] = [];
    const unreadable: string[] = [];
    const strings: StringTable = new Map();
    for (const [name, { file, text }] of [...files].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const parsed = parseRecordsFile(text);
      if (parsed && parsed.schemaVersion > schemaVersion) {
        throw new WorkspaceError('too_new', `${file} was written by a newer version of the app`, { file, version: parsed.schemaVersion });
      }
      const current = parsed && migrateRecordsFile(parsed, schemaVersion, migrations);
      const records = current && readRecords(current, texts, strings);
      if (!records || records.some((r) => bucketOf(r.id) !== name.slice(0, 2))) {
        unreadable.push(file);
        continue;
      }
      out.push(...records);
    }
    return { records: out, unreadable };
  }

  /** Finishes a replace-all or a journaled commit that a crash interrupted. */
  async #recoverSwap(): Promise<void> {
    await this.#redoJournal();
    const next = path.join(this.dataDir, NEXT_DIR);
    const complete = await fs.stat(path.join(next, COMPLETE)).then(() => true, () => false);
    const current = await fs.stat(this.#dir).then(() => true, () => false);
    if (complete && !current) {
      await fs.rename(next, this.#dir);
      await syncDir(this.dataDir);
    } else {
      await fs.rm(next, { recursive: true, force: true });
    }
    for (const entry of await fs.readdir(this.dataDir)) {
      if (entry.startsWith(`${RECORDS_DIR}.old-`)) await fs.rm(path.join(this.dataDir, entry), { recursive: true, force: true });
    }
  }

  async #load(options: OpenStoreOptions): Promise<void> {
    const now = options.now ?? (() => new Date());
    const migrations = options.migrations ?? RECORD_MIGRATIONS;
    const names = (await fs.readdir(this.#dir)).filter((f) => /^[0-9a-f]{2}\.json$/.test(f));
    // One backup, of every file as it was, before any migrated file is written.
    let backup: Promise<void> | undefined;
    // First every file's version is read, and nothing written: a file from a newer version
    // refuses the whole folder before any backup is taken or any file migrated. The version is
    // at the start of every file this app writes; only a file without it is parsed whole here.
    await Promise.all(
      names.map(async (name) => {
        const file = path.join(this.#dir, name);
        const version = (await fileStart(file)).match(VERSION_AT_START)?.[1] ?? schemaVersionOf(await fs.readFile(file, 'utf8'));
        if (version !== undefined && Number(version) > this.#schemaVersion) {
          throw new WorkspaceError('too_new', `${file} was written by a newer version of the app`, { file, version: Number(version) });
        }
      }),
    );
    // Then each file is read, parsed and taken in on its own, so only a few are in memory at once.
    await Promise.all(
      names.map(async (name) => {
        const bucket = name.slice(0, 2);
        const file = path.join(this.#dir, name);
        const text = await fs.readFile(file, 'utf8');
        const parsed = parseRecordsFile(text);
        if (!parsed) return this.#setAside(file, now(), text);
        if (parsed.schemaVersion > this.#schemaVersion) {
          throw new WorkspaceError('too_new', `${file} was written by a newer version of the app`, { file, version: parsed.schemaVersion });
        }
        const migrated = parsed.schemaVersion < this.#schemaVersion;
        if (migrated) {
          backup ??= (async () => options.beforeMigration?.())();
          await backup;
        }
        const current = migrateRecordsFile(parsed, this.#schemaVersion, migrations);
        const named = current && textsOfFile(current, text);
        if (!current || !named) return this.#setAside(file, now(), text);
        const texts = await BlobFiles.read(new Set(named), [this.#blobs.dir]);
        // A named text missing or altered is written again the next time a record names it.
        for (const hash of named) if (!texts.has(hash)) this.#blobs.forget(hash);
        const records = readRecords(current, texts, this.#strings);
        if (!records || records.some((r) => bucketOf(r.id) !== bucket)) return this.#setAside(file, now(), text);
        const members = new Map<string, SyncRecord>();
        for (const record of records) {
          members.set(record.id, record);
          this.records.set(record.id, record);
        }
        this.#members.set(bucket, members);
        if (migrated) {
          const out = this.#writer.file(records, this.#schemaVersion);
          await this.#blobs.ensure(out.texts);
          await writeFileDurably(file, out.text);
          this.#blobs.named(bucket, new Set(out.texts.keys()));
        } else {
          this.#blobs.named(bucket, new Set(named));
        }
      }),
    );
    // Texts no file names: left by a crash between a text and its bucket, or named only by a
    // file set aside (which took copies of them along).
    await this.#sweep();
  }

  /** Removes unnamed texts, unless an interrupted all-or-nothing write may still name them. */
  async #sweep(): Promise<void> {
    for (const folder of [JOURNAL_DIR, NEXT_DIR]) {
      if (await fs.stat(path.join(this.dataDir, folder, COMPLETE)).then(() => true, () => false)) return;
    }
    await this.#blobs.sweep();
  }

  /**
   * Moves a damaged file to corrupt/ (never deleted), with copies of the long texts it names
   * beside it (found in its text even when it no longer parses), so it can still be read whole.
   */
  async #setAside(file: string, now: Date, text: string): Promise<void> {
    const dir = path.join(this.dataDir, CORRUPT_DIR);
    await fs.mkdir(dir, { recursive: true });
    const base = `${path.basename(file, '.json')}.${stamp(now)}`;
    const named = new Set(textsNamedIn(text));
    if (named.size > 0) {
      const texts = path.join(dir, `${base}.texts`);
      await fs.mkdir(texts, { recursive: true });
      for (const hash of named) await fs.copyFile(path.join(this.#blobs.dir, blobName(hash)), path.join(texts, blobName(hash))).catch(() => undefined);
    }
    const target = path.join(dir, `${base}.json`);
    await fs.rename(file, target);
    await syncDir(this.#dir);
    this.notices.push({ code: 'records_corrupt', file: target });
  }

  get(id: string): SyncRecord | undefined {
    return this.records.get(id);
  }

  /**
   * Puts records in memory at once and resolves when they are durable on disk. When the write
   * fails (a full disk), memory is put back as it was: what the caller was told failed is not
   * written later behind its back. `gate`: the files are not written before it resolves (the
   * edit counter reserved durably past every dot in them); memory changes at once all the same,
   * so two edits of one record made in the same moment build on each other.
   */
  commit(records: readonly SyncRecord[], gate?: Promise<void>): Promise<void> {
    if (gate) {
      // Marked handled here: a later commit's gate may replace it before a flush awaits it.
      gate.catch(() => undefined);
      this.#gate = gate;
    }
    for (const record of records) {
      if (!this.#before.has(record.id)) this.#before.set(record.id, this.records.get(record.id));
      this.#put(record);
    }
    this.#announce(records.map((r) => r.id));
    return this.#requestFlush();
  }

  /** Puts a record back to an earlier version, or removes it when it had none. */
  #restore(id: string, version: SyncRecord | undefined): void {
    if (version) {
      this.records.set(id, version);
      this.#members.get(bucketOf(id))?.set(id, version);
    } else {
      this.records.delete(id);
      this.#members.get(bucketOf(id))?.delete(id);
    }
    this.#announce([id]);
  }

  #put(record: SyncRecord): void {
    const name = bucketOf(record.id);
    this.records.set(record.id, record);
    let bucket = this.#members.get(name);
    if (!bucket) this.#members.set(name, (bucket = new Map()));
    bucket.set(record.id, record);
    this.#dirty.add(name);
  }

  /**
   * Group commit: every write made while a flush runs waits for the next one, and all of them
   * share it; a burst of edits costs one write per touched file, not one per edit.
   */
  #requestFlush(): Promise<void> {
    this.#next ??= (async () => {
      await this.#running?.catch(() => undefined);
      await new Promise((resolve) => setImmediate(resolve));
      this.#next = null;
      const run = this.#exclusive(() => this.#writeDirty());
      this.#running = run;
      try {
        await run;
      } finally {
        if (this.#running === run) this.#running = null;
      }
    })();
    return this.#next;
  }

  async #writeDirty(): Promise<void> {
    const names = [...this.#dirty];
    this.#dirty.clear();
    // What this flush carries: each record as written now, and the version to go back to.
    const carried = [...this.#before].map(([id, before]) => ({ id, before, written: this.records.get(id) }));
    this.#before = new Map();
    const gate = this.#gate;
    const results = await Promise.allSettled(
      names.map(async (name) => {
        await gate;
        const out = this.#writer.file(this.#members.get(name)?.values() ?? [], this.#schemaVersion);
        await this.#blobs.ensure(out.texts);
        await writeFileDurably(path.join(this.#dir, `${name}.json`), out.text);
        this.#blobs.named(name, new Set(out.texts.keys()));
      }),
    );
    await this.#sweep();
    const failure = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (!failure) return;
    // A gate that failed held back this flush only: the records it carried go back below.
    if (this.#gate === gate) this.#gate = Promise.resolve();
    // Every caller of this flush is told it failed, so none of their records stays in memory.
    for (const { id, before, written } of carried) {
      if (this.records.get(id) === written) this.#restore(id, before);
      // Changed again since (a write still waiting): if that one fails too, it goes back to the
      // version on disk, not to this one that never reached it.
      else if (this.#before.has(id)) this.#before.set(id, before);
    }
    // A file this flush did replace holds records memory no longer has: it is rewritten from
    // memory at once. A file that failed is unchanged on disk (each write is atomic) and matches
    // memory again, so it needs no write: closing the app on a full disk then still succeeds.
    const replaced = names.filter((_, i) => results[i]!.status === 'fulfilled');
    for (const name of replaced) this.#dirty.add(name);
    if (replaced.length > 0) this.#requestFlush().catch(() => undefined);
    throw failure.reason;
  }

  /** Waits for every pending write (quit, backup, export). */
  async flush(): Promise<void> {
    while (this.#next || this.#running || this.#dirty.size > 0) {
      await (this.#next ?? this.#running ?? this.#requestFlush());
    }
  }

  /**
   * Runs `task` with the bucket files of the workspace as they are on disk now (for a backup) and
   * a function giving the long texts a copied bucket names; no text is removed while it runs.
   */
  async withFiles<T>(task: (files: string[], needs: (data: Buffer) => string[]) => Promise<T>): Promise<T> {
    await this.flush();
    return this.#blobs.hold(async () => {
      const files = await this.#exclusive(async () => (await fs.readdir(this.#dir)).filter((f) => /^[0-9a-f]{2}\.json$/.test(f)).map((f) => path.join(this.#dir, f)));
      // Only texts that are there: a value shaped like a version's reference (an array or object
      // holding a hash, never made by the app) names a file that is not, and must not make
      // every backup fail. A text a file really names is there while the store holds the file.
      const needs = (data: Buffer) =>
        textsNamedIn(data.toString('utf8'))
          .map((hash) => path.join(this.#blobs.dir, blobName(hash)))
          .filter((file) => existsSync(file));
      return task(files, needs);
    });
  }

  /**
   * Writes records files into `dir` (a journal, or the side folder of a replace-all), a few at a
   * time so only those files' texts are in memory at once, each after the long texts it names are
   * durable. Returns the texts each file names.
   */
  async #writeFiles(dir: string, buckets: readonly [string, Iterable<SyncRecord>][]): Promise<Map<string, Set<string>>> {
    const named = new Map<string, Set<string>>();
    let next = 0;
    const worker = async () => {
      while (next < buckets.length) {
        const [name, members] = buckets[next++]!;
        const out = this.#writer.file(members, this.#schemaVersion);
        await this.#blobs.ensure(out.texts);
        await writeFileDurably(path.join(dir, `${name}.json`), out.text);
        named.set(name, new Set(out.texts.keys()));
      }
    };
    await Promise.all(Array.from({ length: Math.min(4, buckets.length) }, worker));
    return named;
  }

  /**
   * Commits many records all or nothing (an import): the new content of every touched file is
   * first written to a journal folder and sealed with a COMPLETE marker; only then are the files
   * moved into place. A crash before the marker leaves the old state; after it, opening the
   * store finishes the moves. Either way, never half an import. `extras` (the import log) are
   * files elsewhere in the data folder that move into place in the same step.
   */
  commitAtomic(records: readonly SyncRecord[], extras: readonly JournalFile[] = []): Promise<void> {
    for (const extra of extras) {
      const target = path.resolve(this.dataDir, extra.path);
      if (!target.startsWith(path.resolve(this.dataDir) + path.sep)) throw new Error(`journal file outside the data folder: ${extra.path}`);
    }
    return this.#exclusive(() => this.#commitAtomic(records, extras));
  }

  async #commitAtomic(records: readonly SyncRecord[], extras: readonly JournalFile[]): Promise<void> {
    const touched = new Set(records.map((r) => bucketOf(r.id)));
    const pending = new Map<string, Map<string, SyncRecord>>();
    for (const name of touched) pending.set(name, new Map(this.#members.get(name) ?? []));
    for (const record of records) pending.get(bucketOf(record.id))!.set(record.id, record);
    const journal = path.join(this.dataDir, JOURNAL_DIR);
    await fs.rm(journal, { recursive: true, force: true });
    await fs.mkdir(journal, { recursive: true });
    // The texts first: once the journal is sealed, every file it moves into place must be readable.
    const named = await this.#writeFiles(journal, [...pending].map(([name, members]) => [name, members.values()]));
    const files = extras.map((extra, index) => ({ name: `x${index}.file`, path: extra.path }));
    await Promise.all(extras.map((extra, index) => writeFileDurably(path.join(journal, files[index]!.name), extra.content)));
    await writeFileDurably(path.join(journal, COMPLETE), files.length > 0 ? JSON.stringify({ files }) : '');
    await this.#redoJournal();
    for (const [name, texts] of named) this.#blobs.named(name, texts);
    await this.#sweep();
    // In memory only now; the files already hold these records. A group commit that was waiting
    // rewrites its buckets from memory afterwards, so nothing it acknowledges is lost.
    for (const record of records) {
      const name = bucketOf(record.id);
      this.records.set(record.id, record);
      const members = this.#members.get(name);
      if (members) members.set(record.id, record);
      else this.#members.set(name, new Map([[record.id, record]]));
    }
    this.#announce(records.map((r) => r.id));
  }

  /** Moves a sealed journal's files into place (idempotent), or drops an unsealed one. */
  async #redoJournal(): Promise<void> {
    const journal = path.join(this.dataDir, JOURNAL_DIR);
    const marker = await fs.readFile(path.join(journal, COMPLETE), 'utf8').then((text) => text, () => null);
    if (marker !== null) {
      await fs.mkdir(this.#dir, { recursive: true });
      for (const file of (await fs.readdir(journal)).filter((f) => f.endsWith('.json'))) {
        await fs.rename(path.join(journal, file), path.join(this.#dir, file));
      }
      await syncDir(this.#dir);
      let manifest: ReturnType<typeof JournalManifest.safeParse> | null = null;
      try {
        manifest = marker ? JournalManifest.safeParse(JSON.parse(marker)) : null;
      } catch {
        // Written whole (temporary file, rename), so only a hand-made marker can be unreadable.
      }
      const dirs = new Set<string>();
      for (const file of manifest?.success ? manifest.data.files : []) {
        const target = path.resolve(this.dataDir, file.path);
        if (!target.startsWith(path.resolve(this.dataDir) + path.sep)) continue;
        const source = path.join(journal, file.name);
        // Already moved by an earlier, interrupted redo: nothing left to do for this one.
        if (!(await fs.stat(source).then(() => true, () => false))) continue;
        await fs.mkdir(path.dirname(target), { recursive: true });
        await fs.rename(source, target);
        dirs.add(path.dirname(target));
      }
      for (const dir of dirs) await syncDir(dir);
    }
    await fs.rm(journal, { recursive: true, force: true });
  }

  /**
   * Replaces every record at once, all or nothing: the new files are written to a side folder,
   * made durable, then swapped in with two renames (an interrupted swap is finished on open).
   */
  async replaceAll(records: Iterable<SyncRecord>): Promise<void> {
    await this.flush();
    return this.#exclusive(() => this.#replaceAll(records));
  }

  async #replaceAll(records: Iterable<SyncRecord>): Promise<void> {
    const next = path.join(this.dataDir, NEXT_DIR);
    await fs.rm(next, { recursive: true, force: true });
    await fs.mkdir(next, { recursive: true });
    const byBucket = new Map<string, SyncRecord[]>();
    for (const record of records) {
      const name = bucketOf(record.id);
      const list = byBucket.get(name);
      if (list) list.push(record);
      else byBucket.set(name, [record]);
    }
    const named = await this.#writeFiles(next, [...byBucket]);
    await writeFileDurably(path.join(next, COMPLETE), '');
    const old = path.join(this.dataDir, `${RECORDS_DIR}.old-${Date.now()}`);
    await fs.rename(this.#dir, old);
    await fs.rename(next, this.#dir);
    await syncDir(this.dataDir);
    await fs.rm(path.join(this.#dir, COMPLETE), { force: true });
    await fs.rm(old, { recursive: true, force: true });
    this.records.clear();
    this.#members.clear();
    for (const list of byBucket.values()) for (const record of list) this.#put(record);
    this.#dirty.clear();
    this.#before = new Map();
    this.#blobs.renamed(named);
    await this.#sweep();
    this.#announce(null);
  }
}
