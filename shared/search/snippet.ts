import type { Language } from '../i18n/languages.js';
import type { Snippet } from './api.js';
import { fold, foldWithOffsets } from './fold.js';
import type { SearchText } from './fields.js';
import { isCjkTerm, MAX_TERM_LENGTH, runsOf, wordTerms } from './tokenize.js';

/** About this many characters of text around the first match. */
export const SNIPPET_LENGTH = 160;

/**
 * Where matched terms occur in a text: [start, end) in the original text's UTF-16 offsets. A word
 * of a spaced script, as the tokenizer cuts words (a word against Chinese characters is a word),
 * is marked whole when its term (folded, cut, Arabic stemmed) is one of `terms` (whole indexed
 * terms: "deployment" when "deploy" found it); a Chinese term wherever it stands. A mark takes in
 * what follows its last letter and folds to nothing ("café" written with a combining accent).
 */
export function findMarks(text: string, terms: readonly string[]): [number, number][] {
  if (terms.length === 0) return [];
  const wanted = new Set(terms);
  const cjk = terms.filter((t) => t && isCjkTerm(t));
  const folded = foldWithOffsets(text);
  const mark = (from: number, to: number): [number, number] => {
    // The end of the original character that gave the last folded unit of the match, and of
    // whatever follows it that folds to nothing (combining marks, tatweel).
    const last = folded.origin[to - 1]!;
    const own = last + (text.codePointAt(last)! > 0xffff ? 2 : 1);
    const next = to < folded.text.length ? folded.origin[to]! : text.length;
    return [folded.origin[from]!, Math.max(own, next)];
  };
  const marks: [number, number][] = [];
  for (const match of runsOf(folded.text)) {
    const run = match[0];
    const at = match.index!;
    if (!isCjkTerm(run)) {
      if (wordTerms(run).some((term) => wanted.has(term))) marks.push(mark(at, at + run.length));
      continue;
    }
    for (const term of cjk) {
      for (let i = run.indexOf(term); i !== -1; i = run.indexOf(term, i + 1)) marks.push(mark(at + i, at + i + term.length));
    }
  }
  marks.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  // Overlapping marks (a pair and the word it is in) become one.
  const merged: [number, number][] = [];
  for (const m of marks) {
    const last = merged[merged.length - 1];
    if (last && m[0] <= last[1]) last[1] = Math.max(last[1], m[1]);
    else merged.push([m[0], m[1]]);
  }
  return merged;
}

/** A stretch of `text` around its first mark, the marks moved into it; line breaks shown as spaces. */
export function makeSnippet(text: string, marks: readonly [number, number][], language: Language | null, length = SNIPPET_LENGTH): Snippet {
  const first = marks[0];
  let start = 0;
  if (first && text.length > length) {
    start = Math.max(0, first[0] - Math.floor(length / 3));
    // Start at a word: back to the space before, if there is one close by.
    const space = text.lastIndexOf(' ', start);
    if (space > start - 20 && space >= 0 && space < first[0]) start = space + 1;
  }
  let end = Math.min(text.length, start + length);
  // A first match that does not fit: shown from its start, and cut when it is longer than the
  // snippet itself (a word of thousands of letters and marks), so a snippet stays a snippet.
  if (first && end < first[1]) {
    start = Math.max(0, Math.min(first[0], first[1] - length));
    end = Math.min(text.length, start + length);
  }
  // Never cut a character in two (a surrogate pair).
  if (start > 0 && /[\uDC00-\uDFFF]/.test(text[start]!)) start--;
  if (end < text.length && /[\uDC00-\uDFFF]/.test(text[end]!)) end++;
  const shown = text.slice(start, end).replace(/[\r\n\t\v\f\u2028\u2029]/g, ' ');
  return {
    text: shown,
    // Marks inside the stretch; one cut by its edge is marked as far as it shows.
    marks: marks.filter(([s, e]) => s < end && e > start).map(([s, e]) => [Math.max(s, start) - start, Math.min(e, end) - start]),
    language,
    cutStart: start > 0,
    cutEnd: end < text.length,
  };
}

/** Pieces of a text are folded and searched for marks one at a time: a long note is never folded whole for a snippet. */
const PIECE = 640;

/**
 * A text cut at line ends, and long lines at about PIECE units: after a space when there is one
 * (no word is cut), else (Chinese, written without spaces) with the next piece starting a term's
 * length back, so a word across the cut is whole in one of the two. Never inside a character.
 */
function* pieces(text: string): Generator<{ start: number; end: number }> {
  let start = 0;
  while (start < text.length) {
    const newline = text.indexOf('\n', start);
    let end = newline === -1 ? text.length : newline + 1;
    let next = end;
    if (end - start > PIECE) {
      end = start + PIECE;
      const space = text.lastIndexOf(' ', end);
      if (space > start + PIECE / 2) {
        end = space + 1;
        next = end;
      } else {
        if (/[\uDC00-\uDFFF]/.test(text[end] ?? '')) end--;
        next = end - MAX_TERM_LENGTH;
        if (/[\uDC00-\uDFFF]/.test(text[next] ?? '')) next--;
      }
    }
    yield { start, end };
    start = next;
  }
}

/**
 * The snippet of a hit: the first of the record's texts (in its kind's field order, the interface
 * language's version before the others) where a matched term occurs; else the start of its first
 * text (a match by a typo that folding does not reproduce), unmarked.
 */
export function snippetOf(texts: readonly SearchText[], terms: readonly string[], uiLanguage: string): { field: string; snippet: Snippet } | null {
  const ui = uiLanguage.split('-')[0];
  const rank = new Map<string, number>();
  texts.forEach((t) => rank.has(t.field) || rank.set(t.field, rank.size));
  const ordered = texts
    .map((entry, index) => ({ entry, index }))
    .sort((a, b) => rank.get(a.entry.field)! - rank.get(b.entry.field)! || (a.entry.language === ui ? 0 : 1) - (b.entry.language === ui ? 0 : 1) || a.index - b.index)
    .map((x) => x.entry);
  const wanted = terms.filter(Boolean);
  for (const entry of ordered) {
    for (const { start, end } of pieces(entry.text)) {
      const piece = entry.text.slice(start, end);
      const folded = fold(piece);
      if (!wanted.some((term) => folded.includes(term))) continue;
      const marks = findMarks(piece, wanted);
      if (marks.length === 0) continue;
      const snippet = makeSnippet(piece, marks, entry.language);
      return { field: entry.field, snippet: { ...snippet, text: snippet.text.trimEnd(), cutStart: snippet.cutStart || start > 0, cutEnd: snippet.cutEnd || end < entry.text.length } };
    }
  }
  const first = ordered[0];
  return first ? { field: first.field, snippet: makeSnippet(first.text.slice(0, PIECE), [], first.language) } : null;
}
