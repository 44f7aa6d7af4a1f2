// @vitest-environment happy-dom
import { MantineProvider } from '@mantine/core';
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it } from 'vitest';
import type { Language } from '../../shared/i18n/languages';
import { resources } from '../../shared/i18n/resources';
import type { RecordView } from '../../shared/records/codec';
import { createRendererI18n } from '../../renderer/src/app/i18n';
import { IndicatorChart } from '../../renderer/src/pages/naps/ProgressTab';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
// happy-dom lays nothing out: the chart's container gets the size it has in the window.
HTMLElement.prototype.getBoundingClientRect = () => ({ x: 0, y: 0, top: 0, left: 0, right: 480, bottom: 220, width: 480, height: 220, toJSON: () => ({}) });

const indicator: RecordView = {
  id: 'i1',
  kind: 'nap.indicator',
  parentId: 'a1',
  order: 'a',
  fields: {
    name: { en: 'Share of women among mediators' },
    baselineValue: 10,
    baselineYear: 2020,
    targetValue: 40,
    targetYear: 2029,
    measurements: [
      { date: '2022-06-30', value: 18 },
      { date: '2023-06-30', value: 31 },
      { date: '2024-06-30', value: 26 },
    ],
  },
  deleted: false,
  created: { at: 0, by: 'x' },
  updated: { at: 0, by: 'x' },
  conflicts: [],
};

/** The indicator chart: straight segments, whole years and round values on the axes, the target marked. */
describe('IndicatorChart', () => {
  let root: Root | null = null;
  let host: HTMLElement | null = null;
  afterEach(() => {
    act(() => root?.unmount());
    host?.remove();
  });

  async function render(ui: Language) {
    host = document.createElement('div');
    document.body.append(host);
    root = createRoot(host);
    const i18n = createRendererI18n(ui, resources);
    await act(async () =>
      root!.render(
        <I18nextProvider i18n={i18n}>
          <MantineProvider>
            <IndicatorChart indicator={indicator} />
          </MantineProvider>
        </I18nextProvider>,
      ),
    );
    await act(() => new Promise((resolve) => setTimeout(resolve, 50)));
    const ticks = (axis: string) => [...host!.querySelectorAll(`.recharts-${axis}-tick-labels .recharts-cartesian-axis-tick-value`)].map((t) => t.textContent);
    return { host: host, i18n, ticks };
  }

  it('draws straight segments between the measurements, never a curve that overshoots them', async () => {
    const { host } = await render('en');
    const path = host.querySelector('.recharts-line-curve')?.getAttribute('d') ?? '';
    expect(path).toMatch(/^M[\d.,\s]+(L[\d.,\s]+){3}$/);
  });

  it('labels whole years and round values, and marks the target with its year', async () => {
    const { host, ticks } = await render('en');
    expect(ticks('xAxis')).toEqual(['2020', '2022', '2024', '2026', '2028']);
    expect(ticks('yAxis')).toEqual(['10', '20', '30', '40']);
    expect(host.textContent).toContain('Target for 2029: 40');
  });

  it('says the target and the numbers in Arabic too', async () => {
    const { host, i18n } = await render('ar');
    expect(host.textContent).toContain(i18n.t('naps:progress.targetMarker', { year: '2029', value: new Intl.NumberFormat('ar').format(40) }));
  });
});
