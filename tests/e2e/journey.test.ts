import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PAGES, type Page as AppPage } from '../../shared/api/contract.js';
import type { Language } from '../../shared/i18n/languages.js';
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

const PAGE_TITLE: Record<AppPage, [ns: 'pages' | 'settings', key: string]> = {
  dashboard: ['pages', 'dashboard.title'],
  naps: ['pages', 'naps.title'],
  meetings: ['pages', 'meetings.title'],
  actions: ['pages', 'actions.title'],
  statements: ['pages', 'statements.title'],
  contacts: ['pages', 'contacts.title'],
  bundles: ['pages', 'bundles.title'],
  conflicts: ['pages', 'conflicts.title'],
  settings: ['settings', 'page.title'],
};

async function visitEveryPage(page: Page, language: Language) {
  const nav = page.getByRole('navigation', { name: text(language, 'common', 'nav.label') });
  for (const name of PAGES) {
    await nav.getByRole('link', { name: text(language, 'common', `nav.${name}`), exact: true }).click();
    const [ns, key] = PAGE_TITLE[name];
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(text(language, ns, key));
    if (name === 'bundles') {
      await page.getByRole('heading', { level: 2, name: text(language, 'pages', 'bundles.import.title') }).waitFor();
    } else if (name === 'dashboard') {
      await page.getByRole('heading', { level: 2, name: text(language, 'pages', 'dashboard.emptyTitle') }).waitFor();
    }
    await expectAccessible(page, `${language} ${name}`);
    await screenshot(page, `${language}-${name}`);
  }
}

describe('first run, language switch, restart', () => {
  let browser: Browser;
  let host: RunningHost | undefined;
  const dataDir = tempDataDir('journey');

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await host?.stop();
    await browser?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('walks a new user from the first-run screen to Arabic and keeps the settings across a restart', async () => {
    host = await startHost(dataDir, 'en_US.UTF-8');
    const page = await newPage(browser);
    await page.goto(host.url);

    // First run, in the OS language (English here).
    await page.getByRole('heading', { level: 1, name: text('en', 'settings', 'firstRun.title') }).waitFor();
    expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual(['en', 'ltr']);
    // The launch token is taken out of the address bar at once.
    expect(page.url()).not.toContain('token=');
    await expectAccessible(page, 'en first run');
    await screenshot(page, 'en-first-run');

    // Nothing is saved with an empty name: the error stands beside the field, in English.
    await page.getByRole('button', { name: text('en', 'settings', 'firstRun.submit') }).click();
    const name = page.getByRole('textbox', { name: text('en', 'settings', 'profile.name') });
    await expect.poll(() => name.getAttribute('aria-invalid')).toBe('true');
    await page.getByText(text('en', 'errors', 'validation.required')).waitFor();
    await expectAccessible(page, 'en first run with an error');
    expect(JSON.parse(fs.readFileSync(`${dataDir}/settings.json`, 'utf8')).profile).toBeNull();

    await name.fill('Amina Diallo');
    await page.getByRole('textbox', { name: text('en', 'settings', 'profile.organisation') }).fill('Ministry of Foreign Affairs');
    const country = page.getByRole('combobox', { name: text('en', 'settings', 'profile.country') });
    await country.fill('Seneg');
    await page.getByRole('option', { name: 'Senegal' }).click();
    await page.getByRole('radio', { name: text('en', 'common', 'role.civil_society') }).check();
    await page.getByRole('button', { name: text('en', 'settings', 'firstRun.submit') }).click();

    await page.getByRole('heading', { level: 1, name: text('en', 'pages', 'dashboard.title') }).waitFor();
    await page.getByText(text('en', 'pages', 'dashboard.welcome').replace('{{name}}', 'Amina Diallo')).waitFor();
    await visitEveryPage(page, 'en');

    // Keyboard: the same shortcuts as the native menu, and a skip link to the page content.
    await page.keyboard.press('Control+2');
    await page.getByRole('heading', { level: 1, name: text('en', 'pages', 'naps.title') }).waitFor();
    await page.keyboard.press('Control+1');
    await page.getByRole('heading', { level: 1, name: text('en', 'pages', 'dashboard.title') }).waitFor();
    // A reload keeps the session (the token stays with the tab) and puts focus back at the top.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: text('en', 'pages', 'dashboard.title') }).waitFor();
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: text('en', 'common', 'skipToContent') });
    await expect.poll(() => skip.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('main');

    // The unsaved-change guard: an edited profile is not abandoned silently.
    await page.keyboard.press('Control+9');
    const profileName = page.getByRole('textbox', { name: text('en', 'settings', 'profile.name') });
    await expect.poll(() => profileName.inputValue()).toBe('Amina Diallo');
    await profileName.fill('Amina D.');
    await page.getByRole('link', { name: text('en', 'common', 'nav.dashboard'), exact: true }).click();
    const dialog = page.getByRole('dialog', { name: text('en', 'common', 'unsaved.title') });
    await dialog.waitFor();
    await expectAccessible(page, 'en unsaved-changes dialog');
    // Focus starts on the safe answer; Enter keeps the edit.
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe(text('en', 'common', 'actions.stay'));
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => profileName.inputValue()).toBe('Amina D.');
    await profileName.fill('Amina Diallo');

    // Switch to Arabic: the whole window turns right-to-left at once, without a reload.
    const marker = await page.evaluate(() => ((window as unknown as { marker: number }).marker = Math.random()));
    await page.getByRole('combobox', { name: text('en', 'common', 'language.label') }).click();
    await page.getByRole('option', { name: 'العربية' }).click();
    await expect.poll(() => page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual(['ar', 'rtl']);
    expect(await page.evaluate(() => (window as unknown as { marker: number }).marker)).toBe(marker);
    const nav = page.getByRole('navigation', { name: text('ar', 'common', 'nav.label') });
    for (const name of PAGES) {
      await nav.getByRole('link', { name: text('ar', 'common', `nav.${name}`), exact: true }).waitFor();
    }
    await screenshot(page, 'ar-language-switched');
    await visitEveryPage(page, 'ar');

    // Dark theme, in Arabic.
    await page.getByText(text('ar', 'common', 'theme.dark'), { exact: true }).click();
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.mantineColorScheme)).toBe('dark');
    await expectAccessible(page, 'ar settings dark');
    await screenshot(page, 'ar-settings-dark');
    await page.getByText(text('ar', 'common', 'theme.light'), { exact: true }).click();
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.mantineColorScheme)).toBe('light');

    // Restart the host: the language, theme and profile were kept; no first-run screen.
    await host.stop();
    host = await startHost(dataDir, 'en_US.UTF-8');
    await page.goto(host.url);
    await page.getByRole('heading', { level: 1, name: text('ar', 'pages', 'dashboard.title') }).waitFor();
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    await page.getByRole('link', { name: text('ar', 'common', 'nav.settings'), exact: true }).click();
    const arName = page.getByRole('textbox', { name: text('ar', 'settings', 'profile.name') });
    await expect.poll(() => arName.inputValue()).toBe('Amina Diallo');
    const saved = JSON.parse(fs.readFileSync(`${dataDir}/settings.json`, 'utf8'));
    expect(saved).toMatchObject({
      language: 'ar',
      theme: 'light',
      profile: { name: 'Amina Diallo', organisation: 'Ministry of Foreign Affairs', country: 'SN', role: 'civil_society' },
    });
  });
});
