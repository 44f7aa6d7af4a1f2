/*
 * The one way text is folded for finding it: the search index, the query, every list filter and
 * the renderer all call these, so a word typed anywhere matches the same words everywhere.
 *
 * - Case and accents go (Latin, Cyrillic, Greek): "ÉGALITÉ" and "egalite" are one word,
 *   "ЖЕНЩИНЫ" and "женщины" too. Compatibility forms become their plain letters (full-width
 *   Latin typed in Chinese text, ligatures, Arabic presentation forms).
 * - Arabic as its search engines fold it (Lucene's ArabicNormalizer, plus the Persian letters
 *   people type on those keyboards): the short vowels and other tashkeel, the superscript alef and
 *   the tatweel go; أ إ آ ٱ → ا; ى → ي; ة → ه; ی → ي; ک → ك. The same for the text and the query, so
 *   a query with diacritics finds unmarked text and the reverse. Arabic-Indic digits are digits.
 *
 * Folding works code point by code point (nothing depends on a neighbour), which is what lets a
 * match found in the folded text be marked in the original (foldWithOffsets).
 */

/** Arabic letters folded to another letter; marks are removed separately. */
const ARABIC: Readonly<Record<string, string>> = {
  '\u0622': '\u0627', // آ
  '\u0623': '\u0627', // أ
  '\u0625': '\u0627', // إ
  '\u0671': '\u0627', // ٱ
  '\u0649': '\u064A', // ى → ي
  '\u0629': '\u0647', // ة → ه
  '\u06CC': '\u064A', // ی → ي
  '\u06A9': '\u0643', // ک → ك
  '\u0640': '', // tatweel
  '\u00DF': 'ss', // ß
  '\u03C2': '\u03C3', // final sigma
};
const ARABIC_RE = /[\u0622\u0623\u0625\u0671\u0649\u0629\u06CC\u06A9\u0640\u00DF\u03C2\u0660-\u0669\u06F0-\u06F9]/gu;
/** Arabic-Indic and Persian digits (٠-٩, ۰-۹) are the digits 0-9: "القرار ١٣٢٥" is resolution 1325. */
const letter = (c: string): string => ARABIC[c] ?? String.fromCharCode(48 + (c.charCodeAt(0) & 0xf));
const ASCII = /^[\u0020-\u007e\t\n\r]*$/;
/** Combining marks of every script (Arabic tashkeel and the superscript alef are \p{M} too). */
const MARKS_RE = /\p{M}/gu;

/** Text folded for matching (the index, the query and the list filters fold alike). */
export function fold(text: string): string {
  // Most text is plain ASCII: lower case is all there is to do.
  if (ASCII.test(text)) return text.toLowerCase();
  // Lower case first: some capitals lower to a letter and a mark (İ → i + ̇), which then goes.
  // And again after: compatibility forms may decompose to capitals (№ → No, ™ → TM, 𝔸 → A).
  return text.toLowerCase().normalize('NFKD').toLowerCase().replace(MARKS_RE, '').replace(ARABIC_RE, letter);
}

/** Folded text with, for each of its UTF-16 units, the offset of the character it came from. */
export interface FoldedText {
  text: string;
  /** origin[i]: the offset in the original text of the character that gave folded unit i. */
  origin: number[];
}

const folded1 = new Map<string, string>();
/** One character folded (remembered: a text has few distinct characters beyond ASCII). */
function foldChar(char: string): string {
  let out = folded1.get(char);
  if (out === undefined) {
    out = fold(char);
    if (folded1.size < 65_536) folded1.set(char, out);
  }
  return out;
}

/** The same folding as `fold`, remembering where each folded unit came from (to mark a match). */
export function foldWithOffsets(text: string): FoldedText {
  const parts: string[] = [];
  const origin: number[] = [];
  for (let offset = 0; offset < text.length; ) {
    const code = text.charCodeAt(offset);
    if (code < 0x80) {
      parts.push(code >= 0x41 && code <= 0x5a ? String.fromCharCode(code + 32) : text[offset]!);
      origin.push(offset++);
      continue;
    }
    const char = String.fromCodePoint(text.codePointAt(offset)!);
    const out = foldChar(char);
    parts.push(out);
    for (let i = 0; i < out.length; i++) origin.push(offset);
    offset += char.length;
  }
  return { text: parts.join(''), origin };
}

/** Whether `haystack` contains `needle` once both are folded (a quick filter of short lists). */
export function foldedIncludes(haystack: string, needle: string): boolean {
  return fold(haystack).includes(fold(needle));
}
