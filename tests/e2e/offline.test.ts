import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordView } from '../../shared/records/codec.js';
import { api, completeFirstRun, launchBrowser, newPage, startHost, tempDataDir, text, type RunningHost } from './support.js';

const NAP = 'Second National Action Plan on Women, Peace and Security';
const MEETING = 'Focal Points Network meeting';
const ACTION_POINT = 'Send the chair’s summary to members';
const STATEMENT = 'Statement for the open debate';
const CONTACT = 'Fatou Sow';
const TABS = ['plan', 'matrix', 'translation', 'consultation', 'versions', 'progress'] as const;

/**
 * The app asks nothing of the outside world: every page, with records on it, is walked in
 * Chromium while every request of the page, of its workers and of the whole browser context is
 * watched, as is every WebSocket and every resource the Content-Security-Policy refused (a
 * refused resource never becomes a request, so the CSP's report is watched too). Anything not
 * addressed to the app's own origin fails the test.
 */
describe('offline by construction', () => {
  let browser: Browser;
  let host: RunningHost;
  let dataDir: string;
  let page: Page;
  let origin: string;
  const own: string[] = [];
  const foreign: string[] = [];

  const isOwn = (url: string) => url.startsWith(`${origin}/`) || url.startsWith(`blob:${origin}/`) || url.startsWith('data:');
  const watch = (url: string, what: string) => (isOwn(url) ? own : foreign).push(`${what} ${url}`);

  beforeAll(async () => {
    browser = await launchBrowser();
    dataDir = tempDataDir('offline');
    host = await startHost(dataDir, 'en_US.UTF-8');
    origin = new URL(host.url).origin;
    page = await newPage(browser);
    const context = page.context();
    context.on('request', (request) => watch(request.url(), `context ${request.resourceType()}`));
    context.on('serviceworker', (worker) => watch(worker.url(), 'service worker'));
    page.on('request', (request) => watch(request.url(), `page ${request.resourceType()}`));
    page.on('worker', (worker) => watch(worker.url(), 'worker'));
    page.on('websocket', (socket) => watch(socket.url(), 'websocket'));
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) foreign.push(`refused by the CSP: ${message.text()}`);
    });
    await completeFirstRun(page, host.url, 'Amina');
  });
  afterAll(async () => {
    await host?.stop();
    await browser?.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  /** Goes to a route of the app (same document: the tab keeps its launch token). */
  async function open(route: string): Promise<void> {
    await page.evaluate((hash) => (window.location.hash = hash), `#/${route}`);
  }
  /** An editor page is drawn once a field holds the record's title. */
  const showsValue = (value: string) =>
    expect
      .poll(() => page.locator('input, textarea').evaluateAll((fields, v) => fields.some((f) => (f as HTMLInputElement).value === v), value))
      .toBe(true);
  const h1 = (ns: 'pages' | 'settings', key: string) => page.getByRole('heading', { level: 1, name: text('en', ns, key) }).waitFor();

  it('walks every page with records on it and asks only its own origin', async () => {
    const nap = await api<RecordView>(page, 'records.create', { kind: 'nap', fields: { title: { en: NAP }, status: 'drafting', pillars: ['participation'] } });
    const objective = await api<RecordView>(page, 'records.create', { kind: 'nap.objective', parentId: nap.id, fields: { pillar: 'participation', title: { en: 'More women in peacekeeping' } } });
    const napAction = await api<RecordView>(page, 'records.create', { kind: 'nap.action', parentId: objective.id, fields: { description: { en: 'Train mediators' } } });
    const year = new Date().getFullYear();
    await api(page, 'records.create', {
      kind: 'nap.indicator',
      parentId: napAction.id,
      fields: { name: { en: 'Women among mediators (%)' }, baselineValue: 5, baselineYear: year - 2, targetValue: 30, targetYear: year + 2, measurements: [{ date: `${year}-01-01`, value: 12 }] },
    });
    const meeting = await api<RecordView>(page, 'records.create', {
      kind: 'meeting',
      fields: { title: { en: MEETING }, type: 'focal_points_network', start: new Date(Date.now() + 7 * 86_400_000).toISOString(), timeZone: 'Europe/Madrid' },
    });
    await api(page, 'records.create', { kind: 'action', fields: { title: { en: ACTION_POINT }, status: 'open', meetingId: meeting.id, dueDate: new Date().toISOString().slice(0, 10) } });
    const statement = await api<RecordView>(page, 'records.create', { kind: 'input', fields: { type: 'written_statement', title: { en: STATEMENT }, meetingId: meeting.id, body: { en: 'Mr President, …' } } });
    await api(page, 'records.create', { kind: 'contact', fields: { name: CONTACT, country: 'SN' } });

    await open('naps');
    await h1('pages', 'naps.title');
    await page.getByText(NAP).first().waitFor();
    for (const tab of TABS) {
      await open(`naps/${nap.id}?tab=${tab}`);
      await page.getByRole('tab', { name: text('en', 'naps', `tabs.${tab}`), selected: true }).waitFor();
      await page.getByRole('tabpanel').first().waitFor();
    }

    await open('meetings');
    await h1('pages', 'meetings.title');
    await page.getByText(MEETING).first().waitFor();
    await open(`meetings/${meeting.id}`);
    await showsValue(MEETING);

    await open('actions');
    await h1('pages', 'actions.title');
    await page.getByRole('table').getByText(ACTION_POINT).waitFor();
    await page.getByText(text('en', 'meetings', 'view.board'), { exact: true }).click();
    await expect.poll(() => page.getByRole('table').count()).toBe(0);
    await page.getByText(ACTION_POINT).first().waitFor();

    await open('statements');
    await h1('pages', 'statements.title');
    await page.getByText(STATEMENT).first().waitFor();
    await open(`statements/${statement.id}`);
    await showsValue(STATEMENT);

    await open('contacts');
    await h1('pages', 'contacts.title');
    await page.getByText(CONTACT).first().waitFor();

    await open('bundles');
    await h1('pages', 'bundles.title');
    await open('conflicts');
    await h1('pages', 'conflicts.title');
    await open('settings');
    await h1('settings', 'page.title');
    // The dashboard last: it was drawn before the records existed, and reads them when shown again.
    await open('dashboard');
    await h1('pages', 'dashboard.title');
    await page.getByText(ACTION_POINT).first().waitFor();

    await page.keyboard.press('Control+K');
    const search = page.getByRole('dialog', { name: text('en', 'search', 'title') });
    await search.getByRole('combobox', { name: text('en', 'search', 'label') }).fill('mediators');
    await search.getByRole('option').first().waitFor();
    await page.keyboard.press('Escape');

    // The fonts the pages drew with (fetched when first used) have been asked for before the
    // tally; the network never goes idle (the event stream stays open).
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    expect(foreign).toEqual([]);
    // The watch saw the app's own traffic: the page, its script and the API calls.
    expect(own.some((r) => r.includes(' document '))).toBe(true);
    expect(own.some((r) => /\.js$/.test(r))).toBe(true);
    expect(own.some((r) => r.includes('/api/'))).toBe(true);
  });
});
