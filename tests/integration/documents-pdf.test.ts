import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findChromium } from '../../main/core/chromium.js';
import { toHtml } from '../../main/core/documents/html.js';
import { systemPdfPrinter } from '../../main/core/documents/pdf.js';
import type { DocModel, Section } from '../../shared/documents/model.js';

/**
 * The browser host's and the CLI's PDF: the system's Chromium prints the HTML page. Read back with
 * poppler (pdfinfo, pdftotext): the words, the page sizes (a landscape page among portrait ones)
 * and the page numbers in the footer.
 */

const hasPoppler = (() => {
  try {
    execFileSync('pdfinfo', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
const chromium = findChromium();
const skip = !chromium ? 'no Chromium on this machine (set CHROMIUM_PATH)' : !hasPoppler ? 'no poppler (pdfinfo, pdftotext)' : '';
if (skip) console.warn(`documents-pdf: skipped, ${skip}`);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fpd-pdf-test-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function read(pdf: Buffer, name: string) {
  const file = path.join(dir, `${name}.pdf`);
  fs.writeFileSync(file, pdf);
  const info = execFileSync('pdfinfo', ['-f', '1', '-l', '99', file], { encoding: 'utf8' });
  const sizes = [...info.matchAll(/^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)/gm)].map(([, w, h]) => (Number(w) > Number(h) ? 'landscape' : 'portrait'));
  const pages = Number(/^Pages:\s+(\d+)/m.exec(info)![1]);
  // Page by page, so the page number can be found on its own page.
  const text = Array.from({ length: pages }, (_, i) => execFileSync('pdftotext', ['-f', String(i + 1), '-l', String(i + 1), '-layout', file, '-'], { encoding: 'utf8' }));
  return { sizes, text };
}

const table = (rows: number): Section['blocks'][number] => ({
  type: 'table',
  caption: 'Action matrix',
  columns: [
    { label: 'Action', width: 4 },
    { label: 'Indicator', width: 3 },
    { label: 'Budget', width: 1 },
  ],
  rows: Array.from({ length: rows }, (_, i) => [
    { runs: [{ text: `Action ${i + 1}: train mediators` }] },
    { runs: [{ text: 'Share of women in delegations' }] },
    { runs: [{ text: `${(i + 1) * 1000}` }], numeric: true },
  ]),
});

const english: DocModel = {
  type: 'nap',
  lang: 'en',
  dir: 'ltr',
  fileName: 'plan',
  title: [{ text: 'National Action Plan of Examplia' }],
  subtitle: [[{ text: '2026–2030' }]],
  footer: 'Draft 12 March 2026',
  sections: [
    {
      orientation: 'portrait',
      blocks: [
        { type: 'heading', level: 1, runs: [{ text: 'Introduction' }] },
        { type: 'list', style: 'labelled', items: [{ label: '(a)', runs: [{ text: 'Participation' }] }, { label: '(b)', runs: [{ text: 'Protection' }] }] },
      ],
    },
    { orientation: 'landscape', blocks: [{ type: 'heading', level: 1, runs: [{ text: 'Matrix' }] }, table(3)] },
    { orientation: 'portrait', blocks: [{ type: 'paragraph', runs: [{ text: 'Monitoring and evaluation' }] }] },
  ],
};

const chinese: DocModel = {
  type: 'statement',
  lang: 'zh',
  dir: 'ltr',
  fileName: 'statement',
  title: [{ text: '书面发言' }],
  sections: [{ orientation: 'portrait', blocks: [{ type: 'paragraph', runs: [{ text: '妇女与和平与安全' }, { text: ' (Examplia)', lang: 'en' }] }] }],
};

describe.skipIf(!!skip)('PDF printed by the system Chromium', () => {
  it('prints portrait and landscape pages, with the text, the footer and the page numbers', async () => {
    const printer = systemPdfPrinter()!;
    const { sizes, text } = read(await printer(toHtml(english)), 'en');
    expect(sizes).toEqual(['portrait', 'landscape', 'portrait']);
    const all = text.join('\n');
    for (const words of ['National Action Plan of Examplia', 'Introduction', '(a)', 'Participation', 'Action matrix', 'Action 3: train mediators', '3000', 'Monitoring and evaluation']) {
      expect(all).toContain(words);
    }
    text.forEach((page, i) => {
      expect(page).toContain('Draft 12 March 2026');
      expect(page).toMatch(new RegExp(`(^|\\s)${i + 1}(\\s|$)`));
    });
    // The matrix's header row is there once per page it is on.
    expect(text[1]).toMatch(/Action\s+Indicator\s+Budget/);
  }, 120_000);

  it('prints Chinese text with its font', async () => {
    const { sizes, text } = read(await systemPdfPrinter()!(toHtml(chinese)), 'zh');
    expect(sizes).toEqual(['portrait']);
    expect(text[0]).toContain('书面发言');
    expect(text[0]).toContain('妇女与和平与安全');
    expect(text[0]).toContain('(Examplia)');
  }, 120_000);

  it('leaves no temporary files behind', async () => {
    const before = fs.readdirSync(os.tmpdir()).filter((f) => f.startsWith('fpd-print-'));
    await systemPdfPrinter()!(toHtml(chinese));
    expect(fs.readdirSync(os.tmpdir()).filter((f) => f.startsWith('fpd-print-'))).toEqual(before);
  }, 120_000);
});
