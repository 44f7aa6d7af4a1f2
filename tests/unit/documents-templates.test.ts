import { describe, expect, it } from 'vitest';
import { createMainI18n } from '../../main/core/i18n.js';
import type { Block, DocModel, Runs } from '../../shared/documents/model.js';
import { plain, sheets } from '../../shared/documents/model.js';
import { DocumentRequest, type DocumentRequest as Req } from '../../shared/documents/request.js';
import { sourceOf } from '../../shared/documents/source.js';
import { buildDocument, type DocT } from '../../shared/documents/templates.js';
import { safeFileName } from '../../shared/documents/format.js';
import { markdownBlocks } from '../../shared/documents/markdown.js';
import type { Language } from '../../shared/i18n/languages.js';
import type { RecordView } from '../../shared/records/codec.js';
import { documentRecords, view } from '../fixtures/document-records.js';

const tFor = (lang: Language): DocT => {
  const t = createMainI18n(lang).getFixedT(lang, 'documents') as unknown as DocT;
  return (key, values) => t(key, values);
};

function build(request: Req, records: RecordView[]): DocModel {
  const parsed = DocumentRequest.parse(request);
  return buildDocument({ request: parsed, source: sourceOf(records), t: tFor(parsed.language) });
}

/** Every block of a model, lists and tables included, as lines of text in document order. */
function lines(model: DocModel): string[] {
  const out: string[] = [plain(model.title), ...(model.subtitle ?? []).map(plain)];
  const list = (items: Extract<Block, { type: 'list' }>['items'], depth: number) => {
    for (const item of items) {
      out.push(`${'  '.repeat(depth)}${item.label ? `${item.label} ` : ''}${plain(item.runs)}`);
      for (const note of item.notes ?? []) out.push(`${'  '.repeat(depth + 1)}${plain(note)}`);
      if (item.children) list(item.children.items, depth + 1);
    }
  };
  for (const section of model.sections) {
    out.push(`[${section.orientation}]`);
    for (const block of section.blocks) {
      if (block.type === 'heading') out.push(`${'#'.repeat(block.level)} ${plain(block.runs)}`);
      else if (block.type === 'paragraph') out.push(plain(block.runs));
      else if (block.type === 'fields') for (const row of block.rows) out.push(`${row.label}: ${plain(row.value)}`);
      else if (block.type === 'list') list(block.items, 0);
      else {
        out.push(block.columns.map((c) => c.label).join(' | '));
        for (const row of block.rows) out.push(row.map((c) => plain(c.runs)).join(' | '));
      }
    }
  }
  // Intl puts narrow and thin no-break spaces in times and ranges: compared as spaces.
  return out.map((line) => line.replace(/[\u202f\u2009\u00a0]/g, ' '));
}

const runsWith = (model: DocModel, predicate: (runs: Runs) => boolean) =>
  model.sections.flatMap((s) => s.blocks).filter((b): b is Extract<Block, { type: 'paragraph' }> => b.type === 'paragraph' && predicate(b.runs));

describe('NAP document', () => {
  const r = documentRecords();

  it('reads title page, summary, pillar → objective → action → indicator, then matrix and progress, in order', () => {
    const model = build({ type: 'nap', id: r.nap.id, format: 'docx', language: 'en' }, r.all);
    const text = lines(model);
    const order = ['Second National Action Plan', 'Country: France', 'Period: 2024 – 2028', '[portrait]', '# Summary', '# Participation', '## Objective 1. More women in peace operations', '### Action 1.1', 'Budget: €1,500,000.00', 'Security Council resolutions: 1325 and 2242', 'Indicators | Baseline | Target | Latest measurement | Means of verification', '1.1.1 Share of women among police nominated for peacekeeping | 8 % (2023) | 20 % (2028) | 12 % (June 30, 2025) | Annual police report', '### Action 1.2', '# Protection', 'No objectives under this pillar yet.', '[landscape]', '# Action matrix', '[landscape]', '# Indicator progress'];
    let at = -1;
    for (const wanted of order) {
      const found = text.findIndex((line, i) => i > at && line.startsWith(wanted));
      expect(found, `${wanted} after line ${at}: ${text.join('\n')}`).toBeGreaterThan(at);
      at = found;
    }
    expect(model.sections.map((s) => s.orientation)).toEqual(['portrait', 'portrait', 'landscape', 'landscape']);
    expect(sheets(model).map((s) => [s.sheet, s.rows.length])).toEqual([['Action matrix', 2], ['Indicators', 1]]);
    expect(sheets(model)[0]!.rows[0]![6]).toMatchObject({ number: 1500000, numeric: true });
    expect(sheets(model)[1]!.rows[0]![6]).toMatchObject({ date: '2025-06-30' });
  });

  it('marks a text that has no version in the document language, and keeps that text in its own language', () => {
    const model = build({ type: 'nap', id: r.nap.id, format: 'docx', language: 'en' }, r.all);
    const marked = runsWith(model, (runs) => runs.some((run) => run.lang === 'fr'));
    expect(marked).toHaveLength(1);
    expect(marked[0]!.runs[0]).toMatchObject({ text: '[Not translated: French text] ', muted: true });
    expect(marked[0]!.runs[1]).toMatchObject({ lang: 'fr', text: 'Former les conseillers pour les questions de genre.' });
  });

  it('writes labels, amounts and dates in the document language, not the interface language', () => {
    const fr = lines(build({ type: 'nap', id: r.nap.id, format: 'docx', language: 'fr' }, r.all));
    expect(fr).toContain('Deuxième plan d’action national');
    expect(fr).toContain('Budget: 1 500 000,00 €');
    const ar = build({ type: 'nap', id: r.nap.id, format: 'docx', language: 'ar' }, r.all);
    expect(ar.dir).toBe('rtl');
    expect(plain(ar.title)).toBe('خطة العمل الوطنية الثانية بشأن المرأة والسلام والأمن');
    expect(lines(ar)).toContain('# المشاركة');
  });

  it('leaves out the matrix and the progress table when asked', () => {
    const model = build({ type: 'nap', id: r.nap.id, format: 'docx', language: 'en', options: { matrix: false, progress: false } }, r.all);
    expect(model.sections).toHaveLength(2);
    expect(sheets(model)).toEqual([]);
  });

  it('makes a document of a NAP with nothing in it', () => {
    const nap = view('nap', {});
    const model = build({ type: 'nap', id: nap.id, format: 'docx', language: 'zh' }, [nap]);
    const text = lines(model);
    expect(text.filter((l) => l.endsWith(': —')).length).toBeGreaterThan(3);
    expect(sheets(model).map((s) => s.rows.length)).toEqual([0, 0]);
    expect(plain(model.title)).toBe('（无标题）');
    expect(model.fileName).toBe('（无标题）');
  });
});

describe("chair's summary", () => {
  const r = documentRecords();
  const summary = (language: Language, options: Req['options'] = {}) => build({ type: 'chair-summary', id: r.meeting.id, format: 'docx', language, options }, r.all);

  it('numbers the action points as United Nations documents do in each language', () => {
    const en = lines(summary('en'));
    const points = en.slice(en.indexOf('# Action points'));
    expect(points).toEqual([
      '# Action points',
      '(a) Participation',
      '  (i) Nominate women for the roster',
      '    Due date: May 15, 2026',
      '  (ii) Share the draft NAP with civil society',
      '    Responsible: Ministry of Foreign Affairs · Due date: April 30, 2026',
      '(b) Protection',
      '  (i) Report on protection measures',
      '    Including shelters.',
      '(c) Reporting',
      'Other action points',
      '  • Circulate the list of participants',
    ]);
    const zh = lines(summary('zh'));
    expect(zh.filter((l) => /^\s*(\(a\)|㈠|㈡)/.test(l)).map((l) => l.trim().split(' ')[0])).toEqual(['(a)', '㈠', '㈡', '㈠']);
    const ar = lines(summary('ar'));
    expect(ar.filter((l) => /^\s*\((أ|ب|ج|1|2)\)/.test(l)).map((l) => l.trim().split(' ')[0])).toEqual(['(أ)', '(1)', '(2)', '(ب)', '(1)', '(ج)']);
  });

  it('leaves out the procedure steps a template added, and owners or due dates when asked', () => {
    const text = lines(summary('en', { owners: false, dueDates: false }));
    expect(text.join('\n')).not.toContain('request letter');
    expect(text.join('\n')).not.toContain('Responsible:');
    expect(text.join('\n')).not.toContain('Due date:');
  });

  it('says when and where in the meeting’s time zone, who chaired, who took part, the agenda in order', () => {
    const text = lines(summary('en'));
    expect(text).toContain('Date: Monday, March 16, 2026, 10:00 AM – 12:00 PM (Europe/Paris)');
    expect(text).toContain('Place: Geneva and online');
    expect(text).toContain('Chairs: Spain and Namibia');
    expect(text).toContain('4 participants took part.');
    expect(text).toContain('Countries represented (2): China and France.');
    expect(text.slice(text.indexOf('# Agenda') + 1, text.indexOf('# Agenda') + 3)).toEqual(['Opening', 'National Action Plans']);
    const twoDays = view('meeting', { title: { en: 'Retreat' }, start: '2026-03-16T09:00:00Z', end: '2026-03-17T15:00:00Z', timeZone: 'Asia/Shanghai' });
    expect(lines(build({ type: 'chair-summary', id: twoDays.id, format: 'docx', language: 'en' }, [twoDays]))).toContain('Date: Monday, March 16 – Tuesday, March 17, 2026, 5:00 PM – 11:00 PM (Asia/Shanghai)');
  });

  it('renders the notes’ markdown: headings, emphasis, links as text, lists, tables', () => {
    const model = summary('en');
    const blocks = model.sections[0]!.blocks;
    const start = blocks.findIndex((b) => b.type === 'heading' && plain(b.runs) === 'Summary of the discussion');
    expect(blocks[start + 1]).toMatchObject({ type: 'heading', level: 2, runs: [{ text: 'Opening' }] });
    const paragraph = blocks[start + 2] as Extract<Block, { type: 'paragraph' }>;
    expect(plain(paragraph.runs)).toBe('The chair welcomed the participants and thanked UN Women (https://unwomen.org).');
    expect(paragraph.runs.find((x) => x.text === 'welcomed')).toMatchObject({ bold: true });
    expect(paragraph.runs.find((x) => x.text === 'thanked')).toMatchObject({ italic: true });
    expect(blocks[start + 3]).toMatchObject({ type: 'list', style: 'bullet', items: [{ runs: [{ text: 'first point' }] }, { children: { style: 'number' } }] });
    expect(blocks[start + 4]).toMatchObject({ type: 'table', columns: [{ label: 'Country' }, { label: 'Women %' }], rows: [[{ runs: [{ text: 'France' }] }, { runs: [{ text: '12' }] }]] });
  });

  it('says so when a meeting agreed no action points', () => {
    const meeting = view('meeting', { title: { en: 'Empty' } });
    expect(lines(build({ type: 'chair-summary', id: meeting.id, format: 'docx', language: 'en' }, [meeting]))).toContain('No action points were agreed.');
  });
});

describe('written statement', () => {
  const r = documentRecords();

  it('gives delegation, author, addressee, the debate, the text and its length against the target', () => {
    const text = lines(build({ type: 'statement', id: r.statement.id, format: 'docx', language: 'en' }, r.all));
    expect(text.slice(0, 6)).toEqual([
      'Statement on women police in peacekeeping',
      'Written statement',
      '[portrait]',
      'Delegation or organisation: Permanent Mission of Senegal',
      'Author: Amina Diallo',
      'Addressee: Security Council',
    ]);
    expect(text.at(-1)).toBe('23 words (target: about 10 words).');
  });

  it('counts Chinese characters beside words', () => {
    const text = lines(build({ type: 'statement', id: r.statement.id, format: 'docx', language: 'zh' }, r.all));
    expect(text.at(-1)).toMatch(/字.*21个字符/u);
  });
});

describe('action points table', () => {
  const r = documentRecords();

  it('holds the rows the page shows, in its order, skipping ids that are gone or not action points', () => {
    const [a, b] = r.points;
    const model = build({ type: 'actions', actions: { ids: [b!.id, r.nap.id, a!.id, b!.id, '0190a6e4-0000-7000-8000-ffffffffffff'] }, format: 'xlsx', language: 'en', today: '2026-04-01' }, r.all);
    expect(sheets(model)[0]!.rows.map((row) => plain(row[1]!.runs))).toEqual(['Nominate women for the roster', 'Share the draft NAP with civil society']);
    expect(sheets(model)[0]!.rows[0]![0]!.runs[0]!.text).toBe('(a)(i)');
  });

  it('filters by status, meeting and overdue, and drops the owner and due date columns when asked', () => {
    const model = build({ type: 'actions', actions: { statuses: ['open'], overdueOnly: true }, format: 'docx', language: 'en', today: '2026-05-01', options: { owners: false } }, r.all);
    const table = sheets(model)[0]!;
    expect(table.columns.map((c) => c.label)).not.toContain('Owner');
    expect(table.rows.map((row) => plain(row[1]!.runs))).toEqual(['Send the request letter', 'Share the draft NAP with civil society']);
    expect(lines(model)[1]).toBe('2 action points as of May 1, 2026');
  });
});

describe('hostile text', () => {
  it('builds documents from text with every bidi control, emoji, and a 1,000,000-character note', () => {
    const controls = '\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069';
    const meeting = view('meeting', { title: { en: `${controls}Title 👩🏽‍⚖️` }, notes: { en: 'x'.repeat(999_000) + '\n\n' + '> '.repeat(5000) + 'deep' } });
    const model = build({ type: 'chair-summary', id: meeting.id, format: 'docx', language: 'en' }, [meeting]);
    expect(plain(model.title)).toContain('👩🏽‍⚖️');
    expect(lines(model).some((l) => l.length >= 999_000)).toBe(true);
    expect(model.fileName).toBe("Chair's summary - Title 👩🏽‍⚖️");
  });

  it('makes file names no system refuses and no control can disguise', () => {
    expect(safeFileName('a/b\\c:d*e?f"g<h>i|j', 'x')).toBe('a b c d e f g h i j');
    expect(safeFileName('report\u202egnp.exe', 'x')).toBe('reportgnp.exe');
    expect(safeFileName(' CON ', 'fallback')).toBe('fallback');
    expect(safeFileName('...', 'fallback')).toBe('fallback');
    expect([...safeFileName('é'.repeat(300), 'x')]).toHaveLength(80);
  });

  it('keeps raw HTML in notes as the text typed', () => {
    const blocks = markdownBlocks('<script>alert(1)</script>\n\nText <b>bold</b>', 'en');
    expect(blocks.map((b) => (b.type === 'paragraph' ? plain(b.runs) : b.type))).toEqual(['<script>alert(1)</script>', 'Text <b>bold</b>']);
  });
});
