// @vitest-environment happy-dom
import { MantineProvider } from '@mantine/core';
import { act, useState } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it } from 'vitest';
import type { Language } from '../../shared/i18n/languages';
import type { Multilingual } from '../../shared/records/text';
import { changedVersions, contentLanguage, editLanguage, shownLanguage } from '../../shared/records/text-version';
import { MultilingualInput } from '../../renderer/src/components/MultilingualInput';
import { PointTitle } from '../../renderer/src/pages/actions/PointTitle';
import type { RecordView } from '../../shared/records/codec';
import { createRendererI18n } from '../../renderer/src/app/i18n';
import { resources } from '../../shared/i18n/resources';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
// happy-dom has no FontFaceSet; Mantine's autosized textarea listens to it for fonts loading.
if (!('fonts' in document)) Object.defineProperty(document, 'fonts', { value: new EventTarget() });

describe('which language version of a text is shown and edited', () => {
  it('shows the UI language’s version when there is one, else the one the text has', () => {
    expect(shownLanguage({ zh: '会议', en: 'Meeting' }, 'en')).toBe('en');
    expect(shownLanguage({ zh: '会议' }, 'en')).toBe('zh');
    expect(shownLanguage({ fr: 'Réunion', zh: '会议' }, 'ru')).toBe('zh');
    expect(shownLanguage({}, 'en')).toBeNull();
  });

  it('edits the version shown: a Chinese text with the UI in English is edited in Chinese', () => {
    expect(editLanguage({ zh: '会议' }, 'en')).toBe('zh');
    expect(editLanguage({ zh: '会议' }, 'en', 'fr')).toBe('zh');
  });

  it('writes a text with no version yet in the record’s language, else the UI language', () => {
    expect(editLanguage({}, 'en', 'zh')).toBe('zh');
    expect(editLanguage(null, 'ar')).toBe('ar');
    expect(editLanguage(undefined, 'de')).toBe('en');
    expect(contentLanguage('action', { title: { zh: '分享良好做法' }, details: null }, 'en')).toBe('zh');
  });

  it('an edit sends only the version that changed', () => {
    expect(changedVersions({ zh: '旧', en: 'Old' }, { zh: '新', en: 'Old' })).toEqual({ zh: '新' });
    expect(changedVersions({ zh: '旧', en: 'Old' }, { zh: '旧' })).toEqual({ en: '' });
  });
});

describe('MultilingualInput with the interface in English', () => {
  let root: Root | null = null;
  let host: HTMLElement | null = null;
  afterEach(() => {
    act(() => root?.unmount());
    host?.remove();
  });

  /** Renders the input over a value kept in state, as a form does; returns what it last wrote. */
  function render(initial: Multilingual | undefined, ui: Language = 'en') {
    const written: Multilingual[] = [];
    let setValue: (v: Multilingual | undefined) => void = () => {};
    function Harness() {
      const [value, set] = useState<Multilingual | undefined>(initial);
      setValue = set;
      return (
        <MultilingualInput
          label="Title"
          value={value}
          onChange={(next) => {
            written.push(next);
            set(next);
          }}
        />
      );
    }
    host = document.createElement('div');
    document.body.append(host);
    root = createRoot(host);
    const i18n = createRendererI18n(ui, resources);
    act(() =>
      root!.render(
        <I18nextProvider i18n={i18n}>
          <MantineProvider>
            <Harness />
          </MantineProvider>
        </I18nextProvider>,
      ),
    );
    return { written, setValue: (v: Multilingual | undefined) => act(() => setValue(v)) };
  }

  const box = () => host!.querySelector<HTMLInputElement>('input[lang]')!;
  function type(text: string) {
    const input = box();
    const setter = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(input) as object, 'value')!.set!;
    act(() => {
      setter.call(input, text);
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
  }

  it('shows the Chinese text, marked Chinese, and typing edits zh without creating en', () => {
    const { written } = render({ zh: '分享良好做法' });
    expect(box().value).toBe('分享良好做法');
    expect(box().lang).toBe('zh');
    expect(box().getAttribute('aria-label')).toBe('Title (Chinese)');
    expect(host!.querySelector('button[data-language]')?.getAttribute('aria-label')).toBe('Language of “Title”: Chinese');
    type('分享调解员网络的良好做法');
    expect(written.at(-1)).toEqual({ zh: '分享调解员网络的良好做法' });
    expect(written.every((v) => !('en' in v))).toBe(true);
  });

  it('a value that arrives after the field was drawn is edited in its own language too', () => {
    const { written, setValue } = render(undefined);
    setValue({ zh: '分享良好做法' });
    expect(box().value).toBe('分享良好做法');
    type('分享良好做法。');
    expect(written.at(-1)).toEqual({ zh: '分享良好做法。' });
  });

  it('emptying the box and typing again stays in the version being edited', () => {
    const { written } = render({ zh: '旧的' });
    type('');
    expect(written.at(-1)).toEqual({});
    type('新的');
    expect(written.at(-1)).toEqual({ zh: '新的' });
  });
});

describe('a meeting’s action point corrected inline with the interface in English', () => {
  it('saves the corrected Chinese title as zh and sends no en version', () => {
    const host = document.createElement('div');
    document.body.append(host);
    const root = createRoot(host);
    const saved: Multilingual[] = [];
    const ap = { id: 'p', kind: 'action', fields: { title: { zh: '分享良好做法' } } } as unknown as RecordView;
    act(() =>
      root.render(
        <I18nextProvider i18n={createRendererI18n('en', resources)}>
          <MantineProvider>
            <PointTitle ap={ap} label="Title of (a)(i)" contentLanguage={null} onSave={(v) => saved.push(v)} />
          </MantineProvider>
        </I18nextProvider>,
      ),
    );
    const input = host.querySelector('textarea')!;
    expect(input.value).toBe('分享良好做法');
    expect(input.lang).toBe('zh');
    expect(host.querySelector('button[data-language]')?.textContent).toBe('Chinese');
    act(() => {
      input.value = '分享调解员网络的良好做法';
      input.dispatchEvent(new Event('input', { bubbles: true }));
      input.dispatchEvent(new FocusEvent('focusout', { bubbles: true }));
    });
    expect(saved).toEqual([{ zh: '分享调解员网络的良好做法' }]);
    act(() => root.unmount());
    host.remove();
  });

  it('shows a long point whole, in a field that grows, where Enter saves instead of breaking the line', () => {
    const host = document.createElement('div');
    document.body.append(host);
    const root = createRoot(host);
    const saved: Multilingual[] = [];
    const long =
      'The Network requests the Secretariat to compile, before the next capital-level meeting, the data submitted by members on women in national delegations to peace talks, disaggregated by role and by stage of the process';
    const ap = { id: 'p', kind: 'action', fields: { title: { en: long } } } as unknown as RecordView;
    act(() =>
      root.render(
        <I18nextProvider i18n={createRendererI18n('en', resources)}>
          <MantineProvider>
            <PointTitle ap={ap} label="Title of (a)(ii)" contentLanguage={null} onSave={(v) => saved.push(v)} />
          </MantineProvider>
        </I18nextProvider>,
      ),
    );
    // A multi-line field (autosized by Mantine), not a one-line input that cuts the sentence off.
    expect(host.querySelector('input')).toBeNull();
    const field = host.querySelector('textarea')!;
    expect(field.value).toBe(long);
    act(() => {
      field.value = `${long},\nwith a summary by region`;
      field.dispatchEvent(new Event('input', { bubbles: true }));
    });
    const enter = new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true });
    act(() => {
      field.dispatchEvent(enter);
    });
    expect(enter.defaultPrevented).toBe(true);
    // A line break pasted in becomes a space: a point's title is one line.
    expect(saved).toEqual([{ en: `${long}, with a summary by region` }]);
    act(() => root.unmount());
    host.remove();
  });
});
