import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fold, foldedIncludes, foldWithOffsets } from '../../shared/search/fold';
import { findMarks, makeSnippet, snippetOf, SNIPPET_LENGTH } from '../../shared/search/snippet';
import { arabicStem, indexTerms, isCjkTerm, MAX_TERM_LENGTH, queryUnits, wordTerm } from '../../shared/search/tokenize';

/** Whether every unit of a query is among a text's index terms (what the index asks, without prefixes and typos). */
function found(query: string, text: string): boolean {
  const terms = new Set(indexTerms(text));
  return queryUnits(query).every((unit) =>
    unit.type === 'word' ? terms.has(unit.term) || (!!unit.alt && terms.has(unit.alt)) : terms.has(unit.word) || unit.pairs.every((p) => terms.has(p)),
  );
}

const hasLoneSurrogate = (s: string) => /\p{Surrogate}/u.test(s);

describe('fold: one rule for the index, the query and the list filters', () => {
  it('removes case and accents in Latin and Cyrillic', () => {
    expect(fold('ÉGALITÉ')).toBe('egalite');
    expect(fold('égalité')).toBe(fold('egalite'));
    expect(fold('ЖЕНЩИНЫ')).toBe(fold('Женщины'));
    expect(fold('Ёлка')).toBe('елка');
    expect(fold('İstanbul')).toBe('istanbul');
    expect(fold('Straße')).toBe('strasse');
    expect(fold('ΟΔΟΣ')).toBe(fold('οδοσ'));
    expect(found('egalite', 'L’ÉGALITÉ des genres')).toBe(true);
    expect(found('égalité', 'egalite')).toBe(true);
    expect(found('женщины', 'ЖЕНЩИНЫ, МИР И БЕЗОПАСНОСТЬ')).toBe(true);
    expect(foldedIncludes('Participation des FEMMES', 'femmes')).toBe(true);
  });

  it('folds compatibility forms to plain lower-case letters (full-width, ligatures, №, ™)', () => {
    expect(fold('ＵＮ')).toBe('un');
    expect(fold('ﬁnance')).toBe('finance');
    // A compatibility form that decomposes to capitals is lower-cased too: "№ 1325" found by "no".
    expect(fold('№')).toBe('no');
    expect(fold('™')).toBe('tm');
    expect(found('no', 'Резолюция № 1325')).toBe(true);
  });

  it('folds Arabic as its search engines do: tashkeel, tatweel, alef forms, yaa, taa marbuta', () => {
    // مُشَارَكَة with its short vowels, and without.
    expect(fold('مُشَارَكَةُ')).toBe(fold('مشاركه'));
    // Tatweel (kashida) is decoration.
    expect(fold('الســـلام')).toBe(fold('السلام'));
    expect(fold('الـمـرأة')).toBe(fold('المرأه'));
    // أ إ آ ٱ → ا
    expect(fold('أمن')).toBe('امن');
    expect(fold('إدماج')).toBe('ادماج');
    expect(fold('آمنة')).toBe('امنه');
    expect(fold('ٱلمرأة')).toBe('المراه');
    // ى → ي, ة → ه
    expect(fold('مستوى')).toBe('مستوي');
    expect(fold('المرأة')).toBe('المراه');
    // The superscript alef (a mark) goes too.
    expect(fold('هٰذا')).toBe('هذا');
    // A query with diacritics finds unmarked text, and the reverse.
    expect(found('المَرْأَة', 'مشاركة المراه في عمليات السلام')).toBe(true);
    expect(found('المرأة', 'مُشَارَكَةُ الْمَرْأَةِ فِي عَمَلِيَّاتِ السَّلَامِ')).toBe(true);
    expect(found('مستوى', 'على مستوي الوزارة')).toBe(true);
  });

  it('is idempotent: a folded text folds to itself', () => {
    for (const unit of ['grapheme', 'binary', 'grapheme-composite'] as const) {
      fc.assert(
        fc.property(fc.string({ unit, maxLength: 40 }), (s) => fold(fold(s)) === fold(s)),
        { numRuns: 400 },
      );
    }
  });

  it('foldWithOffsets folds exactly as fold does, for any string', () => {
    const tricky = fc.constantFrom('Σ', 'ΟΔΟΣ', 'İ', 'ß', 'ẞ', 'ﬃ', '№', '™', 'é', 'e\u0301', 'أ', 'ـ', 'َ', 'ة', 'ى', '警', '𠀀', '\ud800', '\udc00', '🙂', '👩‍👩‍👧', ' ', '\n', 'Ǆ', 'ǅ', 'ﷺ', 'ﻻ', '㍿', 'Ϲ');
    const strings = [
      fc.string({ unit: 'grapheme', maxLength: 30 }),
      fc.string({ unit: 'binary', maxLength: 30 }),
      fc.string({ unit: 'grapheme-composite', maxLength: 30 }),
      fc.string({ unit: tricky, maxLength: 20 }),
      fc.string({ unit: fc.oneof(tricky, fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 })), maxLength: 20 }),
    ];
    for (const arbitrary of strings) {
      fc.assert(
        fc.property(arbitrary, (s) => {
          const { text, origin } = foldWithOffsets(s);
          expect(text).toBe(fold(s));
          expect(origin).toHaveLength(text.length);
          // Offsets point into the original, in order, at the start of a character.
          for (let i = 0; i < origin.length; i++) {
            expect(origin[i]).toBeGreaterThanOrEqual(i === 0 ? 0 : origin[i - 1]!);
            expect(origin[i]).toBeLessThan(s.length);
            expect(/[\udc00-\udfff]/.test(s[origin[i]!]!) && /[\ud800-\udbff]/.test(s[origin[i]! - 1] ?? '')).toBe(false);
          }
        }),
        { numRuns: 300 },
      );
    }
  });
});

describe('tokenize: terms of the index and units of a query', () => {
  it('finds a Chinese word inside a sentence by its pairs, however the segmenter cuts the sentence', () => {
    const terms = indexTerms('女警察参加维和行动');
    // Every pair, and the run's last character alone (any other one starts a pair).
    expect(terms).toEqual(expect.arrayContaining(['警察', '女警', '参加', '维和', '行动', '动']));
    expect(terms).not.toContain('警');
    expect(queryUnits('警察')).toEqual([{ type: 'cjk', word: '警察', pairs: ['警察'] }]);
    expect(found('警察', '女警察参加维和行动')).toBe(true);
    expect(found('维和行动', '女警察参加维和行动')).toBe(true);
    // Words typed together are looked for each on its own, not across the gap.
    expect(found('警察维和', '女警察参加维和行动')).toBe(true);
    expect(found('警察维和', '女警察参加行动')).toBe(false);
    expect(found('和平', '女警察参加维和行动')).toBe(false);
    // A single character is a unit of its own.
    expect(queryUnits('女')).toEqual([{ type: 'cjk', word: '女', pairs: ['女'] }]);
    expect(isCjkTerm('警察')).toBe(true);
    expect(isCjkTerm('police')).toBe(false);
  });

  it('stems Arabic lightly, as Lucene does: the article and fused particles, common suffixes, two letters always left', () => {
    const stem = (w: string) => arabicStem(fold(w));
    // The article and the particles written with it come off, so the bare word finds them.
    expect(stem('المشاركة')).toBe(stem('مشاركة'));
    expect(stem('للمرأة')).toBe(stem('المرأة'));
    expect(stem('والسلام')).toBe(stem('سلام'));
    expect(stem('بالأمن')).toBe(stem('أمن'));
    // Plural and feminine endings.
    expect(stem('مشاركات')).toBe(stem('مشاركة'));
    expect(stem('المدافعين')).toBe(stem('مدافع'));
    // Never shorter than two letters; و only off a word of four letters or more.
    expect(stem('ال')).toBe('ال');
    expect(stem('ولد')).toBe('ولد');
    expect(arabicStem('police')).toBe('police');
    // Found through the API's own path: a query without the article finds the text with it.
    expect(found('مشاركة المرأة', 'أكّدت الوفود على المُشاركة الفعّالة للمرأة')).toBe(true);
    // A word whose own first letter is و meets its form with the article, both ways.
    expect(found('وطنية', 'خطة العمل الوطنية')).toBe(true);
    expect(found('الوطنية', 'خطة عمل وطنية')).toBe(true);
    expect(found('وزارة', 'مندوب الوزارة')).toBe(true);
    // And the conjunction و still comes off: "والسلام" is found by "سلام".
    expect(found('سلام', 'المرأة والسلام والأمن')).toBe(true);
  });

  it('reads Arabic-Indic and Persian digits as digits: "1325" finds "القرار ١٣٢٥" and the reverse', () => {
    expect(fold('١٣٢٥ ۱۳۲۵')).toBe('1325 1325');
    expect(found('1325', 'القرار ١٣٢٥')).toBe(true);
    expect(found('١٣٢٥', 'resolution 1325')).toBe(true);
  });

  it('cuts Chinese from Latin written against it, and full-width Latin folds to plain', () => {
    expect(indexTerms('UN妇女署')).toEqual(expect.arrayContaining(['un', '妇女', '女署']));
    expect(queryUnits('ＵＮ 妇女')).toEqual([
      { type: 'word', term: 'un', typed: 2 },
      { type: 'cjk', word: '妇女', pairs: ['妇女'] },
    ]);
  });

  it('gives words in the order typed, without repeats, and nothing for punctuation or emoji', () => {
    expect(queryUnits('Police, POLICE and women')).toEqual([
      { type: 'word', term: 'police', typed: 6 },
      { type: 'word', term: 'and', typed: 3 },
      { type: 'word', term: 'women', typed: 5 },
    ]);
    expect(queryUnits('!!! ??? 🙂 👩‍👩‍👧 — … \u0000\u001b[2J')).toEqual([{ type: 'word', term: '2j', typed: 2 }]);
    expect(queryUnits('.*+?^${}()|[]\\')).toEqual([]);
    expect(indexTerms('🙂🙂 ...')).toEqual([]);
  });

  it('cuts a very long word, and never leaves half a character in a term', () => {
    const long = 'a'.repeat(1000);
    expect(indexTerms(long)).toEqual(['a'.repeat(MAX_TERM_LENGTH)]);
    expect(queryUnits(long)).toEqual([{ type: 'word', term: 'a'.repeat(MAX_TERM_LENGTH), typed: MAX_TERM_LENGTH }]);
    // Letters outside the BMP (Adlam, and Chinese of extension B) at the cut.
    const adlam = 'a' + '𞤀'.repeat(100);
    for (const term of indexTerms(adlam)) expect(hasLoneSurrogate(term)).toBe(false);
    for (const unit of queryUnits(adlam)) expect(hasLoneSurrogate(unit.type === 'word' ? unit.term : unit.word)).toBe(false);
    const han = 'a' + '𠀀'.repeat(100);
    for (const unit of queryUnits(han)) if (unit.type === 'cjk') for (const pair of unit.pairs) expect(hasLoneSurrogate(pair)).toBe(false);
  });

  it('never throws, and every term is folded (folding it again changes nothing)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (s) => {
        for (const term of indexTerms(s)) expect(fold(term)).toBe(term);
        queryUnits(s);
      }),
      { numRuns: 300 },
    );
  });
});

describe('findMarks: matches marked in the original text', () => {
  it('marks whole words found by their folded form, accents and case as written', () => {
    const text = 'L’ÉGALITÉ et l’égalité, pas «inégalité»';
    const marks = findMarks(text, ['egalite']);
    expect(marks.map(([s, e]) => text.slice(s, e))).toEqual(['ÉGALITÉ', 'égalité']);
  });

  it('marks a word written with combining accents whole, its last accent included', () => {
    const text = 'cafe\u0301 au lait';
    expect(findMarks(text, ['cafe'])).toEqual([[0, 5]]);
    const arabic = 'مُشَارَكَةُ المرأة';
    // Terms as the index holds them: folded and stemmed (مشاركة → مشارك).
    const [mark] = findMarks(arabic, indexTerms('مشاركة'));
    expect(arabic.slice(...mark!)).toBe('مُشَارَكَةُ');
  });

  it('marks Chinese terms wherever they stand, overlapping pairs as one', () => {
    const text = '女警察参加维和行动';
    expect(findMarks(text, ['警察', '察参']).map(([s, e]) => text.slice(s, e))).toEqual(['警察参']);
  });

  it('marks a Latin word written against Chinese characters', () => {
    const text = '联合国UN妇女署';
    expect(findMarks(text, ['un']).map(([s, e]) => text.slice(s, e))).toEqual(['UN']);
  });

  it('marks a word longer than the longest term by the term it was indexed as', () => {
    const word = 'x'.repeat(MAX_TERM_LENGTH + 10);
    const text = `a ${word} b`;
    const terms = indexTerms(text).filter((t) => t.length === MAX_TERM_LENGTH);
    expect(findMarks(text, terms)).toEqual([[2, 2 + word.length]]);
  });

  it('gives marks that map back to the original text, whose term (folded, Arabic stemmed) is the term', () => {
    const letter = fc.constantFrom('a', 'E', 'é', 'e\u0301', 'ß', 'İ', 'Σ', 'ж', 'Ж', 'ё', 'أ', 'ة', 'ـ', 'َ', 'ﬁ', '№', '𝐀', '𞤀', '1');
    const gap = fc.constantFrom(' ', ', ', '\n', '-', '🙂', '\ud800');
    const text = fc.array(fc.tuple(fc.string({ unit: letter, minLength: 1, maxLength: 6 }), gap), { maxLength: 8 }).map((parts) => parts.map(([w, g]) => w + g).join(''));
    fc.assert(
      fc.property(text, (s) => {
        const terms = [...new Set(indexTerms(s))].filter((t) => !isCjkTerm(t) && t.length < MAX_TERM_LENGTH);
        const marks = findMarks(s, terms);
        let last = -1;
        for (const [start, end] of marks) {
          expect(start).toBeGreaterThan(last);
          expect(end).toBeGreaterThan(start);
          expect(end).toBeLessThanOrEqual(s.length);
          expect(terms).toContain(wordTerm(fold(s.slice(start, end))));
          // Never half a character.
          expect(hasLoneSurrogate(s.slice(start, end))).toBe(hasLoneSurrogate(s.slice(start, end).replace(/[\ud800-\udbff][\udc00-\udfff]/g, '')));
          last = end;
        }
        // Each term is marked at least once.
        for (const term of terms) expect(marks.some(([a, b]) => wordTerm(fold(s.slice(a, b))) === term)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});

describe('snippets', () => {
  it('is the whole text when it is short, marks in place, nothing cut', () => {
    const text = 'Deploy women police officers.';
    const snippet = makeSnippet(text, findMarks(text, ['police']), 'en');
    expect(snippet).toEqual({ text, marks: [[13, 19]], language: 'en', cutStart: false, cutEnd: false });
  });

  it('cuts a long text around the first match, at a word, with the marks moved into it', () => {
    const text = `${'lorem ipsum '.repeat(50)}the police station ${'dolor sit '.repeat(50)}`;
    const snippet = makeSnippet(text, findMarks(text, ['police']), null);
    expect(snippet.cutStart).toBe(true);
    expect(snippet.cutEnd).toBe(true);
    expect(snippet.text.length).toBeLessThanOrEqual(SNIPPET_LENGTH + 2);
    expect(snippet.marks).toHaveLength(1);
    const [[s, e]] = snippet.marks as [[number, number]];
    expect(snippet.text.slice(s, e)).toBe('police');
    expect(snippet.text.startsWith('lorem') || snippet.text.startsWith('ipsum')).toBe(true);
  });

  it('shows line breaks as spaces', () => {
    expect(makeSnippet('one\ntwo\r\nthree', [], null).text).toBe('one two  three');
  });

  it('never splits a surrogate pair at either end, wherever the match is', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 400 }), fc.integer({ min: 20, max: 200 }), (at, length) => {
        const text = `${'🙂'.repeat(at)} police ${'𠀀'.repeat(400 - at)}`;
        const snippet = makeSnippet(text, findMarks(text, ['police']), null, length);
        expect(hasLoneSurrogate(snippet.text)).toBe(false);
        const [[s, e]] = snippet.marks as [[number, number]];
        expect(snippet.text.slice(s, e)).toBe('police');
      }),
      { numRuns: 200 },
    );
  });

  it('stays about SNIPPET_LENGTH long even when a match is a very long word', () => {
    const word = 'p' + 'o\u0301'.repeat(3000);
    const text = `before ${word} after`;
    const snippet = makeSnippet(text, findMarks(text, [fold(word).slice(0, MAX_TERM_LENGTH)]), null);
    expect(snippet.text.length).toBeLessThanOrEqual(SNIPPET_LENGTH + 2);
    expect(snippet.marks).toEqual([[0, snippet.text.length]]);
    expect(snippet.text.startsWith('p')).toBe(true);
    expect(snippet.cutEnd).toBe(true);
  });

  it('snippetOf takes the first field with a match, the interface language first', () => {
    const texts = [
      { field: 'title', language: 'en' as const, text: 'Second plan' },
      { field: 'summary', language: 'en' as const, text: 'Women in police forces.' },
      { field: 'summary', language: 'fr' as const, text: 'Les femmes dans la police.' },
    ];
    expect(snippetOf(texts, ['police'], 'fr')).toMatchObject({ field: 'summary', snippet: { language: 'fr', text: 'Les femmes dans la police.', marks: [[19, 25]] } });
    expect(snippetOf(texts, ['police'], 'en-GB')).toMatchObject({ field: 'summary', snippet: { language: 'en', marks: [[9, 15]] } });
    // A match that folding does not reproduce (a typo): the start of the first text, unmarked.
    expect(snippetOf(texts, ['polise'], 'en')).toMatchObject({ field: 'title', snippet: { text: 'Second plan', marks: [] } });
    expect(snippetOf([], ['police'], 'en')).toBeNull();
  });

  it('snippetOf finds a match deep in a long note without folding it whole, and says it was cut', () => {
    const note = `${'word '.repeat(40_000)}peacekeeping\n${'tail '.repeat(100)}`;
    const found = snippetOf([{ field: 'notes', language: 'en', text: note }], ['peacekeeping'], 'en')!;
    expect(found.snippet.cutStart).toBe(true);
    expect(found.snippet.cutEnd).toBe(true);
    expect(found.snippet.text.length).toBeLessThanOrEqual(SNIPPET_LENGTH + 2);
    const [[s, e]] = found.snippet.marks as [[number, number]];
    expect(found.snippet.text.slice(s, e)).toBe('peacekeeping');
  });

  it('snippetOf marks a Chinese word wherever a long unspaced line is cut into pieces', () => {
    // A line of Chinese with no space: the word "警察" is placed across every possible cut near 640.
    for (let at = 630; at < 645; at++) {
      const note = `${'和'.repeat(at)}警察${'和'.repeat(700)}`;
      const found = snippetOf([{ field: 'notes', language: 'zh', text: note }], ['警察'], 'zh')!;
      const [[s, e]] = found.snippet.marks as [[number, number]];
      expect(found.snippet.text.slice(s, e), `at ${at}`).toBe('警察');
    }
  });
});
