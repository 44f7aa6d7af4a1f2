import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { SaxesParser } from 'saxes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../main/core/index.js';
import { openCore } from '../../main/core/index.js';
import { RecordStore } from '../../main/core/store/records-store.js';
import type { RequestOf } from '../../shared/api/contract.js';
import type { Kind } from '../../shared/records/kinds.js';
import { fails, ok, snapshot } from './support.js';

/*
 * Documents made from what an attacker (or a careless paste, or an older version) can put in the
 * records and in the request: every document still comes out, well-formed (strict XML in every
 * part of the .docx and .xlsx), without a formula in the workbook or markup in the page, and
 * nothing in the data folder changes. The CLI refuses bad arguments in words and writes nothing
 * in the data folder.
 */

for (const name of ['LC_ALL', 'LC_MESSAGES', 'LANGUAGE']) delete process.env[name];
process.env.LANG = 'en_US.UTF-8';
const { run } = await import('../../main/cli/index.js');

const hasSoffice = spawnSync('soffice', ['--version'], { stdio: 'ignore' }).status === 0;

/** Every C0 and C1 control, the non-characters, line and paragraph separators, bidi controls, markup. */
const C0 = Array.from({ length: 32 }, (_, i) => String.fromCharCode(i)).join('');
const C1 = Array.from({ length: 33 }, (_, i) => String.fromCharCode(0x7f + i)).join('');
const WEIRD =
  `${C0}${C1}\uFFFE\uFFFF\uFEFF\u2028\u2029\u202A\u202B\u202D\u202E\u2066\u2067\u2068 ` +
  '</style><script>alert(1)</script><!-- ]]> & "q" \'s\' <img src=x onerror=alert(1)> ' +
  '"; } body { display:none } /* \\"; } \\a ' +
  '=HYPERLINK("http://evil","x") 👩🏽‍⚖️ مرحبا 中文 CURRENT';
const FORMULAS = ['=HYPERLINK("http://evil.example","click")', '+cmd|\' /C calc\'!A0', '@SUM(1+1)*cmd|\'/C calc\'!A0', '-2+3', '=1+1', '\t=1+1'];
const MARKDOWN_BOMB = [
  '# <script>alert(1)</script>',
  '<div onclick="alert(1)">raw html</div>',
  '[x]: javascript:alert(1)',
  '[click][x] and [link](javascript:alert(1)) ![img](javascript:alert(2))',
  '> '.repeat(7) + 'deep quote',
  '| ' + Array.from({ length: 1500 }, (_, i) => `c${i}`).join(' | ') + ' |',
  '| ' + Array.from({ length: 1500 }, () => '---').join(' | ') + ' |',
  '| ' + Array.from({ length: 1500 }, (_, i) => `=${i}+1`).join(' | ') + ' |',
  Array.from({ length: 3000 }, (_, i) => `[l${i}](https://example.org/${i})`).join(' '),
  '*'.repeat(5000) + 'x' + '*'.repeat(5000),
  WEIRD,
].join('\n\n');

let work: string;
let dataDir: string;
let core: Core;
/** The records every test reads, made once before them. */
const ids = { contact: '', nap: '', meeting: '', statement: '' };

const create = async (kind: Kind, fields: Record<string, unknown>, parentId?: string) =>
  (await ok(core, 'records.create', { kind, fields, ...(parentId ? { parentId } : {}) })).id;

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'fpd-hostile-'));
  dataDir = path.join(work, 'data');
  core = await openCore({ dataDir, host: 'browser', systemLocales: ['en'], log: () => undefined });
  const long = (n: number) => `${WEIRD} ${'x'.repeat(Math.max(0, n - WEIRD.length - 1))}`;
  ids.contact = await create('contact', { name: WEIRD.slice(0, 900), institution: FORMULAS[0], country: 'SN' });
  ids.nap = await create('nap', {
    title: { en: long(1000), ar: WEIRD },
    country: 'SN',
    periodStart: 1900,
    periodEnd: 2200,
    pillars: ['participation', 'protection', 'prevention', 'relief_recovery'],
    summary: { en: MARKDOWN_BOMB },
    leadAgency: FORMULAS[1],
    coordinatingBody: WEIRD,
  });
  const objective = await create('nap.objective', { pillar: 'participation', title: { fr: WEIRD }, description: { en: WEIRD } }, ids.nap);
  const action = await create(
    'nap.action',
    {
      description: { en: FORMULAS[0] },
      leadAgency: FORMULAS[2],
      partnerAgencies: Array.from({ length: 100 }, (_, i) => (i % 2 ? FORMULAS[i % FORMULAS.length]! : WEIRD.slice(0, 200))),
      start: '2024-02-29',
      end: '9999-12-31',
      budgetAmount: Number.MAX_VALUE,
      budgetCurrency: 'ZZZ',
      resolutions: Array.from({ length: 50 }, (_, i) => 9999 - i),
      notes: { ar: MARKDOWN_BOMB },
    },
    objective,
  );
  for (let i = 0; i < 3; i++) {
    await create(
      'nap.indicator',
      {
        name: { en: FORMULAS[i]! },
        unit: FORMULAS[3],
        baselineValue: -Number.MAX_VALUE,
        baselineYear: 1900,
        targetValue: 1e-300,
        targetYear: 2200,
        measurements: Array.from({ length: 1000 }, (_, k) => ({ date: k % 2 ? '2024-02-29' : '9999-12-31', value: -k, source: FORMULAS[4] })),
        meansOfVerification: { zh: WEIRD },
      },
      action,
    );
  }
  ids.meeting = await create('meeting', {
    title: { en: WEIRD },
    type: 'other',
    start: '0001-01-01T00:00:00Z',
    end: '9999-12-31T23:59:59+14:00',
    timeZone: 'Pacific/Kiritimati',
    place: WEIRD,
    online: true,
    chairs: Array.from({ length: 20 }, (_, i) => (i % 2 ? { contactId: ids.contact } : { name: WEIRD.slice(0, 300), organisation: FORMULAS[i % 6], country: 'SN' })),
    participants: Array.from({ length: 2000 }, (_, i) => ({ name: `P${i} ${FORMULAS[i % 6]}`, country: i % 3 ? 'SN' : 'FR' })),
    agenda: Array.from({ length: 500 }, (_, i) => ({ id: '0190a6e4-0000-7000-8000-' + String(i).padStart(12, '0'), order: `a${String(i).padStart(3, '0')}`, text: i === 0 ? WEIRD : `${FORMULAS[i % 6]} ${'y'.repeat(3000)}` })),
    notes: { en: MARKDOWN_BOMB },
    decisions: { ar: WEIRD },
    actionHeadings: Array.from({ length: 100 }, (_, i) => ({ letter: i < 50 ? String.fromCharCode(97 + (i % 26)) + (i >= 26 ? 'z' : '') : `z${String.fromCharCode(97 + (i % 26))}`, title: i % 2 ? WEIRD.slice(0, 200) : '' })).filter((h, i, all) => all.findIndex((o) => o.letter === h.letter) === i),
  });
  for (const [heading, number] of [['zz', 999], ['a', 1], ['zzz', 998], ['a', 999]] as const) {
    await create('action', { title: { en: `${FORMULAS[number % 6]} ${WEIRD}` }, heading, number, meetingId: ids.meeting, owner: { contactId: ids.contact }, dueDate: '2024-02-29', status: 'blocked' });
  }
  await create('action', { title: { en: WEIRD }, meetingId: ids.meeting, owner: { institution: FORMULAS[2] } });
  ids.statement = await create('input', {
    type: 'written_statement',
    title: { en: WEIRD },
    author: WEIRD,
    addressee: FORMULAS[0],
    delegation: '"; } body { display:none } /* </style><script>alert(1)</script>',
    targetWords: 100_000,
    body: { ar: `${MARKDOWN_BOMB}\n\n${'كلمة '.repeat(20_000)}` },
    meetingId: ids.meeting,
    napId: ids.nap,
  });
}, 60_000);

afterAll(async () => {
  await core?.close();
  fs.rmSync(work, { recursive: true, force: true });
});

type DocumentRequest = RequestOf<'documents.export'>;

async function make(request: DocumentRequest): Promise<Buffer> {
  const file = await ok(core, 'documents.export', request);
  return Buffer.from(file.bytes, 'base64');
}

/** Parses XML strictly (saxes: well-formedness and XML 1.0 characters), throwing at the first error. */
function strictXml(xml: string, name: string): void {
  const parser = new SaxesParser({ xmlns: true });
  parser.on('error', (error) => {
    throw new Error(`${name}: ${error.message}`);
  });
  parser.write(xml).close();
}

async function everyXmlPart(bytes: Buffer): Promise<Map<string, string>> {
  const zip = await JSZip.loadAsync(bytes);
  const parts = new Map<string, string>();
  for (const [name, entry] of Object.entries(zip.files)) {
    if (entry.dir || !/\.(xml|rels)$/.test(name)) continue;
    const xml = await entry.async('string');
    strictXml(xml, name);
    parts.set(name, xml);
  }
  return parts;
}

/** No executable markup: no element, attribute or URL that could run or load anything. */
function expectInert(html: string): void {
  expect(html.match(/<style>/g)).toHaveLength(1);
  expect(html.match(/<\/style>/g)).toHaveLength(1);
  expect(html).not.toMatch(/<(script|img|iframe|object|embed|link|base|a|svg|math|form|input|meta http-equiv="refresh")[\s>/]/i);
  expect(html).not.toMatch(/<[a-z][^>]*\son[a-z]+=/i);
  expect(html).not.toMatch(/<!--/);
  expect(html).not.toContain('\u0000');
  // The footer's CSS string: one literal, nothing after it but the declarations the page writes.
  const footer = /content: ("(?:[^"\\\n]|\\[0-9a-f]+ )*"); font-size: 8\.5pt/.exec(html);
  expect(footer, 'the footer is one CSS string').not.toBeNull();
}

describe('documents from hostile records', () => {
  it('makes every document in every format, well-formed and inert, and changes nothing in the data folder', async () => {
    const before = snapshot(dataDir);
    const wanted: [DocumentRequest['type'], string | undefined, DocumentRequest['format'][]][] = [
      ['nap', ids.nap, ['docx', 'xlsx', 'html']],
      ['chair-summary', ids.meeting, ['docx', 'html']],
      ['statement', ids.statement, ['docx', 'html']],
      ['actions', undefined, ['docx', 'xlsx', 'html']],
    ];
    for (const language of ['en', 'ar'] as const) {
      for (const [type, id, formats] of wanted) {
        for (const format of formats) {
          const bytes = await make({ type, ...(id ? { id } : {}), format, language, today: '2026-03-20' });
          if (format === 'html') {
            const html = bytes.toString('utf8');
            expectInert(html);
          } else {
            const parts = await everyXmlPart(bytes);
            if (format === 'xlsx') {
              for (const [name, xml] of parts) if (name.startsWith('xl/worksheets/')) expect(xml, name).not.toMatch(/<f[ >]/);
            }
          }
        }
      }
    }
    expect(snapshot(dataDir)).toBe(before);
  }, 60_000);

  it('writes formula-like text as text cells, never as formulas', async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await make({ type: 'nap', id: ids.nap, format: 'xlsx', language: 'en' })) as unknown as ArrayBuffer);
    const values = book.worksheets.flatMap((sheet) => {
      const out: unknown[] = [];
      sheet.eachRow((row) => row.eachCell((c) => out.push(c.value)));
      return out;
    });
    expect(values.every((v) => v === null || typeof v !== 'object' || v instanceof Date)).toBe(true);
    expect(values).toContain(FORMULAS[3]);
  });

  it('turns requests it cannot serve into invalid_request, never internal', async () => {
    const bad: unknown[] = [
      null,
      [],
      'nap',
      { type: 'nap', id: ids.nap, format: 'docx', language: 'en', extra: 1 },
      { type: 'nap', id: ids.nap, format: 'docx', language: 'en', today: '0000-00-00' },
      { type: 'nap', id: ids.nap, format: 'docx', language: 'en', options: { matrix: 'yes' } },
      { type: 'actions', format: 'xlsx', language: 'en', actions: { ids: ['javascript:alert(1)'] } },
      { type: 'actions', format: 'xlsx', language: 'en', actions: { statuses: ['open', 'open', 'open', 'open', 'open', 'open'] } },
      { type: 'nap', id: '../../etc/passwd', format: 'docx', language: 'en' },
      { type: ['_', '_proto_', '_'].join(''), format: 'docx', language: 'en' },
      { type: 'nap', id: ids.nap, format: 'docx', language: 'constructor' },
    ];
    for (const request of bad) expect((await fails(core, 'documents.export', request)).code, JSON.stringify(request)).toBe('invalid_request');
    // Ids of other kinds, deleted ones, and a selection of ids that are no action points.
    expect((await fails(core, 'documents.export', { type: 'chair-summary', id: ids.contact, format: 'docx', language: 'en' })).code).toBe('invalid_request');
    const table = await make({ type: 'actions', format: 'xlsx', language: 'en', actions: { ids: [ids.nap, ids.contact, ids.meeting, ids.meeting] } });
    expect(table.subarray(0, 2).toString()).toBe('PK');
    // A meeting filter naming a contact: a table, not a crash.
    expect((await make({ type: 'actions', format: 'html', language: 'zh', actions: { meetingId: ids.contact, overdueOnly: true } })).length).toBeGreaterThan(0);
  });
});

describe('documents from records an older version or a damaged file left', () => {
  it('makes documents from stored values the schemas would now refuse', async () => {
    await core.close();
    // Rewrite fields on disk as an older version (or a hand edit) might have left them.
    const records = path.join(dataDir, 'records');
    for (const name of fs.readdirSync(records).filter((n) => n.endsWith('.json'))) {
      const file = path.join(records, name);
      const bucket = JSON.parse(fs.readFileSync(file, 'utf8')) as { records: { id: string; kind: string; fields: Record<string, unknown[][]> }[] };
      let changed = false;
      for (const r of bucket.records) {
        // Each field is its versions (a register), each written as a tuple [replica, counter,
        // time, logical, author, preds, how, payload]: every version gets the stored value (how 0).
        const set = (field: string, value: unknown) => {
          const versions = r.fields[field] ?? [Object.values(r.fields)[0]![0]!];
          r.fields[field] = versions.map((v) => [...v.slice(0, 6), 0, value]);
          changed = true;
        };
        if (r.kind === 'meeting') {
          set('timeZone', 'Mars/Olympus_Mons');
          set('start', '0000-00-00T00:00:00Z');
          set('agenda', [null, 5, { order: 1, text: 7 }, { order: 'b', text: 'kept' }]);
          set('actionHeadings', [null, { letter: 5, title: null }, { letter: 'b' }]);
          set('chairs', 'not a list');
          set('participants', [null, 3, { name: 5 }]);
        }
        if (r.kind === 'nap.action') {
          set('partnerAgencies', [null, 5, 'kept partner']);
          set('resolutions', [null, 'x', 1325]);
          set('start', '0000-00-00');
        }
        if (r.kind === 'nap.indicator') set('measurements', [null, { date: 5, value: 'x' }, { date: '2025-13-45', value: 1 }]);
        if (r.kind === 'nap') set('pillars', ['nonsense', null]);
        if (r.kind === 'action') {
          set('number', 'INFINITE'); // written as 1e999, which JSON reads back as Infinity
          set('heading', 'ZZZZ');
          set('dueDate', '0000-00-00');
          set('owner', 'not an object');
        }
        if (r.kind === 'input') set('targetWords', null);
      }
      if (changed) fs.writeFileSync(file, JSON.stringify(bucket).replaceAll('"INFINITE"', '1e999'));
    }
    const logged: unknown[] = [];
    core = await openCore({ dataDir, host: 'browser', systemLocales: ['en'], log: (error) => logged.push(error) });
    const before = snapshot(dataDir);
    for (const [type, id] of [['nap', ids.nap], ['chair-summary', ids.meeting], ['statement', ids.statement], ['actions', undefined]] as const) {
      for (const format of ['docx', 'html'] as const) {
        const bytes = await make({ type, ...(id ? { id } : {}), format, language: 'ar' }).catch((error: unknown) => {
          throw new Error(`${type} ${format}: ${String(error)}: ${String((logged.at(-1) as Error)?.stack)}`);
        });
        if (format === 'docx') await everyXmlPart(bytes);
      }
    }
    expect(snapshot(dataDir)).toBe(before);
  }, 60_000);
});

describe('fpdesk document, hostile arguments', () => {
  async function cli(...argv: string[]): Promise<{ out: string; code: number; error?: string }> {
    const lines: string[] = [];
    try {
      await run(argv, (line) => lines.push(line));
      return { out: lines.join('\n'), code: 0 };
    } catch (error) {
      return { out: lines.join('\n'), code: (error as { code?: number }).code ?? -1, error: (error as Error).message };
    }
  }
  const tmpFiles = () => fs.readdirSync(dataDir, { recursive: true }).map(String).filter((f) => f.endsWith('.tmp'));

  it('writes to paths with spaces and newlines, refuses a folder or a place it cannot write, in words', async () => {
    const before = snapshot(dataDir);
    const odd = path.join(work, 'out dir', 'a\nb "c".docx');
    fs.mkdirSync(path.dirname(odd));
    expect((await cli('document', 'statement', '--data', dataDir, '--id', ids.statement!, '--format', 'docx', '-o', odd)).code).toBe(0);
    expect(fs.readFileSync(odd).subarray(0, 2).toString()).toBe('PK');
    // A folder as the output: refused, nothing left beside it.
    const folder = await cli('document', 'statement', '--data', dataDir, '--id', ids.statement!, '--format', 'docx', '-o', path.dirname(odd));
    expect(folder.code).toBe(1);
    expect(folder.error).toMatch(/\S/);
    expect(fs.readdirSync(path.dirname(odd))).toEqual([path.basename(odd)]);
    if (process.getuid?.() !== 0) {
      const locked = path.join(work, 'locked');
      fs.mkdirSync(locked, { mode: 0o500 });
      const ro = await cli('document', 'actions', '--data', dataDir, '--format', 'xlsx', '-o', path.join(locked, 'x.xlsx'));
      expect(ro.code).toBe(1);
      expect(fs.readdirSync(locked)).toEqual([]);
    }
    expect(snapshot(dataDir)).toBe(before);
  });

  it('never writes into the data folder it reads', async () => {
    const before = snapshot(dataDir);
    const bucket = fs.readdirSync(path.join(dataDir, 'records')).find((n) => n.endsWith('.json'))!;
    for (const target of [path.join(dataDir, 'records', bucket), path.join(dataDir, 'summary.docx'), dataDir]) {
      const result = await cli('document', 'actions', '--data', dataDir, '--format', 'docx', '-o', target);
      expect(result.code, target).toBe(1);
      expect(result.error).toMatch(/\S/);
    }
    expect(snapshot(dataDir)).toBe(before);
    expect(fs.existsSync(path.join(dataDir, 'summary.docx'))).toBe(false);
    expect(tmpFiles()).toEqual([]);
  });

  it('refuses junk options in words (exit 2 for usage, 1 for a record that is not there)', async () => {
    const out = path.join(work, 'never.docx');
    const base = ['--data', dataDir, '-o', out];
    expect((await cli('document', 'actions', ...base, '--format', 'docx', '--omit', 'owners,__proto__')).code).toBe(2);
    expect((await cli('document', 'actions', ...base, '--format', 'docx', '--omit', 'constructor')).code).toBe(2);
    // A part the document does not have is not silently ignored.
    expect((await cli('document', 'actions', ...base, '--format', 'docx', '--omit', 'matrix')).code).toBe(2);
    expect((await cli('document', 'actions', ...base, '--format', 'docx', '--lang', '')).code).toBe(2);
    expect((await cli('document', 'actions', ...base, '--format', 'docx', '--lang', 'EN')).code).toBe(2);
    expect((await cli('document', 'actions', ...base, '--format', 'html')).code).toBe(2);
    expect((await cli('document', 'actions', ...base, '--format', 'docx', '--status', 'open,__proto__')).code).toBe(2);
    // A well-formed id that is not a v7 id, and one of a meeting that does not exist.
    for (const meeting of ['0190a6e4-0000-4000-8000-000000000001', '0190a6e4-0000-7000-8000-000000000001', ids.nap!]) {
      const result = await cli('document', 'actions', ...base, '--format', 'docx', '--meeting', meeting);
      expect(result.code, meeting).toBe(1);
      expect(result.error).toContain(meeting);
    }
    const v4 = await cli('document', 'nap', ...base, '--format', 'docx', '--id', '0190a6e4-0000-4000-8000-000000000001');
    expect(v4.code).toBe(1);
    expect((await cli('document', 'nap', ...base, '--format', 'docx', '--id', ids.contact!)).code).toBe(1);
    expect(fs.existsSync(out)).toBe(false);
  });

  it('reads a folder with a damaged bucket or a half-written journal, and says which file it skipped', async () => {
    const copy = path.join(work, 'damaged');
    fs.cpSync(dataDir, copy, { recursive: true });
    const buckets = fs.readdirSync(path.join(copy, 'records')).filter((n) => n.endsWith('.json'));
    fs.writeFileSync(path.join(copy, 'records', buckets[0]!), '{"schemaVersion": 1, "records": [');
    // A journal being written: no completion mark yet, so it is not read.
    fs.mkdirSync(path.join(copy, 'records.journal'));
    fs.writeFileSync(path.join(copy, 'records.journal', buckets[1] ?? '00.json'), '{"half');
    // A bucket name that is a folder (one no record uses: with random ids any name may be taken).
    const free = Array.from({ length: 256 }, (_, i) => `${i.toString(16).padStart(2, '0')}.json`).find((n) => !buckets.includes(n))!;
    fs.mkdirSync(path.join(copy, 'records', free));
    const snap = await RecordStore.readSnapshot(copy);
    expect(snap.unreadable).toContain(path.join(copy, 'records', buckets[0]!));
    fs.rmSync(path.join(copy, 'records', free), { recursive: true });
    const before = snapshot(copy);
    const out = path.join(work, 'damaged.docx');
    const errors: string[] = [];
    const original = console.error;
    console.error = (line: string) => errors.push(line);
    try {
      expect((await cli('document', 'actions', '--data', copy, '--format', 'docx', '-o', out)).code).toBe(0);
    } finally {
      console.error = original;
    }
    expect(errors.join('\n')).toContain(buckets[0]);
    expect(snapshot(copy)).toBe(before);
  });
});

describe.skipIf(!hasSoffice)('LibreOffice reads the hostile documents', () => {
  it('converts them to text', async () => {
    const dir = path.join(work, 'lo');
    fs.mkdirSync(dir, { recursive: true });
    const files: string[] = [];
    for (const [type, id] of [['chair-summary', ids.meeting], ['statement', ids.statement]] as const) {
      const file = path.join(dir, `${type}.docx`);
      fs.writeFileSync(file, await make({ type, id, format: 'docx', language: 'en' }));
      files.push(file);
    }
    execFileSync('soffice', [`-env:UserInstallation=file://${path.join(work, 'lo-profile')}`, '--headless', '--convert-to', 'txt:Text (encoded):UTF8', '--outdir', dir, ...files], { stdio: 'ignore', timeout: 120_000 });
    for (const file of files) expect(fs.readFileSync(file.replace(/\.docx$/, '.txt'), 'utf8')).toContain('HYPERLINK');
  }, 150_000);
});
