/**
 * Search benchmark (part of `npm run bench`; alone: `npm run bench -- --search [10000 100000]`).
 * The generated mix of the core benchmark (a quarter contacts, a quarter meetings, half action
 * points) with long meeting notes in the six languages (about 3,000 characters each, a
 * vocabulary that grows with the workspace: names, places and numbers). Each size runs in its
 * own process, so its memory is its own. Figures:
 *
 *   build          the index built as the app builds it at open (in slices), and memory it holds
 *   persisted      the same index written as JSON and read back (MiniSearch.loadJSON): the
 *                  alternative to building at open
 *   query p50/p95  Workspace search (20 hits with snippets) for 1-word, 2-word, Chinese and
 *                  Arabic queries, 40 different queries each
 *                  floor: a plain `includes` scan of the same texts, already folded in memory
 *   edit→findable  from records.update of a long note to a search finding its new word
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import MiniSearch from 'minisearch';
import { v7 as uuidv7 } from 'uuid';
import { RecordStore, RECORDS_DIR } from '../main/core/store/records-store.js';
import { Workspace } from '../main/core/workspace.js';
import { docOf, miniSearchOptions } from '../main/core/search/search-index.js';
import { mergeAsFor, toSyncChanges } from '../shared/records/codec.js';
import type { Kind } from '../shared/records/kinds.js';
import { fold } from '../shared/search/fold.js';
import { searchTexts } from '../shared/search/fields.js';
import { HybridClock } from '../shared/sync/clock.js';
import { createRecord, type SyncRecord, type Writer } from '../shared/sync/record.js';

const REPLICA = 'b3e4c5d6a7f80912';
const self = fileURLToPath(import.meta.url);
const f = (x: number) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))]!;
const gc = () => (globalThis as { gc?: () => void }).gc?.();
const heap = () => {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
};

/** Sentences of meeting notes, per language (the words people search for are among them). */
export const SENTENCES: Record<string, string[]> = {
  en: [
    'The network discussed the deployment of women police officers to peacekeeping missions.',
    'Delegations stressed the meaningful participation of women in peace processes.',
    'The chair invited civil society organizations to comment on the draft national action plan.',
    'Several focal points reported on budgets allocated to the implementation of resolution 1325.',
    'Training of judges on conflict-related sexual violence continues in three provinces.',
    'The working group agreed to publish the chair’s summary within two weeks.',
    'Protection of women human rights defenders remains a priority for the coming year.',
    'Indicators on the share of women among military observers will be revised.',
  ],
  fr: [
    'Le réseau a examiné le déploiement de femmes policières dans les opérations de maintien de la paix.',
    'Les délégations ont souligné la participation effective des femmes aux processus de paix.',
    'La présidence a invité la société civile à commenter le projet de plan d’action national.',
    'L’égalité entre les femmes et les hommes reste au cœur de la stratégie nationale.',
    'La formation des magistrats sur les violences sexuelles liées aux conflits se poursuit.',
  ],
  es: [
    'La red examinó el despliegue de mujeres policías en las misiones de mantenimiento de la paz.',
    'Las delegaciones subrayaron la participación significativa de las mujeres en los procesos de paz.',
    'La presidencia invitó a la sociedad civil a comentar el proyecto de plan de acción nacional.',
    'La protección de las defensoras de derechos humanos sigue siendo una prioridad.',
  ],
  ru: [
    'Сеть обсудила направление женщин-полицейских в миротворческие миссии.',
    'Делегации подчеркнули важность реального участия женщин в мирных процессах.',
    'Председатель предложил гражданскому обществу прокомментировать проект национального плана действий.',
    'Защита правозащитниц остаётся приоритетом на следующий год.',
  ],
  ar: [
    'ناقشت الشبكة نشر الشرطيات في بعثات حفظ السلام.',
    'أكّدت الوفود على المُشاركة الفعّالة للمرأة في عمليات السلام.',
    'دعت الرئاسة منظمات المجتمع المدني إلى التعليق على مشروع خطة العمل الوطنية.',
    'تظلّ حماية المدافعات عن حقوق الإنسان أولويةً للعام المقبل.',
    'تستمر تدريبات القضاة على العنف الجنسي المرتبط بالنزاعات.',
  ],
  zh: [
    '网络讨论了向维和行动部署女警察的问题。',
    '各代表团强调妇女切实参与和平进程。',
    '主席请民间社会组织就国家行动计划草案发表意见。',
    '保护妇女人权维护者仍是来年的优先事项。',
    '关于与冲突有关的性暴力的法官培训在三个省份继续进行。',
  ],
};
const LANGS = ['en', 'en', 'en', 'en', 'fr', 'fr', 'es', 'es', 'ru', 'ar', 'zh'] as const;
const SYLLABLES = ['ka', 'mo', 'ri', 'ta', 'le', 'na', 'so', 'vi', 'du', 'be', 'zu', 'ho', 'pa', 'ne', 'gi', 'ro'];

/** A deterministic pseudo-random sequence (the same workspace every run). */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}
/** A made-up name: the vocabulary grows with the workspace as real names, places and numbers do. */
function name(r: () => number, vocabulary: number): string {
  // Skewed: a few names often, most rarely.
  let n = Math.floor(vocabulary * r() ** 3);
  let out = '';
  do {
    out += SYLLABLES[n % SYLLABLES.length];
    n = Math.floor(n / SYLLABLES.length);
  } while (n > 0);
  return out[0]!.toUpperCase() + out.slice(1);
}

function note(r: () => number, language: string, vocabulary: number, chars: number): string {
  const pool = SENTENCES[language]!;
  let out = '';
  while (out.length < chars) {
    out += `${pool[Math.floor(r() * pool.length)]} ${name(r, vocabulary)} ${name(r, vocabulary)} (${Math.floor(r() * 10_000)}).${r() < 0.2 ? '\n\n' : ' '}`;
  }
  return out;
}

export function makeSearchRecords(n: number): SyncRecord[] {
  let counter = 0;
  let t = Date.UTC(2026, 0, 1);
  const writer: Writer = { replica: REPLICA, clock: new HybridClock(() => (t += 1000)), nextCounter: () => ++counter, author: 'Bench' };
  const r = rng(n);
  const vocabulary = n * 2;
  const records: SyncRecord[] = [];
  for (let i = 0; i < n; i++) {
    const kind: Kind = i % 4 === 0 ? 'contact' : i % 4 === 1 ? 'meeting' : 'action';
    const language = LANGS[i % LANGS.length]!;
    const fields =
      kind === 'contact'
        ? { name: `${name(r, vocabulary)} ${name(r, vocabulary)}`, country: 'SN', institution: 'Ministry of Foreign Affairs', role: 'national_focal_point', email: `c${i}@example.org` }
        : kind === 'meeting'
          ? { title: { [language]: `${SENTENCES[language]![i % SENTENCES[language]!.length]!.slice(0, 40)} ${i}` }, type: 'focal_points_network', notes: { [language]: note(r, language, vocabulary, 3000) }, place: name(r, vocabulary) }
          : { title: { [language]: `${SENTENCES[language]![(i + 1) % SENTENCES[language]!.length]!.slice(0, 60)} (${i})` }, details: { [language]: note(r, language, vocabulary, 300) }, status: 'open', priority: 'normal' };
    records.push(createRecord(uuidv7(), kind, writer, toSyncChanges(kind, fields), mergeAsFor(kind)));
  }
  return records;
}

const QUERIES = {
  '1 word': ['police', 'participation', 'judges', 'deploy', 'egalite', 'proteccion', 'участия', 'budgets', 'indicators', 'summary'],
  '2 words': ['women police', 'civil society', 'peace processes', 'national action', 'human rights', 'sexual violence', 'mujeres policias', 'plan d’action'],
  Chinese: ['警察', '维和行动', '妇女', '国家行动计划', '性暴力', '法官培训', '民间社会', '人权'],
  Arabic: ['الشرطيات', 'مشاركه المراه', 'حفظ السلام', 'خطة العمل', 'القضاه', 'المُشاركة', 'حقوق الانسان', 'المجتمع المدني'],
} as const;

function dirBytes(dir: string): number {
  return fs.readdirSync(dir).reduce((sum, file) => sum + fs.statSync(path.join(dir, file)).size, 0);
}

async function runSize(n: number, dataDir: string) {
  const seed = await RecordStore.open(dataDir);
  await seed.replaceAll(makeSearchRecords(n));
  await (await Workspace.open({ dataDir, replica: REPLICA, author: () => 'Bench' })).close();
  const diskMB = dirBytes(path.join(dataDir, RECORDS_DIR)) / 1e6;

  const ws = await Workspace.open({ dataDir, replica: REPLICA, author: () => 'Bench' });
  // Views first (the app has them for its lists by the time a search comes), then the index.
  for (const _ of ws.allViews());
  const before = heap();
  const rssBefore = process.memoryUsage().rss;
  const buildStarted = performance.now();
  await ws.searchIndex.start();
  await ws.searchIndex.ready();
  const build = performance.now() - buildStarted;
  const indexMB = (heap() - before) / 1e6;
  const rssMB = (process.memoryUsage().rss - rssBefore) / 1e6;

  // The persisted alternative: the same documents in one MiniSearch, written and read back.
  const docs = [...ws.allViews()].map(docOf).filter((d) => d.title || d.text);
  const plain = new MiniSearch(miniSearchOptions());
  const addAll = performance.now();
  plain.addAll(docs);
  const addAllMs = performance.now() - addAll;
  const save = performance.now();
  const json = JSON.stringify(plain);
  const saveMs = performance.now() - save;
  const load = performance.now();
  MiniSearch.loadJSON(json, miniSearchOptions());
  const loadMs = performance.now() - load;
  const jsonMB = Buffer.byteLength(json) / 1e6;

  // Floor: the texts folded once, scanned with includes for the folded query.
  const hay = [...ws.allViews()].filter((v) => !v.deleted).map((v) => ({ id: v.id, text: fold(searchTexts(v.kind as Kind, v.fields).map((t) => t.text).join('\n')) }));
  const results: Record<string, { p50: number; p95: number; floor: number; hits: number }> = {};
  for (const [category, list] of Object.entries(QUERIES)) {
    const times: number[] = [];
    const floors: number[] = [];
    let hits = 0;
    for (let round = 0; round < 4; round++) {
      for (const text of list) {
        const started = performance.now();
        const result = await ws.searchIndex.search({ text, limit: 20, offset: 0, locale: 'en' });
        times.push(performance.now() - started);
        hits += result.total;
        const words = fold(text).split(/\s+/);
        const floorStarted = performance.now();
        let found = 0;
        for (const h of hay) if (words.every((w) => h.text.includes(w))) found++;
        floors.push(performance.now() - floorStarted);
        if (found < 0) throw new Error('unreachable');
      }
    }
    results[category] = { p50: percentile(times, 50), p95: percentile(times, 95), floor: percentile(floors, 50), hits: Math.round(hits / (4 * list.length)) };
  }

  // Edit → findable: a long note gets a new word; how long until a search finds it.
  const meetings = [...ws.views('meeting')];
  const findable: number[] = [];
  for (let i = 0; i < 20; i++) {
    const meeting = meetings[(i * 7919) % meetings.length]!;
    const word = `zqxv${i}marker`;
    const notes = meeting.fields.notes as Record<string, string>;
    const language = Object.keys(notes)[0]!;
    const started = performance.now();
    const saved = ws.update({ id: meeting.id, fields: { notes: { [language]: `${notes[language]} ${word}` } } });
    for (;;) {
      if ((await ws.searchIndex.search({ text: word, limit: 1, offset: 0 })).total > 0) break;
    }
    findable.push(performance.now() - started);
    await saved;
  }
  await ws.close();
  return {
    n,
    diskMB,
    build,
    sliceBuild: ws.searchIndex.lastBuildMs,
    indexMB,
    rssMB,
    addAllMs,
    saveMs,
    loadMs,
    jsonMB,
    results,
    findableP50: percentile(findable, 50),
    findableP95: percentile(findable, 95),
  };
}

/** The table rows, one process per size. */
export function searchBenchmark(sizes: readonly number[] = [10_000, 100_000]): string[] {
  const lines = [
    'Search (each size in its own process; queries return 20 hits with snippets; floor: `includes` over the texts already folded in memory)',
    '| records | on disk | build at open (slices) | index memory (× disk) | persisted: JSON size / write / read | 1 word p50 / p95 (floor) | 2 words | Chinese | Arabic | edit → findable p50 / p95 |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const n of sizes) {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `fpd-search-${n}-`));
    const child = spawnSync(process.execPath, ['--expose-gc', '--max-old-space-size=8192', '--import', 'tsx', self, '--search-size', String(n), dataDir], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    fs.rmSync(dataDir, { recursive: true, force: true });
    const line = child.stdout.split('\n').find((l) => l.startsWith('SEARCH '));
    if (!line) throw new Error(`search bench failed: ${child.stderr}`);
    const r = JSON.parse(line.slice(7)) as Awaited<ReturnType<typeof runSize>>;
    const q = (c: string) => {
      const x = r.results[c]!;
      return `${f(x.p50)} / ${f(x.p95)} ms (${f(x.floor)} ms)`;
    };
    lines.push(
      `| ${n.toLocaleString('en')} | ${f(r.diskMB)} MB | ${f(r.build)} ms | ${f(r.indexMB)} MB (${(r.indexMB / r.diskMB).toFixed(2)}×) | ${f(r.jsonMB)} MB / ${f(r.saveMs)} ms / ${f(r.loadMs)} ms | ${q('1 word')} | ${q('2 words')} | ${q('Chinese')} | ${q('Arabic')} | ${f(r.findableP50)} / ${f(r.findableP95)} ms |`,
    );
  }
  return lines;
}

const sizeArg = process.argv.indexOf('--search-size');
if (sizeArg > 0 && process.argv[1] === self) {
  const result = await runSize(Number(process.argv[sizeArg + 1]), process.argv[sizeArg + 2]!);
  process.stdout.write(`SEARCH ${JSON.stringify(result)}\n`);
}
