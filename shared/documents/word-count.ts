import type { Language } from '../i18n/languages.js';

/** How long a text is, as the person writing it and the services receiving it count. */
export interface TextCount {
  /** Words as the text's language divides them (Intl.Segmenter): Chinese words, not characters. */
  words: number;
  /**
   * Characters without spaces, each user-perceived character once (an emoji or a letter with its
   * accent counts one): the length the United Nations services count a Chinese text by.
   */
  characters: number;
}

const segmenters = new Map<string, { words: Intl.Segmenter; graphemes: Intl.Segmenter }>();
function segmentersFor(language: Language) {
  let s = segmenters.get(language);
  if (!s) {
    s = { words: new Intl.Segmenter(language, { granularity: 'word' }), graphemes: new Intl.Segmenter(language, { granularity: 'grapheme' }) };
    segmenters.set(language, s);
  }
  return s;
}

/** Pieces of a text to segment one at a time. */
const CHUNK = 1_000;

/**
 * The text in pieces of about CHUNK units, cut after white space (a word or character never spans
 * it), else — a long run without any, as Chinese is written — at a code point. V8 iterates the
 * segments of one long string in time that grows with its square: a 100,000-character statement
 * took seconds, a 1,000,000-character one (the longest a field holds) would hang the app.
 */
function* chunks(text: string): Generator<string> {
  let start = 0;
  while (start < text.length) {
    let end = Math.min(text.length, start + CHUNK);
    if (end < text.length) {
      const space = text.slice(start, end).search(/\s\S*$/u);
      if (space > 0) end = start + space + 1;
      else if (/[\uD800-\uDBFF]/.test(text[end - 1]!)) end--;
    }
    yield text.slice(start, end);
    start = end;
  }
}

export function countText(text: string, language: Language): TextCount {
  const { words, graphemes } = segmentersFor(language);
  let w = 0;
  let c = 0;
  for (const piece of chunks(text)) {
    for (const part of words.segment(piece)) if (part.isWordLike) w++;
    for (const part of graphemes.segment(piece)) if (!/^\s+$/u.test(part.segment)) c++;
  }
  return { words: w, characters: c };
}

/** Whether the character count is worth showing beside the word count: in Chinese, where UN services count characters. */
export const countsCharacters = (language: Language) => language === 'zh';

/** The target length of a written statement when none is set: "about 500 words". */
export const DEFAULT_TARGET_WORDS = 500;
