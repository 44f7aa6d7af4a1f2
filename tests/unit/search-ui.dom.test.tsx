// @vitest-environment happy-dom
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { markedText, Snippet } from '../../renderer/src/components/search/Snippet';
import { searchTarget } from '../../renderer/src/components/search/targets';
import { isSearchShortcut } from '../../renderer/src/components/search/SearchButton';

const html = (nodes: ReturnType<typeof markedText>) => renderToStaticMarkup(<>{nodes}</>);

describe('a search snippet', () => {
  it('marks the stretches found, in order, and clamps marks that overlap or run past the text', () => {
    expect(html(markedText('women police officers', [[6, 12]]))).toBe('women <mark>police</mark> officers');
    expect(html(markedText('abcdef', [[4, 9], [0, 2], [1, 3]]))).toBe('<mark>ab</mark><mark>c</mark>d<mark>ef</mark>');
    expect(html(markedText('abc', []))).toBe('abc');
  });

  it('keeps an Arabic letter’s vowel signs inside its mark', () => {
    const text = 'في الشُّرْطَةِ المرشَّحات';
    const start = text.indexOf('ال', 2);
    // The core's mark ends at the last letter; the kasra after it stays with it.
    const end = text.indexOf('ة') + 1;
    expect(html(markedText(text, [[start, end]]))).toBe('في <mark>الشُّرْطَةِ</mark> المرشَّحات');
  });

  it('runs in the direction of the version it comes from, and says where the text was cut', () => {
    const ar = renderToStaticMarkup(
      <Snippet snippet={{ text: 'تدريب الشرطة', marks: [[6, 12]], language: 'ar', cutStart: true, cutEnd: false }} />,
    );
    expect(ar).toBe('<span lang="ar" dir="rtl">…تدريب <mark>الشرطة</mark></span>');
    const plain = renderToStaticMarkup(
      <Snippet snippet={{ text: 'Amman', marks: [[0, 5]], language: null, cutStart: false, cutEnd: true }} />,
    );
    expect(plain).toBe('<span dir="auto"><mark>Amman</mark>…</span>');
  });
});

describe('where a search result opens', () => {
  const nap = { id: 'n1', kind: 'nap' as const, title: 'NAP', language: null };
  it('opens a plan’s items in the plan, at the item and in the right tab', () => {
    expect(searchTarget({ id: 'n1', kind: 'nap', parent: null })).toBe('/naps/n1');
    expect(searchTarget({ id: 'o1', kind: 'nap.objective', parent: nap })).toBe('/naps/n1?item=o1');
    expect(searchTarget({ id: 'c1', kind: 'nap.consultation', parent: nap })).toBe('/naps/n1?tab=consultation&item=c1');
    expect(searchTarget({ id: 's1', kind: 'nap.snapshot', parent: nap })).toBe('/naps/n1?tab=versions&item=s1');
  });

  it('opens an action point in its panel and every other record in its editor', () => {
    expect(searchTarget({ id: 'a1', kind: 'action', parent: null })).toBe('/actions?open=a1');
    expect(searchTarget({ id: 'm1', kind: 'meeting', parent: null })).toBe('/meetings/m1');
    expect(searchTarget({ id: 'p1', kind: 'contact', parent: null })).toBe('/contacts/p1');
    expect(searchTarget({ id: 'i1', kind: 'input', parent: null })).toBe('/statements/i1');
  });
});

describe('the search shortcut', () => {
  const press = (key: string, code: string, mods: { ctrl?: boolean; meta?: boolean; alt?: boolean; shift?: boolean } = {}) => ({
    key,
    code,
    ctrlKey: !!mods.ctrl,
    metaKey: !!mods.meta,
    altKey: !!mods.alt,
    shiftKey: !!mods.shift,
  });
  it('is Ctrl+K on Windows and Linux, ⌘K on a Mac, whatever letter the layout puts on the K key', () => {
    expect(isSearchShortcut(press('k', 'KeyK', { ctrl: true }), false)).toBe(true);
    expect(isSearchShortcut(press('K', 'KeyK', { ctrl: true }), false)).toBe(true);
    // Russian and Arabic layouts type л and ن on the K key.
    expect(isSearchShortcut(press('л', 'KeyK', { ctrl: true }), false)).toBe(true);
    expect(isSearchShortcut(press('ن', 'KeyK', { ctrl: true }), false)).toBe(true);
    // Dvorak types k on another key, and another Latin letter on the K key.
    expect(isSearchShortcut(press('k', 'KeyV', { ctrl: true }), false)).toBe(true);
    expect(isSearchShortcut(press('t', 'KeyK', { ctrl: true }), false)).toBe(false);
    expect(isSearchShortcut(press('k', 'KeyK', { meta: true }), true)).toBe(true);
    // On a Mac, Ctrl+K stays the text fields' "delete to the end of the line".
    expect(isSearchShortcut(press('k', 'KeyK', { ctrl: true }), true)).toBe(false);
    expect(isSearchShortcut(press('k', 'KeyK', { meta: true }), false)).toBe(false);
    expect(isSearchShortcut(press('k', 'KeyK', { ctrl: true, shift: true }), false)).toBe(false);
    expect(isSearchShortcut(press('k', 'KeyK', { ctrl: true, alt: true }), false)).toBe(false);
    expect(isSearchShortcut(press('k', 'KeyK'), false)).toBe(false);
  });
});
