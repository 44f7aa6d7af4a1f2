import { fold } from './fold.js';

/*
 * How folded text is cut into the terms the index holds and a query looks for. Scripts written
 * with spaces (Latin, Cyrillic, Arabic) give one term per run of letters and digits. Chinese (and
 * the other scripts written without spaces) gives, for each run, the words Intl.Segmenter finds
 * AND every character and pair of neighbouring characters: the segmenter cuts a word differently inside a
 * sentence than on its own ("女警察参加维和行动" may hold "女警察", never "警察"), and the pairs
 * find it anyway. A query's pairs must all be present (see queryUnits).
 */

const CJK = String.raw`\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3005\u3007`;
/** A run of characters written without spaces, or a run of other letters and digits. */
const RUNS = new RegExp(String.raw`[${CJK}]+|[[\p{L}\p{N}]--[${CJK}]]+`, 'gv');
const IS_CJK = new RegExp(String.raw`^[${CJK}]`, 'v');

let segmenter: Intl.Segmenter | null = null;
/** Words of a run of Chinese characters, as the runtime's dictionary cuts them. */
function cjkWords(run: string): string[] {
  segmenter ??= new Intl.Segmenter('zh', { granularity: 'word' });
  const out: string[] = [];
  for (const s of segmenter.segment(run)) if (s.isWordLike) out.push(s.segment);
  return out;
}

/** Neighbouring pairs of a run (by code point; a run of one gives itself). */
function bigrams(run: string): string[] {
  const chars = [...run];
  if (chars.length < 2) return chars;
  const out: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i]! + chars[i + 1]!);
  return out;
}

/** Whether a folded term is written without spaces (Chinese): matched by pairs, never fuzzily. */
export const isCjkTerm = (term: string): boolean => IS_CJK.test(term);

/** Terms are cut at this length: a longer "word" is a pasted key or a URL, not something typed. */
export const MAX_TERM_LENGTH = 64;

/** A run cut at MAX_TERM_LENGTH units, never between the two halves of a character. */
function cut(run: string): string {
  if (run.length <= MAX_TERM_LENGTH) return run;
  const end = /[\uD800-\uDBFF]/.test(run[MAX_TERM_LENGTH - 1]!) ? MAX_TERM_LENGTH - 1 : MAX_TERM_LENGTH;
  return run.slice(0, end);
}

/** Whether a folded term may be the start of a longer word (it was cut at MAX_TERM_LENGTH). */
export const mayBeCut = (term: string): boolean => term.length >= MAX_TERM_LENGTH - 1;

const WORD_CHAR = new RegExp(String.raw`^[[\p{L}\p{N}]--[${CJK}]]$`, 'v');
/** Whether a character (one code point) continues a word of a spaced script, as the terms are cut. */
export const continuesWord = (char: string): boolean => WORD_CHAR.test(char);

/**
 * The terms of a text as the index holds them: folded words; for Chinese, each character, each
 * pair of neighbours, and the segmenter's longer words (one or two characters are already there).
 */
export function indexTerms(text: string): string[] {
  const out: string[] = [];
  for (const match of fold(text).matchAll(RUNS)) {
    const run = match[0];
    if (!isCjkTerm(run)) {
      out.push(cut(run));
      continue;
    }
    const chars = [...run];
    for (const char of chars) out.push(char);
    for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i]! + chars[i + 1]!);
    for (const word of cjkWords(run)) if ([...word].length > 2 && word.length <= MAX_TERM_LENGTH) out.push(word);
  }
  return out;
}

/**
 * One unit of a query: a word (matched at its start and, when long, with a typo), or a Chinese
 * word (found where every pair of its characters is; a single character, where it is).
 * A Chinese query is cut into words by the segmenter, so "警察维和" finds "警察参加维和行动" as
 * "警察 维和" would: each word's pairs are looked for, not the pairs across the two.
 */
export type QueryUnit = { type: 'word'; term: string } | { type: 'cjk'; word: string; pairs: string[] };

/** The units of a typed query, folded as the index is, in the order typed, repeats removed. */
export function queryUnits(query: string): QueryUnit[] {
  const out: QueryUnit[] = [];
  const seen = new Set<string>();
  const add = (unit: QueryUnit, key: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    out.push(unit);
  };
  for (const match of fold(query).matchAll(RUNS)) {
    const run = cut(match[0]);
    if (!isCjkTerm(run)) add({ type: 'word', term: run }, run);
    else for (const word of cjkWords(run)) add({ type: 'cjk', word, pairs: [...new Set(bigrams(word))] }, word);
  }
  return out;
}
