import crypto from 'node:crypto';
import { watch, type FSWatcher } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';
import type { BundleHead, ImportEntry } from '../../../shared/bundle/format.js';
import { REPLICA_ID } from '../../../shared/sync/clock.js';
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
import { BundleError, decodeBundle, encodeBundle, sealKey, type SealKey } from '../bundles/codec.js';
import type { BundleService } from '../bundles/exchange.js';
import { CoreError } from '../dispatch.js';
import type { CoreEvents } from '../events.js';
import { removeTemporaryFiles, storageProblem, syncDir, temporaryName, writeFileDurably } from '../store/durable.js';
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
  written: z.array(z.object({ seq: z.number().int().positive(), records: z.number().int().nonnegative(), compact: z.boolean() })),
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
  lastSync: z.string().nullable(),
  lastChange: z.string().nullable(),
});
type TeamState = z.infer<typeof TeamStateFile>;

const freshState = (folder: string | null, passphrase: string | null): TeamState => ({
  format: STATE_FORMAT,
  version: 1,
  folder,
  passphrase,
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
  lastSync: null,
  lastChange: null,
});

export interface TeamFolderOptions {
  dataDir: string;
  appVersion: string;
  creator(): BundleCreator;
  events: CoreEvents;
  /** Write a compact file once this many files of this installation hold records (and all have read them). */
  compactAfter?: number;
  now?: () => Date;
}

/** A file read from the folder, checked. */
interface ReadFile {
  member: string;
  name: string;
  stamp: Stamp;
  head: BundleHead & { team: TeamHead };
  records: SyncRecord[];
  /** A team file's own number (null for a copy). */
  seq: number | null;
}

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
  #keys = new Map<string, Buffer>();
  #seal: SealKey | null = null;
  #watcher: FSWatcher | null = null;
  #poll: NodeJS.Timeout | null = null;
  #timer: NodeJS.Timeout | null = null;
  #watching = false;
  #closed = false;
  #unsubscribe: (() => void) | null = null;
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
          : [{ replicaId: me.replicaId, name: me.name, organisation: me.organisation, lastSeen: state.lastSync ?? this.#now.toISOString(), me: true }, ...members],
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
    if (real === data || real.startsWith(data + path.sep)) throw configureError('folder', 'inside_data');
    const passphrase = request.passphrase ?? null;
    await this.#checkPassphrase(path.join(folder, TEAM_DIR), passphrase);
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
    const old = this.#state;
    if (old.folder === folder && old.passphrase === passphrase) {
      // Nothing changes: the same folder chosen again.
    } else if (old.folder === folder) {
      // A new passphrase: everything this installation wrote is sealed again with it, and what
      // was set aside for want of the right one is tried again.
      this.#state = { ...old, passphrase, salt: null, refused: {}, reseal: true };
    } else {
      this.#state = freshState(folder, passphrase);
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

  /** The passphrase must open the team's newest file, and a team without one takes none. */
  async #checkPassphrase(teamDir: string, passphrase: string | null): Promise<void> {
    const members = (await fs.readdir(teamDir).catch(() => [] as string[])).filter((n) => REPLICA_ID.test(n));
    const files: { file: string; mtimeMs: number }[] = [];
    for (const member of members) {
      const dir = path.join(teamDir, member);
      for (const name of await fs.readdir(dir).catch(() => [] as string[])) {
        if (!TEAM_FILE.test(name)) continue;
        const stat = await fs.stat(path.join(dir, name)).catch(() => null);
        if (stat?.isFile()) files.push({ file: path.join(dir, name), mtimeMs: stat.mtimeMs });
      }
    }
    files.sort((a, b) => b.mtimeMs - a.mtimeMs);
    // The newest file that can be read decides; damaged ones say nothing about the passphrase.
    for (const { file } of files.slice(0, 8)) {
      const bytes = await fs.readFile(file).catch(() => null);
      if (!bytes) continue;
      try {
        const decoded = decodeBundle(bytes, { passphrase: passphrase ?? undefined });
        if (passphrase !== null && !decoded.encrypted) throw configureError('passphrase', 'not_encrypted');
        return;
      } catch (error) {
        if (error instanceof CoreError) throw error;
        if (!(error instanceof BundleError)) throw error;
        if (error.problem.code === 'needs_passphrase') throw configureError('passphrase', 'needs_passphrase');
        if (error.problem.code === 'wrong_passphrase') throw configureError('passphrase', 'wrong_passphrase');
      }
    }
  }

  /** One round now (waits for one already running, then runs another if asked meanwhile). */
  syncNow(): Promise<SyncRound> {
    if (this.#state.folder === null) return Promise.reject(new CoreError('not_found', 'no team folder is chosen'));
    if (this.#running) {
      return this.#running.then(() => this.syncNow());
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
    if (result.changed > 0) this.options.events.emit('records.changed', {});
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
    const teamDir = path.join(folder, TEAM_DIR);
    const myDir = path.join(teamDir, this.#me);
    await fs.mkdir(myDir, { recursive: true });
    await removeTemporaryFiles(myDir);

    const files = await this.#readNew(teamDir, myDir);
    result.read = files.length;
    result.changed = await this.#merge(files);
    await this.#compactIfDue(teamDir, myDir, result);
    await this.#publish(myDir, result);
  }

  /** Lists the team folder and reads every file not read yet, in each member's order. */
  async #readNew(teamDir: string, myDir: string): Promise<ReadFile[]> {
    const state = this.#state;
    const me = this.#me;
    const entries = await fs.readdir(teamDir, { withFileTypes: true });
    const present = new Set<string>();
    const out: ReadFile[] = [];
    // My own folder: files I wrote must be there; files I did not write (a copied data folder
    // writing under this identity, a sync engine's conflicted copy) are read like another's.
    const mine = new Set(state.written.map((w) => w.seq));
    const myNames = await fs.readdir(myDir);
    for (const w of state.written) if (!myNames.includes(teamFileName(w.seq))) state.reseal = true;
    for (const member of entries.filter((e) => e.isDirectory() && REPLICA_ID.test(e.name)).map((e) => e.name).sort()) {
      const dir = path.join(teamDir, member);
      const names = (await fs.readdir(dir).catch(() => [] as string[])).filter((n) => !n.startsWith('.') && !n.startsWith('~'));
      const candidates: { name: string; seq: number | null }[] = [];
      for (const name of names) {
        const proper = TEAM_FILE.exec(name);
        if (proper) {
          const seq = Number(proper[1]);
          if (member === me) {
            if (mine.has(seq)) continue;
            // A file of mine written just before a crash, not yet in the state: adopt it.
            if (seq >= state.nextSeq) {
              state.written.push({ seq, records: 1, compact: false });
              state.nextSeq = seq + 1;
              continue;
            }
            this.#problems.push({ code: 'same_identity', file: `${member}/${name}` });
            candidates.push({ name, seq: null });
          } else if (!(state.read[member] ?? []).includes(seq)) candidates.push({ name, seq });
          else present.add(`${member}/${name}`);
        } else if (COPY.test(name)) candidates.push({ name, seq: null });
      }
      candidates.sort((a, b) => (a.seq ?? Infinity) - (b.seq ?? Infinity) || (a.name < b.name ? -1 : 1));
      for (const { name, seq } of candidates.slice(0, MAX_FILES_PER_ROUND)) {
        const key = `${member}/${name}`;
        const file = path.join(dir, name);
        const info = await fs.stat(file).catch(() => null);
        if (!info?.isFile()) continue;
        const stamp = { size: info.size, mtimeMs: info.mtimeMs };
        present.add(key);
        if (sameStamp(state.refused[key], stamp) || (seq === null && sameStamp(state.other[key], stamp))) continue;
        delete state.refused[key];
        const read = await this.#readFile(member, name, seq, stamp, file);
        if ('problem' in read) state.refused[key] = { ...stamp, problem: read.problem };
        else out.push(read);
      }
    }
    // Forget what is no longer there (a member's compacted files, deleted copies).
    for (const key of Object.keys(state.other)) if (!present.has(key)) delete state.other[key];
    for (const key of Object.keys(state.refused)) if (!present.has(key)) delete state.refused[key];
    return out;
  }

  async #readFile(member: string, name: string, seq: number | null, stamp: Stamp, file: string): Promise<ReadFile | { problem: TeamProblem }> {
    const where = `${member}/${name}`;
    const refuse = (problem: TeamProblem) => ({ problem });
    let bytes: Buffer;
    try {
      bytes = await fs.readFile(file);
    } catch {
      return refuse({ code: 'file_refused', file: where, bundle: { code: 'truncated' } });
    }
    try {
      const decoded = decodeBundle(bytes, { passphrase: this.#state.passphrase ?? undefined, keys: this.#keys });
      const head = decoded.head;
      if (head.scope.type !== 'team' || !head.team) return refuse({ code: 'file_refused', file: where, bundle: { code: 'wrong_format' } });
      if (head.creator.replicaId !== member) return refuse({ code: 'file_refused', file: where, bundle: { code: 'invalid', path: ['creator', 'replicaId'] } });
      if (seq !== null && head.team.seq !== seq) return refuse({ code: 'file_refused', file: where, bundle: { code: 'invalid', path: ['team', 'seq'] } });
      if (this.#state.passphrase !== null && !decoded.encrypted) return refuse({ code: 'not_encrypted', file: where });
      return { member, name, stamp, head: head as ReadFile['head'], records: decoded.records, seq };
    } catch (error) {
      if (!(error instanceof BundleError)) throw error;
      const code = error.problem.code;
      if (code === 'needs_passphrase' || code === 'wrong_passphrase' || code === 'too_new') return refuse({ code, file: where });
      return refuse({ code: 'file_refused', file: where, bundle: error.problem });
    }
  }

  /**
   * Merges what was read, in one durable step with the state saying it was read. A file that
   * cannot go in (a record of another kind here) is set aside; one whose records hang under a
   * parent not arrived yet is left for a later round.
   */
  async #merge(files: ReadFile[]): Promise<number> {
    if (files.length === 0) return 0;
    const state = this.#state;
    let pending = files;
    for (let attempt = 0; attempt < 20; attempt++) {
      // Compact files whose every replaced file was read already hold nothing new for this installation.
      const useful = pending.filter((f) => !(f.head.team.replaces && f.head.team.replaces.every((s) => (state.read[f.member] ?? []).includes(s))));
      const byId = new Map<string, SyncRecord>();
      const from = new Map<string, ReadFile[]>();
      let clash: ReadFile | null = null;
      for (const file of useful) {
        for (const record of file.records) {
          const known = byId.get(record.id);
          if (known && known.kind !== record.kind) {
            clash = file;
            break;
          }
          byId.set(record.id, known ? mergeRecords(known, record) : record);
          from.set(record.id, [...(from.get(record.id) ?? []), file]);
        }
        if (clash) break;
      }
      if (clash) {
        pending = pending.filter((f) => f !== clash);
        this.#setAside(clash, { code: 'file_refused', file: `${clash.member}/${clash.name}`, bundle: { code: 'kind_mismatch' } });
        continue;
      }
      const next = this.#afterReading(pending);
      const creator = this.#creatorOf(useful);
      try {
        const saved = this.#state;
        this.#state = next;
        this.#merging = true;
        let outcome;
        try {
          outcome = await this.bundles.receive([...byId.values()], { bundleId: `team:${creator.replicaId}:${uuidv7()}`, creator, createdAt: this.#now.toISOString() }, [this.#stateFile()]);
        } catch (error) {
          this.#state = saved;
          throw error;
        } finally {
          this.#merging = false;
        }
        if (outcome.changed.length > 0) this.#state.lastChange = this.#now.toISOString();
        return outcome.changed.length;
      } catch (error) {
        if (!(error instanceof CoreError) || !error.bundle?.id) throw error;
        const culprits = from.get(error.bundle.id) ?? [];
        if (culprits.length === 0) throw error;
        if (error.bundle.code === 'kind_mismatch') {
          for (const f of culprits) this.#setAside(f, { code: 'file_refused', file: `${f.member}/${f.name}`, bundle: error.bundle });
        }
        // A parent that has not arrived: those files wait for a later round, unread.
        pending = pending.filter((f) => !culprits.includes(f));
      }
    }
    return 0;
  }

  #setAside(file: ReadFile, problem: TeamProblem): void {
    this.#state.refused[`${file.member}/${file.name}`] = { ...file.stamp, problem };
  }

  /** The state once these files are read: what each member's files say, and which were read. */
  #afterReading(files: readonly ReadFile[]): TeamState {
    const state: TeamState = structuredClone(this.#state);
    for (const file of files) {
      const key = `${file.member}/${file.name}`;
      if (file.seq === null || file.records.length === 0) {
        state.other[key] = file.stamp;
        if (file.seq === null) continue;
      }
      if (file.records.length > 0 || file.head.team.replaces) {
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

  /** Who a round's changes came from: the member with most records in it, and the others named. */
  #creatorOf(files: readonly ReadFile[]): BundleCreator {
    const counts = new Map<string, { creator: BundleCreator; records: number }>();
    for (const f of files) {
      const c = counts.get(f.member) ?? { creator: f.head.creator, records: 0 };
      c.records += f.records.length;
      counts.set(f.member, c);
    }
    const ranked = [...counts.values()].sort((a, b) => b.records - a.records);
    if (ranked.length === 0) return this.options.creator();
    const join = (parts: string[]) => {
      const text = [...new Set(parts.filter((p) => p !== ''))].join(', ');
      return text.length > 200 ? `${text.slice(0, 199)}…` : text;
    };
    return {
      replicaId: ranked[0]!.creator.replicaId,
      name: join(ranked.map((r) => r.creator.name)),
      organisation: join(ranked.map((r) => r.creator.organisation)),
    };
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
    const temp = temporaryName(myDir, teamFileName(seq));
    try {
      const handle = await fs.open(temp, 'wx', 0o644);
      try {
        await handle.writeFile(content);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await fs.rename(temp, file);
    } catch (error) {
      await fs.rm(temp, { force: true }).catch(() => undefined);
      throw error;
    }
    await syncDir(myDir);
    state.nextSeq = seq + 1;
    state.written.push({ seq, records: records.length, compact: replaces !== undefined });
    state.saidSeen = JSON.stringify(team.seen);
    return seq;
  }

  /**
   * Replaces this installation's files with one, once every active member has read them (or
   * they have grown too many, or one was deleted, or the passphrase changed). The compact file
   * holds every record this installation is the source of in the folder: those it edited, and
   * those whose editors write no files here (brought in from bundles).
   */
  async #compactIfDue(teamDir: string, myDir: string, result: Omit<SyncRound, 'status'>): Promise<void> {
    const state = this.#state;
    const withRecords = state.written.filter((w) => w.records > 0 || w.compact);
    const after = this.options.compactAfter ?? 20;
    if (!state.everything) return;
    let due = state.reseal || withRecords.length >= after * 10;
    if (!due && withRecords.length >= after) {
      const now = this.#now.getTime();
      const me = this.#me;
      due = Object.entries(state.members).every(
        ([id, m]) => id === me || now - Date.parse(m.lastSeen) > ACTIVE_MS || withRecords.every((w) => (m.seen[me] ?? []).includes(w.seq)),
      );
    }
    if (!due) return;
    const members = new Set((await fs.readdir(teamDir).catch(() => [] as string[])).filter((n) => REPLICA_ID.test(n)));
    const me = this.#me;
    const records = await this.workspace.whenSettled(() =>
      [...this.workspace.store.records.values()].filter((r) => Object.keys(r.vv).some((id) => id === me || !members.has(id))),
    );
    const replaced = state.written.map((w) => w.seq);
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
  async #publish(myDir: string, result: Omit<SyncRound, 'status'>): Promise<void> {
    const state = this.#state;
    const entries = await this.bundles.history();
    const imports = entries.filter((e) => !e.bundleId.startsWith('team:') && e.id && !state.imports.includes(e.id));
    const imported = new Set<string>();
    for (const entry of imports) for (const id of await this.bundles.changedBy(entry)) imported.add(id);
    await this.workspace.markShipped().catch((error: unknown) => {
      if (!storageProblem(error)) throw error;
    });
    const { records, counter } = await this.workspace.whenSettled(() => {
      const { replica, counter } = this.workspace.written;
      const all = [...this.workspace.store.records.values()];
      // The first file holds the whole workspace (deletions too: they must reach the others).
      const records = state.everything ? all.filter((r) => (r.vv[replica] ?? 0) > state.published || imported.has(r.id)) : all;
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
      if (!this.#merging) this.#schedule(EDIT_DEBOUNCE_MS);
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
