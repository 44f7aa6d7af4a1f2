/**
 * The numbering of a chair's summary: action points grouped under headings (a), (b), (c)… with
 * items (i), (ii), (iii)…. The stored heading is always a Latin letter code (`a`…`z`, then `aa`,
 * `ab`…); only its label follows the language of the document it is shown in, and an Arabic letter
 * typed as a heading is read as its code (headingFromTyped).
 */

/** The n-th heading code (0 → `a`, 25 → `z`, 26 → `aa`), as spreadsheet columns count. */
export function headingLetter(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    const rest = (n - 1) % 26;
    out = String.fromCharCode(97 + rest) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/** The position of a heading code (`a` → 0, `aa` → 26); -1 when it is not one. */
export function headingIndex(letter: string): number {
  if (!/^[a-z]{1,3}$/.test(letter)) return -1;
  let n = 0;
  for (const ch of letter) n = n * 26 + (ch.charCodeAt(0) - 96);
  return n - 1;
}

/** The first heading code not yet used. */
export function nextHeading(used: Iterable<string>): string {
  const taken = new Set(used);
  for (let i = 0; ; i++) if (!taken.has(headingLetter(i))) return headingLetter(i);
}

const ROMAN: [number, string][] = [
  [1000, 'm'], [900, 'cm'], [500, 'd'], [400, 'cd'], [100, 'c'], [90, 'xc'],
  [50, 'l'], [40, 'xl'], [10, 'x'], [9, 'ix'], [5, 'v'], [4, 'iv'], [1, 'i'],
];

/** Lower-case Roman numerals, 1 → `i`, 14 → `xiv` (1–3999; other numbers as digits). */
export function roman(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 3999) return String(n);
  let out = '';
  let left = n;
  for (const [value, digits] of ROMAN) {
    while (left >= value) {
      out += digits;
      left -= value;
    }
  }
  return out;
}

/** The letters of Arabic United Nations documents for (a), (b), (c)…: the abjad order. */
const ABJAD = ['أ', 'ب', 'ج', 'د', 'هـ', 'و', 'ز', 'ح', 'ط', 'ي', 'ك', 'ل', 'م', 'ن', 'س', 'ع', 'ف', 'ص', 'ق', 'ر', 'ش', 'ت', 'ث', 'خ', 'ذ', 'ض', 'ظ', 'غ'];
/** Chinese United Nations documents number sub-items (i), (ii)… with parenthesised ideographs. */
const ZH_ITEMS = ['㈠', '㈡', '㈢', '㈣', '㈤', '㈥', '㈦', '㈧', '㈨', '㈩'];

/** A heading's letter as a language writes it: `c`; `ج` in Arabic (the code itself otherwise). */
export function headingShown(letter: string, language: string): string {
  if (language === 'ar') {
    const i = headingIndex(letter);
    if (i >= 0 && i < ABJAD.length) return ABJAD[i]!;
  }
  return letter;
}

/** A heading's label in a document language: `(a)`; `(أ)` in Arabic. */
export function headingLabel(letter: string, language: string): string {
  return `(${headingShown(letter, language)})`;
}

/**
 * Arabic letters as people type them, to their place in the abjad order: the tatweel of هـ is
 * optional, a bare alif (ا, إ, آ) stands for أ, and the Persian-keyboard forms ی and ک for ي and ك.
 */
const ABJAD_TYPED = new Map<string, number>([
  ...ABJAD.map((letter, i) => [letter.replace(/\u0640/g, ''), i] as [string, number]),
  ['ا', 0], ['إ', 0], ['آ', 0], ['ى', 9], ['ی', 9], ['ک', 10],
]);

/**
 * The heading code for what someone typed as a heading: `c`, `(c)`, `C`, and in Arabic the abjad
 * letter of its documents, `ج` or `(ج)` (→ `c`). Anything else comes back trimmed and lower-cased,
 * for the schema to refuse with its message.
 */
export function headingFromTyped(typed: string): string {
  const bare = typed.trim().replace(/^\((.*)\)$/su, '$1').trim();
  const arabic = ABJAD_TYPED.get(bare.replace(/\u0640/g, ''));
  return arabic === undefined ? bare.toLowerCase() : headingLetter(arabic);
}

/**
 * An item's label in a document language: `(iii)`; Chinese writes `㈢` (to ten, then `(11)`),
 * Arabic the number in parentheses, as its documents do for the Latin (i), (ii).
 */
export function itemLabel(n: number, language: string): string {
  if (language === 'zh') return ZH_ITEMS[n - 1] ?? `(${n})`;
  if (language === 'ar') return `(${n})`;
  return `(${roman(n)})`;
}

/** The next free item number under a heading. */
export function nextNumber(numbers: Iterable<number>): number {
  let max = 0;
  for (const n of numbers) if (n > max) max = n;
  return max + 1;
}

/** A point as renumbering sees it: its number, or null when it has none. */
export interface NumberedPoint {
  id: string;
  number: number | null;
}

/** One number to change: the point, its heading code ('' for none), what it was and what it becomes. */
export interface Renumbering {
  id: string;
  letter: string;
  from: number | null;
  to: number;
}

/**
 * What renumbering changes: under each heading the items become 1, 2, 3… in the order they are
 * listed, closing the gaps a deleted point leaves (and any number given twice). Only the points
 * whose number changes are returned, so an empty answer means the numbering has nothing to fix.
 */
export function renumbering(groups: readonly { letter: string; points: readonly NumberedPoint[] }[]): Renumbering[] {
  const out: Renumbering[] = [];
  for (const { letter, points } of groups) {
    points.forEach((point, index) => {
      if (point.number !== index + 1) out.push({ id: point.id, letter, from: point.number, to: index + 1 });
    });
  }
  return out;
}
