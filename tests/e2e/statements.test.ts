import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Language } from '../../shared/i18n/languages.js';
import type { RecordView } from '../../shared/records/codec.js';
import {
  api,
  expectAccessible,
  launchBrowser,
  newPage,
  screenshot,
  startHost,
  tempDataDir,
  fill, text,
  type RunningHost,
  completeFirstRun,
} from './support.js';

const s = (lang: Language, key: string, values: Record<string, string | number> = {}) =>
  fill(lang, text(lang, 'statements', key), values);
const rec = (lang: Language, key: string) => text(lang, 'records', key);
const languageName = (ui: Language, l: Language) => new Intl.DisplayNames([ui], { type: 'language' }).of(l)!;

const DEBATE = 'Open debate on women and peace and security';
const QUESTIONS =
  '1. How has your country increased the share of women among police nominated for peacekeeping?\n2. What support do women mediators need?';
const TITLE = 'Written statement of the Network';
// Fourteen words, against a target of ten.
const NAP = 'مشروع خطة العمل الوطنية الثانية';
const COMMENT = 'تعليقات على مصفوفة الإجراءات';
const TITLE_FR = 'Déclaration écrite du Réseau';
const BODY_FR = 'Les policières rendent les missions de maintien de la paix plus efficaces.';
const BODY =
  'Women police officers make peacekeeping missions more effective and more trusted by local communities.';

/**
 * A civil society representative writes a statement for an open debate: the debate's guiding
 * questions beside the text, a live count that flags going over the target, the statement found
 * again from the list; then the same statement with the interface in Arabic, right to left.
 */
describe('written statements', () => {
  let browser: Browser;
  let host: RunningHost;
  let dataDir: string;

  beforeAll(async () => {
    browser = await launchBrowser();
    dataDir = tempDataDir('statements');
    host = await startHost(dataDir, 'en_US.UTF-8');
  });
  afterAll(async () => {
    await host?.stop();
    await browser?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('is written beside the guiding questions, counted live, reopened from the list, and read in Arabic', async () => {
    const page: Page = await newPage(browser);
    await completeFirstRun(page, host.url, 'Amina');
    await api<RecordView>(page, 'records.create', {
      kind: 'meeting',
      fields: {
        title: { en: DEBATE },
        type: 'open_debate',
        start: '2026-10-27T14:00:00Z',
        timeZone: 'America/New_York',
        place: 'New York',
        online: false,
        guidingQuestions: { en: QUESTIONS },
      },
    });

    // No statement yet: the page says what one is and offers to write one.
    await page.getByRole('link', { name: text('en', 'common', 'nav.statements') }).click();
    await page.getByRole('heading', { level: 2, name: s('en', 'list.emptyTitle') }).waitFor();
    await page.getByRole('button', { name: s('en', 'list.emptyAction') }).click();

    const dialog = page.getByRole('dialog');
    await dialog.getByRole('textbox', { name: rec('en', 'fields.title') }).fill(TITLE);
    await dialog.getByRole('combobox', { name: s('en', 'new.meeting') }).click();
    await page.getByRole('option', { name: new RegExp(DEBATE) }).click();
    await dialog.getByRole('button', { name: s('en', 'new.create') }).click();

    // The editor: the questions beside the text, in their own language.
    await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    const questions = page.getByTestId('guiding-questions');
    await expect.poll(() => questions.innerText()).toBe(QUESTIONS);
    expect(await questions.getAttribute('lang')).toBe('en');

    // A small target, then a text that goes over it: counted as typed, flagged, not refused.
    await page.getByRole('textbox', { name: rec('en', 'fields.targetWords') }).fill('10');
    const body = page.getByTestId('statement-body-en');
    await body.fill(BODY);
    const count = page.getByTestId('statement-count');
    await expect
      .poll(() => count.innerText())
      .toContain(s('en', 'count.words_other', { words: 14, target: 10 }));
    await count.getByText(s('en', 'count.over_other', { count: 4 })).waitFor();
    expect(await count.getAttribute('data-over')).toBe('true');
    // A French translation beside it, in its own column, counted in its own words.
    await page.getByRole('button', { name: s('en', 'editor.addTranslation') }).click();
    await page.getByRole('menuitem', { name: 'French' }).click();
    await page.getByRole('textbox', { name: `${rec('en', 'fields.title')} (French)` }).fill(TITLE_FR);
    await page.getByTestId('statement-body-fr').fill(BODY_FR);
    await expect.poll(() => page.getByTestId('statement-count').count()).toBe(2);
    await expect
      .poll(() => page.getByTestId('statement-count').nth(1).innerText())
      .toContain(s('en', 'count.words_other', { words: 12, target: 10 }));
    expect(await page.getByTestId('statement-body-fr').getAttribute('lang')).toBe('fr');
    // Saved with the keyboard from inside the text: the focus stays where the person is writing.
    await page.getByTestId('statement-body-fr').press('End');
    await page.getByTestId('statement-body-fr').pressSequentially('!');
    await page.getByText(text('en', 'common', 'save.pending')).waitFor();
    await page.getByTestId('statement-body-fr').press('ControlOrMeta+s');
    await page.getByText(text('en', 'common', 'save.saved')).waitFor();
    expect(await page.getByTestId('statement-body-fr').evaluate((el) => el === document.activeElement)).toBe(true);
    await page.getByText(text('en', 'common', 'save.saved')).waitFor();
    await expectAccessible(page, 'en statement editor');
    await screenshot(page, 'en-statement-editor');

    // Leave, find it in the list, open it again: the text is there.
    await page.getByRole('link', { name: s('en', 'editor.back') }).click();
    const row = page.getByRole('row').filter({ hasText: TITLE });
    await row.getByText(DEBATE).waitFor();
    await row.getByText(s('en', 'count.words_other', { words: 14, target: 10 })).waitFor();
    await expectAccessible(page, 'en statements list');
    await screenshot(page, 'en-statements-list');
    await row.getByRole('link', { name: TITLE }).click();
    await expect.poll(() => page.getByTestId('statement-body-en').inputValue()).toBe(BODY);
    const url = page.url();

    // Deleted after a question, and back with Undo from the list.
    await page.getByRole('button', { name: s('en', 'editor.delete') }).click();
    await page
      .getByRole('dialog')
      .getByRole('button', { name: s('en', 'editor.delete') })
      .click();
    await page.getByRole('heading', { level: 2, name: s('en', 'list.emptyTitle') }).waitFor();
    await page.getByRole('button', { name: s('en', 'list.undo') }).click();
    await page.getByRole('row').filter({ hasText: TITLE }).waitFor();

    // In Arabic: the screen runs right to left, the English text keeps its own direction.
    await api(page, 'settings.set', { language: 'ar' });
    await expect
      .poll(() => page.evaluate(() => [document.documentElement.lang, document.documentElement.dir]))
      .toEqual(['ar', 'rtl']);
    await page.goto(url);
    await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    const arBody = page.getByRole('textbox', {
      name: `${rec('ar', 'fields.body')} (${languageName('ar', 'en')})`,
    });
    await expect.poll(() => arBody.inputValue()).toBe(BODY);
    expect(await arBody.getAttribute('lang')).toBe('en');
    expect(await arBody.evaluate((el) => getComputedStyle(el).direction)).toBe('ltr');
    await page.getByRole('heading', { level: 2, name: rec('ar', 'fields.guidingQuestions') }).waitFor();
    await page.getByRole('button', { name: s('ar', 'editor.addTranslation') }).waitFor();
    await expectAccessible(page, 'ar statement editor');
    await screenshot(page, 'ar-statement-editor');
    // On a narrow window the questions stack under the text.
    await page.setViewportSize({ width: 900, height: 860 });
    await screenshot(page, 'ar-statement-editor-narrow');
    await page.setViewportSize({ width: 1280, height: 860 });
    await page.getByRole('link', { name: s('ar', 'editor.back') }).click();
    await page.getByRole('row').filter({ hasText: TITLE }).waitFor();
    await expectAccessible(page, 'ar statements list');
    await screenshot(page, 'ar-statements-list');

    // A comment sent in on a NAP draft is a statement too: listed for its plan, opened from the plan.
    const nap = await api<RecordView>(page, 'records.create', {
      kind: 'nap',
      fields: { title: { ar: NAP }, status: 'consultation' },
    });
    await api<RecordView>(page, 'records.create', {
      kind: 'input',
      fields: { type: 'comment', title: { ar: COMMENT }, napId: nap.id, status: 'received' },
    });
    await page.reload();
    await page.getByRole('row').filter({ hasText: COMMENT }).getByRole('link', { name: NAP }).waitFor();
    await page.goto(`${new URL(url).origin}/#/naps/${nap.id}?tab=consultation`);
    await page.getByRole('link', { name: COMMENT }).click();
    await page.getByRole('heading', { level: 1, name: COMMENT }).waitFor();
    expect(
      await page
        .getByRole('textbox', { name: `${rec('ar', 'fields.title')} (${languageName('ar', 'ar')})` })
        .inputValue(),
    ).toBe(COMMENT);
  });
});
