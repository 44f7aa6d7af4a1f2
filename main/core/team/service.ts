import crypto from 'node:crypto';
import { watch, type FSWatcher } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';
import { BUNDLE_MAX_BYTES, type BundleHead, type ImportEntry } from '../../../shared/bundle/format.js';
import { joinVectors, REPLICA_ID, type VersionVector } from '../../../shared/sync/clock.js';
import { mergeRecords, type SyncRecord } from '../../../shared/sync/record.js';
import {
  MAX_TEAM_FILES,
  TEAM_DIR,
  TEAM_FILE,
  teamFileName,
  TeamProblem,
  type SyncConfigureRequest,
  type SyncRound,
  type SyncStatus,
  type TeamHead,
  type TeamProblemCode,
} from '../../../shared/team/format.js';
import { BundleError, decodeBundle, encodeBundle, sealKey, sealOf, type DecodedBundle, type SealKey } from '../bundles/codec.js';
import type { BundleService } from '../bundles/exchange.js';
import { CoreError } from '../errors.js';
import type { CoreEvents } from '../events.js';
import { removeTemporaryFiles, storageProblem, temporaryName, writeFileDurably } from '../store/durable.js';
import type { Workspace } from '../workspace.js';

/** This installation's team folder state, in the data folder (never in the team folder). */
export const TEAM_STATE = 'team.json';
type BundleCreator = ImportEntry['creator'];
const STATE_FORMAT = 'focal-point-desk/team-state';

/** A team file's name that a sync engine or a person made from one of ours: read like ours. */
const COPY = /^\d{6,15}[^\d].*\.fpsync$/i;
/** Members not heard of for this long no longer hold back compaction (they catch up from the compact file). */
const ACTIVE_MS = 30 * 24 * 3600 * 1000;
/** Rounds after local edits wait this long for more (typing), after folder changes this long. */
const EDIT_DEBOUNCE_MS = 10_000;
const FOLDER_DEBOUNCE_MS = 1500;
/** Watching is unreliable on network drives: the folder is also looked at this often. */
const POLL_MS = 60_000;
/** Rounds read at most this much per member and round; the rest comes next round. */
const MAX_FILES_PER_ROUND = 500;

const Stamp = z.object({ size: z.number(), mtimeMs: z.number() });
type Stamp = z.infer<typeof Stamp>;
const Seqs = z.array(z.number().int().positive()).max(MAX_TEAM_FILES * 2);

const TeamStateFile = z.object({
  format: z.literal(STATE_FORMAT),
  version: z.literal(1),
  folder: z.string().nullable(),
  passphrase: z.string().nullable(),
  /**
   * The team's passphrase before this installation changed it (null: the team had none): files
   * the others wrote before they change it too are still read.
   */
  previous: z.object({ passphrase: z.string().nullable() }).nullable().default(null),
  /** The salt this installation seals its files with (base64): one key derivation per run. */
  salt: z.string().nullable(),
  /** The number of the next file this installation writes. */
  nextSeq: z.number().int().positive(),
  /** Every edit of this installation up to this counter is in its files. */
  published: z.number().int().nonnegative(),
  /** The whole workspace went into this folder once (the first file). */
  everything: z.boolean(),
  /** Imports of bundles (by hand) whose records were published. */
  imports: z.array(z.string()).max(400),
  /** This installation's files in the folder: number, records held, compact. */
  written: z.array(
    z.object({
      seq: z.number().int().positive(),
      records: z.number().int().nonnegative(),
      compact: z.boolean(),
      /** The file as written: another content under its name (a sync engine's choice) is read. */
      stamp: Stamp.optional(),
    }),
  ),
  /** What this installation wrote as having read, in its last file (JSON of `seen`). */
  saidSeen: z.string(),
  /** Per member: the numbers of its files with records that were read (or replaced by a compact file read). */
  read: z.record(z.string().regex(REPLICA_ID), Seqs),
  /** Other team files read (copies sync engines made, files holding no records), by path and stamp. */
  other: z.record(z.string(), Stamp),
  /** Files set aside, by path: tried again when they change. */
  refused: z.record(z.string(), Stamp.extend({ problem: TeamProblem })),
  members: z.record(
    z.string().regex(REPLICA_ID),
    z.object({ name: z.string(), organisation: z.string(), lastSeen: z.string(), seen: z.record(z.string(), Seqs) }),
  ),
  /** All my files are to be rewritten in one (a passphrase changed, a file of mine was deleted). */
  reseal: z.boolean(),
  /** When the folder was chosen: this installation's "last seen" until its first round. */
  since: z.string().default(''),
  lastSync: z.string().nullable(),
  lastChange: z.string().nullable(),
});
type TeamState = z.infer<typeof TeamStateFile>;

const freshState = (folder: string | null, passphrase: string | null): TeamState => ({
  format: STATE_FORMAT,
  version: 1,
  folder,
  passphrase,
  previous: null,
  salt: null,
  nextSeq: 1,
  published: 0,
  everything: false,
  imports: [],
  written: [],
  saidSeen: '{}',
  read: {},
  other: {},
  refused: {},
  members: {},
  reseal: false,
  since: '',
  lastSync: null,
  lastChange: null,
});

export interface TeamFolderOptions {
  dataDir: string;
  appVersion: string;
  creator(): BundleCreator;
  events: CoreEvents;
  /** Announces the records a round changed (`records.changed`). */
  announceChanges?: () => void;
  /** Write a compact file once this many files of this installation hold records (and all have read them). */
  compactAfter?: number;
  /** How long a round waits after a local edit for more (10 s; tests shorten it). */
  editDelayMs?: number;
  now?: () => Date;
}

/** A file read from the folder, checked. */
interface ReadFile {
  member: string;
  name: string;
  stamp: Stamp;
  head: BundleHead & { team: TeamHead };
  /** How many records it holds (they are folded into the round's records as it is read). */
  count: number;
  /** A team file's own number (null for a copy). */
  seq: number | null;
}

/** What a round read: its files, and their records merged into one per id as they were read. */
interface Reading {
  member: string;
  files: ReadFile[];
  records: Map<string, SyncRecord>;
  /** Which files each record came from (to set aside, or wait for, the files behind a refusal). */
  from: Map<string, ReadFile[]>;
}

/** A file was set aside after part of it was merged into a round's reading: read again without it. */
class RereadWithout extends Error {
  constructor(readonly file: ReadFile) {
    super('read again');
  }
}

/** A plain file in a team that seals its files. */
class NotSealed extends Error {}

const sameStamp = (a: Stamp | undefined, b: Stamp) => a !== undefined && a.size === b.size && a.mtimeMs === b.mtimeMs;
const configureError = (field: 'folder' | 'passphrase', code: TeamProblemCode) =>
  new CoreError('invalid_request', `team folder refused: ${code}`, [{ path: [field], message: `errors:team.${code}` }]);

/** What a file system error means for the folder, as a problem the status can show. */
function folderProblem(error: unknown): TeamProblemCode | null {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === 'ENOENT') return 'folder_missing';
  if (code === 'ENOTDIR') return 'not_a_folder';
  const storage = storageProblem(error);
  if (storage === 'disk_full') return 'disk_full';
  if (storage === 'read_only') return 'folder_read_only';
  return null;
}

/**
 * The team folder (docs/team-folder.md): this installation's changes written there as files of
 * its own, each written once; the other members' files read through the same checks as a
 * bundle and merged; its own files compacted once the others have read them.
 */
export class TeamFolder {
  #state: TeamState;
  #running: Promise<SyncRound> | null = null;
  #busy = false;
  #problems: TeamProblem[] = [];
  #keys = new Map<string, Map<string, Buffer>>();
  #seal: SealKey | null = null;
  #watcher: FSWatcher | null = null;
  #poll: NodeJS.Timeout | null = null;
  #timer: NodeJS.Timeout | null = null;
  #watching = false;
  #closed = false;
  #unsubscribe: (() => void) | null = null;
  /**
   * Until this installation's first file: what the folder holds of each record it read (the
   * version vectors of the versions read), so that the first file does not send it back.
   */
  #inFolder = new Map<string, VersionVector>();
  /** Set while this service commits what it read: those changes are not local edits to publish. */
  #merging = false;

  private constructor(
    private readonly workspace: Workspace,
    private readonly bundles: BundleService,
    private readonly options: TeamFolderOptions,
    state: TeamState,
  ) {
    this.#state = state;
  }

  static async open(workspace: Workspace, bundles: BundleService, options: TeamFolderOptions): Promise<TeamFolder> {
    let state = freshState(null, null);
    try {
      const parsed = TeamStateFile.safeParse(JSON.parse(await fs.readFile(path.join(options.dataDir, TEAM_STATE), 'utf8')));
      // A damaged state file costs a re-read of the folder, never a record: merging is idempotent.
      if (parsed.success) state = parsed.data;
      else state = freshState(null, null);
    } catch {
      // None yet, or unreadable: as above.
    }
    return new TeamFolder(workspace, bundles, options, state);
  }

  get #now(): Date {
    return (this.options.now ?? (() => new Date()))();
  }

  get #me(): string {
    return this.options.creator().replicaId;
  }

  status(): SyncStatus {
    const state = this.#state;
    const me = this.options.creator();
    const members = Object.entries(state.members)
      .filter(([id]) => id !== me.replicaId)
      .map(([replicaId, m]) => ({ replicaId, name: m.name, organisation: m.organisation, lastSeen: m.lastSeen, me: false }))
      .sort((a, b) => (a.lastSeen < b.lastSeen ? 1 : a.lastSeen > b.lastSeen ? -1 : 0));
    const problems = [...this.#problems, ...Object.entries(state.refused).map(([, r]) => r.problem)];
    return {
      folder: state.folder,
      encrypted: state.folder !== null && state.passphrase !== null,
      state: state.folder === null ? 'off' : this.#busy ? 'syncing' : problems.length > 0 ? 'problem' : 'idle',
      lastSync: state.lastSync,
      lastChange: state.lastChange,
      members:
        state.folder === null
          ? []
          : [{ replicaId: me.replicaId, name: me.name, organisation: me.organisation, lastSeen: state.lastSync ?? state.since, me: true }, ...members],
      problems,
    };
  }

  #announce(): void {
    this.options.events.emit('sync.status', this.status());
  }

  #stateFile(): { path: string; content: string } {
    return { path: TEAM_STATE, content: JSON.stringify(this.#state) };
  }

  async #saveState(): Promise<void> {
    await writeFileDurably(path.join(this.options.dataDir, TEAM_STATE), JSON.stringify(this.#state));
  }

  /** Chooses the folder (and passphrase), or stops with null. Checks first; changes nothing when refused. */
  async configure(request: SyncConfigureRequest): Promise<SyncStatus> {
    await this.#running?.catch(() => undefined);
    if (request.folder === null) {
      this.#stopWatching();
      this.#state = freshState(null, null);
      this.#problems = [];
      await this.#saveState();
      this.#announce();
      return this.status();
    }
    const folder = request.folder;
    if (!path.isAbsolute(folder)) throw configureError('folder', 'folder_missing');
    let real: string;
    try {
      const stat = await fs.stat(folder);
      if (!stat.isDirectory()) throw configureError('folder', 'not_a_folder');
      real = await fs.realpath(folder);
    } catch (error) {
      if (error instanceof CoreError) throw error;
      throw configureError('folder', folderProblem(error) ?? 'folder_missing');
    }
    const data = await fs.realpath(this.options.dataDir);
    // One inside the other: the sync engine would carry the data folder's own files between
    // computers (or the app would read its own records as the team's).
    const within = (inner: string, outer: string) => inner === outer || inner.startsWith(outer.endsWith(path.sep) ? outer : outer + path.sep);
    if (within(real, data) || within(data, real)) throw configureError('folder', 'inside_data');
    const passphrase = request.passphrase ?? null;
    const old = this.#state;
    // Changing the passphrase of the folder this installation already reads needs no check (it
    // holds the old one): the team changes it one member after another.
    if (old.folder !== folder) await this.#checkPassphrase(path.join(folder, TEAM_DIR), passphrase);
    // Writable: this installation's own subfolder, and a file in it.
    const mine = path.join(folder, TEAM_DIR, this.#me);
    try {
      await fs.mkdir(mine, { recursive: true });
      const probe = temporaryName(mine, 'probe');
      await fs.writeFile(probe, '');
      await fs.rm(probe, { force: true });
    } catch (error) {
      throw configureError('folder', folderProblem(error) ?? 'folder_read_only');
    }
    if (old.folder === folder && old.passphrase === passphrase) {
      // Nothing changes: the same folder chosen again.
    } else if (old.folder === folder) {
      // A new passphrase: everything this installation wrote is sealed again with it, and what
      // was set aside for want of the right one is tried again.
      this.#state = { ...old, passphrase, previous: { passphrase: old.passphrase }, salt: null, refused: {}, reseal: true };
    } else {
      this.#state = freshState(folder, passphrase);
      this.#state.since = this.#now.toISOString();
      // This installation may have written here before (chosen, stopped, chosen again): those
      // files are its own, compacted in time like any other.
      const seqs = (await fs.readdir(mine)).map((n) => Number(TEAM_FILE.exec(n)?.[1] ?? 0)).filter((n) => n > 0);
      this.#state.written = seqs.sort((a, b) => a - b).map((seq) => ({ seq, records: 1, compact: false }));
      this.#state.nextSeq = Math.max(0, ...seqs) + 1;
    }
    this.#keys = new Map();
    this.#seal = null;
    this.#problems = [];
    await this.#saveState();
    this.#announce();
    if (this.#watching) {
      this.#watch();
      this.#schedule(0);
    }
    return this.status();
  }

  async #highestSeq(dir: string): Promise<number> {
    const names = await fs.readdir(dir).catch(() => [] as string[]);
    return names.reduce((high, name) => Math.max(high, Number(TEAM_FILE.exec(name)?.[1] ?? 0)), 0);
  }

  /**
   * The passphrase must open the team's recent files, and a team without one takes none. Any of
   * the newest files that agrees is enough (while the team changes its passphrase, some are
   * sealed with the old one); the smallest are tried first, and only their seal is read.
   */
  async #checkPassphrase(teamDir: string, passphrase: string | null): Promise<void> {
    const members = (await fs.readdir(teamDir).catch(() => [] as string[])).filter((n) => REPLICA_ID.test(n));
    const files: { file: string; mtimeMs: number; size: number }[] = [];
    for (const member of members) {
      const dir = path.join(teamDir, member);
      for (const name of await fs.readdir(dir).catch(() => [] as string[])) {
        if (!TEAM_FILE.test(name)) continue;
        const stat = await fs.lstat(path.join(dir, name)).catch(() => null);
        if (stat?.isFile() && stat.size <= BUNDLE_MAX_BYTES) files.push({ file: path.join(dir, name), mtimeMs: stat.mtimeMs, size: stat.size });
      }
    }
    const recent = files.sort((a, b) => b.mtimeMs - a.mtimeMs).slice(0, 8).sort((a, b) => a.size - b.size);
    let refusal: TeamProblemCode | null = null;
    for (const { file } of recent) {
      const bytes = await fs.readFile(file).catch(() => null);
      if (!bytes) continue;
      // Damaged files say nothing about the passphrase.
      const seal = sealOf(bytes, passphrase ?? undefined);
      if (seal === 'damaged') continue;
      if ((seal === 'plain' && passphrase === null) || seal === 'opens') return;
      refusal ??= seal === 'plain' ? 'not_encrypted' : passphrase === null ? 'needs_passphrase' : 'wrong_passphrase';
    }
    if (refusal) throw configureError('passphrase', refusal);
  }

  /**
   * A backup was restored: the workspace went back, and the team's files are read again from the
   * start, so that what the others had (newer) comes back in the next round as it does for them.
   */
  async restored(): Promise<void> {
    await this.#running?.catch(() => undefined);
    if (this.#state.folder === null) return;
    this.#state = { ...this.#state, read: {}, other: {}, refused: {}, saidSeen: '{}' };
    await this.#saveState();
    this.#schedule(0);
  }

  /** One round now (waits for one already running, then runs another if asked meanwhile). */
  syncNow(): Promise<SyncRound> {
    if (this.#state.folder === null) return Promise.reject(new CoreError('not_found', 'no team folder is chosen'));
    if (this.#running) {
      return this.#running.catch(() => undefined).then(() => this.syncNow());
    }
    const run = this.#round().finally(() => {
      this.#running = null;
    });
    this.#running = run;
    return run;
  }

  async #round(): Promise<SyncRound> {
    this.#busy = true;
    this.#announce();
    const result = { wrote: 0, read: 0, changed: 0, published: 0 };
    try {
      await this.#roundIn(this.#state.folder!, result);
    } catch (error) {
      const code = folderProblem(error);
      if (!code) throw error;
      this.#problems.push({ code });
    } finally {
      this.#busy = false;
    }
    if (this.#problems.length === 0) this.#state.lastSync = this.#now.toISOString();
    await this.#saveState().catch(() => undefined);
    this.#announce();
    if (result.changed > 0) this.options.announceChanges?.();
    return { status: this.status(), ...result };
  }

  async #roundIn(folder: string, result: Omit<SyncRound, 'status'>): Promise<void> {
    this.#problems = [];
    const stat = await fs.stat(folder).catch(() => null);
    if (!stat) {
      this.#problems.push({ code: 'folder_missing' });
      return;
    }
    if (!stat.isDirectory()) {
      this.#problems.push({ code: 'not_a_folder' });
      return;
    }
    const state = this.#state;
    const teamDir = path.join(folder, TEAM_DIR);
    const myDir = path.join(teamDir, this.#me);
    await fs.mkdir(myDir, { recursive: true });
    await removeTemporaryFiles(myDir);
    // This installation's files must all be there: one deleted by someone is written again (in
    // a compact file), since a member joining later would miss what it held.
    const myNames = new Set(await fs.readdir(myDir));
    if (state.written.some((w) => !myNames.has(teamFileName(w.seq)))) state.reseal = true;

    const entries = await fs.readdir(teamDir, { withFileTypes: true });
    const members = entries.filter((e) => e.isDirectory() && REPLICA_ID.test(e.name)).map((e) => e.name).sort();
    const present = new Set<string>();
    const changed = new Set<string>();
    // Member by member, each in one durable step logged as that member's (so that undo takes
    // back one member's changes), holding one member's records at a time. A file whose record
    // hangs under a parent that has not arrived waits; another pass takes it once a later
    // member brought the parent.
    for (let pass = 0; pass < 3; pass++) {
      const waiting = new Set<string>();
      let progress = false;
      for (const member of members) {
        for (let attempt = 0; attempt < 10; attempt++) {
          let reading: Reading;
          try {
            reading = await this.#readMember(teamDir, member, waiting, present);
          } catch (error) {
            if (error instanceof RereadWithout) continue;
            throw error;
          }
          const merged = await this.#merge(reading, waiting);
          if (merged === null) continue;
          result.read += reading.files.length;
          for (const id of merged) changed.add(id);
          progress ||= merged.length > 0;
          break;
        }
      }
      if (waiting.size === 0 || !progress) break;
    }
    // Records, not commits: one brought by two members counts once.
    result.changed = changed.size;
    // Forget what is no longer there (a member's compacted files, deleted copies).
    for (const key of Object.keys(state.other)) if (!present.has(key)) delete state.other[key];
    for (const key of Object.keys(state.refused)) if (!present.has(key)) delete state.refused[key];
    // The members as the round listed them: whose edits are published by their own files.
    const writers = new Set(members);
    await this.#compactIfDue(myDir, writers, result);
    await this.#publish(myDir, writers, result);
  }

  /** Reads one member's files not read yet, in their order. */
  async #readMember(teamDir: string, member: string, waiting: ReadonlySet<string>, present: Set<string>): Promise<Reading> {
    const state = this.#state;
    const reading: Reading = { member, files: [], records: new Map(), from: new Map() };
    const dir = path.join(teamDir, member);
    const own = member === this.#me;
    const written = new Map(state.written.map((w) => [w.seq, w.stamp]));
    const read = new Set(state.read[member] ?? []);
    const names = (await fs.readdir(dir).catch(() => [] as string[])).filter((n) => !n.startsWith('.') && !n.startsWith('~'));
    const candidates: { name: string; seq: number | null }[] = [];
    for (const name of names) {
      const proper = TEAM_FILE.exec(name);
      if (proper) {
        const seq = Number(proper[1]);
        // In this installation's own folder, a file it did not write (left by a crash between
        // the rename and the state, or written by a copy of this data folder) is read like a
        // copy: it changes nothing if it is this installation's own.
        if (own) {
          if (written.has(seq)) {
            // Still the file this installation wrote? A sync engine may have put another
            // installation's file of the same name there (a copied data folder), keeping this
            // one as a conflicted copy: then what is under the name is read like a copy.
            const was = written.get(seq);
            const now = was && (await fs.lstat(path.join(dir, name)).catch(() => null));
            if (!was || !now || sameStamp(was, { size: now.size, mtimeMs: now.mtimeMs })) continue;
          }
          state.nextSeq = Math.max(state.nextSeq, seq + 1);
          candidates.push({ name, seq: null });
        } else if (!read.has(seq)) candidates.push({ name, seq });
        else present.add(`${member}/${name}`);
      } else if (COPY.test(name)) candidates.push({ name, seq: null });
    }
    candidates.sort((a, b) => (a.seq ?? Infinity) - (b.seq ?? Infinity) || (a.name < b.name ? -1 : 1));
    for (const { name, seq } of candidates.slice(0, MAX_FILES_PER_ROUND)) {
      const key = `${member}/${name}`;
      present.add(key);
      if (waiting.has(key)) continue;
      const file = path.join(dir, name);
      // Not followed: a link could name any file of this computer (or a device that never ends).
      const info = await fs.lstat(file).catch(() => null);
      if (!info?.isFile()) {
        present.delete(key);
        continue;
      }
      const stamp = { size: info.size, mtimeMs: info.mtimeMs };
      if (sameStamp(state.refused[key], stamp) || (seq === null && sameStamp(state.other[key], stamp))) continue;
      delete state.refused[key];
      const got =
        info.size > BUNDLE_MAX_BYTES
          ? { problem: { code: 'file_refused' as const, file: key, bundle: { code: 'too_large' as const, bytes: info.size, limit: BUNDLE_MAX_BYTES } } }
          : await this.#readFile(member, name, seq, stamp, file);
      if ('gone' in got) present.delete(key);
      else if ('problem' in got) state.refused[key] = { ...stamp, problem: got.problem };
      else this.#fold(reading, got.file, got.records);
    }
    return reading;
  }

  /**
   * Adds a file's records to what the round read, merged per id, and lets them go: a member
   * joining late reads every member's compact file, which together would otherwise all be held.
   * A compact file whose every replaced file was read already holds nothing new here: only its
   * head counts. A record whose kind differs from the same id's in another file sets the file aside.
   */
  #fold(reading: Reading, file: ReadFile, records: SyncRecord[]): void {
    const replaces = file.head.team.replaces;
    const known = this.#state.read[file.member] ?? [];
    if (!(replaces && replaces.every((seq) => known.includes(seq)))) {
      for (const record of records) {
        const other = reading.records.get(record.id);
        if (other && other.kind !== record.kind) {
          this.#setAside(file, { code: 'file_refused', file: `${file.member}/${file.name}`, bundle: { code: 'kind_mismatch', id: record.id } });
          // What this file already merged in is left out by reading again without it.
          throw new RereadWithout(file);
        }
      }
      for (const record of records) {
        const other = reading.records.get(record.id);
        reading.records.set(record.id, other ? mergeRecords(other, record) : record);
        const from = reading.from.get(record.id);
        if (from) from.push(file);
        else reading.from.set(record.id, [file]);
      }
    }
    reading.files.push(file);
  }

  async #readFile(
    member: string,
    name: string,
    seq: number | null,
    stamp: Stamp,
    file: string,
  ): Promise<{ file: ReadFile; records: SyncRecord[] } | { problem: TeamProblem } | { gone: true }> {
    const where = `${member}/${name}`;
    const refuse = (problem: TeamProblem) => ({ problem });
    let bytes: Buffer;
    try {
      bytes = await fs.readFile(file);
    } catch (error) {
      // Gone since the folder was listed (compacted, deleted by someone): nothing to read.
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { gone: true };
      return refuse({ code: 'file_refused', file: where, bundle: { code: 'truncated' } });
    }
    try {
      const decoded = this.#decode(bytes);
      const head = decoded.head;
      if (head.scope.type !== 'team' || !head.team) return refuse({ code: 'file_refused', file: where, bundle: { code: 'wrong_format' } });
      if (head.creator.replicaId !== member) return refuse({ code: 'file_refused', file: where, bundle: { code: 'invalid', path: ['creator', 'replicaId'] } });
      if (seq !== null && head.team.seq !== seq) return refuse({ code: 'file_refused', file: where, bundle: { code: 'invalid', path: ['team', 'seq'] } });
      return { file: { member, name, stamp, head: head as ReadFile['head'], count: decoded.records.length, seq }, records: decoded.records };
    } catch (error) {
      if (error instanceof NotSealed) return refuse({ code: 'not_encrypted', file: where });
      if (!(error instanceof BundleError)) throw error;
      const code = error.problem.code;
      if (code === 'needs_passphrase' || code === 'wrong_passphrase' || code === 'too_new') return refuse({ code, file: where });
      return refuse({ code: 'file_refused', file: where, bundle: error.problem });
    }
  }

  /**
   * A file as the team's passphrase opens it, or the previous one while the team changes it. With
   * a passphrase, a plain file is refused (`not_encrypted`): the seal is also what tells the
   * team's files from anything else dropped in the folder.
   */
  #decode(bytes: Uint8Array): DecodedBundle {
    const state = this.#state;
    const accepted = [state.passphrase, ...(state.previous ? [state.previous.passphrase] : [])];
    const sealed = accepted.filter((p): p is string => p !== null);
    let decoded: DecodedBundle | null = null;
    for (const [index, passphrase] of (sealed.length > 0 ? sealed : [undefined]).entries()) {
      try {
        decoded = decodeBundle(bytes, { passphrase, keys: this.#keysFor(passphrase) });
        break;
      } catch (error) {
        const last = index === Math.max(0, sealed.length - 1);
        if (last || !(error instanceof BundleError) || error.problem.code !== 'wrong_passphrase') throw error;
      }
    }
    if (!decoded!.encrypted && !accepted.includes(null)) throw new NotSealed();
    return decoded!;
  }

  /** Derived keys, one cache per passphrase. */
  #keysFor(passphrase: string | undefined): Map<string, Buffer> {
    const known = this.#keys.get(passphrase ?? '');
    if (known) return known;
    const keys = new Map<string, Buffer>();
    this.#keys.set(passphrase ?? '', keys);
    return keys;
  }

  /**
   * Merges what was read, in one durable step with the state saying it was read. A file that
   * cannot go in (a record of another kind here) is set aside; one whose records hang under a
   * parent not arrived yet is left for a later round.
   */
  /**
   * Merges what was read, in one durable step with the state that says it was read. Returns the
   * records that changed, or null when a file had to be left out (set aside: a record of another
   * kind here; or waiting: a record whose parent has not arrived) and the round must read again.
   */
  async #merge(reading: Reading, waiting: Set<string>): Promise<string[] | null> {
    if (reading.files.length === 0) return [];
    const next = this.#afterReading(reading.files);
    // The member's own words about itself: its newest file's.
    const creator = reading.files.reduce((a, b) => (a.head.createdAt >= b.head.createdAt ? a : b)).head.creator;
    const saved = this.#state;
    this.#state = next;
    this.#merging = true;
    try {
      // Before its first file, what the folder already holds, so that the first file leaves it out.
      if (!saved.everything) for (const [id, record] of reading.records) this.#inFolder.set(id, joinVectors(this.#inFolder.get(id) ?? {}, record.vv));
      const outcome = await this.bundles.receive(
        [...reading.records.values()],
        { bundleId: `team:${creator.replicaId}:${uuidv7()}`, creator, createdAt: this.#now.toISOString() },
        [this.#stateFile()],
      );
      if (outcome.changed.length > 0) this.#state.lastChange = this.#now.toISOString();
      if (reading.member === this.#me) {
        // A file in this installation's own folder that brought something it did not have: another
        // installation writes under its identity (a copied data folder). Said; what it held is kept.
        for (const id of outcome.changed) {
          for (const f of reading.from.get(id) ?? []) {
            const file = `${f.member}/${f.name}`;
            if (!this.#problems.some((p) => p.code === 'same_identity' && p.file === file)) this.#problems.push({ code: 'same_identity', file });
          }
        }
      }
      return outcome.changed;
    } catch (error) {
      this.#state = saved;
      if (!(error instanceof CoreError) || !error.bundle?.id) throw error;
      const culprits = reading.from.get(error.bundle.id) ?? [];
      if (culprits.length === 0) throw error;
      for (const f of culprits) {
        if (error.bundle.code === 'kind_mismatch') this.#setAside(f, { code: 'file_refused', file: `${f.member}/${f.name}`, bundle: error.bundle });
        else waiting.add(`${f.member}/${f.name}`);
      }
      return null;
    } finally {
      this.#merging = false;
    }
  }

  #setAside(file: ReadFile, problem: TeamProblem): void {
    this.#state.refused[`${file.member}/${file.name}`] = { ...file.stamp, problem };
  }

  /** The state once these files are read: what each member's files say, and which were read. */
  #afterReading(files: readonly ReadFile[]): TeamState {
    const state: TeamState = structuredClone(this.#state);
    for (const file of files) {
      const key = `${file.member}/${file.name}`;
      if (file.seq === null || file.count === 0) {
        state.other[key] = file.stamp;
        if (file.seq === null) continue;
      }
      if (file.count > 0 || file.head.team.replaces) {
        const read = new Set(state.read[file.member] ?? []);
        for (const s of file.head.team.replaces ?? []) read.delete(s);
        read.add(file.seq);
        state.read[file.member] = [...read].sort((a, b) => a - b);
      }
      const known = state.members[file.member];
      if (!known || known.lastSeen <= file.head.createdAt) {
        state.members[file.member] = {
          name: file.head.creator.name,
          organisation: file.head.creator.organisation,
          lastSeen: file.head.createdAt,
          seen: file.head.team.seen,
        };
      }
    }
    return state;
  }

  #sealKey(): SealKey | undefined {
    const passphrase = this.#state.passphrase;
    if (passphrase === null) return undefined;
    if (!this.#seal) {
      const salt = this.#state.salt ? Buffer.from(this.#state.salt, 'base64') : crypto.randomBytes(16);
      this.#seal = sealKey(passphrase, salt);
      this.#state.salt = salt.toString('base64');
    }
    return this.#seal;
  }

  /** What this installation has read of each member, as its files say it. */
  #seen(): Record<string, number[]> {
    const seen: Record<string, number[]> = {};
    for (const [member, seqs] of Object.entries(this.#state.read)) if (seqs.length > 0) seen[member] = seqs.slice(-MAX_TEAM_FILES);
    return seen;
  }

  /** Writes one file of this installation: a temporary name, flushed, renamed, the folder flushed. */
  async #write(myDir: string, records: SyncRecord[], replaces?: number[]): Promise<number> {
    const state = this.#state;
    const seq = state.nextSeq;
    const team: TeamHead = { seq, counter: this.workspace.written.counter, seen: this.#seen(), ...(replaces ? { replaces } : {}) };
    const content = encodeBundle({
      head: {
        bundleId: uuidv7(),
        creator: this.options.creator(),
        createdAt: this.#now.toISOString(),
        appVersion: this.options.appVersion,
        scope: { type: 'team' },
        team,
        note: '',
      },
      records,
      seal: this.#sealKey(),
    });
    const file = path.join(myDir, teamFileName(seq));
    // A file of that name already there (written under this identity by a copied data folder)
    // is never overwritten: the next free number is taken. Checked, not linked: USB sticks'
    // and network drives' file systems often have no hard links.
    if (await fs.stat(file).then(() => true, () => false)) {
      state.nextSeq = Math.max(seq, await this.#highestSeq(myDir)) + 1;
      return this.#write(myDir, records, replaces);
    }
    // Readable by the team's other accounts where the folder is shared between them.
    await writeFileDurably(file, content, { mode: 0o644 });
    const info = await fs.lstat(file);
    state.nextSeq = seq + 1;
    state.written.push({ seq, records: records.length, compact: replaces !== undefined, stamp: { size: info.size, mtimeMs: info.mtimeMs } });
    state.saidSeen = JSON.stringify(team.seen);
    return seq;
  }

  /**
   * Replaces this installation's files with one, once every active member has read them (or
   * they have grown too many, or one was deleted, or the passphrase changed). The compact file
   * holds every record this installation is the source of in the folder: those it edited, and
   * those whose editors write no files here (brought in from bundles).
   */
  async #compactIfDue(myDir: string, members: ReadonlySet<string>, result: Omit<SyncRound, 'status'>): Promise<void> {
    const state = this.#state;
    const me = this.#me;
    const withRecords = state.written.filter((w) => w.records > 0 || w.compact);
    // Files since the last compact file: the compact file itself does not count towards the next.
    const since = withRecords.filter((w) => !w.compact).length;
    const after = this.options.compactAfter ?? 20;
    if (!state.everything) return;
    let due = state.reseal || since >= after * 10;
    if (!due && since >= after) {
      const now = this.#now.getTime();
      due = Object.entries(state.members).every(
        ([id, m]) => id === me || now - Date.parse(m.lastSeen) > ACTIVE_MS || withRecords.every((w) => (m.seen[me] ?? []).includes(w.seq)),
      );
    }
    if (!due) return;
    const records = await this.workspace.whenSettled(() =>
      [...this.workspace.store.records.values()].filter((r) => Object.keys(r.vv).some((id) => id === me || !members.has(id))),
    );
    // Its own files go, and those another installation wrote under its identity once read (what
    // they held is in the records written now); one that arrived since the round read is kept.
    const replaced = (await fs.readdir(myDir))
      .filter((n) => TEAM_FILE.test(n) && (state.written.some((w) => teamFileName(w.seq) === n) || state.other[`${me}/${n}`] !== undefined))
      .map((n) => Number(TEAM_FILE.exec(n)![1]));
    await this.#write(myDir, records, withRecords.map((w) => w.seq));
    result.wrote++;
    await this.#saveState();
    for (const seq of replaced) {
      await fs.rm(path.join(myDir, teamFileName(seq)), { force: true });
      state.written = state.written.filter((w) => w.seq !== seq);
    }
    state.reseal = false;
    await this.#saveState();
  }

  /**
   * Writes what this installation has that the folder lacks: its own edits since its last file,
   * what bundles brought in by hand, everything the first time; or, with nothing to say but new
   * files read, a file with no records that says so (compaction waits for it).
   */
  async #publish(myDir: string, members: ReadonlySet<string>, result: Omit<SyncRound, 'status'>): Promise<void> {
    const state = this.#state;
    const entries = await this.bundles.history();
    const imports = entries.filter((e) => !e.team && e.id && !state.imports.includes(e.id));
    const imported = new Set<string>();
    for (const entry of imports) for (const id of await this.bundles.changedBy(entry)) imported.add(id);
    await this.workspace.markShipped().catch((error: unknown) => {
      if (!storageProblem(error)) throw error;
    });
    const { records, counter } = await this.workspace.whenSettled(() => {
      const { replica, counter } = this.workspace.written;
      const all = [...this.workspace.store.records.values()];
      // The first file holds every record this installation is the source of (deletions too):
      // those it edited, and those whose editors write no files here; what the others edited
      // they publish themselves (a member joining a large team does not send it all back).
      const records = state.everything
        ? all.filter((r) => (r.vv[replica] ?? 0) > state.published || imported.has(r.id))
        : all.filter((r) => {
            const read = this.#inFolder.get(r.id);
            // Already there as this installation has it (every edit of it read from the folder).
            if (read && Object.entries(r.vv).every(([id, counter]) => (read[id] ?? 0) >= counter)) return false;
            return Object.keys(r.vv).some((id) => id === replica || !members.has(id));
          });
      return { records, counter };
    });
    const seen = JSON.stringify(this.#seen());
    if (records.length === 0 && seen === state.saidSeen) return;
    const before = state.written.filter((w) => w.records === 0 && !w.compact).map((w) => w.seq);
    await this.#write(myDir, records);
    result.wrote++;
    result.published = records.length;
    state.published = counter;
    state.everything = true;
    this.#inFolder.clear();
    state.imports = [...state.imports, ...imports.map((e) => e.id!)].slice(-400);
    await this.#saveState();
    // A file with no records says only what was read: the newest one says all of it.
    for (const seq of before) {
      await fs.rm(path.join(myDir, teamFileName(seq)), { force: true });
      state.written = state.written.filter((w) => w.seq !== seq);
    }
  }

  /** In the app: rounds at start, after local edits, when the folder changes, and every minute. */
  start(): void {
    if (this.#watching || this.#closed) return;
    this.#watching = true;
    this.#unsubscribe = this.workspace.store.onChange(() => {
      if (!this.#merging) this.#schedule(this.options.editDelayMs ?? EDIT_DEBOUNCE_MS);
    });
    this.#poll = setInterval(() => this.#schedule(0), POLL_MS);
    this.#poll.unref?.();
    if (this.#state.folder !== null) {
      this.#watch();
      this.#schedule(2000);
    }
  }

  #watch(): void {
    this.#watcher?.close();
    this.#watcher = null;
    const folder = this.#state.folder;
    if (folder === null) return;
    try {
      const teamDir = path.join(folder, TEAM_DIR);
      this.#watcher = watch(teamDir, { recursive: true, persistent: false }, () => this.#schedule(FOLDER_DEBOUNCE_MS));
      this.#watcher.on('error', () => {
        // Network drives and removed folders: the poll goes on.
        this.#watcher?.close();
        this.#watcher = null;
      });
    } catch {
      // Watching is not available here: the poll goes on.
    }
  }

  #schedule(delay: number): void {
    if (!this.#watching || this.#closed || this.#state.folder === null) return;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#timer = null;
      this.syncNow().catch(() => undefined);
    }, delay);
    this.#timer.unref?.();
  }

  #stopWatching(): void {
    this.#watcher?.close();
    this.#watcher = null;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#stopWatching();
    if (this.#poll) clearInterval(this.#poll);
    this.#unsubscribe?.();
    await this.#running?.catch(() => undefined);
  }
}
