/**
 * The team folder benchmark (`npm run bench -- --team`, or `npx tsx scripts/bench-team.ts`): what
 * a round of the team folder costs a member, in time, bytes in the folder and memory, each figure
 * beside a reference measured in the same run: the same records carried as bundles by hand
 * (bundles.export, then bundles.preview + bundles.apply). It uses only the core's public surface
 * (openCore, core.dispatch, core.close). Not a test: nothing here passes or fails.
 *
 *   round     10 members (10 data folders, one team folder), each makes 1,000 changes and runs
 *             sync.now (publish); then each runs a round reading the nine others' files. Round 1:
 *             every workspace starts empty, 1,000 records.create each (the first file holds the
 *             whole workspace); rounds 2 and 3: 400 records.create and 600 records.updateMany
 *             items over records of the shared workspace (each member its own share: no
 *             conflicts). While the members publish, the files already written are held back
 *             (moved aside and put back after the last one, as a sync engine that has not
 *             delivered them yet): a publishing round reads nothing, a reading round reads nine
 *             members' files. Plain, and with a passphrase (one scrypt per writer per run: round 1).
 *             Reference: each member exports the same records (bundles.export of a selection,
 *             sealed with the same passphrase); three of the members preview + apply the nine
 *             others' bundles in a copy of their data folder, in the state their reading round
 *             starts from.
 *   late      A member with a 100,000-record workspace (the core benchmark's generator,
 *             scripts/bench.ts --generate, cached in os.tmpdir() by code version) publishes to an
 *             empty folder (its first file: the whole workspace); then a new member with an empty
 *             workspace configures the folder and runs sync.now, in a process of its own: time,
 *             peak RSS (VmHWM), bytes read and written. Reference: the same workspace's
 *             whole-workspace bundle previewed and applied into an empty workspace, in a process
 *             of its own. Again after compaction: compactAfter 3, a second member, 4 rounds of
 *             1,000 edits, then the late member.
 *
 *   npx tsx scripts/bench-team.ts [--repeat 2] [--only round|late] [--variant plain|sealed]
 *   BENCH_TEAM_ROUNDS=2 …  fewer rounds of changes (the first contact and one steady round)
 */
import { execFileSync, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openCore } from '../main/core/index.js';
import { SENTENCES as SEARCH_SENTENCES } from './bench-search.js';

const self = fileURLToPath(import.meta.url);
const root = path.resolve(path.dirname(self), '..');
const TEAM_DIR = 'Focal Point Desk team';
const PASSPHRASE = 'peace and security 1325';

/** BENCH_TEAM_SMALL=1: 3 members, 100 changes, 2,000 records: a check that the script runs, no figures. */
const SMALL = process.env.BENCH_TEAM_SMALL === '1';
const MEMBERS = SMALL ? 3 : 10;
const CHANGES = SMALL ? 100 : 1_000;
/** Rounds of changes; BENCH_TEAM_ROUNDS to change (2: the first contact and one steady round). */
const ROUNDS = Number(process.env.BENCH_TEAM_ROUNDS ?? 3);
/** Members that also import the nine others' bundles by hand (the reference for a reading round). */
const REF_READERS = SMALL ? 2 : 3;
const LATE_RECORDS = SMALL ? 2_000 : 100_000;
const LATE_COMPACT_AFTER = 3;
const LATE_EDIT_ROUNDS = 4;

// ————— helpers —————

type Core = Awaited<ReturnType<typeof openCore>>;
interface RoundResult {
  status: { problems: unknown[] };
  wrote: number;
  read: number;
  changed: number;
  published: number;
}

const f = (x: number) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
const ratio = (x: number, ref: number) => `${(x / ref).toFixed(2)}×`;
const mb = (bytes: number) => (bytes >= 1e6 ? `${f(bytes / 1e6)} MB` : `${f(bytes / 1e3)} KB`);
const ms = (ns: bigint) => Number(ns) / 1e6;
const percentile = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))]!;
const p50 = (values: number[]) => percentile(values, 50);
const max = (values: number[]) => Math.max(...values);
const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
const gc = () => (globalThis as { gc?: () => void }).gc?.();
const tempDir = (tag: string) => fs.mkdtempSync(path.join(os.tmpdir(), `fpd-team-${tag}-`));
const clock = async <T>(f: () => Promise<T>): Promise<{ ms: number; value: T }> => {
  const started = process.hrtime.bigint();
  const value = await f();
  return { ms: ms(process.hrtime.bigint() - started), value };
};

let peakRss = 0;
let sampler: NodeJS.Timeout | undefined;
const startSampler = () => {
  peakRss = process.memoryUsage().rss;
  sampler ??= setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 5);
};
/** The process's peak resident set since it started (Linux); the sampler's figure elsewhere. */
function highWater(): number {
  try {
    const line = fs.readFileSync('/proc/self/status', 'utf8').match(/^VmHWM:\s+(\d+) kB/m);
    if (line) return Number(line[1]) * 1024;
  } catch {
    // Not Linux.
  }
  return Math.max(peakRss, process.memoryUsage().rss);
}

async function ok<T = { id: string }>(core: Core, name: string, request: unknown): Promise<T> {
  const envelope = (await core.dispatch(name as never, request as never)) as {
    ok: boolean;
    value?: unknown;
    error?: unknown;
  };
  if (!envelope.ok) throw new Error(`${name} failed: ${JSON.stringify(envelope.error)}`);
  return envelope.value as T;
}

async function member(dataDir: string, name: string, compactAfter?: number): Promise<Core> {
  const core = await openCore({
    dataDir,
    host: 'browser',
    systemLocales: ['en'],
    log: () => undefined,
    team: compactAfter ? { compactAfter } : {},
  });
  await ok(core, 'profile.set', { name, organisation: 'Bench', country: '', role: 'drafting_team' });
  return core;
}

const replicaOf = (core: Core) => core.settings.all().replicaId;

function treeBytes(dir: string): { bytes: number; files: number } {
  if (!fs.existsSync(dir)) return { bytes: 0, files: 0 };
  let bytes = 0;
  let files = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      const t = treeBytes(full);
      bytes += t.bytes;
      files += t.files;
    } else {
      bytes += fs.statSync(full).size;
      files++;
    }
  }
  return { bytes, files };
}

/** The team files of one member, by name, with their sizes. */
const filesOf = (dir: string) =>
  new Map(
    fs.existsSync(dir)
      ? fs.readdirSync(dir).map((n) => [n, fs.statSync(path.join(dir, n)).size] as const)
      : [],
  );

/** A deterministic pseudo-random sequence (the same workload every run). */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}
const SENTENCES = SEARCH_SENTENCES.en!;
const day = (i: number) => new Date(Date.UTC(2024, 0, 1) + (i % 900) * 86_400_000).toISOString().slice(0, 10);

/**
 * The ordinary records of the sync benchmark's mix (scripts/bench-sync.ts, `plain`): in every 20,
 * 4 meetings with three sentences of notes, 8 contacts, 8 action points.
 */
function mixRecord(i: number, r: () => number): { kind: string; fields: Record<string, unknown> } {
  const sentence = () => SENTENCES[Math.floor(r() * SENTENCES.length)]!;
  const k = i % 20;
  if (k % 5 === 0)
    return {
      kind: 'meeting',
      fields: {
        title: { en: `Working group meeting ${i}` },
        type: 'working_group',
        start: `${day(i)}T10:00:00Z`,
        place: 'Dakar',
        notes: { en: `${sentence()} ${sentence()} ${sentence()}` },
      },
    };
  if (k % 2 === 0)
    return {
      kind: 'contact',
      fields: {
        name: `Contact ${i}`,
        country: 'SN',
        institution: 'Ministry of Foreign Affairs',
        role: 'national_focal_point',
        languages: ['fr', 'en'],
        email: `c${i}@example.org`,
      },
    };
  return {
    kind: 'action',
    fields: {
      title: { en: `${sentence().slice(0, 70)} (${i})` },
      details: { en: sentence() },
      status: i % 3 ? 'open' : 'done',
      priority: 'normal',
      dueDate: day(i),
    },
  };
}

/** An edit of an existing record as a person would make it: an action point's status, a meeting's place, a contact's phone. */
function editOf(kind: string, i: number): Record<string, unknown> {
  if (kind === 'action')
    return { status: ['open', 'in_progress', 'done', 'blocked'][i % 4], priority: i % 2 ? 'high' : 'normal' };
  if (kind === 'meeting') return { place: ['Geneva', 'New York', 'Addis Ababa', 'Vienna'][i % 4] };
  return { phone: `+221 33 ${String(100 + (i % 900))} 00 ${String(10 + (i % 90))}` };
}

/** Creates `count` records through the API, 50 at a time (the store writes a burst as one commit per file). */
async function createMany(core: Core, from: number, count: number, seed: number): Promise<string[]> {
  const r = rng(seed);
  const specs = Array.from({ length: count }, (_, k) => mixRecord(from + k, r));
  const ids: string[] = [];
  for (let b = 0; b < specs.length; b += 50) {
    const made = await Promise.all(specs.slice(b, b + 50).map((spec) => ok(core, 'records.create', spec)));
    ids.push(...made.map((m) => m.id));
  }
  return ids;
}

/** The shared records every member holds after a round (the same on each), in one order. */
function allIds(core: Core): { id: string; kind: string }[] {
  return [...core.workspace!.store.records.values()]
    .map((r) => ({ id: r.id, kind: r.kind as string }))
    .sort((a, b) => (a.id < b.id ? -1 : 1));
}

/** Moves a directory, across file systems if need be. */
function move(from: string, to: string) {
  try {
    fs.renameSync(from, to);
  } catch {
    fs.cpSync(from, to, { recursive: true, preserveTimestamps: true });
    fs.rmSync(from, { recursive: true, force: true });
  }
}

// ————— task: a round of 10 members —————

interface MemberRound {
  make: number;
  publish: number;
  publishRound: RoundResult;
  fileBytes: number;
  exportMs: number;
  exportBytes: number;
  read: number;
  readRound: RoundResult;
  refImport: number | null;
  refChanged: number | null;
}
interface RoundFigures {
  round: number;
  members: MemberRound[];
  folderAfterPublish: { bytes: number; files: number };
  folderAfterRead: { bytes: number; files: number };
  records: number[];
}

async function roundTask(sealed: boolean): Promise<{ scrypt: number; rounds: RoundFigures[] }> {
  const passphrase = sealed ? PASSPHRASE : undefined;
  const folder = tempDir('folder');
  const held = tempDir('held');
  const teamDir = path.join(folder, TEAM_DIR);
  const dirs = Array.from({ length: MEMBERS }, (_, m) => tempDir(`member${m}`));
  const cores: Core[] = [];
  for (let m = 0; m < MEMBERS; m++) {
    const core = await member(dirs[m]!, `Member ${m + 1}`);
    await ok(core, 'sync.configure', { folder, ...(passphrase ? { passphrase } : {}) });
    cores.push(core);
  }
  const replicas = cores.map(replicaOf);
  // The key derivation every sealed file states (SCRYPT in main/core/bundles/codec.ts), alone.
  const scrypt = (
    await clock(async () =>
      crypto.scryptSync(PASSPHRASE, crypto.randomBytes(16), 32, {
        N: 1 << 15,
        r: 8,
        p: 1,
        maxmem: 64 * 1024 * 1024,
      }),
    )
  ).ms;

  const rounds: RoundFigures[] = [];
  let created = 0;
  for (let round = 1; round <= ROUNDS; round++) {
    const figures: MemberRound[] = [];
    const bundles: string[] = [];
    // Each member's changes: in round 1 every workspace is empty; later, a share of the shared records.
    const pool = round === 1 ? [] : allIds(cores[0]!);
    for (let m = 0; m < MEMBERS; m++) {
      const core = cores[m]!;
      const made = await clock(async () => {
        const creates = round === 1 ? CHANGES : Math.round(CHANGES * 0.4);
        const ids = await createMany(core, created, creates, round * 1000 + m);
        created += creates;
        if (round > 1) {
          const mine = pool.filter((_, i) => i % MEMBERS === m);
          const edits = CHANGES - creates;
          const items = Array.from({ length: edits }, (_, k) => {
            const target = mine[((round - 2) * edits + k) % mine.length]!;
            return { id: target.id, fields: editOf(target.kind, round + k) };
          });
          await ok(core, 'records.updateMany', { items });
          ids.push(...items.map((x) => x.id));
        }
        return ids;
      });
      const myDir = path.join(teamDir, replicas[m]!);
      const before = filesOf(myDir);
      gc();
      const publish = await clock(() => ok<RoundResult>(core, 'sync.now', {}));
      const after = filesOf(myDir);
      const fileBytes = sum([...after].filter(([n]) => !before.has(n)).map(([, s]) => s));
      // Held back until every member has published: the next one reads nothing of this round.
      move(myDir, path.join(held, replicas[m]!));
      const exported = await clock(() =>
        ok<{ content: string }>(core, 'bundles.export', {
          scope: { type: 'selection', ids: [...new Set(made.value)] },
          ...(passphrase ? { passphrase } : {}),
        }),
      );
      bundles.push(exported.value.content);
      figures.push({
        make: made.ms,
        publish: publish.ms,
        publishRound: publish.value,
        fileBytes,
        exportMs: exported.ms,
        exportBytes: Buffer.byteLength(exported.value.content),
        read: NaN,
        readRound: publish.value,
        refImport: null,
        refChanged: null,
      });
    }
    for (const replica of replicas) move(path.join(held, replica), path.join(teamDir, replica));
    const folderAfterPublish = treeBytes(teamDir);

    for (let m = 0; m < MEMBERS; m++) {
      if (m < REF_READERS) {
        // The reference: the nine others' bundles previewed and applied by hand, in a copy of this
        // member's data folder as its reading round finds it.
        await cores[m]!.close();
        const copy = tempDir(`ref${m}`);
        fs.cpSync(dirs[m]!, copy, { recursive: true });
        const twin = await openCore({
          dataDir: copy,
          host: 'browser',
          systemLocales: ['en'],
          log: () => undefined,
        });
        gc();
        let changed = 0;
        const imported = await clock(async () => {
          for (let o = 0; o < MEMBERS; o++) {
            if (o === m) continue;
            const preview = await ok<{ previewId: string }>(twin, 'bundles.preview', {
              content: bundles[o],
              ...(passphrase ? { passphrase } : {}),
            });
            const entry = await ok<{ counts: Record<string, Record<string, number>> }>(
              twin,
              'bundles.apply',
              { previewId: preview.previewId },
            );
            for (const c of Object.values(entry.counts))
              changed += (c.new ?? 0) + (c.updated ?? 0) + (c.conflicting ?? 0) + (c.deleted ?? 0);
          }
        });
        await twin.close();
        fs.rmSync(copy, { recursive: true, force: true });
        figures[m]!.refImport = imported.ms;
        figures[m]!.refChanged = changed;
        cores[m] = await openCore({
          dataDir: dirs[m]!,
          host: 'browser',
          systemLocales: ['en'],
          log: () => undefined,
          team: {},
        });
      }
      gc();
      const read = await clock(() => ok<RoundResult>(cores[m]!, 'sync.now', {}));
      figures[m]!.read = read.ms;
      figures[m]!.readRound = read.value;
    }
    const folderAfterRead = treeBytes(teamDir);
    const records = cores.map((c) => c.workspace!.store.records.size);
    rounds.push({ round, members: figures, folderAfterPublish, folderAfterRead, records });
    console.error(
      `round ${round} (${sealed ? 'sealed' : 'plain'}) done: records per member ${[...new Set(records)].join(', ')}; ${JSON.stringify(rounds.at(-1), (key, value: unknown) => (key === 'status' ? undefined : value))}`,
    );
  }
  for (const core of cores) await core.close();
  for (const dir of [...dirs, folder, held]) fs.rmSync(dir, { recursive: true, force: true });
  return { scrypt, rounds };
}

// ————— tasks: the late member —————

/** The 100k member publishes its whole workspace (first file), and exports it as one bundle (the reference). */
async function publishTask(dataDir: string, folder: string, bundleFile: string) {
  const core = await member(dataDir, 'Amina Diallo');
  await ok(core, 'sync.configure', { folder });
  const records = core.workspace!.store.records.size;
  gc();
  const publish = await clock(() => ok<RoundResult>(core, 'sync.now', {}));
  const exported = await clock(() =>
    ok<{ content: string }>(core, 'bundles.export', { scope: { type: 'all' } }),
  );
  fs.writeFileSync(bundleFile, exported.value.content);
  await core.close();
  return {
    records,
    publishMs: publish.ms,
    round: publish.value,
    folder: treeBytes(path.join(folder, TEAM_DIR)),
    exportMs: exported.ms,
    bundleBytes: Buffer.byteLength(exported.value.content),
    hwm: highWater(),
  };
}

/** A new member, empty workspace, joins the folder and runs one round (a process of its own: its memory is its own). */
async function lateTask(folder: string) {
  const dir = tempDir('late');
  const core = await member(dir, 'Late Member');
  const teamDir = path.join(folder, TEAM_DIR);
  const others = treeBytes(teamDir);
  gc();
  startSampler();
  const baseline = process.memoryUsage().rss;
  const configure = await clock(() => ok(core, 'sync.configure', { folder }));
  const round = await clock(() => ok<RoundResult>(core, 'sync.now', {}));
  const peak = Math.max(peakRss, process.memoryUsage().rss);
  const records = core.workspace!.store.records.size;
  const mine = treeBytes(path.join(teamDir, replicaOf(core)));
  await core.close();
  fs.rmSync(dir, { recursive: true, force: true });
  // Leave the folder as it was: the next run's late member finds what this one found.
  fs.rmSync(path.join(teamDir, replicaOf(core)), { recursive: true, force: true });
  return {
    configureMs: configure.ms,
    roundMs: round.ms,
    round: round.value,
    records,
    bytesRead: others.bytes,
    filesRead: others.files,
    wroteBytes: mine.bytes,
    peak,
    peakGrowth: peak - baseline,
    hwm: highWater(),
  };
}

/** The reference: the whole-workspace bundle previewed and applied into an empty workspace. */
async function importTask(bundleFile: string) {
  const dir = tempDir('import');
  const core = await member(dir, 'Other');
  gc();
  startSampler();
  const baseline = process.memoryUsage().rss;
  const bytes = fs.readFileSync(bundleFile);
  const preview = await clock(() =>
    ok<{ previewId: string }>(core, 'bundles.preview', { bytes: bytes.toString('base64') }),
  );
  const apply = await clock(() => ok(core, 'bundles.apply', { previewId: preview.value.previewId }));
  const peak = Math.max(peakRss, process.memoryUsage().rss);
  const records = core.workspace!.store.records.size;
  await core.close();
  fs.rmSync(dir, { recursive: true, force: true });
  return {
    previewMs: preview.ms,
    applyMs: apply.ms,
    records,
    bytes: bytes.length,
    peak,
    peakGrowth: peak - baseline,
    hwm: highWater(),
  };
}

/**
 * Compaction: the 100k member (compactAfter 3) and a second member who joins; four rounds of
 * 1,000 edits by the first, each read by the second; the folder as a late member then finds it.
 */
async function compactTask(dataDir: string, folder: string) {
  const a = await member(dataDir, 'Amina Diallo', LATE_COMPACT_AFTER);
  await ok(a, 'sync.configure', { folder });
  const first = await clock(() => ok<RoundResult>(a, 'sync.now', {}));
  const bDir = tempDir('second');
  const b = await member(bDir, 'Boris Ivanov', LATE_COMPACT_AFTER);
  await ok(b, 'sync.configure', { folder });
  const join = await clock(() => ok<RoundResult>(b, 'sync.now', {}));
  const ids = [...a.workspace!.store.records.values()].filter((r) => r.kind === 'action').map((r) => r.id);
  const rounds: {
    edit: number;
    a: RoundResult & { ms: number };
    b: RoundResult & { ms: number };
    folder: { bytes: number; files: number };
  }[] = [];
  const teamDir = path.join(folder, TEAM_DIR);
  for (let round = 1; round <= LATE_EDIT_ROUNDS; round++) {
    const items = Array.from({ length: CHANGES }, (_, k) => ({
      id: ids[(round * CHANGES + k * 37) % ids.length]!,
      fields: editOf('action', round + k),
    }));
    const edit = await clock(() => ok(a, 'records.updateMany', { items }));
    const ra = await clock(() => ok<RoundResult>(a, 'sync.now', {}));
    const rb = await clock(() => ok<RoundResult>(b, 'sync.now', {}));
    rounds.push({
      edit: edit.ms,
      a: { ...ra.value, ms: ra.ms },
      b: { ...rb.value, ms: rb.ms },
      folder: treeBytes(teamDir),
    });
  }
  // One more round each, so that whatever is due is written and read.
  const ra = await clock(() => ok<RoundResult>(a, 'sync.now', {}));
  const rb = await clock(() => ok<RoundResult>(b, 'sync.now', {}));
  rounds.push({
    edit: 0,
    a: { ...ra.value, ms: ra.ms },
    b: { ...rb.value, ms: rb.ms },
    folder: treeBytes(teamDir),
  });
  const layout = Object.fromEntries(
    fs
      .readdirSync(teamDir)
      .map((m) => [
        m === replicaOf(a) ? 'A' : m === replicaOf(b) ? 'B' : m,
        [...filesOf(path.join(teamDir, m))],
      ]),
  );
  await a.close();
  await b.close();
  fs.rmSync(bDir, { recursive: true, force: true });
  return { first: { ...first.value, ms: first.ms }, join: { ...join.value, ms: join.ms }, rounds, layout };
}

// ————— the driver —————

function child<T>(args: string[]): T {
  const run = spawnSync(
    process.execPath,
    ['--expose-gc', '--max-old-space-size=12288', '--import', 'tsx', self, '--team-child', ...args],
    { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const line = run.stdout.split('\n').find((l) => l.startsWith('TEAM '));
  if (!line) throw new Error(`bench-team ${args[0]} failed (exit ${run.status})`);
  return JSON.parse(line.slice(5)) as T;
}

/** The code version of main/ and shared/ (committed trees + uncommitted diff), for the cache's name. */
function codeVersion(): string {
  const git = (...args: string[]) =>
    execFileSync('git', ['-C', root, ...args], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  try {
    return crypto
      .createHash('sha256')
      .update(git('rev-parse', 'HEAD:main', 'HEAD:shared'))
      .update(git('diff', 'HEAD', '--', 'main', 'shared'))
      .update(git('ls-files', '--others', '--exclude-standard', '--', 'main', 'shared'))
      .digest('hex')
      .slice(0, 12);
  } catch {
    return 'nogit';
  }
}

/** The core benchmark's 100k workspace (scripts/bench.ts --generate), made once per code version. */
function cachedWorkspace(n: number): string {
  const dir = path.join(os.tmpdir(), `fpd-team-ws-${n}-${codeVersion()}`);
  if (fs.existsSync(path.join(dir, '.complete'))) return dir;
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir);
  const started = process.hrtime.bigint();
  const made = spawnSync(
    process.execPath,
    ['--import', 'tsx', path.join(root, 'scripts/bench.ts'), '--generate', String(n), dir],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
  );
  if (made.status !== 0) throw new Error(`generating ${n} records failed (exit ${made.status})`);
  fs.writeFileSync(path.join(dir, '.complete'), '');
  console.error(
    `generated ${n.toLocaleString('en')} records in ${f(ms(process.hrtime.bigint() - started) / 1000)} s (cached in ${dir})`,
  );
  return dir;
}

function printRounds(
  repeat: number,
  out: (line: string) => void,
  variants: readonly boolean[] = [false, true],
) {
  out('');
  out(
    `Round: ${MEMBERS} members × ${CHANGES.toLocaleString('en')} changes, one team folder on the local disk; ${repeat} run(s) of each, each in its own process; every cell "run 1 / run 2 …"`,
  );
  const creates = Math.round(CHANGES * 0.4);
  out(
    `Round 1: empty workspaces, ${CHANGES.toLocaleString('en')} records.create each (first file = whole workspace); rounds 2–${ROUNDS}: ${creates} creates + ${CHANGES - creates} edits each of the shared records.`,
  );
  out(
    `Publish: sync.now after the member's changes, nothing of others to read; read: sync.now reading the ${MEMBERS - 1} others' files. Reference: bundles.export of the same records; ${MEMBERS - 1} × (bundles.preview + bundles.apply) by hand, members 1–${REF_READERS}.`,
  );
  for (const sealed of variants) {
    const runs = Array.from({ length: repeat }, () =>
      child<Awaited<ReturnType<typeof roundTask>>>(['round', sealed ? 'sealed' : 'plain']),
    );
    const cells = (pick: (r: RoundFigures) => string, round: number) =>
      runs.map((run) => pick(run.rounds[round - 1]!)).join(' / ');
    out('');
    out(
      `${sealed ? 'With a passphrase' : 'Plain (no passphrase)'}; scrypt alone (the cost of one key, same process): ${runs.map((r) => `${f(r.scrypt)} ms`).join(' / ')}`,
    );
    out(
      `| round | publish p50 / max | bundles.export p50 (publish ÷ export) | file per member p50 (÷ bundle) | written per round, all members | files in folder after publish / after read (bytes) | read p50 / max | ${MEMBERS - 1} bundles imported by hand p50 (read ÷ import, same members) | records per member after |`,
    );
    out('|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
    for (let round = 1; round <= ROUNDS; round++) {
      const m = (r: RoundFigures) => r.members;
      out(
        `| ${round} | ${cells((r) => `${f(p50(m(r).map((x) => x.publish)))} / ${f(max(m(r).map((x) => x.publish)))} ms`, round)} | ${cells(
          (r) =>
            `${f(p50(m(r).map((x) => x.exportMs)))} ms (${ratio(p50(m(r).map((x) => x.publish)), p50(m(r).map((x) => x.exportMs)))})`,
          round,
        )} | ${cells((r) => `${mb(p50(m(r).map((x) => x.fileBytes)))} (${ratio(p50(m(r).map((x) => x.fileBytes)), p50(m(r).map((x) => x.exportBytes)))})`, round)} | ${cells(
          (r) => mb(sum(m(r).map((x) => x.fileBytes))),
          round,
        )} | ${cells((r) => `${r.folderAfterPublish.files} / ${r.folderAfterRead.files} (${mb(r.folderAfterRead.bytes)})`, round)} | ${cells(
          (r) => `${f(p50(m(r).map((x) => x.read)))} / ${f(max(m(r).map((x) => x.read)))} ms`,
          round,
        )} | ${cells((r) => {
          const refs = m(r).filter((x) => x.refImport !== null);
          const imp = p50(refs.map((x) => x.refImport!));
          return `${f(imp)} ms (${ratio(p50(refs.map((x) => x.read)), imp)})`;
        }, round)} | ${cells((r) => [...new Set(r.records)].join(','), round)} |`,
      );
    }
    const last = runs[0]!.rounds;
    out(
      `Read rounds, run 1: files read ${last.map((r) => `r${r.round} ${[...new Set(r.members.map((x) => x.readRound.read))].join('–')}`).join(', ')}; records changed per reader ${last.map((r) => `r${r.round} ${p50(r.members.map((x) => x.readRound.changed))}`).join(', ')}; by hand ${last
        .map(
          (r) =>
            `r${r.round} ${r.members
              .filter((x) => x.refChanged !== null)
              .map((x) => x.refChanged)
              .join('/')}`,
        )
        .join(', ')}.`,
    );
  }
}

function printLate(repeat: number, out: (line: string) => void) {
  const source = cachedWorkspace(LATE_RECORDS);
  out('');
  out(
    `Late member: ${LATE_RECORDS.toLocaleString('en')} records (the core benchmark's generator), ${repeat} run(s) of each, each in its own process`,
  );
  const work = tempDir('late-source');
  const folder = tempDir('late-folder');
  const bundleFile = path.join(folder, '..', `${path.basename(folder)}.fpbundle`);
  fs.cpSync(source, work, { recursive: true });
  const pub = child<Awaited<ReturnType<typeof publishTask>>>(['publish', work, folder, bundleFile]);
  out(
    `The first member publishes: sync.now ${f(pub.publishMs)} ms for ${pub.round.published.toLocaleString('en')} records, one file of ${mb(pub.folder.bytes)}; bundles.export of the whole workspace ${f(pub.exportMs)} ms, ${mb(pub.bundleBytes)} (publish ÷ export ${ratio(pub.publishMs, pub.exportMs)}, file ÷ bundle ${ratio(pub.folder.bytes, pub.bundleBytes)}); that process's peak RSS ${mb(pub.hwm)}.`,
  );
  const late = Array.from({ length: repeat }, () =>
    child<Awaited<ReturnType<typeof lateTask>>>(['late', folder]),
  );
  const imports = Array.from({ length: repeat }, () =>
    child<Awaited<ReturnType<typeof importTask>>>(['import', bundleFile]),
  );
  out('| | time | peak RSS (VmHWM) | peak growth (sampled) | bytes read | records after |');
  out('|---|---:|---:|---:|---:|---:|');
  out(`| late member: sync.configure | ${late.map((l) => `${f(l.configureMs)} ms`).join(' / ')} | | | | |`);
  out(
    `| late member: sync.now | ${late.map((l) => `${f(l.roundMs)} ms`).join(' / ')} | ${late.map((l) => mb(l.hwm)).join(' / ')} | ${late.map((l) => mb(l.peakGrowth)).join(' / ')} | ${mb(late[0]!.bytesRead)} (${late[0]!.filesRead} files) | ${late[0]!.records.toLocaleString('en')} |`,
  );
  out(
    `| reference: bundles.preview + apply | ${imports.map((i) => `${f(i.previewMs + i.applyMs)} ms (${f(i.previewMs)} + ${f(i.applyMs)})`).join(' / ')} | ${imports.map((i) => mb(i.hwm)).join(' / ')} | ${imports.map((i) => mb(i.peakGrowth)).join(' / ')} | ${mb(imports[0]!.bytes)} | ${imports[0]!.records.toLocaleString('en')} |`,
  );
  out(
    `| late ÷ reference (p50) | ${ratio(p50(late.map((l) => l.configureMs + l.roundMs)), p50(imports.map((i) => i.previewMs + i.applyMs)))} (configure + round) | ${ratio(p50(late.map((l) => l.hwm)), p50(imports.map((i) => i.hwm)))} | | ${ratio(late[0]!.bytesRead, imports[0]!.bytes)} | |`,
  );
  out(
    `In that round the late member also published ${late[0]!.round.published.toLocaleString('en')} records: ${mb(late[0]!.wroteBytes)} written to the folder.`,
  );
  fs.rmSync(work, { recursive: true, force: true });
  fs.rmSync(folder, { recursive: true, force: true });
  fs.rmSync(bundleFile, { force: true });

  // After compaction.
  const cWork = tempDir('compact-source');
  const cFolder = tempDir('compact-folder');
  fs.cpSync(source, cWork, { recursive: true });
  const c = child<Awaited<ReturnType<typeof compactTask>>>(['compact', cWork, cFolder]);
  out('');
  out(
    `After compaction (compactAfter ${LATE_COMPACT_AFTER}): A (${LATE_RECORDS.toLocaleString('en')} records) publishes (${f(c.first.ms)} ms); B joins with an empty workspace (${f(c.join.ms)} ms: read ${c.join.read}, published ${c.join.published.toLocaleString('en')}); then ${LATE_EDIT_ROUNDS} rounds of ${CHANGES.toLocaleString('en')} edits by A, each read by B, and one more round each`,
  );
  out(
    '| round | A: sync.now (read, wrote, published) | B: sync.now (read, changed, wrote) | folder after (files) |',
  );
  out('|---:|---:|---:|---:|');
  c.rounds.forEach((r, i) =>
    out(
      `| ${i + 1}${r.edit ? '' : ' (no edits)'} | ${f(r.a.ms)} ms (${r.a.read}, ${r.a.wrote}, ${r.a.published.toLocaleString('en')}) | ${f(r.b.ms)} ms (${r.b.read}, ${r.b.changed.toLocaleString('en')}, ${r.b.wrote}) | ${mb(r.folder.bytes)} (${r.folder.files}) |`,
    ),
  );
  out(
    `Folder then: ${Object.entries(c.layout)
      .map(([m, files]) => `${m}: ${files.map(([n, s]) => `${n} ${mb(s)}`).join(', ')}`)
      .join('; ')}`,
  );
  const cLate = Array.from({ length: repeat }, () =>
    child<Awaited<ReturnType<typeof lateTask>>>(['late', cFolder]),
  );
  out(
    '| | configure | sync.now | peak RSS (VmHWM) | bytes read | records after | late ÷ reference import (time, peak) |',
  );
  out('|---|---:|---:|---:|---:|---:|---:|');
  out(
    `| late member after compaction | ${cLate.map((l) => `${f(l.configureMs)} ms`).join(' / ')} | ${cLate.map((l) => `${f(l.roundMs)} ms`).join(' / ')} | ${cLate.map((l) => mb(l.hwm)).join(' / ')} | ${mb(cLate[0]!.bytesRead)} (${cLate[0]!.filesRead} files) | ${cLate[0]!.records.toLocaleString('en')} | ${ratio(
      p50(cLate.map((l) => l.configureMs + l.roundMs)),
      p50(imports.map((i) => i.previewMs + i.applyMs)),
    )}, ${ratio(p50(cLate.map((l) => l.hwm)), p50(imports.map((i) => i.hwm)))} |`,
  );
  fs.rmSync(cWork, { recursive: true, force: true });
  fs.rmSync(cFolder, { recursive: true, force: true });
}

export function teamBenchmark(
  options: { repeat?: number; only?: 'round' | 'late'; variant?: 'plain' | 'sealed' } = {},
): string[] {
  const repeat = options.repeat ?? 2;
  const lines: string[] = [];
  const out = (line: string) => {
    lines.push(line);
    console.log(line);
  };
  const load = os
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(' ');
  out(
    `Team folder — Node ${process.version}, ${os.cpus().length} cores, ${os.cpus()[0]?.model ?? ''}; load average at start ${load}`,
  );
  if (options.only !== 'late')
    printRounds(repeat, out, options.variant ? [options.variant === 'sealed'] : undefined);
  if (options.only !== 'round') printLate(repeat, out);
  out(
    `Load average at the end: ${os
      .loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')}`,
  );
  return lines;
}

// ————— entry —————

if (process.argv[1] === self) {
  const argv = process.argv.slice(2);
  const childArg = argv.indexOf('--team-child');
  if (childArg >= 0) {
    const [task, ...rest] = argv.slice(childArg + 1);
    let result: unknown;
    if (task === 'round') result = await roundTask(rest[0] === 'sealed');
    else if (task === 'publish') result = await publishTask(rest[0]!, rest[1]!, rest[2]!);
    else if (task === 'late') result = await lateTask(rest[0]!);
    else if (task === 'import') result = await importTask(rest[0]!);
    else if (task === 'compact') result = await compactTask(rest[0]!, rest[1]!);
    else throw new Error(`unknown task ${task}`);
    if (sampler) clearInterval(sampler);
    process.stdout.write(`TEAM ${JSON.stringify(result ?? null)}\n`);
  } else {
    const repeatArg = argv.indexOf('--repeat');
    const onlyArg = argv.indexOf('--only');
    const variantArg = argv.indexOf('--variant');
    teamBenchmark({
      repeat: repeatArg >= 0 ? Number(argv[repeatArg + 1]) : undefined,
      only: onlyArg >= 0 ? (argv[onlyArg + 1] as 'round' | 'late') : undefined,
      variant: variantArg >= 0 ? (argv[variantArg + 1] as 'plain' | 'sealed') : undefined,
    });
  }
}
