import { describe, expect, it } from 'vitest';
import { fold } from '../../shared/search/fold.js';
import { compareText, sortKey } from '../../shared/records/sort.js';
import { shownLanguage, shownText } from '../../shared/records/text-version.js';

/** The one text rule: which version is shown, what a list sorts by, and how a word is matched. */
describe('the text rule', () => {
  const title = { fr: 'Égalité', en: 'Equality', ar: 'المساواة' };

  it('shows the interface language version, else the first in UN order, and sorts by what it shows', () => {
    expect(shownText(title, 'fr')).toEqual({ text: 'Égalité', lang: 'fr' });
    expect(shownText(title, 'ru')).toEqual({ text: 'المساواة', lang: 'ar' });
    expect(shownText({ es: 'Igualdad', en: 'Equality' }, 'zh-CN')).toEqual({ text: 'Equality', lang: 'en' });
    expect(shownText('Plain', 'ar')).toEqual({ text: 'Plain', lang: '' });
    expect(shownText({}, 'en')).toBeNull();
    expect(shownLanguage(title, 'zh')).toBe('ar');
    for (const ui of ['en', 'fr', 'ru', 'zh', 'ar', 'es']) expect(sortKey(title, ui)).toBe(shownText(title, ui)!.text);
    expect(sortKey('', 'en')).toBeNull();
    expect(sortKey(null, 'en')).toBeNull();
    expect(sortKey(2030, 'en')).toBe(2030);
  });

  it('sorts numbers inside texts in numeric order, case and accents aside, as each language reads', () => {
    const items = ['Item 10', 'item 9', 'Item 1'];
    expect([...items].sort((a, b) => compareText(a, b, 'en'))).toEqual(['Item 1', 'item 9', 'Item 10']);
    expect(compareText('Égalité', 'egalite', 'fr')).toBe(0);
    expect(compareText('ёлка', 'елка', 'ru')).toBe(0);
    // Swedish puts Ö after Z; English with O.
    expect(compareText('Öl', 'Zebra', 'sv')).toBeGreaterThan(0);
    expect(compareText('Öl', 'Zebra', 'en')).toBeLessThan(0);
  });

  it('matches a word the same way whatever the accents, case or Arabic marks', () => {
    expect(fold('ÉGALITÉ')).toBe(fold('egalite'));
    expect(fold('المُساواة')).toBe(fold('المساواه'));
    expect(fold('١٣٢٥')).toBe('1325');
  });
});
