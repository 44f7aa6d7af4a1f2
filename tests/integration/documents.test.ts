import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../main/core/index.js';
import { openCore } from '../../main/core/index.js';
import { acquireInstanceLock, releaseInstanceLock } from '../../main/core/instance-lock.js';
import { findChromium } from '../../main/core/chromium.js';
import type { OperationName, RequestOf } from '../../shared/api/contract.js';
import { seedDocumentWorkspace, type DocumentWorkspace } from '../fixtures/document-workspace.js';
import { fails, ok, runCli, snapshot } from './support.js';

// The CLI speaks the system language; these assertions read English, whatever the machine's.
for (const name of ['LC_ALL', 'LC_MESSAGES', 'LANGUAGE']) delete process.env[name];
process.env.LANG = 'en_US.UTF-8';
const { run } = await import('../../main/cli/index.js');

const hasSoffice = spawnSync('soffice', ['--version'], { stdio: 'ignore' }).status === 0;
const hasPoppler = spawnSync('pdftotext', ['-v'], { stdio: 'ignore' }).status === 0;
/** Where the rendered pages are left for a person to look at (git-ignored). */
const LOOK = path.resolve(import.meta.dirname, '..', '..', 'test-output', 'documents');

let work: string;
let dataDir: string;
let core: Core;
let ws: DocumentWorkspace;

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'fpd-docs-'));
  dataDir = path.join(work, 'data');
  core = await openCore({ dataDir, host: 'browser', systemLocales: ['en'], log: () => undefined });
  // The shared seed speaks operation names as strings (it also runs over HTTP in end-to-end tests);
  // the client still checks each request against the contract.
  ws = await seedDocumentWorkspace((name, request) => core.client.call(name as OperationName, request as RequestOf<OperationName>));
});
afterAll(async () => {
  await core?.close();
  fs.rmSync(work, { recursive: true, force: true });
});

type DocumentRequest = RequestOf<'documents.export'>;

async function make(
  type: DocumentRequest['type'],
  id: string | undefined,
  format: DocumentRequest['format'],
  language: DocumentRequest['language'],
  extra: Partial<DocumentRequest> = {},
): Promise<Buffer> {
  const file = await ok(core, 'documents.export', { type, ...(id ? { id } : {}), format, language, ...extra });
  return Buffer.from(file.bytes, 'base64');
}

/** Converts .docx files to PDF with LibreOffice, all in one run (its start is the slow part). */
function toPdf(files: string[], outDir: string): void {
  execFileSync('soffice', [`-env:UserInstallation=file://${path.join(work, 'lo-profile')}`, '--headless', '--convert-to', 'pdf', '--outdir', outDir, ...files], { stdio: 'ignore', timeout: 240_000 });
}

const pdfText = (file: string) => execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
const pages = (file: string) => Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1]);

/** Each string found after the one before it. */
function expectInOrder(text: string, wanted: string[]) {
  let at = -1;
  for (const w of wanted) {
    const found = text.indexOf(w, at + 1);
    expect(found, `"${w}" after position ${at} in:\n${text.slice(0, 3000)}`).toBeGreaterThan(at);
    at = found;
  }
}

const ORDER: Record<string, Record<'en' | 'zh', string[]>> = {
  nap: {
    en: ['Second National Action Plan', 'Senegal', 'Summary', 'Participation', 'Objective 1.', 'Action 1.1', 'Indicators', '1.1.1 Share of women', 'Protection', 'Action 2.1', 'Action matrix', 'Indicator progress'],
    zh: ['第二个妇女与和平与安全国家行动计划', '塞内加尔', '参与', '培训女警察并提名她们参加维和行动', '保护'],
  },
  'chair-summary': {
    en: ['Focal Points Network meeting', "Chair's summary", 'Madrid and online', 'Spain and Namibia', 'Agenda', 'Opening', 'National Action Plans', 'Summary of the discussion', 'welcomed', 'Senegal', 'Decisions', 'six months', 'Action points', '(a)', 'Participation', '(i)', 'Action point 1:', '(ii)', 'Action point 3:', '(b)', 'Protection', '(i)', 'Action point 2:', '(ii)', 'Action point 4:'],
    zh: ['国家协调中心网络会议', '主席摘要', '议程', '开幕', '欢迎', '行动要点', '(a)', '㈠', '行动要点 1', '㈡', '行动要点 3', '(b)', '㈠', '行动要点 2'],
  },
  statement: {
    en: ['Statement on women police in peacekeeping', 'Written statement', 'Permanent Mission of Senegal', 'Amina Diallo', 'Security Council', 'Focal Points Network meeting', 'We welcome this open debate.', 'more effective', '25 words (target: about 20 words).'],
    zh: ['关于维和行动中女警察的发言', '书面发言', '我们欢迎这次公开辩论。', '女警察使和平行动更加有效。', '个字符'],
  },
  actions: {
    en: ['Action points', 'Action point', 'Owner', 'Action point 1:', 'Ministry of Foreign', 'Open'],
    zh: ['行动要点', '行动要点 1'],
  },
};

describe('documents from a workspace', () => {
  it.skipIf(!hasSoffice || !hasPoppler)(
    'makes each document in English, Arabic and Chinese as a .docx that LibreOffice lays out, everything in order',
    async () => {
      const dir = path.join(work, 'docx');
      fs.mkdirSync(dir);
      const files: string[] = [];
      for (const language of ['en', 'ar', 'zh'] as const) {
        for (const [type, id] of [['nap', ws.napId], ['chair-summary', ws.meetingId], ['statement', ws.statementId], ['actions', undefined]] as const) {
          const file = path.join(dir, `${type}-${language}.docx`);
          fs.writeFileSync(file, await make(type, id, 'docx', language, { today: '2026-03-20' }));
          files.push(file);
        }
      }
      toPdf(files, dir);
      for (const type of Object.keys(ORDER)) {
        for (const language of ['en', 'zh'] as const) expectInOrder(pdfText(path.join(dir, `${type}-${language}.pdf`)), ORDER[type]![language]);
        // Arabic comes back from pdftotext with its ligatures split: its Latin runs are checked
        // here, its shaping and direction by looking at the rendered page (left in test-output).
        const ar = pdfText(path.join(dir, `${type}-ar.pdf`));
        if (type !== 'statement') expect(ar).toMatch(type === 'chair-summary' ? /\(ب\)|\(أ\)|Participation/ : /Ministry of/);
      }
      expect(pages(path.join(dir, 'nap-en.pdf'))).toBeGreaterThanOrEqual(3);
      fs.mkdirSync(LOOK, { recursive: true });
      for (const name of ['chair-summary-ar', 'chair-summary-zh', 'nap-ar']) {
        execFileSync('pdftoppm', ['-png', '-r', '50', '-f', '1', '-l', '1', path.join(dir, `${name}.pdf`), path.join(LOOK, name)]);
      }
    },
    300_000,
  );

  it('writes the action matrix and indicators, and the action points, as workbooks; right to left in Arabic', async () => {
    for (const language of ['en', 'ar'] as const) {
      const book = new ExcelJS.Workbook();
      await book.xlsx.load((await make('nap', ws.napId, 'xlsx', language)) as unknown as ArrayBuffer);
      expect(book.worksheets.map((s) => s.name)).toEqual(language === 'en' ? ['Action matrix', 'Indicators'] : [expect.any(String), expect.any(String)]);
      const matrix = book.worksheets[0]!;
      expect(matrix.rowCount).toBe(1 + 2);
      expect(matrix.views[0]?.rightToLeft ?? false).toBe(language === 'ar');
      const budget = matrix.getRow(2).values as unknown[];
      expect(budget).toContain(1500000);
    }
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await make('actions', undefined, 'xlsx', 'en', { actions: { statuses: ['open'] } })) as unknown as ArrayBuffer);
    expect(book.worksheets.map((s) => s.name)).toEqual(['Action points']);
    expect(book.worksheets[0]!.rowCount).toBe(1 + 4);
    expect(book.worksheets[0]!.getRow(2).getCell(4).value).toBeInstanceOf(Date);
  });

  it.skipIf(!findChromium() || !hasPoppler)(
    'prints PDF through the system Chromium from the same template',
    async () => {
      const file = path.join(work, 'summary.pdf');
      fs.writeFileSync(file, await make('chair-summary', ws.meetingId, 'pdf', 'en'));
      expectInOrder(pdfText(file), ORDER['chair-summary']!.en);
      const html = (await make('chair-summary', ws.meetingId, 'html', 'ar')).toString('utf8');
      expect(html).toMatch(/<html[^>]*dir="rtl"/);
    },
    120_000,
  );

  it('makes documents from hostile and empty records and changes nothing in the data', async () => {
    const controls = '\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069';
    const odd = await ok(core, 'records.create', {
      kind: 'meeting',
      fields: { title: { en: `${controls}Title 👩🏽‍⚖️ ${controls}` }, notes: { en: `${'a note '.repeat(125_000)}` }, decisions: { ar: `${controls} قرار 🎉` } },
    });
    await ok(core, 'records.create', { kind: 'action', fields: { title: { en: `${controls}🎉 point` }, meetingId: odd.id, heading: 'a', number: 1 } });
    const before = snapshot(dataDir);
    const made: string[] = [];
    for (const [type, id] of [['chair-summary', odd.id], ['chair-summary', ws.emptyMeetingId], ['nap', ws.emptyNapId], ['statement', ws.statementId], ['actions', undefined]] as const) {
      for (const format of type === 'nap' || type === 'actions' ? (['docx', 'xlsx', 'html'] as const) : (['docx', 'html'] as const)) {
        for (const language of ['ar', 'fr'] as const) {
          const bytes = await make(type, id, format, language);
          expect(bytes.length).toBeGreaterThan(100);
          // The giant note makes one huge paragraph that LibreOffice takes minutes to lay out
          // (documents-formats.test.ts reads such a file back as text instead).
          if (format === 'docx' && id !== odd.id) {
            const file = path.join(work, `hostile-${made.length}.docx`);
            fs.writeFileSync(file, bytes);
            made.push(file);
          }
        }
      }
    }
    expect(snapshot(dataDir)).toBe(before);
    if (hasSoffice) {
      const dir = path.join(work, 'hostile');
      fs.mkdirSync(dir);
      toPdf(made.slice(0, 4), dir);
      expect(fs.readdirSync(dir).filter((f) => f.endsWith('.pdf'))).toHaveLength(4);
    }
  }, 300_000);

  it('refuses an unknown record, a record of another kind and a format the document has not', async () => {
    expect((await fails(core, 'documents.export', { type: 'nap', id: '0190a6e4-0000-7000-8000-000000000099', format: 'docx', language: 'en' })).code).toBe('not_found');
    const wrong = await fails(core, 'documents.export', { type: 'nap', id: ws.meetingId, format: 'docx', language: 'en' });
    expect(wrong).toMatchObject({ code: 'invalid_request', issues: [{ path: ['id'], message: 'errors:documents.wrongKind' }] });
    const format = await fails(core, 'documents.export', { type: 'statement', id: ws.statementId, format: 'xlsx', language: 'en' });
    expect(format).toMatchObject({ code: 'invalid_request', issues: [{ path: ['format'], message: 'errors:documents.format' }] });
    expect((await fails(core, 'documents.export', { type: 'nap', format: 'docx', language: 'en' })).issues).toEqual([{ path: ['id'], message: 'errors:validation.required' }]);
    expect((await fails(core, 'documents.export', { type: 'nap', id: ws.napId, format: 'docx', language: 'de' })).code).toBe('invalid_request');
  });
});

describe('fpdesk document', () => {
  const cli = (...argv: string[]) => runCli(run, argv);

  it('writes a document while the app holds the data folder, and changes nothing there', async () => {
    // The core opened in beforeAll is "the app": it holds the folder (its own lock file, this pid
    // standing for the app's).
    acquireInstanceLock(dataDir, { pid: process.pid, url: 'http://127.0.0.1:1/' });
    try {
      const before = snapshot(dataDir);
      const out = path.join(work, 'cli summary.docx');
      expect(await cli('document', 'chair-summary', '--data', dataDir, '--id', ws.meetingId, '--format', 'docx', '--lang', 'ar', '-o', out)).toMatchObject({ code: 0, out: `Wrote ${out}.` });
      expect(fs.readFileSync(out).subarray(0, 2).toString()).toBe('PK');
      const xlsx = path.join(work, 'open.xlsx');
      expect((await cli('document', 'actions', '--data', dataDir, '--format', 'xlsx', '--status', 'open,in_progress', '--overdue', '-o', xlsx)).code).toBe(0);
      expect(snapshot(dataDir)).toBe(before);
      expect(fs.readdirSync(dataDir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    } finally {
      releaseInstanceLock(dataDir);
    }
  });

  it('says what is wrong and writes no file: exit 1 for an unknown id or another kind, 2 for usage', async () => {
    const out = path.join(work, 'never.docx');
    const unknown = await cli('document', 'nap', '--data', dataDir, '--id', '0190a6e4-0000-7000-8000-000000000099', '--format', 'docx', '-o', out);
    expect(unknown).toMatchObject({ code: 1 });
    expect(unknown.error).toContain('No record with the id 0190a6e4-0000-7000-8000-000000000099');
    const kind = await cli('document', 'statement', '--data', dataDir, '--id', ws.napId, '--format', 'pdf', '-o', out);
    expect(kind).toMatchObject({ code: 1 });
    expect(kind.error).toContain('is a National Action Plan, not a Written input');
    expect((await cli('document', 'minutes', '--data', dataDir, '--format', 'docx', '-o', out)).code).toBe(2);
    expect((await cli('document', 'statement', '--data', dataDir, '--id', ws.statementId, '--format', 'xlsx', '-o', out)).code).toBe(2);
    expect((await cli('document', 'actions', '--data', dataDir, '--id', ws.napId, '--format', 'docx', '-o', out)).code).toBe(2);
    expect((await cli('document', 'nap', '--data', dataDir, '--id', ws.napId, '--format', 'docx', '--lang', 'de', '-o', out)).code).toBe(2);
    expect((await cli('document', 'nap', '--data', dataDir, '--id', ws.napId, '--format', 'docx')).code).toBe(2);
    expect((await cli('document', 'nap', '--data', path.join(work, 'nowhere'), '--id', ws.napId, '--format', 'docx', '-o', out)).code).toBe(1);
    expect(fs.existsSync(out)).toBe(false);
    expect((await cli('document', '--help')).out).toContain('Usage: fpdesk document');
  });
});
