import fs from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Language } from '../../shared/i18n/languages.js';
import { localDay } from '../../shared/records/action-points.js';
import { api, expectAccessible, fill, launchBrowser, newPage, screenshot, startHost, tempDataDir, text, type RunningHost } from './support.js';

const shift = (days: number) => {
  const d = new Date();
  d.setDate(d.getDate() + days);
  return localDay(d);
};

describe('the dashboard follows up', () => {
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
  ])('shows overdue and due action points, meetings, statuses and the badge, in %s', async (language, osLocale) => {
    const dataDir = tempDataDir(`dashboard-${language}`);
    dirs.push(dataDir);
    const host = await startHost(dataDir, osLocale);
    hosts.push(host);
    const page = await newPage(browser);
    await page.goto(host.url);
    await page.getByRole('textbox', { name: text(language, 'settings', 'profile.name') }).fill('Amina Diallo');
    await page.getByRole('button', { name: text(language, 'settings', 'firstRun.submit') }).click();
    await page.getByRole('heading', { level: 1, name: text(language, 'pages', 'dashboard.title') }).waitFor();

    // Nothing recorded yet: the empty state says what will appear, and where to start.
    await page.getByRole('heading', { name: text(language, 'pages', 'dashboard.emptyTitle') }).waitFor();
    await expectAccessible(page, `${language} empty dashboard`);

    const create = (fields: Record<string, unknown>, kind = 'action') => api(page, 'records.create', { kind, fields });
    await create({ title: { en: 'Send the chair’s summary to members' }, dueDate: shift(-5), status: 'open' });
    await create({ title: { ar: 'إعداد مذكرة مفاهيمية للمناقشة المفتوحة' }, dueDate: shift(-1), status: 'in_progress' });
    await create({ title: { en: 'Circulated already' }, dueDate: shift(-9), status: 'done' });
    await create({ title: { en: 'Confirm the venue' }, dueDate: shift(0), status: 'open' });
    await create({ title: { fr: 'Traduire le résumé de la présidence' }, dueDate: shift(3), status: 'blocked' });
    await create({ title: { en: 'Much later' }, dueDate: shift(30), status: 'open' });
    const future = new Date(Date.now() + 10 * 86_400_000).toISOString();
    await create({ title: { en: 'Focal Points Network meeting' }, type: 'focal_points_network', start: future, timeZone: 'Europe/Madrid' }, 'meeting');
    await create({ title: { en: 'Last year’s meeting' }, type: 'working_group', start: '2025-01-10T10:00:00Z' }, 'meeting');
    const nap = await api<{ id: string }>(page, 'records.create', { kind: 'nap', fields: { title: { en: 'Second National Action Plan' }, status: 'drafting' } });
    const objective = await api<{ id: string }>(page, 'records.create', { kind: 'nap.objective', parentId: nap.id, fields: { pillar: 'participation' } });
    const action = await api<{ id: string }>(page, 'records.create', { kind: 'nap.action', parentId: objective.id, fields: { description: { en: 'Train mediators' }, end: shift(-10), status: 'ongoing' } });
    const year = new Date().getFullYear();
    const indicator = (name: string, value: number) =>
      api(page, 'records.create', {
        kind: 'nap.indicator',
        parentId: action.id,
        fields: { name: { en: name }, baselineValue: 0, baselineYear: year - 2, targetValue: 100, targetYear: year + 2, measurements: [{ date: `${year}-01-01`, value }] },
      });
    await indicator('Far ahead', 90);
    await indicator('Behind', 5);
    await api(page, 'records.create', { kind: 'nap.indicator', parentId: action.id, fields: { name: { en: 'Not measured' } } });

    // Another page and back: the dashboard reads the records afresh.
    await page.getByRole('link', { name: text(language, 'common', 'nav.settings'), exact: true }).click();
    await page.getByRole('link', { name: text(language, 'common', 'nav.dashboard'), exact: true }).click();

    const section = (title: string) => page.locator('section', { has: page.getByRole('heading', { name: title }) });
    const overdue = section(text(language, 'pages', language === 'ar' ? 'dashboard.overdue_two' : 'dashboard.overdue_other').replace('{{count, number}}', '2'));
    await overdue.waitFor();
    await expect.poll(() => overdue.getByRole('link').allTextContents()).toEqual(['Send the chair’s summary to members', 'إعداد مذكرة مفاهيمية للمناقشة المفتوحة']);
    // The Arabic title is marked as Arabic and runs right to left, whatever the UI language.
    await expect.poll(() => overdue.locator('[lang="ar"]').getAttribute('dir')).toBe('rtl');

    const week = section(text(language, 'pages', language === 'ar' ? 'dashboard.dueThisWeek_two' : 'dashboard.dueThisWeek_other').replace('{{count, number}}', '2'));
    await expect.poll(() => week.getByRole('link').allTextContents()).toEqual(['Confirm the venue', 'Traduire le résumé de la présidence']);
    const plans = section(text(language, 'pages', 'dashboard.indicators'));
    await expect.poll(() => plans.getByRole('link').allTextContents()).toEqual(['Second National Action Plan']);
    for (const status of ['on_track', 'off_track', 'no_data']) {
      const line = text(language, 'pages', 'dashboard.indicatorCount_one').replace('{{label}}', text(language, 'naps', `progress.${status}`)).replace('{{count, number}}', '1');
      await plans.getByText(line, { exact: true }).waitFor();
    }
    // An action still ongoing ten days after its end date is said on its plan's card.
    await plans.getByText(fill(language, text(language, 'pages', 'dashboard.lateActions_one'), { count: 1 }), { exact: true }).waitFor();
    const meetings = section(text(language, 'pages', 'dashboard.upcomingMeetings'));
    await expect.poll(() => meetings.getByRole('link').allTextContents()).toEqual(['Focal Points Network meeting']);

    // Overdue (2) and due today (1): the badge beside Action points, with a spoken label.
    const nav = page.getByRole('navigation', { name: text(language, 'common', 'nav.label') });
    await expect.poll(() => nav.getByRole('link', { name: new RegExp(text(language, 'common', 'nav.actions')) }).textContent()).toContain('3');

    await expectAccessible(page, `${language} dashboard`);
    await screenshot(page, `${language}-dashboard`);

    // An overdue item opens where it can be dealt with: its panel on the Action points page.
    await overdue.getByRole('link', { name: 'Send the chair’s summary to members' }).click();
    const panel = page.getByRole('dialog', { name: text(language, 'meetings', 'drawer.title') });
    await panel.waitFor();
    await expect.poll(() => panel.getByRole('textbox').first().inputValue()).toBe('Send the chair’s summary to members');
    await panel.getByRole('button', { name: text(language, 'meetings', 'drawer.close') }).click();
    await panel.waitFor({ state: 'hidden' });
    await page.getByRole('link', { name: text(language, 'common', 'nav.dashboard'), exact: true }).click();

    // Marking one done takes it off the overdue list and the badge.
    const all = await api<{ records: { id: string; fields: { dueDate?: string } }[] }>(page, 'records.query', { kind: 'action', limit: 100 });
    const first = all.records.find((r) => r.fields.dueDate === shift(-5))!;
    await api(page, 'records.update', { id: first.id, fields: { status: 'done' } });
    await page.getByRole('link', { name: text(language, 'common', 'nav.settings'), exact: true }).click();
    await expect.poll(() => nav.getByRole('link', { name: new RegExp(text(language, 'common', 'nav.actions')) }).textContent()).toContain('2');

    // Reminders can be switched off (the browser host explains that notifications are the desktop app's).
    const reminders = page.getByRole('switch', { name: text(language, 'settings', 'reminders.label') });
    await expect.poll(() => reminders.isChecked()).toBe(true);
    await page.getByText(text(language, 'settings', 'reminders.descriptionBrowser')).waitFor();
    await reminders.click();
    await expect.poll(async () => (await api<{ reminders: boolean }>(page, 'settings.get', {})).reminders).toBe(false);
    await expectAccessible(page, `${language} settings with reminders`);

    // The late action is flagged in the plan's outline and in its action matrix too.
    const late = text(language, 'naps', 'late.badge');
    await page.evaluate((id) => (window.location.hash = `#/naps/${id}`), nap.id);
    await page.getByRole('navigation', { name: text(language, 'naps', 'outline.label') }).getByText(late, { exact: true }).waitFor();
    await page.evaluate((id) => (window.location.hash = `#/naps/${id}?tab=matrix`), nap.id);
    await page.getByRole('table').getByText(late, { exact: true }).waitFor();
    await expectAccessible(page, `${language} matrix with a late action`);
    await screenshot(page, `${language}-matrix-late-action`);
  });
});
