import ExcelJS from 'exceljs';
import { plain, sheets, type Cell, type DocModel } from '../../../shared/documents/model.js';
import { LOCALE, xmlSafe } from './docx.js';

/*
 * The .xlsx writer: each table of the model that is marked as a sheet becomes a worksheet, in
 * document order, with a bold frozen header row and a filter on it, and cells typed as the model
 * says (numbers as numbers, calendar days as dates) so that a spreadsheet can sum and sort them.
 *
 * A model without any sheet table is refused: only the NAP and action-point templates ask for a
 * workbook and they mark their tables; packing prose tables into an improvised sheet would hide a
 * template that forgot to.
 */

/** Excel's limits: a cell holds at most 32,767 characters, a sheet name 31. */
const CELL_MAX = 32_767;
const NAME_MAX = 31;

/** The first `max` UTF-16 units of a text, without cutting a surrogate pair in two. */
function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  const end = /[\uD800-\uDBFF]/.test(text[max - 1] ?? '') ? max - 1 : max;
  return text.slice(0, end);
}

/**
 * Sheet names Excel accepts: at most 31 characters, none of `[]:*?/\`, not starting or ending
 * with an apostrophe, not "History" (reserved), and unique (Excel compares them case-blind).
 */
export function sheetNames(wanted: string[]): string[] {
  const taken = new Set<string>();
  return wanted.map((raw, index) => {
    let base = xmlSafe(raw)
      .replace(/[[\]:*?/\\\r\n\t]/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
      .replace(/^'+|'+$/g, '')
      .trim();
    if (!base || base.toLowerCase() === 'history')
      base = base ? `${base} ${index + 1}` : `Sheet ${index + 1}`;
    base = cut(base, NAME_MAX).trim();
    let name = base;
    for (let n = 2; taken.has(name.toLowerCase()); n++) {
      const suffix = ` (${n})`;
      name = cut(base, NAME_MAX - suffix.length).trim() + suffix;
    }
    taken.add(name.toLowerCase());
    return name;
  });
}

/** Column widths in characters, in the model's proportions, about 20 characters a column. */
function widths(weights: number[]): number[] {
  const safe = weights.map((w) => (Number.isFinite(w) && w > 0 ? w : 1));
  const sum = safe.reduce((a, b) => a + b, 0);
  const total = Math.min(200, Math.max(60, 20 * safe.length));
  return safe.map((w) => Math.max(8, Math.round((total * w) / sum)));
}

/** A `YYYY-MM-DD` calendar day as the UTC midnight Excel stores for it, or undefined. */
function day(value: string | undefined): Date | undefined {
  const m = value ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(value) : null;
  if (!m) return undefined;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return date.getUTCDate() === Number(m[3]) && date.getUTCMonth() === Number(m[2]) - 1 ? date : undefined;
}

function write(target: ExcelJS.Cell, cell: Cell | undefined): void {
  const date = day(cell?.date);
  if (cell && typeof cell.number === 'number' && Number.isFinite(cell.number)) {
    target.value = cell.number;
    if (Number.isInteger(cell.number)) target.numFmt = '#,##0';
  } else if (date) {
    target.value = date;
    target.numFmt = 'yyyy-mm-dd';
  } else {
    target.value = cell ? cut(xmlSafe(plain(cell.runs)), CELL_MAX) : '';
  }
}

/** The tables of a document that are sheets, as an Excel workbook (.xlsx). */
export async function toXlsx(model: DocModel): Promise<Buffer> {
  const tables = sheets(model);
  if (tables.length === 0) {
    throw new Error(
      `xlsx writer: the ${model.type} document "${plain(model.title)}" has no table marked as a sheet`,
    );
  }
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Focal Point Desk';
  workbook.lastModifiedBy = 'Focal Point Desk';
  workbook.title = xmlSafe(plain(model.title));
  workbook.created = new Date();
  Object.assign(workbook, { language: LOCALE[model.lang] });
  const rtl = model.dir === 'rtl';
  const names = sheetNames(tables.map((t) => t.sheet ?? ''));

  tables.forEach((table, index) => {
    const columns = table.columns.length > 0 ? table.columns : [{ label: '', width: 1 }];
    const sheet = workbook.addWorksheet(names[index], {
      views: [{ rightToLeft: rtl, state: 'frozen', xSplit: 0, ySplit: 1 }],
    });
    const columnWidths = widths(columns.map((c) => c.width));
    sheet.columns = columns.map((c, i) => ({
      header: cut(xmlSafe(c.label), CELL_MAX),
      key: `c${i}`,
      width: columnWidths[i],
    }));
    const header = sheet.getRow(1);
    header.font = { bold: true };
    header.alignment = { wrapText: true, vertical: 'top' };
    header.eachCell((c) => {
      c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7E6E6' } };
    });
    table.rows.forEach((row, r) => {
      const target = sheet.getRow(r + 2);
      columns.forEach((_, i) => {
        const cell = target.getCell(i + 1);
        write(cell, row[i]);
        cell.alignment = { wrapText: true, vertical: 'top' };
      });
    });
    sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  });

  return Buffer.from(await workbook.xlsx.writeBuffer());
}
