/**
 * Helpers for the team folder's tests: members (cores) on one shared folder, rounds until the
 * team is quiet, the files of a member, what each core holds, and team files made by hand for a
 * member that exists only in the folder (to feed readers damaged or hostile files).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import canonicalize from 'canonicalize';
import { v7 as uuidv7 } from 'uuid';
import { ok } from './support.js';
import { mergeAsFor, toSyncChanges } from '../../shared/records/codec.js';
import type { Kind } from '../../shared/records/kinds.js';
import { HybridClock } from '../../shared/sync/clock.js';
import { createRecord, type SyncRecord, type Writer } from '../../shared/sync/record.js';
import { TEAM_DIR, teamFileName, type SyncRound, type TeamProblem } from '../../shared/team/format.js';
import type { TeamHead } from '../../shared/team/head.js';
import { openCore, type Core, type CoreOptions } from '../../main/core/index.js';
import { decodeBundle, encodeBundle } from '../../main/core/bundles/codec.js';

export const PASSPHRASE = 'correct horse battery';

export interface Person {
  name: string;
  organisation: string;
}
export const AMINA: Person = { name: 'Amina Diallo', organisation: 'Ministère de la Femme, de la Famille et des Enfants' };
export const BORIS: Person = { name: 'Boris Ivanov', organisation: 'Civil Society Coalition' };
export const CHEN: Person = { name: 'Chen Wei', organisation: 'UN Women' };
export const DANA: Person = { name: 'Dana Haddad', organisation: 'Ministry of Foreign Affairs' };

/** What openCore takes for the team folder (the option is the implementation's; typed here so the tests compile before it). */
export interface TeamOptions {
  compactAfter?: number;
}

/** Temporary folders and open cores of one test, closed and removed after it. */
export class Lab {
  readonly dirs: string[] = [];
  readonly cores: Core[] = [];

  tempDir(prefix = 'fpd-team-'): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
    this.dirs.push(dir);
    return dir;
  }

  /** A member: its own data folder, a profile. */
  async member(person: Person, options: { dataDir?: string; team?: TeamOptions } = {}): Promise<Core> {
    const coreOptions: CoreOptions & { team?: TeamOptions } = {
      dataDir: options.dataDir ?? this.tempDir('fpd-team-data-'),
      host: 'browser',
      systemLocales: ['en'],
      log: () => undefined,
      team: options.team ?? {},
    };
    const core = await openCore(coreOptions);
    this.cores.push(core);
    await ok(core, 'profile.set', { name: person.name, organisation: person.organisation, country: '', role: 'drafting_team' });
    return core;
  }

  /** A member, configured on the folder. */
  async joined(person: Person, folder: string, options: { passphrase?: string; team?: TeamOptions } = {}): Promise<Core> {
    const core = await this.member(person, { team: options.team });
    await configure(core, folder, options.passphrase);
    return core;
  }

  async close(core: Core): Promise<void> {
    const at = this.cores.indexOf(core);
    if (at >= 0) this.cores.splice(at, 1);
    await core.close();
  }

  async dispose(): Promise<void> {
    for (const core of this.cores.splice(0)) await core.close();
    for (const dir of this.dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  }
}

export const configure = (core: Core, folder: string | null, passphrase?: string) =>
  ok(core, 'sync.configure', passphrase === undefined ? { folder } : { folder, passphrase });
export const round = (core: Core) => ok(core, 'sync.now', {});
export const status = (core: Core) => ok(core, 'sync.status', {});

/**
 * Rounds on each member in turn until a whole pass brings nothing and publishes nothing.
 * Returns the rounds of every pass; fails when the team does not settle.
 */
export async function untilQuiet(cores: Core[], maxPasses = 8): Promise<SyncRound[][]> {
  const passes: SyncRound[][] = [];
  for (let pass = 0; pass < maxPasses; pass++) {
    const rounds: SyncRound[] = [];
    for (const core of cores) rounds.push(await round(core));
    passes.push(rounds);
    if (rounds.every((r) => r.changed === 0 && r.published === 0)) return passes;
  }
  throw new Error(`the team did not settle in ${maxPasses} passes: ${JSON.stringify(passes.map((p) => p.map(({ changed, published, wrote, read }) => ({ changed, published, wrote, read }))))}`);
}

export const replicaOf = (core: Core) => core.settings.all().replicaId;
export const dataDirOf = (core: Core) => core.info().dataDir;
export const teamRoot = (folder: string) => path.join(folder, TEAM_DIR);
export const memberDir = (folder: string, replica: string) => path.join(teamRoot(folder), replica);

/** A member's team files (names this app writes), in seq order. */
export function teamFiles(folder: string, replica: string): string[] {
  const dir = memberDir(folder, replica);
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => /^\d{6,15}\.fpsync$/.test(f))
    .sort((a, b) => Number(a.split('.')[0]) - Number(b.split('.')[0]));
}

/** Every file under a folder, relative, with the SHA-256 of its bytes. */
export function treeOf(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (at: string) => {
    for (const entry of fs.readdirSync(at, { withFileTypes: true })) {
      const full = path.join(at, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) out[path.relative(dir, full)] = crypto.createHash('sha256').update(fs.readFileSync(full)).digest('hex');
    }
  };
  if (fs.existsSync(dir)) walk(dir);
  return out;
}

/** A team file as its reader sees it. */
export function readTeamFile(file: string, passphrase?: string) {
  return decodeBundle(fs.readFileSync(file), passphrase ? { passphrase } : {});
}

export const ids = (core: Core) => [...core.workspace!.store.records.keys()].sort();

/** The synced part of a record (what every member must agree on): no local history. */
export function syncedOf(core: Core, id: string): unknown {
  const record = core.workspace!.store.get(id);
  if (!record) return undefined;
  return { id: record.id, kind: record.kind, vv: record.vv, fields: record.fields };
}

export const view = async (core: Core, id: string) => (await ok(core, 'records.get', { id })).record;

/** Every record of every core, as each shows it and as each keeps its synced part, by id. */
export async function statesOf(cores: Core[]): Promise<string[]> {
  const all = new Set(cores.flatMap(ids));
  const out: string[] = [];
  for (const core of cores) {
    const lines: string[] = [];
    for (const id of [...all].sort()) {
      const record = core.workspace!.store.get(id);
      // Canonical: the order in which a record's keys were added is no part of its state.
      lines.push(canonicalize({ id, synced: syncedOf(core, id) ?? null, view: record ? await view(core, id) : null })!);
    }
    out.push(lines.join('\n'));
  }
  return out;
}

export const history = (core: Core) => ok(core, 'bundles.history', {});
export const conflicts = (core: Core) => ok(core, 'conflicts.list', {});

/** A problem listed for a file: file_refused with the bundle's reason, or the reason itself for those that have their own code. */
export function refusal(problems: TeamProblem[], file: string): TeamProblem | undefined {
  return problems.find((p) => p.file === file);
}
export function reasonOf(problem: TeamProblem | undefined): string | undefined {
  if (!problem) return undefined;
  return problem.code === 'file_refused' ? problem.bundle?.code : problem.code;
}

/**
 * A member that exists only in the folder: writes team files by hand, through the app's own
 * encoder, so that a test can write them right and then spoil one thing.
 */
export class FolderMember {
  readonly replica: string;
  #counter = 0;
  readonly writer: Writer;
  constructor(
    readonly folder: string,
    readonly person: Person = DANA,
    replica = crypto.randomBytes(8).toString('hex'),
  ) {
    this.replica = replica;
    this.writer = { replica, clock: new HybridClock(), nextCounter: () => ++this.#counter, author: person.name };
  }

  record(kind: Kind, fields: Record<string, unknown>, id = uuidv7()): SyncRecord {
    return createRecord(id, kind, this.writer, toSyncChanges(kind, fields), mergeAsFor(kind));
  }

  /** The text of a team file. `team` overrides parts of the head's team block; `creator` the writer named. */
  content(seq: number, records: SyncRecord[], options: { passphrase?: string; team?: Partial<TeamHead>; creator?: string } = {}): string {
    return encodeBundle({
      head: {
        bundleId: uuidv7(),
        creator: { replicaId: options.creator ?? this.replica, name: this.person.name, organisation: this.person.organisation },
        createdAt: new Date().toISOString(),
        appVersion: '0.1.0',
        scope: { type: 'team' },
        team: { seq, counter: this.#counter, seen: {}, ...options.team },
        note: '',
      },
      records,
      passphrase: options.passphrase,
    });
  }

  /** Writes bytes under a name in this member's folder (or another's); returns the file's path relative to the team folder. */
  put(name: string, bytes: string | Buffer, replicaDir = this.replica): string {
    const dir = memberDir(this.folder, replicaDir);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, name), bytes);
    return `${replicaDir}/${name}`;
  }

  write(seq: number, records: SyncRecord[], options: { passphrase?: string } = {}): string {
    return this.put(teamFileName(seq), this.content(seq, records, options));
  }
}
