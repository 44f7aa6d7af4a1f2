import { describe, expect, it } from 'vitest';
import { formatDay, numericOrder, parseTypedDate } from '../../shared/i18n/date-input';

describe('dates typed in the interface language', () => {
  it('reads the numeric order of each language', () => {
    expect(numericOrder('en')).toEqual(['month', 'day', 'year']);
    expect(numericOrder('fr')).toEqual(['day', 'month', 'year']);
    expect(numericOrder('zh')).toEqual(['year', 'month', 'day']);
    expect(parseTypedDate('3/4/2026', 'en')).toBe('2026-03-04');
    expect(parseTypedDate('3/4/2026', 'es')).toBe('2026-04-03');
    expect(parseTypedDate('03.04.2026', 'ru')).toBe('2026-04-03');
  });

  it('takes ISO and year-first dates in every language', () => {
    for (const language of ['ar', 'zh', 'en', 'fr', 'ru', 'es']) {
      expect(parseTypedDate('2026-03-04', language)).toBe('2026-03-04');
      expect(parseTypedDate('2026年3月4日', language)).toBe('2026-03-04');
    }
  });

  it('reads back what it shows, in each language', () => {
    for (const language of ['ar', 'zh', 'en', 'fr', 'ru', 'es']) {
      for (const iso of ['2026-01-31', '2026-05-09', '2027-12-02']) expect(parseTypedDate(formatDay(iso, language), language)).toBe(iso);
    }
  });

  it('reads month names, whole, short or begun, and Arabic-Indic digits', () => {
    expect(parseTypedDate('4 mars 2026', 'fr')).toBe('2026-03-04');
    expect(parseTypedDate('4 марта 2026', 'ru')).toBe('2026-03-04');
    expect(parseTypedDate('Mar 4, 2026', 'en')).toBe('2026-03-04');
    expect(parseTypedDate('septem 4 2026', 'en')).toBe('2026-09-04');
    expect(parseTypedDate('٤ مارس ٢٠٢٦', 'ar')).toBe('2026-03-04');
    expect(parseTypedDate('٤/٣/٢٠٢٦', 'ar')).toBe('2026-03-04');
  });

  it('refuses what is not (yet) a whole, real day', () => {
    expect(parseTypedDate('', 'en')).toBeNull();
    expect(parseTypedDate('3/4/20', 'en')).toBeNull();
    expect(parseTypedDate('2/30/2026', 'en')).toBeNull();
    expect(parseTypedDate('2026-13-01', 'fr')).toBeNull();
    expect(parseTypedDate('ma 4 2026', 'fr')).toBeNull();
    expect(parseTypedDate('29/02/2027', 'fr')).toBeNull();
    expect(parseTypedDate('29/02/2028', 'fr')).toBe('2028-02-29');
  });
});
