import { fold } from './fold.js';

/*
 * How folded text is cut into the terms the index holds and a query looks for. Scripts written
 * with spaces (Latin, Cyrillic, Arabic) give one term per run of letters and digits. Chinese (and
 * the other scripts written without spaces) gives, for each run, the words Intl.Segmenter finds
 * AND every pair of neighbouring characters: the segmenter cuts a word differently inside a
 * sentence than on its own ("女警察参加维和行动" may hold "女警察", never "警察"), and the pairs
 * find it anyway. A query's pairs must all be present (see queryUnits).
 *
 * Arabic words are also lightly stemmed, as Lucene's ArabicStemmer does (Larkey, Ballesteros and
 * Connell's "light10"): the article and the prefixes fused with it (ال، وال، بال، كال، فال، لل،
 * و) and the common suffixes (ها، ان، ات، ون، ين، يه، ه، ي; taa marbuta is already ه) come off,
 * each only when at least two letters remain. "مشاركة" then finds "المشاركة", and "المرأة" finds
 * "للمرأة": Arabic writes the article and these particles as part of the word.
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

const ARABIC_WORD = /^[\u0621-\u064A\u066E-\u06D3\u06FA-\u06FF]+$/u;
const ARABIC_PREFIXES = ['\u0627\u0644', '\u0648\u0627\u0644', '\u0628\u0627\u0644', '\u0643\u0627\u0644', '\u0641\u0627\u0644', '\u0644\u0644', '\u0648'];
const ARABIC_SUFFIXES = ['\u0647\u0627', '\u0627\u0646', '\u0627\u062A', '\u0648\u0646', '\u064A\u0646', '\u064A\u0647', '\u0647', '\u064A'];

/**
 * An Arabic word's light stem (Lucene's ArabicStemmer on folded text); other words unchanged.
 * `keepWaw`: the و a word starts with is kept (see wordTerms).
 */
export function arabicStem(word: string, keepWaw = false): string {
  if (!ARABIC_WORD.test(word)) return word;
  let stem = word;
  for (const prefix of keepWaw ? ARABIC_PREFIXES.slice(0, -1) : ARABIC_PREFIXES) {
    // و alone comes off only a word of four letters or more; the others leave at least two.
    const enough = prefix.length === 1 ? stem.length >= 4 : stem.length >= prefix.length + 2;
    if (enough && stem.startsWith(prefix)) {
      stem = stem.slice(prefix.length);
      break;
    }
  }
  for (const suffix of ARABIC_SUFFIXES) {
    if (stem.length >= suffix.length + 2 && stem.endsWith(suffix)) stem = stem.slice(0, -suffix.length);
  }
  return stem;
}

/** The term a folded word (a run of a spaced script) is indexed and searched as. */
export function wordTerm(run: string): string {
  return arabicStem(cut(run));
}

/**
 * Every term a folded word stands for: its term, and for an Arabic word starting with و, also
 * its stem with the و kept. The conjunction و is written joined to the next word, but many words
 * start with a و of their own ("وطنية", "وزارة"): stripped, "وطنية" would never meet "الوطنية"
 * (whose article comes off first). The index holds both; a query finds either.
 */
export function wordTerms(run: string): string[] {
  const term = wordTerm(run);
  if (!run.startsWith('\u0648')) return [term];
  const kept = arabicStem(cut(run), true);
  return kept === term ? [term] : [term, kept];
}

/** The runs of folded text: words of spaced scripts and runs of Chinese characters, with their offsets. */
export function runsOf(folded: string): IterableIterator<RegExpMatchArray> {
  return folded.matchAll(RUNS);
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
 * The terms of a text as the index holds them, each once (how often a word occurs does not rank
 * a record: its title and its length do): folded words; for Chinese, each pair of neighbouring
 * characters, the last character of each run (every other character starts a pair, so a
 * one-character query finds it as the start of a pair), and the segmenter's longer words.
 */
export function indexTerms(text: string): string[] {
  const out = new Set<string>();
  for (const match of fold(text).matchAll(RUNS)) {
    const run = match[0];
    if (!isCjkTerm(run)) {
      for (const term of wordTerms(run)) out.add(term);
      continue;
    }
    const chars = [...run];
    for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i]! + chars[i + 1]!);
    out.add(chars[chars.length - 1]!);
    if (chars.length > 2) for (const word of cjkWords(run)) if ([...word].length > 2 && word.length <= MAX_TERM_LENGTH) out.add(word);
  }
  return [...out];
}

/**
 * One unit of a query: a word (matched at its start and, when long, with a typo), or a Chinese
 * word (found where every pair of its characters is; a single character as the start of a pair
 * or the end of a run).
 * A Chinese query is cut into words by the segmenter, so "警察维和" finds "警察参加维和行动" as
 * "警察 维和" would: each word's pairs are looked for, not the pairs across the two.
 */
export type QueryUnit =
  /** `alt`: the same word's other term (an Arabic word starting with و); `typed`: its length as typed, folded. */
  | { type: 'word'; term: string; alt?: string; typed: number }
  | { type: 'cjk'; word: string; pairs: string[] };

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
    if (!isCjkTerm(run)) {
      const [term, alt] = wordTerms(run) as [string, string?];
      add(alt ? { type: 'word', term, alt, typed: run.length } : { type: 'word', term, typed: run.length }, term);
    }
    else for (const word of cjkWords(run)) add({ type: 'cjk', word, pairs: [...new Set(bigrams(word))] }, word);
  }
  return out;
}
