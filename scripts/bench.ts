/**
 * `npm run bench`: the core's speed at 1k / 10k / 100k records, each figure with its ratio to
 * the plain-JSON floor, and the peak memory. Each size runs in its own process so memory figures
 * do not mix. Not a test: nothing here passes or fails.
 *
 *   open            Workspace.open (read 256 files, parse, validate, rebuild the clock)
 *                   floor: JSON.parse + schema validation of the same bytes
 *   edit → durable  one records.update until its file is fsynced (p50 / p95 of 200)
 *                   floor: JSON.stringify + write + fsync of the same file's records
 *   query           records.query: one kind, a field filter, a text search, a sort (p50 of 20)
 *                   floor: the same filter and sort over plain, already parsed objects
 *   bundle export   the whole workspace as a canonical bundle
 *                   floor: JSON.stringify + write + fsync of the same records
 *   preview/apply   that bundle into an empty workspace
 *                   floors: JSON.parse + schema validation; write + fsync of the same bytes
 *   action points   the Action points page's filter + sort (selectActionPoints) over 1k / 10k /
 *                   100k action points in memory, the dashboard summary, and the cost of loading
 *                   them through the API (query + JSON); floor: a plain filter + sort by one key
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { v7 as uuidv7 } from 'uuid';
import { writeFileDurably } from '../main/core/store/durable.js';
import { bucketOf, RecordStore, RECORDS_DIR } from '../main/core/store/records-store.js';
import { RecordsFileSchema } from '../main/core/store/records-file.js';
import { Workspace } from '../main/core/workspace.js';
import { BundleService } from '../main/core/bundles/exchange.js';
import { selectActionPoints, summariseActionPoints } from '../shared/records/action-points.js';
import { mergeAsFor, toSyncChanges, viewRecord, type RecordView } from '../shared/records/codec.js';
import type { Kind } from '../shared/records/kinds.js';
import { HybridClock } from '../shared/sync/clock.js';
import { createRecord, SyncRecord, writeFields, type Writer } from '../shared/sync/record.js';
import { documentsBenchmark } from './bench-documents.js';
import { searchBenchmark } from './bench-search.js';
import { syncBenchmark } from './bench-sync.js';
import { teamBenchmark } from './bench-team.js';
import { textCollator } from '../shared/records/sort.js';

const SIZES = [1_000, 10_000, 100_000];
const REPLICA = 'b3e4c5d6a7f80912';
const SENTENCES = [
  'Ensure the meaningful participation of women in peace processes.',
  'Increase the share of women among police nominated for peacekeeping to at least 20%.',
  'Train gender advisers in every regional command.',
  'Publish the chair’s summary within two weeks of the meeting.',
  'Consult civil society organizations before the validation workshop.',
];

const ms = (ns: bigint) => Number(ns) / 1e6;
const time = async (f: () => unknown) => {
  const start = process.hrtime.bigint();
  await f();
  return ms(process.hrtime.bigint() - start);
};
const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))]!;

let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 5);

function makeRecords(n: number): SyncRecord[] {
  let counter = 0;
  let t = Date.UTC(2026, 0, 1);
  const writer: Writer = { replica: REPLICA, clock: new HybridClock(() => (t += 1000)), nextCounter: () => ++counter, author: 'Bench' };
  const records: SyncRecord[] = [];
  for (let i = 0; i < n; i++) {
    const kind: Kind = i % 4 === 0 ? 'contact' : i % 4 === 1 ? 'meeting' : 'action';
    const s = (k: number) => SENTENCES[(i + k) % SENTENCES.length]!;
    const fields =
      kind === 'contact'
        ? { name: `Contact ${i}`, country: 'SN', institution: 'Ministry of Foreign Affairs', role: 'national_focal_point', languages: ['fr', 'en'], email: `c${i}@example.org` }
        : kind === 'meeting'
          ? { title: { en: `Network meeting ${i}`, fr: `Réunion du réseau ${i}` }, type: 'focal_points_network', notes: { en: `${s(0)} ${s(1)} ${s(2)}` }, place: 'New York' }
          : { title: { en: `${s(3)} (${i})` }, details: { en: `${s(0)} ${s(4)}` }, status: i % 3 ? 'open' : 'done', priority: 'normal', dueDate: '2026-12-01' };
    let record = createRecord(uuidv7(), kind, writer, toSyncChanges(kind, fields), mergeAsFor(kind));
    if (i % 5 === 0) {
      const edit: Record<string, string> = kind === 'action' ? { status: 'in_progress' } : kind === 'meeting' ? { place: 'Geneva' } : { phone: '+221 33 000 00 00' };
      record = writeFields(record, writer, edit, { mergeAs: mergeAsFor(kind) });
    }
    records.push(record);
  }
  return records;
}

function dirBytes(dir: string): number {
  return fs.readdirSync(dir).reduce((sum, f) => sum + fs.statSync(path.join(dir, f)).size, 0);
}

/** Previews and applies a bundle file into an empty workspace; prints the times and peak memory. */
async function importBundle(file: string) {
  const targetDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fpd-bench-import-'));
  const target = await Workspace.open({ dataDir: targetDir, replica: '0a0b0c0d0e0f1011', author: () => 'Other' });
  const importer = new BundleService(target, { dataDir: targetDir, appVersion: 'bench', creator: () => ({ replicaId: '0a0b0c0d0e0f1011', name: 'Other', organisation: '' }) });
  peakRss = process.memoryUsage().rss;
  let previewId = '';
  const previewTime = await time(async () => (previewId = (await importer.preview(fs.readFileSync(file))).previewId));
  const applyTime = await time(() => importer.apply(previewId));
  const importPeakMB = peakRss / 1e6;
  const bytes = fs.readFileSync(file);
  const previewFloor = await time(() => {
    const parsed = JSON.parse(bytes.toString('utf8')) as { records: unknown[] };
    for (const r of parsed.records) SyncRecord.parse(r);
  });
  const applyFloor = await time(() => writeFileDurably(path.join(targetDir, 'floor-apply.json'), bytes));
  await target.close();
  fs.rmSync(targetDir, { recursive: true, force: true });
  return { previewTime, applyTime, previewFloor, applyFloor, importPeakMB };
}

/** Writes a workspace of n records (in its own process, so the measuring one starts clean). */
async function generate(n: number, dataDir: string) {
  const seed = await RecordStore.open(dataDir);
  await seed.replaceAll(makeRecords(n));
  // Opened once so the day's automatic backup is not part of the measured opens.
  await (await Workspace.open({ dataDir, replica: REPLICA, author: () => 'Bench' })).close();
}

const gc = () => (globalThis as { gc?: () => void }).gc?.();

async function runSize(n: number, dataDir: string) {
  const recordsDir = path.join(dataDir, RECORDS_DIR);
  const diskBytes = dirBytes(recordsDir);
  gc();
  const baseline = process.memoryUsage().rss;
  peakRss = baseline;

  // Open: the first open of the process, then two more (each after collecting the previous one).
  const opens: number[] = [];
  let workspace: Workspace | undefined;
  for (let i = 0; i < 3; i++) {
    workspace = undefined;
    gc();
    opens.push(await time(async () => (workspace = await Workspace.open({ dataDir, replica: REPLICA, author: () => 'Bench' }))));
  }
  gc();
  const heldAfterOpen = process.memoryUsage().rss - baseline;
  const files = fs.readdirSync(recordsDir).map((f) => path.join(recordsDir, f));
  // Floor: the same bytes parsed and checked against the full schema of a records file as written.
  const openFloor = await time(async () => {
    for (const file of files) RecordsFileSchema.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
  });

  // Edit → durable.
  const ws: Workspace = workspace!;
  const ids = [...ws.store.records.keys()].filter((id) => ws.store.get(id)!.kind === 'action');
  const edits: number[] = [];
  for (let i = 0; i < 200; i++) {
    const id = ids[(i * 7919) % ids.length]!;
    edits.push(await time(() => ws.update({ id, fields: { status: i % 2 ? 'done' : 'open' } })));
  }
  const sample = ws.store.get(ids[0]!)!;
  const bucketRecords = [...ws.store.records.values()].filter((r) => bucketOf(r.id) === bucketOf(sample.id));
  const floorFile = path.join(dataDir, 'floor.json');
  const editFloors: number[] = [];
  for (let i = 0; i < 50; i++) editFloors.push(await time(() => writeFileDurably(floorFile, JSON.stringify({ records: bucketRecords }))));

  // Query.
  const request = { kind: 'action' as const, where: { status: 'open' }, text: 'peacekeeping', sort: { by: 'title', direction: 'asc' as const }, locale: 'en', limit: 200, offset: 0 };
  await ws.find(request); // the first query builds the view cache and the search index (the search benchmark measures that)
  const firstQuery = await time(() => ws.find({ ...request, text: 'summary' }));
  const queries: number[] = [];
  for (let i = 0; i < 20; i++) queries.push(await time(() => ws.find(request)));
  const plain = [...ws.store.records.values()].map((r) => ws.view(r));
  const collator = textCollator('en');
  const queryFloors: number[] = [];
  for (let i = 0; i < 20; i++) {
    queryFloors.push(
      await time(() =>
        plain
          .filter((v) => v.kind === 'action' && v.fields.status === 'open' && JSON.stringify(v.fields).toLowerCase().includes('peacekeeping'))
          .sort((a, b) => collator.compare(String((a.fields.title as { en: string }).en), String((b.fields.title as { en: string }).en))),
      ),
    );
  }
  // Bundles: export everything, then preview and apply it in an empty workspace.
  const exporter = new BundleService(ws, { dataDir, appVersion: 'bench', creator: () => ({ replicaId: REPLICA, name: 'Bench', organisation: '' }) });
  let content = '';
  const exportTime = await time(async () => (content = (await exporter.export({ scope: { type: 'all' } })).content));
  const exportFloor = await time(() => writeFileDurably(path.join(dataDir, 'floor-export.json'), JSON.stringify([...ws.store.records.values()])));
  await ws.close();
  const bundleMB = Buffer.byteLength(content) / 1e6;
  // The import runs in a process of its own, as it would in the app: its memory is its own.
  const bundleFile = path.join(dataDir, 'bench.fpbundle');
  fs.writeFileSync(bundleFile, content);
  const child = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--import-bundle', bundleFile], { encoding: 'utf8' });
  const line = child.stdout.split('\n').find((l) => l.startsWith('IMPORT '));
  if (!line) throw new Error(`import bench failed: ${child.stderr}`);
  const imported = JSON.parse(line.slice(7)) as { previewTime: number; applyTime: number; previewFloor: number; applyFloor: number; importPeakMB: number };
  const { previewTime, applyTime, previewFloor, applyFloor } = imported;
  const importPeak = imported.importPeakMB * 1e6;
  return {
    n,
    diskMB: diskBytes / 1e6,
    open: percentile(opens, 50),
    openFloor,
    editP50: percentile(edits, 50),
    editP95: percentile(edits, 95),
    editFloor: percentile(editFloors, 50),
    firstQuery,
    query: percentile(queries, 50),
    queryFloor: percentile(queryFloors, 50),
    heldMB: heldAfterOpen / 1e6,
    peakMB: (peakRss - baseline) / 1e6,
    bundleMB,
    exportTime,
    exportFloor,
    previewTime,
    previewFloor,
    applyTime,
    applyFloor,
    importPeakMB: importPeak / 1e6,
  };
}

/** Action points as the page holds them: varied statuses, owners, dates, titles in two languages. */
function makeActionPoints(n: number): RecordView[] {
  let counter = 0;
  let t = Date.UTC(2026, 0, 1);
  const writer: Writer = { replica: REPLICA, clock: new HybridClock(() => (t += 1000)), nextCounter: () => ++counter, author: 'Bench' };
  const statuses = ['open', 'in_progress', 'done', 'blocked', 'cancelled'];
  const out: RecordView[] = [];
  for (let i = 0; i < n; i++) {
    const day = new Date(Date.UTC(2025, 0, 1) + (i % 730) * 86_400_000).toISOString().slice(0, 10);
    const fields = {
      title: i % 3 === 0 ? { fr: `Préparer la note de cadrage ${i}` } : { en: `${SENTENCES[i % SENTENCES.length]} (${i})` },
      details: { en: SENTENCES[(i + 2) % SENTENCES.length]! },
      status: statuses[i % statuses.length],
      priority: ['low', 'normal', 'high'][i % 3],
      dueDate: day,
      owner: i % 2 ? { institution: `Ministry ${i % 40}` } : { contactId: uuidv7() },
      heading: 'abcd'[i % 4],
      number: (i % 15) + 1,
    };
    out.push(viewRecord(createRecord(uuidv7(), 'action', writer, toSyncChanges('action', fields), mergeAsFor('action'))));
  }
  return out;
}

function actionPointRow(n: number): string {
  const all = makeActionPoints(n);
  const options = { today: '2026-01-15', locale: 'en' };
  const median = (f: () => unknown) => {
    const times: number[] = [];
    for (let i = 0; i < 15; i++) {
      const start = process.hrtime.bigint();
      f();
      times.push(ms(process.hrtime.bigint() - start));
    }
    return percentile(times, 50);
  };
  const byStatus = median(() => selectActionPoints(all, { statuses: ['open', 'in_progress'] }, { by: 'dueDate', direction: 'asc' }, options));
  // The ids the search index found for "cadrage" (a third of them): the list keeps those.
  const matching = new Set(all.filter((a) => Object.values(a.fields.title as object).some((t) => String(t).includes('cadrage'))).map((a) => a.id));
  const text = median(() => selectActionPoints(all, { matching }, { by: 'title', direction: 'asc' }, options));
  const overdue = median(() => selectActionPoints(all, { overdueOnly: true }, { by: 'priority', direction: 'desc' }, options));
  const floor = median(() => all.filter((a) => a.fields.status === 'open' || a.fields.status === 'in_progress').sort((a, b) => String(a.fields.dueDate).localeCompare(String(b.fields.dueDate))));
  const summary = median(() => summariseActionPoints(all, options.today, 8));
  const json = median(() => JSON.parse(JSON.stringify({ total: all.length, records: all })));
  const f = (x: number) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
  return `| ${n.toLocaleString('en')} | ${f(byStatus)} ms (${f(floor)} ms, ${(byStatus / floor).toFixed(1)}×) | ${f(text)} ms | ${f(overdue)} ms | ${f(summary)} ms | ${f(json)} ms |`;
}

const self = fileURLToPath(import.meta.url);
const sizeArg = process.argv.indexOf('--size');
const generateArg = process.argv.indexOf('--generate');
const importArg = process.argv.indexOf('--import-bundle');
if (importArg > 0) {
  const result = await importBundle(process.argv[importArg + 1]!);
  clearInterval(sampler);
  process.stdout.write(`IMPORT ${JSON.stringify(result)}\n`);
} else if (generateArg > 0) {
  await generate(Number(process.argv[generateArg + 1]), process.argv[generateArg + 2]!);
  clearInterval(sampler);
} else if (process.argv.includes('--search')) {
  // `npm run bench -- --search [sizes]`: only the search figures.
  clearInterval(sampler);
  const sizes = process.argv.slice(2).map(Number).filter(Boolean);
  for (const line of searchBenchmark(sizes.length ? sizes : undefined)) console.log(line);
} else if (process.argv.includes('--sync')) {
  // `npm run bench -- --sync [sizes]`: only the sync model figures (it prints as it goes).
  clearInterval(sampler);
  const sizes = process.argv.slice(2).map(Number).filter(Boolean);
  syncBenchmark(sizes.length ? sizes : undefined);
} else if (process.argv.includes('--team')) {
  // `npm run bench -- --team [--repeat n] [--only round|late] [--variant plain|sealed]`: only the team folder figures (it prints as it goes).
  clearInterval(sampler);
  const arg = (name: string) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined);
  teamBenchmark({ repeat: arg('--repeat') ? Number(arg('--repeat')) : undefined, only: arg('--only') as 'round' | 'late' | undefined, variant: arg('--variant') as 'plain' | 'sealed' | undefined });
} else if (process.argv.includes('--startup')) {
  // `npm run bench -- --startup` (after `npm run build`): the browser host's start to the first screen drawn in Chromium.
  clearInterval(sampler);
  const { startupBenchmark } = await import('./bench-startup.js');
  await startupBenchmark();
} else if (process.argv.includes('--documents')) {
  // `npm run bench -- --documents`: only the documents (docx, PDF, xlsx).
  clearInterval(sampler);
  for (const line of await documentsBenchmark()) console.log(line);
} else if (process.argv.includes('--actions')) {
  // `npm run bench -- --actions`: only the Action points page figures (no disk, a few seconds).
  clearInterval(sampler);
  console.log('| action points | status filter + due sort (floor) | words + title sort | overdue + priority sort | dashboard summary | API transfer (JSON out and in) |');
  console.log('|---:|---:|---:|---:|---:|---:|');
  for (const n of SIZES) console.log(actionPointRow(n));
} else if (sizeArg > 0) {
  const result = await runSize(Number(process.argv[sizeArg + 1]), process.argv[sizeArg + 2]!);
  clearInterval(sampler);
  process.stdout.write(`RESULT ${JSON.stringify(result)}\n`);
} else {
  clearInterval(sampler);
  const only = process.argv.slice(2).map(Number).filter(Boolean);
  const rows: string[] = [];
  const bundleRows: string[] = [];
  const f = (x: number) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
  const ratio = (x: number, floor: number) => `${(x / floor).toFixed(1)}×`;
  console.log(`Focal Point Desk core benchmark — Node ${process.version}, ${os.cpus().length} cores, ${os.cpus()[0]?.model ?? ''}`);
  console.log('| records | on disk | open (floor) | edit→durable p50 / p95 (floor) | query p50 (floor) [first] | memory held after open (× disk) | peak growth |');
  console.log('|---:|---:|---:|---:|---:|---:|---:|');
  for (const n of only.length ? only : SIZES) {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `fpd-bench-${n}-`));
    const made = spawnSync(process.execPath, ['--import', 'tsx', self, '--generate', String(n), dataDir], { encoding: 'utf8' });
    if (made.status !== 0) {
      console.error(made.stderr);
      process.exit(1);
    }
    const child = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', self, '--size', String(n), dataDir], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    if (process.env.BENCH_KEEP) console.error(`kept ${dataDir}`);
    else fs.rmSync(dataDir, { recursive: true, force: true });
    const line = child.stdout.split('\n').find((l) => l.startsWith('RESULT '));
    if (!line) {
      console.error(child.stderr);
      process.exit(1);
    }
    const r = JSON.parse(line.slice(7));
    const row = `| ${n.toLocaleString('en')} | ${f(r.diskMB)} MB | ${f(r.open)} ms (${f(r.openFloor)} ms, ${ratio(r.open, r.openFloor)}) | ${f(r.editP50)} / ${f(r.editP95)} ms (${f(r.editFloor)} ms, ${ratio(r.editP95, r.editFloor)}) | ${f(r.query)} ms (${f(r.queryFloor)} ms, ${ratio(r.query, r.queryFloor)}) [${f(r.firstQuery)} ms] | ${f(r.heldMB)} MB (${(r.heldMB / r.diskMB).toFixed(1)}×) | ${f(r.peakMB)} MB |`;
    rows.push(row);
    console.log(row);
    bundleRows.push(
      `| ${n.toLocaleString('en')} | ${f(r.bundleMB)} MB | ${f(r.exportTime)} ms (${f(r.exportFloor)} ms, ${ratio(r.exportTime, r.exportFloor)}) | ${f(r.previewTime)} ms (${f(r.previewFloor)} ms, ${ratio(r.previewTime, r.previewFloor)}) | ${f(r.applyTime)} ms (${f(r.applyFloor)} ms, ${ratio(r.applyTime, r.applyFloor)}) | ${f(r.previewTime + r.applyTime)} ms (${ratio(r.previewTime + r.applyTime, r.previewFloor + r.applyFloor)}) | ${f(r.importPeakMB)} MB |`,
    );
  }
  console.log('\nBundles (export the whole workspace; preview and apply it into an empty one)');
  console.log('| records | bundle | export (floor) | preview (floor) | apply (floor) | preview + apply (× floor) | peak RSS of the importing process |');
  console.log('|---:|---:|---:|---:|---:|---:|---:|');
  for (const row of bundleRows) console.log(row);

  console.log('\nAction points page (in memory, p50 of 15): filter + sort as the page and dashboard run them');
  console.log('| action points | status filter + due sort (floor) | words + title sort | overdue + priority sort | dashboard summary | API transfer (JSON out and in) |');
  console.log('|---:|---:|---:|---:|---:|---:|');
  for (const n of only.length ? only : SIZES) console.log(actionPointRow(n));

  console.log('');
  for (const line of searchBenchmark((only.length ? only : SIZES).filter((n) => n >= 10_000))) console.log(line);
  console.log('');
  for (const line of await documentsBenchmark()) console.log(line);
}
