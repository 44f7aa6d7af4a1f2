import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  expectAccessible,
  launchBrowser,
  newPage,
  screenshot,
  startHost,
  tempDataDir,
  text,
  type RunningHost,
} from './support.js';

describe('first run follows the operating system', () => {
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

  async function firstRun(osLocale: string) {
    const dataDir = tempDataDir('os-language');
    dirs.push(dataDir);
    const host = await startHost(dataDir, osLocale);
    hosts.push(host);
    // The browser's own language is English: the OS language must win.
    const page = await newPage(browser, 'en-US');
    await page.goto(host.url);
    return { page, dataDir, host };
  }

  it('opens in French on a French system', async () => {
    const { page } = await firstRun('fr_FR.UTF-8');
    await page.getByRole('heading', { level: 1, name: text('fr', 'settings', 'firstRun.title') }).waitFor();
    expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual(['fr', 'ltr']);
    await screenshot(page, 'fr-first-run');
  });

  it('opens right-to-left in Arabic on an Arabic system, and can switch to Chinese there', async () => {
    const { page, dataDir } = await firstRun('ar_EG.UTF-8');
    await page.getByRole('heading', { level: 1, name: text('ar', 'settings', 'firstRun.title') }).waitFor();
    expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual(['ar', 'rtl']);
    await expectAccessible(page, 'ar first run');
    await screenshot(page, 'ar-first-run');

    // An empty name is refused beside the field, in Arabic.
    await page.getByRole('button', { name: text('ar', 'settings', 'firstRun.submit') }).click();
    await page.getByText(text('ar', 'errors', 'validation.required')).waitFor();
    await expectAccessible(page, 'ar first run with an error');
    await screenshot(page, 'ar-first-run-error');

    await page.getByRole('combobox', { name: text('ar', 'common', 'language.label') }).click();
    await page.getByRole('option', { name: '中文' }).click();
    await page.getByRole('heading', { level: 1, name: text('zh', 'settings', 'firstRun.title') }).waitFor();
    expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual(['zh', 'ltr']);
    // Country names come from Intl in the UI language.
    await page.getByRole('combobox', { name: text('zh', 'settings', 'profile.country') }).fill('塞内');
    await page.getByRole('option', { name: '塞内加尔' }).click();
    await page.getByRole('textbox', { name: text('zh', 'settings', 'profile.name') }).fill('李华');
    await screenshot(page, 'zh-first-run');
    await page.getByRole('button', { name: text('zh', 'settings', 'firstRun.submit') }).click();
    await page.getByRole('heading', { level: 1, name: text('zh', 'pages', 'dashboard.title') }).waitFor();
    await expectAccessible(page, 'zh dashboard');
    await screenshot(page, 'zh-dashboard');
    const saved = JSON.parse(fs.readFileSync(path.join(dataDir, 'settings.json'), 'utf8'));
    expect(saved).toMatchObject({ language: 'zh', profile: { name: '李华', country: 'SN' } });
  });

  it('tells the user when the settings file was damaged, and keeps the damaged file', async () => {
    const dataDir = tempDataDir('corrupt');
    dirs.push(dataDir);
    fs.writeFileSync(path.join(dataDir, 'settings.json'), '{"language": "en", "theme": ');
    const host = await startHost(dataDir, 'en_US.UTF-8');
    hosts.push(host);
    const page = await newPage(browser);
    await page.goto(host.url);
    const notice = page.getByRole('status').filter({ hasText: text('en', 'common', 'notices.settings_corrupt_title') });
    await notice.waitFor();
    const kept = fs.readdirSync(dataDir).find((f) => f.startsWith('settings.corrupt-'));
    expect(kept).toBeDefined();
    expect(fs.readFileSync(path.join(dataDir, kept!), 'utf8')).toBe('{"language": "en", "theme": ');
    expect(await notice.textContent()).toContain(kept);
    await expectAccessible(page, 'en corrupt settings notice');
    await screenshot(page, 'en-settings-corrupt-notice');
    await notice.getByRole('button', { name: text('en', 'common', 'actions.dismiss') }).click();
    await notice.waitFor({ state: 'detached' });
  });

  it('refuses a page opened without the launch link, in the browser language', async () => {
    const dataDir = tempDataDir('no-token');
    dirs.push(dataDir);
    const host = await startHost(dataDir, 'en_US.UTF-8');
    hosts.push(host);
    const page = await newPage(browser, 'ru-RU');
    await page.goto(host.url.replace(/\?token=.*/, ''));
    await page.getByRole('heading', { level: 1, name: text('ru', 'common', 'boot.noTokenTitle') }).waitFor();
    await expectAccessible(page, 'ru no token');
    await screenshot(page, 'ru-no-token');
    // A forged token gets the API's refusal, never data.
    const status = await page.evaluate(async () => {
      const response = await fetch('/api/settings.get', {
        method: 'POST',
        headers: { Authorization: 'Bearer forged', 'Content-Type': 'application/json' },
        body: '{}',
      });
      return [response.status, ((await response.json()) as { error: { code: string } }).error.code];
    });
    expect(status).toEqual([401, 'unauthorized']);
  });
});
