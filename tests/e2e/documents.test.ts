import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Language } from '../../shared/i18n/languages.js';
import { seedDocumentWorkspace, type DocumentWorkspace } from '../fixtures/document-workspace.js';
import {
  api,
  expectAccessible,
  launchBrowser,
  newPage,
  screenshot,
  startHost,
  tempDataDir,
  text,
  type RunningHost,
  completeFirstRun,
} from './support.js';

const autonym = (language: Language) => new Intl.DisplayNames([language], { type: 'language' }).of(language)!;

/**
 * A chair's summary and a written statement exported from their pages, with the interface in
 * English and then in Arabic: the dialog offers the record's own language, the file comes down
 * as a real Word or PDF file, and the print view shows the same document.
 */
describe('documents from the pages', () => {
  const dataDir = tempDataDir('documents');
  let browser: Browser;
  let host: RunningHost;
  let page: Page;
  let ws: DocumentWorkspace;

  beforeAll(async () => {
    browser = await launchBrowser();
    host = await startHost(dataDir, 'en_US.UTF-8');
    page = await newPage(browser);
    await completeFirstRun(page, host.url);
    ws = await seedDocumentWorkspace((name, request) => api(page, name, request));
  });
  afterAll(async () => {
    await host?.stop();
    await browser?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  async function exportFrom(
    language: Language,
    hash: string,
    format: 'docx' | 'pdf',
    shot: string,
  ): Promise<{ name: string; bytes: Buffer }> {
    await page.evaluate((h) => (window.location.hash = h), hash);
    await page.getByRole('button', { name: text(language, 'documents', 'export.button') }).click();
    const dialog = page.getByRole('dialog', { name: text(language, 'documents', 'export.title') });
    await dialog.waitFor();
    // The record is written in the interface's language too: the dialog offers it.
    expect(await dialog.getByRole('radio', { name: autonym(language) }).isChecked()).toBe(true);
    await dialog
      .getByRole('radio', { name: text(language, 'documents', `export.formats.${format}`) })
      .check();
    await expectAccessible(page, `${language} ${shot} export dialog`);
    await screenshot(page, `${language}-${shot}-export`);
    const download = page.waitForEvent('download');
    await dialog.getByRole('button', { name: text(language, 'documents', 'export.export') }).click();
    const file = await download;
    await dialog.getByRole('status').filter({ hasText: file.suggestedFilename() }).waitFor();
    const bytes = fs.readFileSync((await file.path())!);
    return { name: file.suggestedFilename(), bytes };
  }

  it('exports a chair’s summary and a statement in English and in Arabic, and shows them in the print view', async () => {
    for (const language of ['en', 'ar'] as const) {
      if (language === 'ar') {
        await api(page, 'settings.set', { language: 'ar' });
        await page.locator('html[dir="rtl"]').waitFor();
      }
      const summary = await exportFrom(language, `#/meetings/${ws.meetingId}`, 'docx', 'chair-summary');
      expect(summary.name).toMatch(new RegExp(`^${text(language, 'documents', 'chair.kind')} - .+\\.docx$`));
      expect(summary.bytes.subarray(0, 2).toString()).toBe('PK');

      // The same document as it prints, from the dialog (still open, saying the file is ready).
      await page
        .getByRole('dialog')
        .getByRole('button', { name: text(language, 'documents', 'export.printView') })
        .click();
      const frame = page.frameLocator('iframe.print-frame');
      await frame.locator(`html[lang="${language}"] h1.title`).waitFor();
      expect(await frame.locator('h1.title').textContent()).toBe(
        language === 'ar' ? 'اجتماع شبكة جهات التنسيق الوطنية' : 'Focal Points Network meeting',
      );
      await expect
        .poll(() => frame.locator('body').textContent())
        .toContain(language === 'ar' ? '(أ)' : '(a)');
      await screenshot(page, `${language}-chair-summary-print`);

      const statement = await exportFrom(language, `#/statements/${ws.statementId}`, 'pdf', 'statement');
      expect(statement.name.endsWith('.pdf')).toBe(true);
      expect(statement.bytes.subarray(0, 5).toString()).toBe('%PDF-');
    }
  });
});
