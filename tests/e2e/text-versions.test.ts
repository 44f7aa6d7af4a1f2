import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Language } from '../../shared/i18n/languages.js';
import { headingLabel, itemLabel } from '../../shared/meetings/numbering.js';
import type { RecordView } from '../../shared/records/codec.js';
import { api, expectAccessible, launchBrowser, newPage, ROOT, screenshot, startHost, tempDataDir, fill, text, type RunningHost } from './support.js';

const m = (lang: Language, key: string, values: Record<string, string> = {}) =>
  fill(lang, text(lang, 'meetings', key), values);
const tagName = (lang: Language, field: string, language: Language) =>
  text(lang, 'common', 'multilingual.editing')
    .replace('{{field}}', field)
    .replace('{{language}}', new Intl.DisplayNames([lang], { type: 'language' }).of(language)!);

const MEETING = '妇女与和平与安全国家协调中心网络会议';
const POINT = '分享良好做法';
const AMINA_FIX = '分享调解员网络的良好做法';
const BORIS_FIX = '分享妇女调解员的良好做法';

/**
 * A Chinese action point corrected with the interface in English: the correction is the Chinese
 * version (no English one appears), so a colleague's concurrent correction of the same Chinese text
 * comes back as an edit conflict instead of merging silently beside it.
 */
describe('editing a text edits the language version shown', () => {
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

  async function person(name: string): Promise<Page> {
    const dataDir = tempDataDir(`text-versions-${name}`);
    dirs.push(dataDir);
    const host = await startHost(dataDir, 'en_US.UTF-8');
    hosts.push(host);
    const page = await newPage(browser);
    await page.goto(host.url);
    await page.getByRole('textbox', { name: text('en', 'settings', 'profile.name') }).fill(name);
    await page.getByRole('button', { name: text('en', 'settings', 'firstRun.submit') }).click();
    await page.getByRole('heading', { level: 1, name: text('en', 'pages', 'dashboard.title') }).waitFor();
    return page;
  }

  /** One person's whole workspace into the other's, through the same API the Bundles page uses. */
  async function send(from: Page, to: Page) {
    const bundle = await api<{ content: string }>(from, 'bundles.export', { scope: { type: 'all' } });
    const preview = await api<{ previewId: string }>(to, 'bundles.preview', { content: bundle.content });
    await api(to, 'bundles.apply', { previewId: preview.previewId });
  }

  const get = async (page: Page, id: string) => (await api<{ record: RecordView }>(page, 'records.get', { id })).record;

  it('a Chinese point corrected in the English interface stays Chinese, and a concurrent correction is an edit conflict', async () => {
    const amina = await person('Amina');
    const boris = await person('Boris');

    // A meeting held in Chinese; Amina's interface is in English.
    const meeting = await api<RecordView>(amina, 'records.create', {
      kind: 'meeting',
      fields: { title: { zh: MEETING }, type: 'focal_points_network', start: '2026-03-02T09:00:00Z', timeZone: 'Asia/Shanghai', place: '北京', online: false },
    });
    await amina.goto(`${new URL(amina.url()).origin}/#/meetings/${meeting.id}`);
    await amina.getByRole('heading', { level: 1, name: MEETING }).waitFor();

    // A point taken down in quick entry is written in the meeting's language, and says so.
    await amina.getByRole('button', { name: m('en', 'points.addHeading') }).click();
    const entry = amina.getByRole('textbox', { name: m('en', 'points.quickEntry', { label: '(a)' }) });
    await amina.getByRole('button', { name: tagName('en', m('en', 'points.quickEntry', { label: '(a)' }), 'zh') }).waitFor();
    await entry.fill(POINT);
    await entry.press('Enter');
    const row = amina.getByRole('textbox', { name: m('en', 'points.itemTitle', { label: '(a)(i)' }), exact: true });
    await expect.poll(() => row.inputValue()).toBe(POINT);
    const points = await api<{ records: RecordView[] }>(amina, 'records.query', { kind: 'action', where: { meetingId: meeting.id }, limit: 10 });
    const point = points.records[0]!;
    expect(point.fields.title).toEqual({ zh: POINT });

    // Boris has the same meeting.
    await send(amina, boris);
    expect((await get(boris, point.id)).fields.title).toEqual({ zh: POINT });

    // Amina corrects the Chinese text inline: the Chinese version changes, no English one appears.
    expect(await row.getAttribute('lang')).toBe('zh');
    const tag = amina.getByRole('button', { name: tagName('en', m('en', 'points.itemTitle', { label: '(a)(i)' }), 'zh') });
    expect(await tag.textContent()).toBe('Chinese');
    await row.fill(AMINA_FIX);
    await row.press('Tab');
    await expect.poll(async () => (await get(amina, point.id)).fields.title).toEqual({ zh: AMINA_FIX });
    await expectAccessible(amina, 'en meeting with a Chinese point');
    await screenshot(amina, 'en-text-version-inline');
    await amina.locator('li[data-testid="action-point"]').first().screenshot({ path: path.join(ROOT, 'test-output', 'text-version-en.png') });

    // Boris, at the same time, corrects the same Chinese words his own way.
    await api(boris, 'records.update', { id: point.id, fields: { title: { zh: BORIS_FIX } } });

    // Back at Amina's: not merged silently, an edit conflict on the Chinese title.
    await send(boris, amina);
    const merged = await get(amina, point.id);
    expect(Object.keys(merged.fields.title as object)).toEqual(['zh']);
    expect(merged.conflicts.map((c) => [c.field, c.kind])).toEqual([['title@zh', 'edit']]);
    await amina.getByRole('link', { name: text('en', 'common', 'nav.conflicts') }).click();
    const sides = amina.getByRole('article');
    await expect.poll(() => sides.count()).toBe(2);
    // Each side is named by its author; the field is the Chinese version of the title.
    await sides.filter({ hasText: 'Amina' }).waitFor();
    await sides.filter({ hasText: 'Boris' }).waitFor();
    await amina.getByText(`${text('en', 'records', 'fields.title')} (Chinese)`, { exact: true }).waitFor();
    await expectAccessible(amina, 'en conflicts on a Chinese title');

    // In Arabic: the row and the panel mark the version they edit, in the interface language.
    await api(amina, 'settings.set', { language: 'ar' });
    await expect.poll(() => amina.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual(['ar', 'rtl']);
    await amina.goto(`${new URL(amina.url()).origin}/#/meetings/${meeting.id}`);
    await amina.getByRole('heading', { level: 1, name: MEETING }).waitFor();
    const arNumber = headingLabel('a', 'ar') + itemLabel(1, 'ar');
    const arLabel = m('ar', 'points.itemTitle', { label: arNumber });
    await amina.getByRole('button', { name: tagName('ar', arLabel, 'zh') }).waitFor();
    await amina.locator('li[data-testid="action-point"]').first().screenshot({ path: path.join(ROOT, 'test-output', 'text-version-ar.png') });
    await amina.getByRole('button', { name: m('ar', 'points.more', { label: arNumber }) }).click();
    const drawer = amina.getByRole('dialog');
    const field = text('ar', 'records', 'fields.title');
    const zhName = new Intl.DisplayNames(['ar'], { type: 'language' }).of('zh')!;
    const box = drawer.getByRole('textbox', { name: `${field} (${zhName})`, exact: true });
    expect(await box.getAttribute('lang')).toBe('zh');
    await drawer.getByRole('button', { name: tagName('ar', field, 'zh') }).click();
    expect(await amina.getByRole('menuitemradio', { name: zhName }).getAttribute('aria-checked')).toBe('true');
    await expectAccessible(amina, 'ar action point panel with its language menu');
    await screenshot(amina, 'ar-text-version-panel');
    // Adding a translation is that explicit choice: the box then edits an empty French version.
    const frName = new Intl.DisplayNames(['ar'], { type: 'language' }).of('fr')!;
    await amina.getByRole('menuitemradio', { name: frName }).click();
    const frBox = drawer.getByRole('textbox', { name: `${field} (${frName})`, exact: true });
    expect(await frBox.inputValue()).toBe('');
    expect(await frBox.getAttribute('lang')).toBe('fr');
  });
});
