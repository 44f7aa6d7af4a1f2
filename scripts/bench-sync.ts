/**
 * The "sync model" benchmark (`npm run bench -- --sync [1000 10000 100000]`): what long, often
 * autosaved texts cost on disk, in bundles, on the edit path and in memory. It uses only the
 * core's public surface (openCore, core.dispatch, core.close), so the same script measures an
 * older checkout:
 *
 *   npx tsx scripts/bench-sync.ts [sizes]                      this checkout
 *   npx tsx scripts/bench-sync.ts --root /other/checkout [sizes] that one's main/core/index.js
 *
 * Every figure is printed with its ratio to a floor measured in the same run. Each task runs in
 * its own process so memory figures do not mix. Not a test: nothing here passes or fails.
 *
 *   long note        one meeting's English notes grow to ≈117 KB by 60 autosaves (each a
 *                    records.update of the whole text, as the renderer's autosave does); then the
 *                    records folder and a whole-workspace bundle (and a `compact` one where the
 *                    core takes that option), each ÷ the text's own UTF-8 bytes (floor 1×). Again
 *                    with an export after every 10 autosaves (history that has left must be kept).
 *   edit beside      records.update of that meeting's title vs a contact's name in the same
 *                    workspace, until the promise resolves (durable): p50 / p95 of 120 each
 *   merge both ends  A sends the meeting to B; A edits the first sentence, B appends a paragraph;
 *                    bundles both ways: does each side show both edits and no conflict on notes?
 *   mix              n records made through records.create (NAPs with objectives, actions,
 *                    indicators with measurements; meetings; contacts; action points), ~1% of them
 *                    meetings with 50–200 KB notes saved 20–100 times. Disk and bundle bytes per
 *                    byte of text (the records' current fields as JSON), openCore + the first
 *                    records.query of meetings, RSS held after open ÷ disk, and the peak RSS of a
 *                    process previewing and applying the whole-workspace bundle into an empty one.
 *                    Generated workspaces are cached in os.tmpdir(), keyed by size, workload and
 *                    the checkout's code version (git rev-parse HEAD + a hash of its uncommitted diff).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { SENTENCES as SEARCH_SENTENCES } from './bench-search.js';

/** Bump when the generated workload changes: cached workspaces of another workload are not reused. */
const WORKLOAD = 1;
const DEFAULT_SIZES = [1_000, 10_000];
/** Long-note meetings in the mix: 1% of the records, at most this many (see LONG_CAP_NOTE). */
const LONG_SHARE = 0.01;
const LONG_CAP = 100;
const LONG_CAP_NOTE = `long-note meetings: 1% of the records, capped at ${LONG_CAP} (so 0.1% at 100k) to keep the old code's generation, which rewrites the whole history on each autosave, within minutes`;

const self = fileURLToPath(import.meta.url);
const defaultRoot = path.resolve(path.dirname(self), '..');

// ————— helpers —————

interface Envelope {
  ok: boolean;
  value?: unknown;
  error?: { code?: string; message?: string; bundle?: { code?: string } };
}
interface CoreLike {
  dispatch(name: string, request: unknown): Promise<Envelope>;
  close(): Promise<void>;
}
interface RecordLike {
  id: string;
  fields: Record<string, unknown>;
  conflicts: { field: string }[];
}
type OpenCore = (options: { dataDir: string; host: 'browser'; systemLocales: string[]; log: (e: unknown) => void }) => Promise<CoreLike>;

const f = (x: number) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
const ratio = (x: number, floor: number) => `${(x / floor).toFixed(1)}×`;
const mb = (bytes: number) => `${f(bytes / 1e6)} MB`;
const ms = (ns: bigint) => Number(ns) / 1e6;
const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))]!;
const gc = () => (globalThis as { gc?: () => void }).gc?.();
const utf8 = (s: string) => Buffer.byteLength(s, 'utf8');

let peakRss = 0;
let sampler: NodeJS.Timeout | undefined;
const startSampler = () => {
  peakRss = process.memoryUsage().rss;
  sampler ??= setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 5);
};

async function loadCore(root: string): Promise<OpenCore> {
  const module = (await import(pathToFileURL(path.join(root, 'main/core/index.js')).href)) as { openCore: OpenCore };
  return module.openCore;
}

async function open(openCore: OpenCore, dataDir: string, name = 'Bench'): Promise<CoreLike> {
  const core = await openCore({ dataDir, host: 'browser', systemLocales: ['en'], log: () => undefined });
  await ok(core, 'profile.set', { name, organisation: 'Bench', country: 'SN', role: 'national_focal_point' });
  return core;
}

async function ok<T = RecordLike>(core: CoreLike, name: string, request: unknown): Promise<T> {
  const envelope = await core.dispatch(name, request);
  if (!envelope.ok) throw new Error(`${name} failed: ${JSON.stringify(envelope.error)}`);
  return envelope.value as T;
}

/** Sum of file sizes under a folder, recursively. */
function treeBytes(dir: string): number {
  if (!fs.existsSync(dir)) return 0;
  let sum = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    sum += entry.isDirectory() ? treeBytes(full) : fs.statSync(full).size;
  }
  return sum;
}
/** The records' bytes: the bucket files, and the long texts kept in files of their own (blobs/, from store schema 2). */
const recordsBytes = (dataDir: string) => treeBytes(path.join(dataDir, 'records')) + treeBytes(path.join(dataDir, 'blobs'));

const tempDir = (tag: string) => fs.mkdtempSync(path.join(os.tmpdir(), `fpd-sync-${tag}-`));

/** A deterministic pseudo-random sequence (the same workload every run, whatever the code). */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

/** The English sentences of the search benchmark's meeting notes. */
const SENTENCES = SEARCH_SENTENCES.en!;

/** English meeting notes of about `bytes` bytes, in paragraphs, with numbers so no two are alike. */
function notesText(r: () => number, bytes: number): string {
  let out = 'Opening of the meeting by the chair.';
  while (out.length < bytes) out += `${r() < 0.15 ? '\n\n' : ' '}${SENTENCES[Math.floor(r() * SENTENCES.length)]} (${Math.floor(r() * 100_000)})`;
  return out.slice(0, bytes);
}

/** The text after `save` of `saves` autosaves: a prefix growing evenly (typing, then a pause). */
const prefix = (text: string, save: number, saves: number) => text.slice(0, Math.ceil((text.length * save) / saves));

/** Whether the core takes `compact` on bundles.export: the older one refuses it as invalid. */
async function exportBundle(core: CoreLike, compact: boolean): Promise<{ bytes: number; content?: string; refused?: string }> {
  const envelope = await core.dispatch('bundles.export', compact ? { scope: { type: 'all' }, compact: true } : { scope: { type: 'all' } });
  if (!envelope.ok) return { bytes: NaN, refused: envelope.error?.code ?? 'error' };
  const { content } = envelope.value as { content: string };
  return { bytes: utf8(content), content };
}

// ————— tasks run in child processes —————

/** Long note autosaved; with exports in between; the edit beside it. */
async function longNoteTask(root: string) {
  const openCore = await loadCore(root);
  const text = notesText(rng(117), 117 * 1024);
  const textBytes = utf8(text);
  const result: Record<string, unknown> = { textBytes };

  // grown: appended to, save after save; revised: written at its full length, then 59 small
  // edits through it (each save a few words more), the case where every copy is a full one.
  const revised = (save: number) => {
    let out = text;
    for (let k = 2; k <= save; k++) {
      const at = out.indexOf(' ', Math.floor((out.length * (k - 1)) / 60));
      out = `${out.slice(0, at)} (revised ${k})${out.slice(at)}`;
    }
    return out;
  };
  for (const [key, exportEvery, notesAt] of [
    ['plain', 0, (save: number) => prefix(text, save, 60)],
    ['exported', 10, (save: number) => prefix(text, save, 60)],
    ['revised', 0, revised],
  ] as const) {
    const dir = tempDir('long');
    const core = await open(openCore, dir);
    const meeting = await ok(core, 'records.create', { kind: 'meeting', fields: { title: { en: 'Network meeting with long notes' }, type: 'focal_points_network', start: '2026-03-10T09:00:00Z' } });
    const saves: number[] = [];
    for (let save = 1; save <= 60; save++) {
      const started = process.hrtime.bigint();
      await ok(core, 'records.update', { id: meeting.id, fields: { notes: { en: notesAt(save) } } });
      saves.push(ms(process.hrtime.bigint() - started));
      if (exportEvery && save % exportEvery === 0 && save < 60) await exportBundle(core, false);
    }
    const full = await exportBundle(core, false);
    const compact = await exportBundle(core, true);
    result[key] = { disk: recordsBytes(dir), bundle: full.bytes, compact: compact.bytes, compactRefused: compact.refused ?? null, saveP50: percentile(saves, 50), saveP95: percentile(saves, 95) };

    if (key === 'plain') {
      // Edit beside the long note: its meeting's title vs a contact's name, alternating.
      const contact = await ok(core, 'records.create', { kind: 'contact', fields: { name: 'Li Wei', country: 'SN', email: 'li.wei@example.org' } });
      const big: number[] = [];
      const small: number[] = [];
      for (let i = 0; i < 120; i++) {
        let started = process.hrtime.bigint();
        await ok(core, 'records.update', { id: meeting.id, fields: { title: { en: `Network meeting with long notes ${i}` } } });
        big.push(ms(process.hrtime.bigint() - started));
        started = process.hrtime.bigint();
        await ok(core, 'records.update', { id: contact.id, fields: { name: `Li Wei ${i}` } });
        small.push(ms(process.hrtime.bigint() - started));
      }
      result.edit = { bigP50: percentile(big, 50), bigP95: percentile(big, 95), smallP50: percentile(small, 50), smallP95: percentile(small, 95) };
    }
    await core.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return result;
}

/** Merge at both ends: the first sentence edited on A, a paragraph appended on B. */
async function mergeTask(root: string) {
  const openCore = await loadCore(root);
  const dirs = [tempDir('merge-a'), tempDir('merge-b')];
  const a = await open(openCore, dirs[0]!, 'Amina Diallo');
  const b = await open(openCore, dirs[1]!, 'Boris Ivanov');
  const text = notesText(rng(2242), 117 * 1024);
  const meeting = await ok(a, 'records.create', { kind: 'meeting', fields: { title: { en: 'Network meeting' }, type: 'focal_points_network' } });
  for (let save = 1; save <= 60; save++) await ok(a, 'records.update', { id: meeting.id, fields: { notes: { en: prefix(text, save, 60) } } });
  const send = async (from: CoreLike, to: CoreLike) => {
    const { content } = await ok<{ content: string }>(from, 'bundles.export', { scope: { type: 'all' } });
    return async () => {
      const preview = await ok<{ previewId: string }>(to, 'bundles.preview', { content });
      await ok(to, 'bundles.apply', { previewId: preview.previewId });
    };
  };
  await (await send(a, b))();
  const firstSentence = text.slice(0, text.indexOf('.') + 1);
  const newFirst = 'The chair opened the meeting and welcomed the new focal points.';
  const paragraph = '\n\nAdded on the other side: the next meeting will be held in Dakar.';
  await ok(a, 'records.update', { id: meeting.id, fields: { notes: { en: newFirst + text.slice(firstSentence.length) } } });
  await ok(b, 'records.update', { id: meeting.id, fields: { notes: { en: text + paragraph } } });
  const toB = await send(a, b);
  const toA = await send(b, a);
  await toB();
  await toA();
  const sides: Record<string, { clean: boolean; both: boolean }> = {};
  for (const [name, core] of [['A', a], ['B', b]] as const) {
    const { record } = await ok<{ record: RecordLike }>(core, 'records.get', { id: meeting.id });
    const notes = ((record.fields.notes ?? {}) as Record<string, string>).en ?? '';
    sides[name] = {
      clean: !record.conflicts.some((c) => c.field === 'notes' || c.field.startsWith('notes@')),
      both: notes.startsWith(newFirst) && notes.endsWith(paragraph) && !notes.includes(firstSentence),
    };
  }
  await a.close();
  await b.close();
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  return sides;
}

interface Plan {
  longMeetings: number;
  textBytes: number;
  longTextBytes: number;
  longSaves: number;
}

/** Writes the mix of n records through the API: ordinary records first, then the long notes' autosaves. */
async function generateTask(root: string, n: number, dataDir: string): Promise<Plan> {
  const openCore = await loadCore(root);
  const core = await open(openCore, dataDir);
  const r = rng(n);
  const longMeetings = Math.min(LONG_CAP, Math.round(n * LONG_SHARE));
  let textBytes = 0;
  const create = async (kind: string, fields: Record<string, unknown>, parentId?: string): Promise<RecordLike> => {
    textBytes += utf8(JSON.stringify(fields));
    return ok(core, 'records.create', parentId ? { kind, parentId, fields } : { kind, fields });
  };
  const sentence = () => SENTENCES[Math.floor(r() * SENTENCES.length)]!;
  const day = (i: number) => new Date(Date.UTC(2024, 0, 1) + (i % 900) * 86_400_000).toISOString().slice(0, 10);

  // The long-note meetings, made first with their first autosave; their later autosaves come last.
  const long = await Promise.all(
    Array.from({ length: longMeetings }, async (_, i) => {
      const bytes = Math.round(50_000 + r() * 150_000);
      const saves = 20 + Math.floor(r() * 81);
      const text = notesText(r, bytes);
      const first = prefix(text, 1, saves);
      const record = await create('meeting', { title: { en: `Network meeting ${i} (long notes)` }, type: 'focal_points_network', start: `${day(i * 3)}T09:00:00Z`, notes: { en: first } });
      textBytes += utf8(text) - utf8(first);
      return { id: record.id, text, saves };
    }),
  );

  // Ordinary records, in blocks: a NAP tree (16 records), or 20 of meetings, contacts and action
  // points. Blocks are written many at a time (the store writes a burst as one commit per file);
  // within a NAP tree a child waits for its parent.
  const napTree = async (block: number) => {
    // Its own sequence: the tree's records are made in whatever order their parents come back.
    const rb = rng(n + block);
    const sentence = () => SENTENCES[Math.floor(rb() * SENTENCES.length)]!;
    const nap = await create('nap', { title: { en: `National Action Plan ${block}` }, country: 'SN', generation: 1 + (block % 5), status: 'adopted', periodStart: 2025, periodEnd: 2029, summary: { en: `${sentence()} ${sentence()}` } });
    await Promise.all(
      [0, 1, 2].map(async (o) => {
        const objective = await create('nap.objective', { pillar: (['participation', 'protection', 'prevention'] as const)[o], title: { en: sentence().slice(0, 60) }, description: { en: sentence() } }, nap.id);
        await Promise.all(
          [0, 1].map(async (a) => {
            const action = await create('nap.action', { description: { en: sentence() }, status: 'planned', budgetAmount: 1000 * (a + 1), budgetCurrency: 'XOF', resolutions: [1325, 2242] }, objective.id);
            const measurements = [0, 1, 2, 3].map((m) => ({ date: `${2025 + m}-06-30`, value: 5 + m * 4 + Math.floor(rb() * 3), source: 'Ministry report' }));
            await create('nap.indicator', { name: { en: `Share of women ${block}-${o}-${a}` }, unit: '%', baselineValue: 5, baselineYear: 2024, targetValue: 30, targetYear: 2029, measurements }, action.id);
          }),
        );
      }),
    );
  };
  const plain = (from: number, count: number) =>
    Promise.all(
      Array.from({ length: count }, (_, k) => {
        const i = from + k;
        if (k % 5 === 0) return create('meeting', { title: { en: `Working group meeting ${i}` }, type: 'working_group', start: `${day(i)}T10:00:00Z`, place: 'Dakar', notes: { en: `${sentence()} ${sentence()} ${sentence()}` } });
        if (k % 2 === 0) return create('contact', { name: `Contact ${i}`, country: 'SN', institution: 'Ministry of Foreign Affairs', role: 'national_focal_point', languages: ['fr', 'en'], email: `c${i}@example.org` });
        return create('action', { title: { en: `${sentence().slice(0, 70)} (${i})` }, details: { en: sentence() }, status: i % 3 ? 'open' : 'done', priority: 'normal', dueDate: day(i) });
      }),
    );
  const blocks: (() => Promise<unknown>)[] = [];
  let planned = longMeetings;
  for (let block = 0; planned < n; block++) {
    if (block % 4 === 0 && n - planned >= 16) {
      blocks.push(() => napTree(block));
      planned += 16;
    } else {
      const from = planned;
      const count = Math.min(20, n - planned);
      blocks.push(() => plain(from, count));
      planned += count;
    }
  }
  for (let b = 0; b < blocks.length; b += 50) await Promise.all(blocks.slice(b, b + 50).map((run) => run()));

  // The autosaves: round by round, every long note still being typed saves once (in parallel,
  // as several windows would); each save carries the whole text.
  let longSaves = 0;
  const rounds = Math.max(...long.map((l) => l.saves), 0);
  for (let save = 2; save <= rounds; save++) {
    const due = long.filter((l) => l.saves >= save);
    longSaves += due.length;
    await Promise.all(due.map((l) => ok(core, 'records.update', { id: l.id, fields: { notes: { en: prefix(l.text, save, l.saves) } } })));
  }
  await core.close();
  return { longMeetings, textBytes, longTextBytes: long.reduce((s, l) => s + utf8(l.text), 0), longSaves: longSaves + long.length };
}

/** Opens the cached mix (cold process), queries the first screen, exports the whole workspace. */
async function measureTask(root: string, dataDir: string, bundleFile: string) {
  const openCore = await loadCore(root);
  gc();
  const baseline = process.memoryUsage().rss;
  const started = process.hrtime.bigint();
  const core = await openCore({ dataDir, host: 'browser', systemLocales: ['en'], log: () => undefined });
  const first = await ok<{ total: number }>(core, 'records.query', { kind: 'meeting', sort: { by: 'start', direction: 'desc' }, locale: 'en', limit: 50, offset: 0 });
  const openQuery = ms(process.hrtime.bigint() - started);
  gc();
  gc();
  const held = process.memoryUsage().rss - baseline;
  const disk = recordsBytes(dataDir);
  const full = await exportBundle(core, false);
  if (full.content) fs.writeFileSync(bundleFile, full.content);
  const compact = await exportBundle(core, true);
  await core.close();
  return { meetings: first.total, openQuery, held, disk, bundle: full.bytes, bundleRefused: full.refused ?? null, compact: compact.bytes, compactRefused: compact.refused ?? null };
}

/** Previews and applies a bundle file into an empty workspace (a process of its own: its memory is its own). */
async function importTask(root: string, bundleFile: string) {
  const openCore = await loadCore(root);
  const dir = tempDir('import');
  const core = await open(openCore, dir, 'Other');
  gc();
  startSampler();
  const baseline = process.memoryUsage().rss;
  const started = process.hrtime.bigint();
  const content = fs.readFileSync(bundleFile, 'utf8');
  const preview = await core.dispatch('bundles.preview', { content });
  let refused: string | null = null;
  let previewMs = ms(process.hrtime.bigint() - started);
  let applyMs = NaN;
  if (preview.ok) {
    const applyStarted = process.hrtime.bigint();
    const applied = await core.dispatch('bundles.apply', { previewId: (preview.value as { previewId: string }).previewId });
    applyMs = ms(process.hrtime.bigint() - applyStarted);
    if (!applied.ok) refused = applied.error?.code ?? 'error';
  } else {
    refused = `${preview.error?.code ?? 'error'}${preview.error?.bundle?.code ? `/${preview.error.bundle.code}` : ''}`;
    previewMs = NaN;
  }
  const peak = Math.max(peakRss, process.memoryUsage().rss);
  await core.close();
  fs.rmSync(dir, { recursive: true, force: true });
  return { previewMs, applyMs, peak, peakGrowth: peak - baseline, refused };
}

// ————— the driver —————

function child<T>(root: string, args: string[]): T {
  const run = spawnSync(process.execPath, ['--expose-gc', '--max-old-space-size=12288', '--import', 'tsx', self, '--root', root, '--sync-child', ...args], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const line = run.stdout.split('\n').find((l) => l.startsWith('SYNC '));
  if (!line) throw new Error(`bench-sync ${args[0]} failed (exit ${run.status}): ${run.stderr.slice(-4000)}`);
  return JSON.parse(line.slice(5)) as T;
}

/**
 * The checkout's code version: its commit (shown), and for the cache the trees of main/ and
 * shared/ at that commit plus a hash of what is not committed there yet, so that a commit that
 * changes neither (this script's own) keeps the cached workspaces.
 */
function codeVersion(root: string): { label: string; key: string } {
  const git = (...args: string[]) => execFileSync('git', ['-C', root, ...args], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  try {
    const head = git('rev-parse', '--short=12', 'HEAD').trim();
    const trees = git('rev-parse', 'HEAD:main', 'HEAD:shared');
    const diff = git('diff', 'HEAD', '--', 'main', 'shared');
    const untracked = git('ls-files', '--others', '--exclude-standard', '--', 'main', 'shared');
    const key = crypto.createHash('sha256').update(trees).update(diff).update(untracked).digest('hex').slice(0, 12);
    return { label: diff || untracked ? `${head} + uncommitted changes` : head, key };
  } catch {
    return { label: 'unknown (not a git checkout)', key: `nogit-${crypto.createHash('sha256').update(root).digest('hex').slice(0, 12)}` };
  }
}

/** The generated mix for n records, from the cache when this code version made it before. */
function cachedMix(root: string, n: number, version: string): { dir: string; plan: Plan; cached: boolean; generateMs: number } {
  const dir = path.join(os.tmpdir(), `fpd-sync-mix-w${WORKLOAD}-${n}-${version}`);
  const planFile = `${dir}.plan.json`;
  if (fs.existsSync(planFile) && fs.existsSync(dir)) return { dir, plan: JSON.parse(fs.readFileSync(planFile, 'utf8')) as Plan, cached: true, generateMs: NaN };
  fs.rmSync(dir, { recursive: true, force: true });
  const partial = `${dir}.partial`;
  fs.rmSync(partial, { recursive: true, force: true });
  fs.mkdirSync(partial);
  const started = process.hrtime.bigint();
  const plan = child<Plan>(root, ['generate', String(n), partial]);
  const generateMs = ms(process.hrtime.bigint() - started);
  fs.renameSync(partial, dir);
  fs.writeFileSync(planFile, JSON.stringify(plan));
  return { dir, plan, cached: false, generateMs };
}

export function syncBenchmark(sizes: readonly number[] = DEFAULT_SIZES, root = defaultRoot): string[] {
  const lines: string[] = [];
  const out = (line: string) => {
    lines.push(line);
    console.log(line);
  };
  const version = codeVersion(root);
  out(`Sync model — code ${version.label} at ${root}; Node ${process.version}, ${os.cpus().length} cores`);

  const long = child<{
    textBytes: number;
    plain: { disk: number; bundle: number; compact: number; compactRefused: string | null; saveP50: number; saveP95: number };
    exported: { disk: number; bundle: number; compact: number; compactRefused: string | null };
    revised: { disk: number; bundle: number; compact: number; compactRefused: string | null };
    edit: { bigP50: number; bigP95: number; smallP50: number; smallP95: number };
  }>(root, ['long']);
  const t = long.textBytes;
  const compactCell = (x: { compact: number; compactRefused: string | null }) => (x.compactRefused ? 'n/a' : `${mb(x.compact)} (${ratio(x.compact, t)})`);
  out('');
  out(`Long note autosaved: one meeting, English notes grown to ${f(t / 1024)} KB by 60 autosaves of the whole text (floor: the text's own ${mb(t)}, 1×)`);
  out('| | records on disk (× text) | bundle (× text) | compact bundle (× text) |');
  out('|---|---:|---:|---:|');
  out(`| 60 autosaves | ${mb(long.plain.disk)} (${ratio(long.plain.disk, t)}) | ${mb(long.plain.bundle)} (${ratio(long.plain.bundle, t)}) | ${compactCell(long.plain)} |`);
  out(`| 60 autosaves, an export after every 10 | ${mb(long.exported.disk)} (${ratio(long.exported.disk, t)}) | ${mb(long.exported.bundle)} (${ratio(long.exported.bundle, t)}) | ${compactCell(long.exported)} |`);
  out(`| 117 KB at the first save, then 59 small edits through it | ${mb(long.revised.disk)} (${ratio(long.revised.disk, t)}) | ${mb(long.revised.bundle)} (${ratio(long.revised.bundle, t)}) | ${compactCell(long.revised)} |`);
  out(`Autosave → durable: p50 ${f(long.plain.saveP50)} ms, p95 ${f(long.plain.saveP95)} ms.`);

  const e = long.edit;
  out('');
  out('Edit beside a long note: records.update until durable, 120 each, in the same workspace (reference: the contact)');
  out('| record edited | p50 | p95 | × the contact (p50 / p95) |');
  out('|---|---:|---:|---:|');
  out(`| meeting holding the long note (its title) | ${f(e.bigP50)} ms | ${f(e.bigP95)} ms | ${ratio(e.bigP50, e.smallP50)} / ${ratio(e.bigP95, e.smallP95)} |`);
  out(`| small record (a contact's name) | ${f(e.smallP50)} ms | ${f(e.smallP95)} ms | 1× |`);

  const merge = child<Record<'A' | 'B', { clean: boolean; both: boolean }>>(root, ['merge']);
  const yn = (x: boolean) => (x ? 'yes' : 'no');
  out('');
  out('Merge at both ends: A edits the first sentence of the long note, B appends a paragraph; bundles both ways');
  out('| side | no conflict on notes | both edits present |');
  out('|---|---|---|');
  for (const side of ['A', 'B'] as const) out(`| ${side} | ${yn(merge[side].clean)} | ${yn(merge[side].both)} |`);

  out('');
  out(`Mix: ordinary records made through records.create, plus meetings with 50–200 KB English notes each saved 20–100 times (${LONG_CAP_NOTE}). Text: the records' current fields as JSON (floor 1×).`);
  out('| records | long-note meetings (autosaves) | text | records on disk (× text) | bundle (× text) | compact bundle (× text) | openCore + first meetings query | RSS held after open (× disk) | preview + apply into an empty workspace | peak RSS of that process (growth) |');
  out('|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const n of sizes) {
    const mix = cachedMix(root, n, version.key);
    if (!mix.cached) console.error(`generated ${n.toLocaleString('en')} records in ${f(mix.generateMs / 1000)} s (cached in ${mix.dir})`);
    // Measured on a copy: exporting may mark history as sent, and the cache stays as generated.
    const work = tempDir(`measure-${n}`);
    fs.cpSync(mix.dir, work, { recursive: true });
    // One open beforehand (its own process), so that the day's automatic backup is not timed.
    child(root, ['warm', work]);
    const bundleFile = path.join(work, 'bench.fpbundle');
    const m = child<Awaited<ReturnType<typeof measureTask>>>(root, ['measure', work, bundleFile]);
    const imp = fs.existsSync(bundleFile) ? child<Awaited<ReturnType<typeof importTask>>>(root, ['import', bundleFile]) : null;
    fs.rmSync(work, { recursive: true, force: true });
    const text = mix.plan.textBytes;
    const bundle = m.bundleRefused ? `refused (${m.bundleRefused})` : `${mb(m.bundle)} (${ratio(m.bundle, text)})`;
    const compact = m.compactRefused ? (m.compactRefused === 'invalid_request' ? 'n/a' : `refused (${m.compactRefused})`) : `${mb(m.compact)} (${ratio(m.compact, text)})`;
    const importCell = !imp ? '—' : imp.refused ? `refused (${imp.refused})` : `${f(imp.previewMs + imp.applyMs)} ms`;
    const peakCell = !imp || imp.refused ? '—' : `${mb(imp.peak)} (${mb(imp.peakGrowth)})`;
    out(
      `| ${n.toLocaleString('en')} | ${mix.plan.longMeetings} (${mix.plan.longSaves.toLocaleString('en')}) | ${mb(text)} | ${mb(m.disk)} (${ratio(m.disk, text)}) | ${bundle} | ${compact} | ${f(m.openQuery)} ms | ${mb(m.held)} (${(m.held / m.disk).toFixed(2)}×) | ${importCell} | ${peakCell} |`,
    );
  }
  return lines;
}

// ————— entry —————

if (process.argv[1] === self) {
  const argv = process.argv.slice(2);
  const rootArg = argv.indexOf('--root');
  const root = rootArg >= 0 ? path.resolve(argv[rootArg + 1]!) : defaultRoot;
  const childArg = argv.indexOf('--sync-child');
  if (childArg >= 0) {
    const [task, ...rest] = argv.slice(childArg + 1);
    let result: unknown;
    if (task === 'long') result = await longNoteTask(root);
    else if (task === 'merge') result = await mergeTask(root);
    else if (task === 'generate') result = await generateTask(root, Number(rest[0]), rest[1]!);
    else if (task === 'warm') result = await (await loadCore(root))({ dataDir: rest[0]!, host: 'browser', systemLocales: ['en'], log: () => undefined }).then((c) => c.close());
    else if (task === 'measure') result = await measureTask(root, rest[0]!, rest[1]!);
    else if (task === 'import') result = await importTask(root, rest[0]!);
    else throw new Error(`unknown task ${task}`);
    if (sampler) clearInterval(sampler);
    process.stdout.write(`SYNC ${JSON.stringify(result ?? null)}\n`);
  } else {
    const sizes = argv.filter((a, i) => i !== rootArg + 1 || rootArg < 0).map(Number).filter(Boolean);
    syncBenchmark(sizes.length ? sizes : undefined, root);
  }
}
