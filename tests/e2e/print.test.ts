import fs from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toHtml } from '../../main/core/documents/html.js';
import type { DocModel } from '../../shared/documents/model.js';
import { textDirection, type Language } from '../../shared/i18n/languages.js';
import {
  launchBrowser,
  newPage,
  startHost,
  tempDataDir,
  text,
  type RunningHost,
  completeFirstRun,
} from './support.js';

/**
 * The print view: the core's HTML page in a sandboxed frame, in the document language chosen on
 * the screen, printed alone. The document itself is answered here (the page is what this screen
 * is about; the templates are tested on their own); a missing record goes to the real core.
 */

const PLAN = '019a0000-0000-7000-8000-0000000000aa';
const MISSING = '019a0000-0000-7000-8000-0000000000bb';

const model = (lang: Language): DocModel => ({
  type: 'nap',
  lang,
  dir: textDirection(lang),
  fileName: 'plan',
  title: [{ text: lang === 'ar' ? 'خطة العمل الوطنية' : 'National Action Plan <b>of</b> Examplia' }],
  footer: 'Draft',
  sections: [
    {
      orientation: 'portrait',
      blocks: [
        { type: 'list', style: 'labelled', items: [{ label: '(a)', runs: [{ text: 'Participation' }] }] },
      ],
    },
    {
      orientation: 'landscape',
      blocks: [
        {
          type: 'table',
          caption: 'Matrix',
          columns: [{ label: 'Action', width: 1 }],
          rows: [[{ runs: [{ text: 'Train mediators' }] }]],
        },
      ],
    },
  ],
});

describe('the print view', () => {
  const dataDir = tempDataDir('print');
  let browser: Browser;
  let host: RunningHost;
  let page: Page;
  const asked: { id?: string; language: string; format: string; options: Record<string, boolean> }[] = [];
  const refused: string[] = [];

  beforeAll(async () => {
    browser = await launchBrowser();
    host = await startHost(dataDir, 'en_US.UTF-8');
    page = await newPage(browser);
    page.on('console', (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) refused.push(message.text());
    });
    await page.route('**/api/documents.export', async (route) => {
      const request = JSON.parse(route.request().postData() ?? '{}') as (typeof asked)[number];
      asked.push(request);
      if (request.id !== PLAN) return route.continue();
      const bytes = Buffer.from(toHtml(model(request.language as Language))).toString('base64');
      return route.fulfill({
        contentType: 'application/json',
        body: JSON.stringify({ ok: true, value: { fileName: 'plan.html', mime: 'text/html', bytes } }),
      });
    });
    await completeFirstRun(page, host.url);
  });
  afterAll(async () => {
    await host?.stop();
    await browser?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('shows the document in a sandboxed frame, and Print and Ctrl+P print the frame alone', async () => {
    await page.evaluate((hash) => (window.location.hash = hash), `#/print/nap/${PLAN}?owners=0`);
    const frame = page.frameLocator('iframe.print-frame');
    await expect
      .poll(() => frame.locator('h1.title').textContent())
      .toBe('National Action Plan <b>of</b> Examplia');
    expect(asked.at(-1)).toMatchObject({
      id: PLAN,
      format: 'html',
      language: 'en',
      options: { owners: false },
    });
    const iframe = page.locator('iframe.print-frame');
    expect(await iframe.getAttribute('sandbox')).toBe('allow-same-origin allow-modals');
    expect(await iframe.getAttribute('title')).toContain('National Action Plan <b>of</b> Examplia');
    // The page's styles apply inside the app's CSP: the header row is shaded.
    expect(await frame.locator('thead th').evaluate((th) => getComputedStyle(th).backgroundColor)).toBe(
      'rgb(217, 226, 243)',
    );

    await page.evaluate(() => {
      const printed: string[] = [];
      (window as unknown as { printed: string[] }).printed = printed;
      window.print = () => printed.push('app');
      document.querySelector<HTMLIFrameElement>('iframe.print-frame')!.contentWindow!.print = () =>
        printed.push('frame');
    });
    await page.getByRole('button', { name: text('en', 'pages', 'print.print') }).click();
    await page.keyboard.press('Control+p');
    await frame.locator('caption').click();
    await page.keyboard.press('Control+p');
    expect(await page.evaluate(() => (window as unknown as { printed: string[] }).printed)).toEqual([
      'frame',
      'frame',
      'frame',
    ]);
    expect(refused).toEqual([]);
  });

  it('is accessible, the screen and the document page alike', async () => {
    const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];
    const ids = (results: Awaited<ReturnType<AxeBuilder['analyze']>>) =>
      results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    // axe cannot run inside the frame (no script runs there): the screen without it, then the
    // document page on its own.
    expect(
      ids(await new AxeBuilder({ page }).withTags(tags).exclude('iframe.print-frame').analyze()),
    ).toEqual([]);
    const alone = await (await browser.newContext()).newPage();
    await alone.setContent(toHtml(model('en')));
    expect(ids(await new AxeBuilder({ page: alone }).withTags(tags).analyze())).toEqual([]);
    await alone.context().close();
  });

  it('asks for the document in the chosen language while the interface stays in its own', async () => {
    await page.getByRole('combobox', { name: text('en', 'pages', 'print.language') }).click();
    await page.getByRole('option', { name: 'العربية' }).click();
    await page.frameLocator('iframe.print-frame').locator('html[lang="ar"][dir="rtl"] h1.title').waitFor();
    expect(asked.at(-1)).toMatchObject({ id: PLAN, language: 'ar', options: { owners: false } });
    expect(page.url()).toContain('lang=ar');
    await page.getByRole('heading', { level: 1, name: text('en', 'pages', 'print.title') }).waitFor();
    expect(await page.locator('html').getAttribute('dir')).toBe('ltr');
  });

  it('says why when there is no such document, and offers nothing to print', async () => {
    await page.evaluate((hash) => (window.location.hash = hash), `#/print/chair-summary/${MISSING}`);
    const alert = page.getByRole('alert');
    await expect.poll(() => alert.textContent()).toContain(text('en', 'errors', 'api.not_found'));
    expect(await alert.textContent()).toContain(text('en', 'pages', 'print.failed'));
    expect(await page.getByRole('button', { name: text('en', 'pages', 'print.print') }).isDisabled()).toBe(
      true,
    );
  });
});
