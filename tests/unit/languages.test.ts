import { describe, expect, it } from 'vitest';
import {
  isLanguage,
  LANGUAGES,
  matchLanguage,
  pluralCategories,
  textDirection,
} from '../../shared/i18n/languages.js';

describe('matchLanguage', () => {
  it.each([
    [['fr_FR.UTF-8'], 'fr'],
    [['zh-Hans-CN'], 'zh'],
    [['C', 'POSIX', 'de'], undefined],
    [['de-DE', 'ar-EG'], 'ar'],
    [['ru_RU@euro'], 'ru'],
    [['ES-mx'], 'es'],
    [['en'], 'en'],
    [[], undefined],
    [[''], undefined],
    [['C.UTF-8', 'fr'], 'fr'],
  ] as const)('%j → %s', (tags, expected) => {
    expect(matchLanguage(tags)).toBe(expected);
  });

  it('takes the first of the six in preference order', () => {
    expect(matchLanguage(['es-ES', 'fr-FR'])).toBe('es');
    expect(matchLanguage(['fr-FR', 'es-ES'])).toBe('fr');
  });

  it('does not match a language whose code merely starts like one of the six', () => {
    // "ast" (Asturian), "frr" (North Frisian), "arn" (Mapudungun)
    expect(matchLanguage(['ast-ES', 'frr', 'arn'])).toBeUndefined();
  });
});

describe('textDirection', () => {
  it('is rtl for Arabic, with or without a region', () => {
    expect(textDirection('ar')).toBe('rtl');
    expect(textDirection('ar-EG')).toBe('rtl');
  });

  it.each(['en', 'fr', 'es', 'ru', 'zh'])('is ltr for %s', (language) => {
    expect(textDirection(language)).toBe('ltr');
  });

  it('falls back to the table for a tag Intl cannot parse', () => {
    expect(textDirection('ar_EG')).toBe('rtl');
    expect(textDirection('en_GB')).toBe('ltr');
  });
});

describe('pluralCategories', () => {
  it('Arabic has six categories', () => {
    expect(pluralCategories('ar')).toHaveLength(6);
    expect([...pluralCategories('ar')].sort()).toEqual(['few', 'many', 'one', 'other', 'two', 'zero']);
  });

  it("Russian includes 'few' and 'many'", () => {
    expect(pluralCategories('ru')).toEqual(expect.arrayContaining(['one', 'few', 'many', 'other']));
  });

  it('English has one and other; Chinese only other', () => {
    expect([...pluralCategories('en')].sort()).toEqual(['one', 'other']);
    expect(pluralCategories('zh')).toEqual(['other']);
  });
});

describe('LANGUAGES', () => {
  it('are the six UN languages', () => {
    expect([...LANGUAGES].sort()).toEqual(['ar', 'en', 'es', 'fr', 'ru', 'zh']);
    expect(LANGUAGES.every(isLanguage)).toBe(true);
    expect(isLanguage('de')).toBe(false);
    expect(isLanguage(undefined)).toBe(false);
  });
});
