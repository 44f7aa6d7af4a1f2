import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  HeadingLevel,
  LevelFormat,
  LineRuleType,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  ShadingType,
  Tab,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TabStopType,
  TextRun,
  WidthType,
  type FileChild,
  type IBorderOptions,
  type ILevelsOptions,
  type IParagraphOptions,
  type IRunOptions,
} from 'docx';
import {
  plain,
  type Block,
  type Cell,
  type DocModel,
  type List,
  type Runs,
} from '../../../shared/documents/model.js';
import { textDirection, type Language } from '../../../shared/i18n/languages.js';

/*
 * The .docx writer: the document model laid out as a Word user would, with Word's own styles
 * (Title, Heading 1–3, Normal, Quote, Small, Caption), real list numbering, repeating table header
 * rows, one Word section per model section, and the language of every run set so that Word and
 * LibreOffice pick the right letterforms, spelling and direction.
 *
 * Right to left: every paragraph of an Arabic document is `bidi` and its Arabic runs are `rtl`,
 * while Latin runs inside stay LTR runs so a mixed line reads in the right order. No paragraph of
 * an RTL document is given an alignment: `bidi` alone puts it on the right, whereas `w:jc` left /
 * right / start / end are read differently by Word versions and LibreOffice in bidi paragraphs.
 * Indents use `start`, which both read as the leading (right) edge.
 */

/** The language tag Word and Excel want for each of the six languages. */
export const LOCALE: Record<Language, string> = {
  ar: 'ar-SA',
  zh: 'zh-CN',
  en: 'en-GB',
  fr: 'fr-FR',
  ru: 'ru-RU',
  es: 'es-ES',
};

/**
 * One font for each script slot; Word takes one name per slot, without fallbacks. Calibri and
 * Microsoft YaHei come with Office on Windows and Mac, and LibreOffice substitutes them well
 * (Calibri → Carlito or Noto Sans; Microsoft YaHei → Noto Sans CJK, in its Chinese forms because
 * the runs say zh-CN). For Arabic, Arial would be on Windows but LibreOffice replaces it with
 * DejaVu Sans's plain Arabic; Noto Naskh Arabic is a proper book face, and Word without it falls
 * back to an Arabic font of its own for complex-script text.
 */
const LATIN = 'Calibri';
const EAST_ASIAN = 'Microsoft YaHei';
const COMPLEX = 'Noto Naskh Arabic';
const MONO = 'Consolas';
const FONTS = { ascii: LATIN, hAnsi: LATIN, eastAsia: EAST_ASIAN, cs: COMPLEX };

const CREATOR = 'Focal Point Desk';
const MUTED = '767676';
const BORDER = 'A6A6A6';
const HEADER_FILL = 'E7E6E6';

/** A4 in twips (portrait); landscape swaps them (docx writes the swapped size for `landscape`). */
const A4 = { width: 11906, height: 16838 };
/** 2.5 cm margins. */
const MARGIN = 1417;
/** One indent step of lists (1 cm). */
const STEP = 567;

/** Characters XML 1.0 cannot hold: C0 controls but tab/LF/CR, U+FFFE/U+FFFF, lone surrogates. */
const NOT_XML =
  // eslint-disable-next-line no-control-regex -- these control characters are exactly what must go
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text that an XML 1.0 file can hold. */
export const xmlSafe = (text: string): string => text.replace(NOT_XML, '');

/**
 * A line of text with its bidi embeddings, overrides and isolates closed at its end, so a stray
 * U+202E pasted into one field cannot reverse the rest of the paragraph (the label, the next run).
 * A PDI closes the embeddings opened inside its isolate; closers without an opener stay as they are.
 */
export function closeBidi(line: string): string {
  const open: ('embedding' | 'isolate')[] = [];
  let isolates = 0; // how many of `open` are isolates, so a run of PDIs does not scan the stack each time
  for (const c of line) {
    if (c >= '\u202A' && c <= '\u202E' && c !== '\u202C') open.push('embedding');
    else if (c === '\u202C' && open.at(-1) === 'embedding') open.pop();
    else if (c >= '\u2066' && c <= '\u2068') {
      open.push('isolate');
      isolates++;
    } else if (c === '\u2069' && isolates > 0) {
      while (open.pop() !== 'isolate');
      isolates--;
    }
  }
  return open.length === 0
    ? line
    : line +
        open
          .reverse()
          .map((kind) => (kind === 'embedding' ? '\u202C' : '\u2069'))
          .join('');
}

interface Context {
  lang: Language;
  rtl: boolean;
  numberInstance: number;
}

const isRtl = (lang: Language) => textDirection(lang) === 'rtl';

/** The run language: the run's own for its script's slot, Chinese and Arabic for the other two. */
function languageOf(lang: Language): IRunOptions['language'] {
  return { value: LOCALE[lang], eastAsia: LOCALE.zh, bidirectional: LOCALE.ar };
}

/** The paragraph properties every paragraph shares: its direction. */
function para(ctx: Context, options: IParagraphOptions): Paragraph {
  return new Paragraph(ctx.rtl ? { ...options, bidirectional: true } : options);
}

/**
 * The runs of a model's text: each line after the first behind a line break, tabs as tabs. Each
 * piece is a run's `text` (never a string child, which docx would read as a page-number field
 * when it is "CURRENT" or "SECTION").
 */
function textRuns(text: string, props: IRunOptions): TextRun[] {
  const out: TextRun[] = [];
  xmlSafe(text)
    .split(/\r\n|[\r\n\u2028\u2029]/)
    .forEach((line, lineIndex) => {
      closeBidi(line)
        .split('\t')
        .forEach((piece, pieceIndex) => {
          const br = lineIndex > 0 && pieceIndex === 0 ? 1 : undefined;
          if (pieceIndex > 0) out.push(new TextRun({ ...props, children: [new Tab()] }));
          if (piece || br) out.push(new TextRun({ ...props, text: piece, break: br }));
        });
    });
  return out;
}

function runs(model: Runs, ctx: Context, extra: { bold?: boolean } = {}): TextRun[] {
  return model.flatMap((run) => {
    const lang = run.lang ?? ctx.lang;
    const rtl = isRtl(lang);
    const props: IRunOptions = {
      bold: run.bold || extra.bold || undefined,
      italics: run.italic || undefined,
      color: run.muted ? MUTED : undefined,
      rightToLeft: rtl || undefined,
      language: languageOf(lang),
      font: run.code
        ? { ...FONTS, ascii: MONO, hAnsi: MONO }
        : lang === 'zh'
          ? { ...FONTS, hint: 'eastAsia' }
          : rtl
            ? { ...FONTS, hint: 'cs' }
            : undefined,
    };
    return textRuns(run.text, props);
  });
}

/** A run of the document's own words (labels, column heads, captions). */
const own = (text: string, ctx: Context, extra: { bold?: boolean } = {}) => runs([{ text }], ctx, extra);

// ---- Lists ------------------------------------------------------------------------------------

const BULLETS = ['•', '◦', '▪'];
/** 1. a. i. — in Arabic 1. أ. 1. (abjad letters, as Arabic documents count sub-items). */
const numberFormats = (lang: Language) =>
  lang === 'ar'
    ? [LevelFormat.DECIMAL, LevelFormat.ARABIC_ABJAD, LevelFormat.DECIMAL]
    : [LevelFormat.DECIMAL, LevelFormat.LOWER_LETTER, LevelFormat.LOWER_ROMAN];

const levelIndent = (level: number) => ({ start: STEP * (level + 1), hanging: STEP });

function levels(kind: 'bullet' | 'number', lang: Language): ILevelsOptions[] {
  const formats = numberFormats(lang);
  return Array.from({ length: 9 }, (_, level) => ({
    level,
    format: kind === 'bullet' ? LevelFormat.BULLET : formats[level % 3],
    text: kind === 'bullet' ? BULLETS[level % 3] : `%${level + 1}.`,
    alignment: AlignmentType.START,
    style: {
      paragraph: { indent: levelIndent(level) },
      // The bullet in the Latin face in every slot: U+2022 is East Asian too, and in a Chinese font it is a small centred dot.
      run:
        kind === 'bullet' ? { font: { ascii: LATIN, hAnsi: LATIN, eastAsia: LATIN, cs: LATIN } } : undefined,
    },
  }));
}

function list(model: List, ctx: Context, level = 0): Paragraph[] {
  const out: Paragraph[] = [];
  const instance = model.style === 'number' ? ++ctx.numberInstance : undefined;
  const depth = Math.min(level, 8);
  for (const item of model.items) {
    const text = runs(item.runs, ctx);
    if (model.style === 'labelled') {
      const label = item.label ? own(item.label, ctx) : [];
      out.push(
        para(ctx, {
          style: 'ListParagraph',
          indent: levelIndent(depth),
          tabStops: [{ type: TabStopType.START, position: STEP * (depth + 1) }],
          // A heading (a), (b)… stays on the page of its first item, as its notes do with it.
          keepNext: !!item.children || !!item.notes?.length,
          children: [...label, new TextRun({ children: [new Tab()] }), ...text],
        }),
      );
    } else {
      out.push(
        para(ctx, {
          style: 'ListParagraph',
          numbering: {
            reference: model.style === 'bullet' ? 'fpd-bullet' : 'fpd-number',
            level: depth,
            instance,
          },
          children: text,
        }),
      );
    }
    for (const note of item.notes ?? []) {
      out.push(
        para(ctx, { style: 'ListNote', indent: { start: STEP * (depth + 1) }, children: runs(note, ctx) }),
      );
    }
    if (item.children) out.push(...list(item.children, ctx, level + 1));
  }
  return out;
}

// ---- Tables -----------------------------------------------------------------------------------

const line: IBorderOptions = { style: BorderStyle.SINGLE, size: 4, color: BORDER };
const none: IBorderOptions = { style: BorderStyle.NONE, size: 0, color: 'auto' };
const allSides = (b: IBorderOptions) => ({
  top: b,
  bottom: b,
  left: b,
  right: b,
  insideHorizontal: b,
  insideVertical: b,
});

/** Widths in twips in the given proportions over `total`, summing exactly to it. */
function shares(weights: number[], total: number): number[] {
  const safe = weights.map((w) => (Number.isFinite(w) && w > 0 ? w : 1));
  const sum = safe.reduce((a, b) => a + b, 0);
  const widths = safe.map((w) => Math.floor((total * w) / sum));
  widths[widths.length - 1]! += total - widths.reduce((a, b) => a + b, 0);
  return widths;
}

function cellParagraph(cell: Cell | undefined, ctx: Context, bold = false): Paragraph {
  return para(ctx, {
    style: 'TableText',
    // Figures go to the right in LTR; in RTL they keep the start (right), the bidi default.
    alignment: cell?.numeric && !ctx.rtl ? AlignmentType.RIGHT : undefined,
    children: cell ? runs(cell.runs, ctx, { bold }) : [],
  });
}

function table(block: Extract<Block, { type: 'table' }>, ctx: Context, width: number): FileChild[] {
  const columns = block.columns.length > 0 ? block.columns : [{ label: '', width: 1 }];
  const widths = shares(
    columns.map((c) => c.width),
    width,
  );
  const cell = (children: Paragraph[], i: number, header = false) =>
    new TableCell({
      children,
      width: { size: widths[i]!, type: WidthType.DXA },
      shading: header ? { type: ShadingType.CLEAR, color: 'auto', fill: HEADER_FILL } : undefined,
    });
  // A column of figures has its head over the figures.
  const figures = columns.map((_, i) => block.rows.length > 0 && block.rows.every((row) => row[i]?.numeric));
  const header = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: columns.map((c, i) =>
      cell(
        [
          para(ctx, {
            style: 'TableText',
            keepNext: true,
            alignment: figures[i] && !ctx.rtl ? AlignmentType.RIGHT : undefined,
            children: own(c.label, ctx, { bold: true }),
          }),
        ],
        i,
        true,
      ),
    ),
  });
  const body = block.rows.map(
    (row) =>
      new TableRow({
        cantSplit: true,
        children: columns.map((_, i) => cell([cellParagraph(row[i], ctx)], i)),
      }),
  );
  const out: FileChild[] = [];
  if (block.caption)
    out.push(para(ctx, { style: 'Caption', keepNext: true, children: own(block.caption, ctx) }));
  out.push(
    new Table({
      rows: [header, ...body],
      width: { size: width, type: WidthType.DXA },
      columnWidths: widths,
      layout: TableLayoutType.FIXED,
      borders: allSides(line),
      margins: { top: 40, bottom: 40, left: 85, right: 85 },
      visuallyRightToLeft: ctx.rtl || undefined,
    }),
  );
  // A little air between a table and what follows it.
  out.push(para(ctx, { style: 'TableText', children: [] }));
  return out;
}

function fields(rows: Extract<Block, { type: 'fields' }>['rows'], ctx: Context, width: number): FileChild[] {
  const widths = shares([3, 7], width);
  const table = new Table({
    width: { size: width, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: allSides(none),
    margins: { top: 20, bottom: 20, left: 0, right: 115 },
    visuallyRightToLeft: ctx.rtl || undefined,
    rows: rows.map(
      (row) =>
        new TableRow({
          cantSplit: true,
          children: [
            new TableCell({
              width: { size: widths[0]!, type: WidthType.DXA },
              children: [para(ctx, { style: 'TableText', children: own(row.label, ctx, { bold: true }) })],
            }),
            new TableCell({
              width: { size: widths[1]!, type: WidthType.DXA },
              children: [para(ctx, { style: 'TableText', children: runs(row.value, ctx) })],
            }),
          ],
        }),
    ),
  });
  return [table, para(ctx, { style: 'TableText', children: [] })];
}

const HEADINGS = { 1: HeadingLevel.HEADING_1, 2: HeadingLevel.HEADING_2, 3: HeadingLevel.HEADING_3 } as const;
const PARAGRAPH_STYLES = { normal: undefined, quote: 'Quote', small: 'Small' } as const;

function block(b: Block, ctx: Context, width: number): FileChild[] {
  switch (b.type) {
    case 'heading':
      return [para(ctx, { heading: HEADINGS[b.level], children: runs(b.runs, ctx) })];
    case 'paragraph':
      return [para(ctx, { style: PARAGRAPH_STYLES[b.style ?? 'normal'], children: runs(b.runs, ctx) })];
    case 'fields':
      return b.rows.length > 0 ? fields(b.rows, ctx, width) : [];
    case 'list':
      return list(b, ctx);
    case 'table':
      return table(b, ctx, width);
  }
}

function footer(model: DocModel, ctx: Context, width: number): Footer {
  const text = model.footer ? [...own(model.footer, ctx), new TextRun({ children: [new Tab()] })] : [];
  return new Footer({
    children: [
      para(ctx, {
        style: 'Footer',
        tabStops: [{ type: TabStopType.END, position: width }],
        alignment: model.footer ? undefined : AlignmentType.CENTER,
        children: [...text, new TextRun({ children: [PageNumber.CURRENT], language: languageOf(ctx.lang) })],
      }),
    ],
  });
}

// ---- Styles -----------------------------------------------------------------------------------

function styles(ctx: Context) {
  const heading = (size: number, before: number, after: number, outlineLevel: number, color = '1F3864') => ({
    run: { font: FONTS, size, sizeComplexScript: size + 2, bold: true, color },
    paragraph: { spacing: { before, after }, keepNext: true, keepLines: true, outlineLevel },
  });
  return {
    default: {
      document: {
        run: { font: FONTS, size: 22, sizeComplexScript: 24, language: languageOf(ctx.lang) },
        // Arabic faces are tall (Naskh's line is near twice its size): single spacing reads as 1.15 does in Latin.
        paragraph: { spacing: { after: 120, line: ctx.rtl ? 240 : 276, lineRule: LineRuleType.AUTO } },
      },
      title: {
        run: { font: FONTS, size: 40, sizeComplexScript: 44, bold: true, color: '1F3864' },
        paragraph: { spacing: { after: 120, line: 240, lineRule: LineRuleType.AUTO }, keepNext: true },
      },
      heading1: heading(32, 360, 120, 0),
      heading2: heading(26, 240, 80, 1),
      heading3: heading(23, 200, 60, 2, '404040'),
      listParagraph: { paragraph: { spacing: { after: 60 } } },
      caption: {
        run: { size: 20, sizeComplexScript: 22, bold: true, italics: false, color: '404040' },
        paragraph: { spacing: { before: 120, after: 60 }, keepNext: true },
      },
    },
    paragraphStyles: [
      {
        id: 'Subtitle',
        name: 'Subtitle',
        basedOn: 'Normal',
        next: 'Normal',
        quickFormat: true,
        run: { size: 26, sizeComplexScript: 28, color: '595959' },
        paragraph: { spacing: { after: 40 } },
      },
      {
        id: 'Quote',
        name: 'Quote',
        basedOn: 'Normal',
        next: 'Normal',
        quickFormat: true,
        // Chinese and Arabic have no italics (Word would only slant the letters): their quotes are set off by indent and tone.
        run: {
          italics: ctx.lang !== 'zh' && ctx.lang !== 'ar',
          italicsComplexScript: false,
          color: '404040',
        },
        paragraph: { indent: { start: STEP, end: STEP } },
      },
      {
        id: 'Small',
        name: 'Small',
        basedOn: 'Normal',
        next: 'Normal',
        quickFormat: true,
        run: { size: 18, sizeComplexScript: 20 },
      },
      {
        id: 'ListNote',
        name: 'List Note',
        basedOn: 'Normal',
        run: { size: 20, sizeComplexScript: 22, color: '404040' },
        paragraph: { spacing: { after: 60 } },
      },
      {
        id: 'TableText',
        name: 'Table Text',
        basedOn: 'Normal',
        run: { size: 20, sizeComplexScript: 22 },
        paragraph: { spacing: { before: 0, after: 0, line: 252, lineRule: LineRuleType.AUTO } },
      },
      {
        id: 'Footer',
        name: 'footer',
        basedOn: 'Normal',
        run: { size: 18, sizeComplexScript: 20, color: '595959' },
        paragraph: { spacing: { after: 0 } },
      },
    ],
  };
}

/** A document as a Word file (.docx). */
export async function toDocx(model: DocModel): Promise<Buffer> {
  const ctx: Context = { lang: model.lang, rtl: model.dir === 'rtl', numberInstance: 0 };
  const sections =
    model.sections.length > 0 ? model.sections : [{ orientation: 'portrait' as const, blocks: [] }];
  const front: FileChild[] = [
    para(ctx, { heading: HeadingLevel.TITLE, children: runs(model.title, ctx) }),
    ...(model.subtitle ?? []).map((line) => para(ctx, { style: 'Subtitle', children: runs(line, ctx) })),
  ];
  const doc = new Document({
    title: xmlSafe(plain(model.title)),
    creator: CREATOR,
    styles: styles(ctx),
    numbering: {
      config: [
        { reference: 'fpd-bullet', levels: levels('bullet', ctx.lang) },
        { reference: 'fpd-number', levels: levels('number', ctx.lang) },
      ],
    },
    sections: sections.map((section, index) => {
      const landscape = section.orientation === 'landscape';
      const width = (landscape ? A4.height : A4.width) - 2 * MARGIN;
      return {
        properties: {
          page: {
            size: { ...A4, orientation: landscape ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT },
            margin: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN, header: 709, footer: 709 },
          },
        },
        footers: { default: footer(model, ctx, width) },
        children: [...(index === 0 ? front : []), ...section.blocks.flatMap((b) => block(b, ctx, width))],
      };
    }),
  });
  return Packer.toBuffer(doc, false, [{ path: 'docProps/core.xml', data: coreProperties(model) }]);
}

const escapeXml = (text: string) =>
  text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/**
 * The package's core properties as docx writes them, with the document's language (`dc:language`),
 * which docx has no option for, and the app as the last to modify it rather than "Un-named".
 */
function coreProperties(model: DocModel): string {
  const now = new Date().toISOString();
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" ' +
    'xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    `<dc:title>${escapeXml(xmlSafe(plain(model.title)))}</dc:title><dc:creator>${CREATOR}</dc:creator><dc:language>${LOCALE[model.lang]}</dc:language>` +
    `<cp:lastModifiedBy>${CREATOR}</cp:lastModifiedBy><cp:revision>1</cp:revision>` +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${now}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${now}</dcterms:modified>` +
    '</cp:coreProperties>'
  );
}
