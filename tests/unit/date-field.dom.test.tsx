// @vitest-environment happy-dom
import { act, useState } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, describe, expect, it } from 'vitest';
import type { Language } from '../../shared/i18n/languages';
import { resources } from '../../shared/i18n/resources';
import { Providers } from '../../renderer/src/app/Providers';
import { DateField } from '../../renderer/src/components/DateField';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

/** The date field in the interface language, not the system's: shown, typed and cleared. */
describe('DateField', () => {
  let root: Root | null = null;
  let host: HTMLElement | null = null;
  afterEach(() => {
    act(() => root?.unmount());
    host?.remove();
  });

  function render(language: Language, initial: string | null) {
    const changes: (string | null)[] = [];
    function Field() {
      const [value, setValue] = useState(initial);
      return (
        <DateField
          label="Due date"
          value={value}
          clearable
          onChange={(next) => {
            changes.push(next);
            setValue(next);
          }}
        />
      );
    }
    host = document.createElement('div');
    document.body.append(host);
    root = createRoot(host);
    act(() =>
      root!.render(
        <Providers language={language} texts={resources} theme="light">
          <Field />
        </Providers>,
      ),
    );
    const input = host.querySelector('input:not([type="hidden"])') as HTMLInputElement;
    return { input, changes };
  }

  function type(input: HTMLInputElement, text: string) {
    act(() => {
      input.focus();
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(input, text);
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
  }

  it('shows the day in Chinese in the Chinese interface, named by its label', () => {
    const { input } = render('zh', '2026-12-02');
    expect(input.type).not.toBe('date');
    expect(input.value).toBe('2026年12月2日');
    const label = host!.querySelector(`label[for="${input.id}"]`);
    expect(label?.textContent).toBe('Due date');
  });

  it('shows the Arabic month name in the Arabic interface, and a clear button named in Arabic', () => {
    const { input } = render('ar', '2026-12-02');
    expect(input.value).toContain('ديسمبر');
    const clear = [...host!.querySelectorAll('button')].map((b) => b.getAttribute('aria-label'));
    expect(clear).toContain('مسح Due date');
  });

  it.each([
    ['en', '12/2/2026'],
    ['fr', '2/12/2026'],
    ['ru', '02.12.2026'],
    ['zh', '2026/12/2'],
    ['ar', '٢/١٢/٢٠٢٦'],
    ['es', '2 dic 2026'],
    ['fr', '2026-12-02'],
  ] as const)('gives ISO back for a day typed in %s as %s, and shows it in the language once left', (language, typed) => {
    const { input, changes } = render(language, null);
    type(input, typed);
    expect(changes.at(-1)).toBe('2026-12-02');
    act(() => input.blur());
    expect(input.value).toBe(new Intl.DateTimeFormat(language, { dateStyle: 'long', timeZone: 'UTC' }).format(Date.UTC(2026, 11, 2, 12)));
  });

  it('gives null when an optional day is emptied, and keeps the day while a typed one is unfinished', () => {
    const { input, changes } = render('en', '2026-12-02');
    type(input, '12/3/20');
    expect(changes).toEqual([]);
    type(input, '');
    expect(changes).toEqual([null]);
  });
});
