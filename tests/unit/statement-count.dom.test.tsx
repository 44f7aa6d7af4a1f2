// @vitest-environment happy-dom
import { MantineProvider } from '@mantine/core';
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it } from 'vitest';
import type { Language } from '../../shared/i18n/languages';
import { createRendererI18n } from '../../renderer/src/app/i18n';
import { resources } from '../../shared/i18n/resources';
import { TextCount } from '../../renderer/src/pages/statements/TextCount';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

/** The live count under a statement: in the text's language, with numbers as the UI writes them. */
describe('TextCount', () => {
  let root: Root | null = null;
  let host: HTMLElement | null = null;
  afterEach(() => {
    act(() => root?.unmount());
    host?.remove();
  });

  function render(text: string, language: Language, target: number, ui: Language = 'en') {
    host = document.createElement('div');
    document.body.append(host);
    root = createRoot(host);
    act(() =>
      root!.render(
        <I18nextProvider i18n={createRendererI18n(ui, resources)}>
          <MantineProvider>
            <TextCount text={text} language={language} target={target} />
          </MantineProvider>
        </I18nextProvider>,
      ),
    );
    return host.querySelector('[data-testid="statement-count"]')!;
  }

  it('counts English words against the target, and says nothing of characters', () => {
    const count = render('Women police officers make missions more effective.', 'en', 500);
    expect(count.textContent).toBe('7 / 500 words');
    expect(count.hasAttribute('data-over')).toBe(false);
  });

  it('counts a Chinese text in words and, beside them, its characters, with grouped numbers', () => {
    const count = render('女警察参加维和行动'.repeat(120), 'zh', 500);
    expect(count.textContent).toMatch(/^[\d,]+ \/ 500 words1,080 characters/);
    expect(count.textContent).toContain('words over the target');
  });

  it('flags going over the target in words, without refusing the text', () => {
    const count = render('one two three four five six', 'en', 4);
    expect(count.getAttribute('data-over')).toBe('true');
    expect(count.textContent).toBe('6 / 4 words2 words over the target');
  });

  it('speaks the UI language: Russian plurals, French grouping', () => {
    expect(render('раз два три четыре пять', 'ru', 1, 'ru').textContent).toBe('5 / 1 слово' + 'На 4 слова больше целевого объема');
    act(() => root?.unmount());
    host?.remove();
    const fr = render('mot '.repeat(1200), 'fr', 1000, 'fr').textContent!;
    expect(fr.startsWith(`${new Intl.NumberFormat('fr').format(1200)} / ${new Intl.NumberFormat('fr').format(1000)} mots`)).toBe(true);
  });
});
