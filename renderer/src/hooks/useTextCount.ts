import { useDeferredValue, useMemo } from 'react';
import { countsCharacters, countText } from '../../../shared/documents/word-count';
import type { Language } from '../../../shared/i18n/languages';

export interface LiveCount {
  words: number;
  characters: number;
  target: number;
  /** Words beyond the target (0 when within it): said, never refused. */
  over: number;
  /** Whether the characters are worth showing too (Chinese, where UN services count them). */
  showCharacters: boolean;
}

/**
 * The length of a text as it is typed, counted in the text's own language (so Chinese is counted
 * in words, not in runs of characters). Counting a long statement trails the typing by a frame
 * rather than slowing every keystroke.
 */
export function useTextCount(text: string, language: Language, target: number): LiveCount {
  const deferred = useDeferredValue(text);
  return useMemo(() => {
    const { words, characters } = countText(deferred, language);
    return { words, characters, target, over: Math.max(0, words - target), showCharacters: countsCharacters(language) };
  }, [deferred, language, target]);
}
