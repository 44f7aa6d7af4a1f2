import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocModel } from '../../shared/documents/model.js';
import { closeBidi, toDocx } from '../../main/core/documents/docx.js';
import { sheetNames, toXlsx } from '../../main/core/documents/xlsx.js';
import { outline, sampleModel } from '../fixtures/document-models.js';

/*
 * The .docx and .xlsx writers, read back: the Word XML says what Word and LibreOffice need (direction,
 * languages, repeating headers, orientation, page numbers), LibreOffice lays the documents out with
 * every heading and list item in order, hostile text still makes a file, and the workbook's cells
 * are typed. The LibreOffice parts need `soffice` (CI installs it; see docs TOOLCHAIN, Documents).
 */

const LANGS = ['en', 'ar', 'zh'] as const;
const has = (command: string) => spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;
const office = has('soffice') && has('pdftotext') && has('pdfinfo');
if (!office)
  console.warn('documents-formats: soffice or poppler-utils missing, skipping the LibreOffice conversions');

let work: string;
beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'fpd-docs-'));
});
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

/** One part of a .docx (a zip), as text. */
function part(file: string, name: string): string {
  return execFileSync('unzip', ['-p', file, name], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}
function parts(file: string): string[] {
  return execFileSync('unzip', ['-Z1', file], { encoding: 'utf8' }).trim().split('\n');
}

/** The runs (`w:r`) of some WordprocessingML, each as its XML. */
const runsOf = (xml: string) => xml.match(/<w:r>.*?<\/w:r>/gs) ?? [];
const textOf = (run: string) =>
  [...run.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
/** The first run whose text holds `text`. */
const runWith = (xml: string, text: string) => runsOf(xml).find((r) => textOf(r).includes(text));
/** The paragraphs (`w:p`) of some WordprocessingML, each as its XML. */
const paragraphsOf = (xml: string) => xml.match(/<w:p(?=[ >]).*?<\/w:p>|<w:p\/>/gs) ?? [];

/** Every bidi control, emoji, and characters XML 1.0 cannot hold, in one text. */
const HOSTILE =
  'A\u200Eb\u200Fc\u202Ad\u202Be\u202Cf\u202Dg\u202Eh\u2066i\u2067j\u2068k\u2069 <w:t> & "q" ' +
  '👩🏽‍⚖️ 🇸🇳 🕊️ مرحبا UN Women ' +
  'bell\u0007 nul\u0000 esc\u001B ff\u000C \uFFFE\uFFFF lone\uD800 low\uDC00 tab\there\r\nline two\nline three\rline four';

function hostileModel(): DocModel {
  return {
    type: 'statement',
    lang: 'ar',
    dir: 'rtl',
    title: [{ text: `\u0001${HOSTILE.slice(0, 40)}` }],
    fileName: 'hostile',
    footer: `footer\u0002${HOSTILE.slice(0, 20)}`,
    sections: [
      {
        orientation: 'portrait',
        blocks: [
          { type: 'heading', level: 1, runs: [{ text: 'CURRENT' }] },
          {
            type: 'paragraph',
            runs: [
              { text: HOSTILE },
              { text: HOSTILE, lang: 'en', bold: true },
              { text: HOSTILE, lang: 'zh', code: true },
            ],
          },
          {
            type: 'list',
            style: 'labelled',
            items: [
              { label: '(أ)\u0003', runs: [{ text: HOSTILE }], notes: [[{ text: HOSTILE, muted: true }]] },
            ],
          },
          {
            type: 'table',
            columns: [
              { label: HOSTILE, width: 0 },
              { label: 'b', width: Number.NaN },
            ],
            rows: [[{ runs: [{ text: HOSTILE }], numeric: true }], []],
            sheet: HOSTILE,
          },
        ],
      },
    ],
  };
}

const BIG = 'peace security women participation protection prevention relief recovery '
  .repeat(13_700)
  .slice(0, 1_000_000);
const bigModel = (): DocModel => ({
  type: 'statement',
  lang: 'en',
  dir: 'ltr',
  title: [{ text: 'One long paragraph' }],
  fileName: 'big',
  sections: [{ orientation: 'portrait', blocks: [{ type: 'paragraph', runs: [{ text: BIG }] }] }],
});

describe('the .docx writer', () => {
  const files = {} as Record<(typeof LANGS)[number] | 'hostile' | 'big', string>;
  beforeAll(async () => {
    for (const lang of LANGS) {
      files[lang] = path.join(work, `sample-${lang}.docx`);
      fs.writeFileSync(files[lang], await toDocx(sampleModel(lang)));
    }
    files.hostile = path.join(work, 'hostile.docx');
    fs.writeFileSync(files.hostile, await toDocx(hostileModel()));
    files.big = path.join(work, 'big.docx');
    fs.writeFileSync(files.big, await toDocx(bigModel()));
  });

  it('writes Arabic right to left: bidi paragraphs, rtl Arabic runs, LTR Latin runs, mirrored tables', () => {
    const xml = part(files.ar, 'word/document.xml');
    const paragraphs = paragraphsOf(xml);
    expect(paragraphs.length).toBeGreaterThan(40);
    for (const p of paragraphs) expect(p).toContain('<w:bidi/>');
    expect(runWith(xml, 'مقدمة')).toContain('<w:rtl/>');
    expect(runWith(xml, 'مقدمة')).toMatch(/<w:lang [^>]*w:val="ar-SA"/);
    const latin = runWith(xml, 'UN Women');
    expect(latin).toBeDefined();
    expect(latin).not.toContain('<w:rtl/>');
    expect(latin).toMatch(/<w:lang [^>]*w:val="en-GB"/);
    const tables = xml.match(/<w:tbl>.*?<\/w:tblPr>/gs) ?? [];
    expect(tables).toHaveLength(3); // the fields and the two sheets
    for (const t of tables) expect(t).toContain('<w:bidiVisual/>');
    // English paragraphs are not bidi, English tables not mirrored.
    const en = part(files.en, 'word/document.xml');
    expect(en).not.toContain('<w:bidi/>');
    expect(en).not.toContain('<w:bidiVisual/>');
    expect(en).not.toContain('<w:rtl/>');
  });

  it('sets the run languages, the Chinese one as zh-CN so Chinese letterforms are chosen', () => {
    const zh = part(files.zh, 'word/document.xml');
    for (const text of ['导言', '预防冲突和暴力', '建立国家协调机制']) {
      expect(runWith(zh, text)).toMatch(/<w:lang [^>]*w:eastAsia="zh-CN"/);
      expect(runWith(zh, text)).toMatch(/<w:rFonts [^>]*w:eastAsia="[^"]+"/);
    }
    expect(runWith(zh, 'UN Women')).toMatch(/<w:lang [^>]*w:val="en-GB"/);
    expect(part(files.zh, 'word/styles.xml')).toMatch(
      /<w:rPrDefault><w:rPr>.*<w:lang w:val="zh-CN" w:eastAsia="zh-CN"/s,
    );
    expect(runWith(part(files.en, 'word/document.xml'), 'Introduction')).toMatch(
      /<w:lang [^>]*w:val="en-GB"/,
    );
  });

  it('repeats table headers, lays the second section landscape, numbers the pages and names the document', () => {
    const xml = part(files.en, 'word/document.xml');
    expect(xml.match(/<w:tblHeader\/>/g)).toHaveLength(2);
    const sections = xml.match(/<w:sectPr.*?<\/w:sectPr>/gs) ?? [];
    expect(sections).toHaveLength(3);
    expect(sections[1]).toMatch(/<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"\/>/);
    expect(sections[0]).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(sections[2]).not.toContain('landscape');
    const footers = parts(files.en).filter((p) => /^word\/footer\d*\.xml$/.test(p));
    expect(footers.length).toBeGreaterThan(0);
    for (const f of footers) {
      const footer = part(files.en, f);
      expect(footer).toMatch(/<w:instrText[^>]*>\s*PAGE\s*<\/w:instrText>|w:instr="\s*PAGE/);
      expect(footer).toContain('Draft — 12 March 2026');
    }
    const core = part(files.en, 'docProps/core.xml');
    expect(core).toContain(
      '<dc:title>National Action Plan on Women, Peace and Security 2026–2030</dc:title>',
    );
    expect(core).toContain('<dc:language>en-GB</dc:language>');
    expect(part(files.ar, 'docProps/core.xml')).toContain('<dc:language>ar-SA</dc:language>');
    expect(part(files.hostile, 'docProps/core.xml')).toMatch(
      /<dc:title>A\u200Eb.*&lt;w:t&gt; &amp; &quot;q&quot;.*<\/dc:title>/,
    );
    // Word styles, not direct formatting: the headings, lists and quote use them.
    for (const style of [
      'Title',
      'Subtitle',
      'Heading1',
      'Heading2',
      'Heading3',
      'Quote',
      'Small',
      'ListParagraph',
      'Caption',
    ]) {
      expect(xml).toContain(`<w:pStyle w:val="${style}"/>`);
    }
    expect(part(files.en, 'word/numbering.xml')).toContain('w:val="bullet"');
  });

  it('keeps bidi controls and emoji, drops what XML cannot hold, and never reads text as a field', () => {
    const xml = part(files.hostile, 'word/document.xml');
    for (const c of [
      '\u200E',
      '\u200F',
      '\u202A',
      '\u202B',
      '\u202C',
      '\u202D',
      '\u202E',
      '\u2066',
      '\u2067',
      '\u2068',
      '\u2069',
      '👩🏽‍⚖️',
      '🇸🇳',
    ])
      expect(xml).toContain(c);
    // eslint-disable-next-line no-control-regex -- looking for the control characters that must be gone
    expect(xml).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/);
    expect(xml).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
    expect(xml).toContain('<w:br/>');
    expect(xml).toContain('<w:tab/>');
    expect(xml).toContain('>CURRENT<');
    expect(xml).not.toMatch(/<w:instrText[^>]*>\s*PAGE/);
    expect(part(files.big, 'word/document.xml').length).toBeGreaterThan(1_000_000);
    // A stray override or isolate ends with its line, not at the end of the paragraph.
    expect(closeBidi('a\u202Eb')).toBe('a\u202Eb\u202C');
    expect(closeBidi('\u2066a\u202Bb')).toBe('\u2066a\u202Bb\u202C\u2069');
    expect(closeBidi('\u2067x\u202Bz\u2069 \u202Dy\u202C')).toBe('\u2067x\u202Bz\u2069 \u202Dy\u202C');
    expect(closeBidi('\u202C\u2069x')).toBe('\u202C\u2069x');
  });

  it.skipIf(!office)(
    'converts to PDF in LibreOffice with every heading and list item in order, the landscape page, and the hostile texts',
    () => {
      const out = path.join(work, 'pdf');
      const profile = `file://${path.join(work, 'lo-profile')}`;
      const convert = (format: string, list: string[], dir: string) =>
        execFileSync(
          'soffice',
          [
            `-env:UserInstallation=${profile}`,
            '--headless',
            '--convert-to',
            format,
            '--outdir',
            dir,
            ...list,
          ],
          { stdio: 'pipe', timeout: 150_000 },
        );
      convert('pdf', [files.en, files.ar, files.zh, files.hostile], out);
      // A million characters in one paragraph takes LibreOffice minutes to lay out as pages; as text it is read whole in seconds.
      convert('txt:Text (encoded):UTF8', [files.big], out);

      // pdftotext wraps right-to-left lines in bidi embeddings; they are not the document's text.
      const text = (name: string) =>
        execFileSync('pdftotext', ['-layout', path.join(out, `${name}.pdf`), '-'], {
          encoding: 'utf8',
        }).replace(/[\u200E\u200F\u202A-\u202E\u2066-\u2069]/g, '');
      const info = (name: string) =>
        execFileSync('pdfinfo', ['-f', '1', '-l', '99', path.join(out, `${name}.pdf`)], { encoding: 'utf8' });

      const inOrder = (haystack: string, needles: string[], squash: (s: string) => string) => {
        const all = squash(haystack);
        let at = 0;
        for (const needle of needles) {
          const found = all.indexOf(squash(needle), at);
          expect(found, `"${needle}" after offset ${at}`).toBeGreaterThanOrEqual(0);
          at = found + squash(needle).length;
        }
      };
      const en = sampleModel('en');
      inOrder(text('sample-en'), [en.title[0]!.text, ...outline(en)], (s) => s.replace(/\s+/g, ' ').trim());
      // Chinese exactly, character for character; only the spaces pdftotext puts between lines and around Latin text go.
      const zh = sampleModel('zh');
      const zhText = text('sample-zh');
      inOrder(zhText, [zh.title[0]!.text, ...outline(zh)], (s) => s.replace(/\s+/g, ''));
      expect(zhText).toContain('导言');

      // The results framework section, and only it, on a landscape page between portrait ones.
      for (const name of ['sample-en', 'sample-ar', 'sample-zh']) {
        const sizes = [...info(name).matchAll(/Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts/g)].map((m) => ({
          landscape: Number(m[1]) > Number(m[2]),
          a4: /^(595|841)\./.test(m[1]!),
        }));
        const pages = text(name)
          .split('\f')
          .filter((page) => page.trim());
        expect(sizes.length).toBe(pages.length);
        expect(sizes.every((s) => s.a4)).toBe(true);
        expect(sizes.filter((s) => s.landscape)).toHaveLength(1);
        const landscape = sizes.findIndex((s) => s.landscape);
        expect(landscape).toBeGreaterThan(0);
        expect(landscape).toBeLessThan(pages.length - 1);
        expect(pages[landscape]).toContain('2028-12-31');
        expect(pages[landscape]).toContain('2026-05-15');
        // Page numbers: the footer, the last line of each page, starts or ends with the page's number.
        pages.forEach((page, i) =>
          expect(page.trimEnd().split('\n').at(-1)!.trim()).toMatch(
            new RegExp(`(^|\\s)${i + 1}$|^${i + 1}(\\s|$)`),
          ),
        );
      }
      // pdftotext takes Arabic ligatures apart; the Latin runs and the figures come through whole.
      const ar = text('sample-ar');
      for (const latin of ['UN Women', '2028-12-31', '1,200,000']) expect(ar).toContain(latin);
      expect(info('hostile')).toMatch(/Pages:\s+[1-9]/);
      expect(text('hostile')).toContain('UN Women');
      const big = fs.readFileSync(path.join(out, 'big.txt'), 'utf8');
      expect(big).toContain(BIG.slice(0, 1000));
      expect(big.replace(/^\uFEFF/, '').length).toBeGreaterThanOrEqual(1_000_000);
    },
    300_000,
  );
});

describe('the .xlsx writer', () => {
  async function read(model: DocModel) {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await toXlsx(model)) as unknown as ArrayBuffer);
    return workbook;
  }

  it('writes a sheet per sheet table with a bold frozen filtered header and typed cells', async () => {
    const workbook = await read(sampleModel('en'));
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['Results framework', 'Action points']);
    expect(workbook.title).toBe('National Action Plan on Women, Peace and Security 2026–2030');
    expect(workbook.creator).toBe('Focal Point Desk');
    const sheet = workbook.getWorksheet('Results framework')!;
    expect(sheet.getRow(1).values).toEqual([
      undefined,
      'Outcome',
      'Indicator',
      'Baseline',
      'Target',
      'Budget (USD)',
      'Due',
    ]);
    expect(sheet.getCell('A1').font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.views[0]?.rightToLeft ?? false).toBe(false);
    expect(sheet.autoFilter).toBeTruthy();
    expect(sheet.rowCount).toBe(4);
    expect(sheet.getCell('A2').value).toBe('Women take part in peace negotiations');
    expect(sheet.getCell('C2').type).toBe(ExcelJS.ValueType.Number);
    expect(sheet.getCell('E4').value).toBe(480000.5);
    expect(sheet.getCell('F2').type).toBe(ExcelJS.ValueType.Date);
    expect((sheet.getCell('F2').value as Date).toISOString()).toBe('2028-12-31T00:00:00.000Z');
    expect(sheet.getCell('F2').numFmt).toBe('yyyy-mm-dd');
    expect(sheet.getCell('A2').alignment?.wrapText).toBe(true);
    // Widths in the model's proportions: Outcome (3) three times Baseline (1).
    const [outcome, , baseline] = sheet.columns.map((c) => c.width ?? 0);
    expect(outcome! / baseline!).toBeCloseTo(3, 0);
  });

  it('lays Arabic sheets right to left and keeps Chinese text whole', async () => {
    const ar = await read(sampleModel('ar'));
    expect(ar.worksheets.map((w) => w.name)).toEqual(['إطار النتائج', 'نقاط العمل']);
    for (const sheet of ar.worksheets)
      expect(sheet.views[0]).toMatchObject({ rightToLeft: true, state: 'frozen', ySplit: 1 });
    expect(ar.worksheets[0]!.getCell('A1').value).toBe('النتيجة');
    const zh = await read(sampleModel('zh'));
    expect(zh.worksheets[0]!.getCell('B3').value).toBe('运作中的一站式中心');
    expect(zh.worksheets[1]!.getCell('C2').type).toBe(ExcelJS.ValueType.Date);
  });

  it('makes sheet names Excel accepts, refuses a model without sheets, and survives hostile text', async () => {
    expect(
      sheetNames([
        'a/b:c*d?e[f]g\\h',
        'A/B:C*D?E[F]G\\H',
        '',
        'History',
        "'quoted'",
        'x'.repeat(40),
        'x'.repeat(40),
        '😀'.repeat(20),
      ]),
    ).toEqual([
      'a b c d e f g h',
      'A B C D E F G H (2)',
      'Sheet 3',
      'History 4',
      'quoted',
      'x'.repeat(31),
      `${'x'.repeat(27)} (2)`,
      '😀'.repeat(15),
    ]);
    const model = sampleModel('en');
    const prose: DocModel = {
      ...model,
      sections: model.sections.map((s) => ({ ...s, blocks: s.blocks.filter((b) => b.type !== 'table') })),
    };
    await expect(toXlsx(prose)).rejects.toThrow(/no table marked as a sheet/);
    const hostile = await read(hostileModel());
    expect(hostile.worksheets).toHaveLength(1);
    expect(hostile.worksheets[0]!.name.length).toBeLessThanOrEqual(31);
    expect(hostile.worksheets[0]!.getCell('A2').value).toContain('👩🏽‍⚖️');
  });
});
