import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { headingFromTyped, headingIndex, headingLabel, headingShown, headingLetter, itemLabel, nextHeading, nextNumber, renumbering, roman } from '../../shared/meetings/numbering.js';

describe("chair's summary numbering", () => {
  it('counts headings a…z then aa, ab… and back', () => {
    expect([0, 1, 25, 26, 27, 51, 52, 701].map(headingLetter)).toEqual(['a', 'b', 'z', 'aa', 'ab', 'az', 'ba', 'zz']);
    fc.assert(fc.property(fc.integer({ min: 0, max: 18_000 }), (i) => headingIndex(headingLetter(i)) === i));
    expect(headingIndex('A')).toBe(-1);
    expect(headingIndex('abcd')).toBe(-1);
  });

  it('gives the first free heading, filling a gap', () => {
    expect(nextHeading([])).toBe('a');
    expect(nextHeading(['a', 'b', 'd'])).toBe('c');
    expect(nextNumber([])).toBe(1);
    expect(nextNumber([1, 4, 2])).toBe(5);
  });

  it('writes Roman numerals', () => {
    expect([1, 2, 3, 4, 5, 9, 14, 15, 40, 90, 400, 1994].map(roman)).toEqual(['i', 'ii', 'iii', 'iv', 'v', 'ix', 'xiv', 'xv', 'xl', 'xc', 'cd', 'mcmxciv']);
    expect(roman(0)).toBe('0');
    expect(roman(4000)).toBe('4000');
  });

  it('labels as the documents of each language do', () => {
    expect(headingLabel('c', 'en')).toBe('(c)');
    expect(itemLabel(3, 'fr')).toBe('(iii)');
    expect(headingLabel('a', 'ar')).toBe('(أ)');
    expect(headingLabel('e', 'ar')).toBe('(هـ)');
    expect(itemLabel(2, 'ar')).toBe('(2)');
    expect(headingLabel('b', 'zh')).toBe('(b)');
    expect(itemLabel(3, 'zh')).toBe('㈢');
    expect(itemLabel(11, 'zh')).toBe('(11)');
    // Beyond the Arabic letters, the stored code is shown as is rather than a wrong letter.
    expect(headingLabel('ad', 'ar')).toBe('(ad)');
  });

  it('reads a typed heading: Latin letters, and the Arabic abjad letters of Arabic documents', () => {
    expect(['c', ' (C) ', 'aa'].map(headingFromTyped)).toEqual(['c', 'c', 'aa']);
    // أ ب ج د هـ و ز ح ط ي → a … j, as headingLabel writes them back.
    expect(['أ', 'ب', 'ج', 'د', 'هـ', 'و', 'ز', 'ح', 'ط', 'ي'].map(headingFromTyped)).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j']);
    expect(['(ج)', 'ه', 'ا', 'ی', 'غ'].map(headingFromTyped)).toEqual(['c', 'e', 'a', 'j', 'ab']);
    for (let i = 0; i < 28; i++) expect(headingFromTyped(headingLabel(headingLetter(i), 'ar'))).toBe(headingLetter(i));
    // The panel shows the letter as the interface writes it, and reads it back to the same code.
    expect(headingShown('c', 'ar')).toBe('ج');
    expect(headingShown('c', 'fr')).toBe('c');
    for (let i = 0; i < 28; i++) expect(headingFromTyped(headingShown(headingLetter(i), 'ar'))).toBe(headingLetter(i));
    // Not a letter of either: left for the schema to refuse.
    expect(headingFromTyped('بب')).toBe('بب');
    expect(headingFromTyped('1')).toBe('1');
  });

  it('renumbers each heading 1, 2, 3… in its order, naming only the numbers that change', () => {
    const p = (id: string, number: number | null) => ({ id, number });
    // Nothing to fix: consecutive under every heading.
    expect(renumbering([{ letter: 'a', points: [p('x', 1), p('y', 2)] }, { letter: '', points: [p('z', 1)] }])).toEqual([]);
    // A gap left by a deleted (ii), a point without a number, a number given twice.
    expect(
      renumbering([
        { letter: 'a', points: [p('a1', 1), p('a3', 3), p('a4', 4)] },
        { letter: 'b', points: [p('b1', 1), p('b2', 2)] },
        { letter: 'c', points: [p('c2', 2), p('c2bis', 2), p('cx', null)] },
      ]),
    ).toEqual([
      { id: 'a3', letter: 'a', from: 3, to: 2 },
      { id: 'a4', letter: 'a', from: 4, to: 3 },
      { id: 'c2', letter: 'c', from: 2, to: 1 },
      { id: 'cx', letter: 'c', from: null, to: 3 },
    ]);
    // After renumbering, a new point comes after the last: max + 1, not count + 1.
    expect(nextNumber([1, 3])).toBe(4);
  });
});
