import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { Language } from '../../shared/i18n/languages.js';
import { localDay } from '../../shared/records/action-points.js';
import { api, completeFirstRun, fill, launchBrowser, newPage, startHost, tempDataDir, text, type RunningHost } from './support.js';

/**
 * The core announces every change: an edit made in one window (here a second browser tab on the
 * same host) shows in the other at once, lists and the navigation badge alike, with no reload.
 */
describe('live updates', () => {
  let browser: Browser;
  const hosts: RunningHost[] = [];
  const dirs: string[] = [];
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await Promise.all(hosts.map((h) => h.stop()));
    await browser?.close();
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  });

  it.each<[Language, string]>([
    ['en', 'en_GB.UTF-8'],
    ['ar', 'ar_EG.UTF-8'],
  ])('an action point marked done in one tab is done in the other and leaves its badge, in %s', async (language, osLocale) => {
    const dataDir = tempDataDir(`live-${language}`);
    dirs.push(dataDir);
    const host = await startHost(dataDir, osLocale);
    hosts.push(host);
    const first = await newPage(browser);
    await completeFirstRun(first, host.url, 'Amina Diallo', language);

    const overdue = localDay(new Date(Date.now() - 3 * 86_400_000));
    const titles = ['Circulate the chair’s summary', 'Confirm the speakers list'];
    for (const title of titles) await api(first, 'records.create', { kind: 'action', fields: { title: { en: title }, dueDate: overdue, status: 'open' } });

    const second = await newPage(browser);
    await second.goto(host.url);
    const openActions = async (page: Page) => {
      await page
        .getByRole('navigation', { name: text(language, 'common', 'nav.label') })
        .getByRole('link', { name: new RegExp(`^${text(language, 'common', 'nav.actions')}`) })
        .click();
      await page.getByRole('heading', { level: 1, name: text(language, 'pages', 'actions.title') }).waitFor();
    };
    await openActions(first);
    await openActions(second);
    const badge = (page: Page, count: number) =>
      page.getByLabel(fill(language, text(language, 'common', count === 1 ? 'dueBadge_one' : language === 'ar' ? 'dueBadge_two' : 'dueBadge_other'), { count }), { exact: true });
    await badge(second, 2).waitFor();

    await first.getByRole('checkbox', { name: fill(language, text(language, 'meetings', 'table.select'), { title: titles[0]! }) }).check();
    await first.getByRole('combobox', { name: text(language, 'meetings', 'bulk.setStatus') }).click();
    const done = text(language, 'records', 'values.action_point_status.done');
    await first.getByRole('option', { name: done }).click();
    await first.getByRole('button', { name: text(language, 'meetings', 'bulk.apply') }).click();

    // The other tab was told: its row says done and its badge counts one, without being touched.
    const row = second.getByTestId('action-row').filter({ hasText: titles[0]! });
    await row.getByText(done, { exact: true }).waitFor();
    await badge(second, 1).waitFor();
    await badge(first, 1).waitFor();
  });
});
