import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { resources } from '../../shared/i18n/resources.js';
import type { Language } from '../../shared/i18n/languages.js';

export const ROOT = path.resolve(import.meta.dirname, '..', '..');
export const SCREENSHOTS = path.join(ROOT, 'test-output', 'screenshots');

/** Debian's Chromium here; CHROMIUM_PATH points elsewhere (e.g. a Playwright-downloaded browser). */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export function launchBrowser(): Promise<Browser> {
  // Playwright gives every launch a fresh, temporary --user-data-dir.
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

export function tempDataDir(name: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `fpd-e2e-${name}-`));
}

export interface RunningHost {
  url: string;
  child: ChildProcess;
  output(): string;
  stop(): Promise<void>;
}

/** Starts the built browser host (`npm start -- --browser --no-open --data DIR`) and waits for its URL. */
export function startHost(dataDir: string, locale = 'en_US.UTF-8'): Promise<RunningHost> {
  const child = spawn(process.execPath, [path.join(ROOT, 'out/main/start.js'), '--browser', '--no-open', '--data', dataDir], {
    cwd: ROOT,
    env: { ...process.env, LANG: locale, LC_ALL: '', LC_MESSAGES: '', LANGUAGE: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const url = /http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+/.exec(output)?.[0];
      if (!url) return;
      child.stdout.off('data', onData);
      resolve({
        url,
        child,
        output: () => output,
        stop: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null) return done();
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`host exited (${code}) before printing its URL:\n${output}`)));
  });
}

/** The text a key has in a language, read from the same locale files the app bundles. */
export function text(language: Language, ns: keyof (typeof resources)['en'], key: string): string {
  const value = key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)?.[part], resources[language][ns]);
  if (typeof value !== 'string') throw new Error(`no string ${language}/${ns}:${key}`);
  return value;
}

/**
 * A sentence with its placeholders filled as i18next fills them: `{{name}}` as given, and a number
 * under `{{count, number}}` through Intl in the language (1 000 in French).
 */
export function fill(language: Language, template: string, values: Record<string, string | number>): string {
  return template.replace(/\{\{\s*(\w+)\s*(?:,\s*([^}]*?))?\s*\}\}/g, (whole, name: string, format?: string) => {
    if (!(name in values)) return whole;
    const value = values[name]!;
    return typeof value === 'number' && format?.startsWith('number') ? new Intl.NumberFormat(language).format(value) : String(value);
  });
}

export async function newPage(browser: Browser, locale = 'en-US'): Promise<Page> {
  // Reduced motion: axe measures colours at rest, not halfway through a fade-in.
  const context = await browser.newContext({ locale, viewport: { width: 1280, height: 860 }, reducedMotion: 'reduce' });
  const page = await context.newPage();
  page.on('pageerror', (error) => {
    throw error;
  });
  // A screen that crashed into its error boundary logs the error: that fails the test too.
  page.on('console', (message) => {
    if (message.type() === 'error' && /^(TypeError|ReferenceError|RangeError|SyntaxError|Error)\b/.test(message.text())) {
      throw new Error(`the page logged: ${message.text().slice(0, 2000)}`);
    }
  });
  return page;
}

/** axe-core with the WCAG 2.x A and AA rules: the page must have no violation at all. */
export async function expectAccessible(page: Page, what: string): Promise<void> {
  let violations: string[] = [];
  // Some widgets place themselves a frame after rendering (a segmented control's indicator):
  // a violation must still be there after the page has painted twice more to count.
  for (let attempt = 0; attempt < 3; attempt++) {
    const results = await new AxeBuilder({ page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
      .analyze();
    violations = results.violations.map((v) => `${what}: ${v.id} (${v.impact}) ${v.help} → ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    if (violations.length === 0) return;
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  }
  expect(violations).toEqual([]);
}

export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  // From the top: a full-page shot of a scrolled page draws the fixed header mid-page.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** Calls the API from inside the page with the tab's launch token, as the app itself does. */
export function api<T>(page: Page, name: string, request: unknown): Promise<T> {
  return page.evaluate(
    async ([n, r]) => {
      const response = await fetch(`/api/${n}`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${sessionStorage.getItem('fpd-token')}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(r),
      });
      const body = (await response.json()) as { ok: boolean; value: unknown };
      if (!body.ok) throw new Error(JSON.stringify(body));
      return body.value as T;
    },
    [name, request] as const,
  );
}

/** Opens the app and completes the first-run screen (in the language it opens in), landing on the dashboard. */
export async function completeFirstRun(page: Page, url: string, name = 'Amina Diallo', language: Language = 'en'): Promise<void> {
  await page.goto(url);
  await page.getByRole('textbox', { name: text(language, 'settings', 'profile.name') }).fill(name);
  await page.getByRole('button', { name: text(language, 'settings', 'firstRun.submit') }).click();
  await page.getByRole('heading', { level: 1, name: text(language, 'pages', 'dashboard.title') }).waitFor();
}
