// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it } from 'vitest';
import type { Language } from '../../shared/i18n/languages';
import type { Json } from '../../shared/sync/record';
import { createRendererI18n } from '../../renderer/src/app/i18n';
import { resources } from '../../shared/i18n/resources';
import { useRecordText } from '../../renderer/src/text/records-text';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const strip = (s: string) => s.replace(/[\u2068\u2069]/g, '');

/** An item conflict on the Conflicts page: the list's label, each version as the item in words. */
describe('one list item in words', () => {
  let root: Root | null = null;
  afterEach(() => act(() => root?.unmount()));

  function words(ui: Language, read: (text: ReturnType<typeof useRecordText>) => string[], isolates = false): string[] {
    let out: string[] = [];
    function Probe() {
      out = read(useRecordText());
      return null;
    }
    root = createRoot(document.createElement('div'));
    act(() =>
      root!.render(
        <I18nextProvider i18n={createRendererI18n(ui, resources)}>
          <Probe />
        </I18nextProvider>,
      ),
    );
    return isolates ? out : out.map(strip);
  }

  it('names the list and shows a measurement, a heading, a chair, a resolution and a removal', () => {
    const [label, measurement, heading, chair, resolution, removed, whole] = words('en', (t) => [
      t.field('measurements#0123abcd'),
      t.value('nap.indicator', 'measurements#0123abcd', { date: '2026-03-31', value: 14, source: 'Rapport' }),
      t.value('meeting', 'actionHeadings#c', { letter: 'c', title: 'Training' }),
      t.value('meeting', 'chairs#x1', { country: 'NA' }),
      t.value('nap.action', 'resolutions#r1', 1325),
      t.value('nap.indicator', 'measurements#0123abcd', null),
      t.value('nap', 'pillars', ['participation', 'protection'] as Json),
    ]);
    expect(label).toBe('Measurements: one item');
    expect(measurement).toBe('Mar 31, 2026: 14 (Rapport)');
    expect(heading).toBe('(c) Training');
    expect(chair).toBe('Namibia');
    expect(resolution).toBe('resolution 1325');
    expect(removed).toBe('Removed from the list');
    expect(whole).toBe('Participation; Protection');
  });

  it('in Arabic, keeps the date and the source in their own direction', () => {
    const [measurement] = words('ar', (t) => [t.value('nap.indicator', 'measurements#0123abcd', { date: '2026-03-31', value: 14, source: 'Rapport' })], true);
    expect(measurement).toContain('\u2068Rapport\u2069');
    expect(measurement).toMatch(/^\u2068[^\u2069]+\u2069: \u2068[^\u2069]+\u2069 \(\u2068Rapport\u2069\)$/);
    const [label] = words('ar', (t) => [t.field('measurements#0123abcd')]);
    expect(label).toContain('بند واحد');
  });
});
