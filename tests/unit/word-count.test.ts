import { describe, expect, it } from 'vitest';
import { countsCharacters, countText, DEFAULT_TARGET_WORDS } from '../../shared/documents/word-count';

describe('countText: a statement counted as its language writes it', () => {
  it('counts English words, not punctuation or spaces', () => {
    expect(countText('Women, peace and security — now!', 'en')).toEqual({ words: 5, characters: 27 });
    expect(countText('', 'en')).toEqual({ words: 0, characters: 0 });
    expect(countText('   \n\t  ', 'en')).toEqual({ words: 0, characters: 0 });
  });

  it('counts French words joined by an apostrophe as the language divides them', () => {
    // An elided article stays with its word ("d’action" is one), as word processors count French;
    // the typographic and the typewriter apostrophe count alike.
    expect(countText('Le plan d’action national vise l’égalité.', 'fr').words).toBe(6);
    expect(countText("Le plan d'action national vise l'égalité.", 'fr').words).toBe(6);
    expect(countText("aujourd'hui", 'fr').words).toBe(1);
  });

  it('counts Arabic words', () => {
    expect(countText('خطة العمل الوطنية بشأن المرأة والسلام والأمن', 'ar').words).toBe(7);
  });

  it('counts Chinese in words, and its characters apart', () => {
    const count = countText('女警察参加维和行动', 'zh');
    expect(count.characters).toBe(9);
    // ICU divides it 女 / 警察 / 参加 / 维和 / 行动 (its dictionary may shift a boundary between
    // versions): several words, neither one run of text nor one word per character.
    expect(count.words).toBeGreaterThan(1);
    expect(count.words).toBeLessThan(count.characters);
    expect(countText('女警察 参加。', 'zh').characters).toBe(6);
  });

  it('counts an emoji or a letter with a combining accent as one character, and no space', () => {
    expect(countText('👩🏽‍⚖️', 'en').characters).toBe(1);
    expect(countText('e\u0301', 'fr').characters).toBe(1);
    expect(countText('a b\u00a0c', 'en').characters).toBe(3);
  });

  it('shows characters beside words for Chinese only; the default target is 500 words', () => {
    expect(countsCharacters('zh')).toBe(true);
    expect(['ar', 'en', 'fr', 'ru', 'es'].some((l) => countsCharacters(l as 'en'))).toBe(false);
    expect(DEFAULT_TARGET_WORDS).toBe(500);
  });
});
