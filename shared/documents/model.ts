import type { Language } from '../i18n/languages.js';

/*
 * The document model: what a document says, in which order, in which language, independent of
 * the format it is written in. Each document (a NAP, a chair's summary, a written statement, the
 * action points) is built once as a `DocModel` by the templates in this folder; the .docx, HTML
 * (print view and PDF) and .xlsx writers in main/core/documents only lay it out. So the three
 * formats cannot say different things, and the templates are tested without any format.
 */

/** A piece of text with one language and one style. */
export interface Run {
  text: string;
  /** The language of this text (its direction and font follow it); the document's when absent. */
  lang?: Language;
  bold?: boolean;
  italic?: boolean;
  /** Inline code in notes: a monospace face. */
  code?: boolean;
  /** Secondary text (a marker such as "[English version]", a "—" for nothing entered). */
  muted?: boolean;
}

export type Runs = Run[];

/** A table cell: what is shown, and for a spreadsheet the typed value behind it. */
export interface Cell {
  runs: Runs;
  /** A number (budget, baseline, target…) for the .xlsx cell; the runs are its formatted text. */
  number?: number;
  /** A calendar day `YYYY-MM-DD` for the .xlsx cell (a date cell). */
  date?: string;
  /**
   * Amounts and figures: right-aligned in either direction, so that digits (always written left
   * to right) line up at the units.
   */
  numeric?: boolean;
}

export interface Column {
  label: string;
  /** Relative width (the writers share the page width in these proportions). */
  width: number;
}

export interface ListItem {
  /**
   * The item's own label as the document writes it — `(a)`, `(iii)`, `(أ)`, `㈢` — when the
   * numbering follows United Nations usage rather than the format's automatic numbering.
   */
  label?: string;
  runs: Runs;
  /** Further lines under the item (owner and due date of an action point). */
  notes?: Runs[];
  children?: List;
}

export interface List {
  /** `bullet` • / `number` 1. 2. 3. (automatic) / `labelled`: each item carries its label. */
  style: 'bullet' | 'number' | 'labelled';
  items: ListItem[];
}

export type Block =
  /** Heading 1–3 (the document's title is `DocModel.title`, not a heading). */
  | { type: 'heading'; level: 1 | 2 | 3; runs: Runs }
  | { type: 'paragraph'; runs: Runs; style?: 'normal' | 'quote' | 'small' }
  /** Label → value pairs (a title page's details, a statement's addressee and debate). */
  | { type: 'fields'; rows: { label: string; value: Runs }[] }
  | ({ type: 'list' } & List)
  | {
      type: 'table';
      columns: Column[];
      rows: Cell[][];
      /** Said before the table (and used as a caption by screen readers). */
      caption?: string;
      /** In a workbook, this table is a sheet of this name (≤ 31 characters). */
      sheet?: string;
    };

export interface Section {
  orientation: 'portrait' | 'landscape';
  blocks: Block[];
}

export type DocumentType = 'nap' | 'chair-summary' | 'statement' | 'actions';

export interface DocModel {
  type: DocumentType;
  /** The document's language: labels and headings are in it; its direction follows it. */
  lang: Language;
  dir: 'ltr' | 'rtl';
  /** The document's title (Title style; the PDF's and the .docx's title property). */
  title: Runs;
  /** Under the title: a subtitle line or two (country and period; date and place). */
  subtitle?: Runs[];
  /** Each section starts on a new page with its own orientation. */
  sections: Section[];
  /** A file name without extension, safe on every system. */
  fileName: string;
  /** Written in the page footer beside the page number ("Draft — 12 March 2026"). */
  footer?: string;
}

/** The plain text of some runs (search, file names, a spreadsheet cell). */
export const plain = (runs: Runs): string => runs.map((r) => r.text).join('');

/** Every table of a model that is a sheet of its workbook, in document order. */
export function sheets(model: DocModel): Extract<Block, { type: 'table' }>[] {
  return model.sections.flatMap((s) => s.blocks.filter((b): b is Extract<Block, { type: 'table' }> => b.type === 'table' && !!b.sheet));
}
