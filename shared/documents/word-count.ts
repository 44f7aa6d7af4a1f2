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

export function countText(text: string, language: Language): TextCount {
  const { words, graphemes } = segmentersFor(language);
  let w = 0;
  for (const part of words.segment(text)) if (part.isWordLike) w++;
  let c = 0;
  for (const part of graphemes.segment(text)) if (!/^\s+$/u.test(part.segment)) c++;
  return { words: w, characters: c };
}

/** Whether the character count is worth showing beside the word count: in Chinese, where UN services count characters. */
export const countsCharacters = (language: Language) => language === 'zh';

/** The target length of a written statement when none is set: "about 500 words". */
export const DEFAULT_TARGET_WORDS = 500;
