import fs from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Language } from '../../shared/i18n/languages.js';
import { api, expectAccessible, launchBrowser, newPage, screenshot, startHost, tempDataDir, text, type RunningHost } from './support.js';

describe('backups in Settings', () => {
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
    ['ar', 'ar_JO.UTF-8'],
  ])('backs up and restores, with a confirmation, in %s', async (language, osLocale) => {
    const dataDir = tempDataDir(`backups-${language}`);
    dirs.push(dataDir);
    const host = await startHost(dataDir, osLocale);
    hosts.push(host);
    const page = await newPage(browser);
    await page.goto(host.url);
    await page.getByRole('textbox', { name: text(language, 'settings', 'profile.name') }).fill('Amina Diallo');
    await page.getByRole('button', { name: text(language, 'settings', 'firstRun.submit') }).click();
    await page.getByRole('heading', { level: 1, name: text(language, 'pages', 'dashboard.title') }).waitFor();

    const contact = await api<{ id: string }>(page, 'records.create', { kind: 'contact', fields: { name: 'Before' } });
    await page.getByRole('link', { name: text(language, 'common', 'nav.settings'), exact: true }).click();
    await page.getByText(text(language, 'settings', 'backups.empty')).waitFor();
    await page.getByRole('button', { name: text(language, 'settings', 'backups.create') }).click();
    await page.getByRole('status').filter({ hasText: text(language, 'settings', 'backups.created') }).waitFor();
    const restore = page.getByRole('button', { name: text(language, 'settings', 'backups.restore'), exact: false }).first();
    await restore.waitFor();

    await api(page, 'records.update', { id: contact.id, fields: { name: 'After' } });
    await restore.click();
    const dialog = page.getByRole('dialog', { name: text(language, 'settings', 'backups.confirmTitle') });
    await dialog.waitFor();
    await expectAccessible(page, `${language} restore confirmation`);
    await screenshot(page, `${language}-backups-confirm`);
    await dialog.getByRole('button', { name: text(language, 'settings', 'backups.restore'), exact: true }).click();
    // One record restored: the singular form, in both languages (Arabic's _one).
    await page.getByRole('status').filter({ hasText: text(language, 'settings', 'backups.restored_one').replace('{{count, number}}', '1') }).waitFor();
    const after = await api<{ record: { fields: { name: string } } }>(page, 'records.get', { id: contact.id });
    expect(after.record.fields.name).toBe('Before');
    // The restore itself was backed up first, so it can be undone: two backups are listed now.
    const section = page.locator('section', { has: page.getByRole('heading', { name: text(language, 'settings', 'backups.title') }) });
    await expect.poll(() => section.getByRole('row').count()).toBe(3);
    await expectAccessible(page, `${language} backups list`);
    await screenshot(page, `${language}-backups`);
  });
});
