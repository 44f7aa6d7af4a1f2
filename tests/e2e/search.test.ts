import fs from 'node:fs';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Language } from '../../shared/i18n/languages.js';
import type { RecordView } from '../../shared/records/codec.js';
import {
  api,
  completeFirstRun,
  expectAccessible,
  launchBrowser,
  newPage,
  screenshot,
  startHost,
  tempDataDir,
  fill, text,
  type RunningHost,
} from './support.js';

const s = (lang: Language, key: string, values: Record<string, string> = {}) =>
  fill(lang, text(lang, 'search', key), values);

// The objective's text has the diacritics a careful Arabic writer adds; the query has none.
const NAP_AR = 'خطة العمل الوطنية الثانية للمرأة والسلام والأمن';
const OBJECTIVE_AR = 'زيادة مشاركة المرأة في حفظ السلام';
const POLICE_VOWELLED = 'الشُّرْطَةِ';
const OBJECTIVE_DESCRIPTION_AR = `رفع نسبة النساء في ${POLICE_VOWELLED} المرشَّحات لعمليات حفظ السلام إلى عشرين في المائة على الأقل`;
const MEETING_AR = 'اجتماع شبكة جهات التنسيق الوطنية';
const MEETING_NOTES_AR = 'ناقش المشاركون تدريب الشرطة قبل النشر.';

const MEETING_ZH = '妇女与和平与安全国家协调中心网络会议';
const NOTES_ZH = '与会者指出，女警察参加维和行动有助于保护平民。';
const ACTION_ZH = '提名更多女警察参加维和特派团';

/** Waits until the listbox shows these group headings (the kinds' plural names), in this order or any. */
async function groupNames(dialog: Locator): Promise<string[]> {
  return dialog.getByRole('listbox').getByRole('group').evaluateAll((groups) =>
    groups.map((g) => document.getElementById(g.getAttribute('aria-labelledby') ?? '')?.textContent ?? ''),
  );
}

/** Moves the active option with the arrow keys to `target` and checks the combobox follows. */
async function arrowTo(page: Page, box: Locator, options: Locator, target: Locator): Promise<void> {
  const ids = await options.evaluateAll((els) => els.map((e) => e.id));
  const goal = ids.indexOf((await target.getAttribute('id'))!);
  expect(goal).toBeGreaterThanOrEqual(0);
  expect(await box.getAttribute('aria-activedescendant')).toBe(ids[0]);
  // Down once (the arrows move the active option), then to the target.
  await page.keyboard.press('ArrowDown');
  await expect.poll(() => box.getAttribute('aria-activedescendant')).toBe(ids[Math.min(1, ids.length - 1)]);
  let at = Math.min(1, ids.length - 1);
  while (at !== goal) {
    await page.keyboard.press(at < goal ? 'ArrowDown' : 'ArrowUp');
    at += at < goal ? 1 : -1;
    await expect.poll(() => box.getAttribute('aria-activedescendant')).toBe(ids[at]);
  }
  await expect.poll(() => target.getAttribute('aria-selected')).toBe('true');
}

/**
 * The search in the header: Ctrl+K from anywhere, results grouped by kind with the words found
 * marked in each text's own language and direction, the arrow keys and Enter to open the record
 * where it lives; in Arabic (right to left, a query without the text's diacritics) and in Chinese.
 */
describe('search', () => {
  let browser: Browser;
  let host: RunningHost;
  let dataDir: string;
  let page: Page;

  beforeAll(async () => {
    browser = await launchBrowser();
    dataDir = tempDataDir('search');
    host = await startHost(dataDir, 'en_US.UTF-8');
    page = await newPage(browser);
    await completeFirstRun(page, host.url, 'Amina');
  });
  afterAll(async () => {
    await host?.stop();
    await browser?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('finds an Arabic objective by a word typed without diacritics and opens the plan at it', async () => {
    const nap = await api<RecordView>(page, 'records.create', {
      kind: 'nap',
      fields: { title: { ar: NAP_AR }, status: 'drafting', pillars: ['participation', 'protection'] },
    });
    const objective = await api<RecordView>(page, 'records.create', {
      kind: 'nap.objective',
      parentId: nap.id,
      fields: { pillar: 'participation', title: { ar: OBJECTIVE_AR }, description: { ar: OBJECTIVE_DESCRIPTION_AR } },
    });
    await api(page, 'records.create', {
      kind: 'meeting',
      fields: { title: { ar: MEETING_AR }, type: 'focal_points_network', start: '2026-11-10T09:00:00Z', timeZone: 'Asia/Amman', notes: { ar: MEETING_NOTES_AR } },
    });
    await api(page, 'settings.set', { language: 'ar' });
    await expect.poll(() => page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual(['ar', 'rtl']);

    await page.keyboard.press('Control+K');
    const dialog = page.getByRole('dialog', { name: s('ar', 'title') });
    await dialog.getByRole('heading', { name: s('ar', 'empty.title') }).waitFor();
    const box = dialog.getByRole('combobox', { name: s('ar', 'label') });
    await expect.poll(() => box.evaluate((el) => el === document.activeElement)).toBe(true);

    await box.fill('الشرطة');
    const options = dialog.getByRole('option');
    const objectiveOption = dialog.getByRole('group', { name: s('ar', 'groups.napObjective') }).getByRole('option');
    await objectiveOption.waitFor();
    await dialog.getByRole('group', { name: s('ar', 'groups.meeting') }).getByRole('option').waitFor();
    expect((await groupNames(dialog)).sort()).toEqual([s('ar', 'groups.meeting'), s('ar', 'groups.napObjective')].sort());
    // The count is said politely, in Arabic's dual.
    await expect.poll(() => dialog.getByRole('status').first().textContent()).toBe(text('ar', 'search', 'results_two'));

    // The word found is marked as written, diacritics and all, in a snippet that runs right to left.
    await expect.poll(() => objectiveOption.locator('mark').allTextContents()).toContain(POLICE_VOWELLED);
    const snippet = objectiveOption.locator('.search-snippet');
    expect(await snippet.getAttribute('lang')).toBe('ar');
    expect(await snippet.getAttribute('dir')).toBe('rtl');
    await expect.poll(() => objectiveOption.textContent()).toContain(NAP_AR);
    await expectAccessible(page, 'ar search results');
    await screenshot(page, 'ar-search');

    await arrowTo(page, box, options, objectiveOption);
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('heading', { level: 1, name: NAP_AR }).waitFor();
    // The plan opens at the objective: selected in the outline, with the focus on it.
    const row = page.locator(`[data-item-id="${objective.id}"]`);
    await expect.poll(() => row.getAttribute('aria-current')).toBe('true');
    await expect.poll(() => row.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(page.url()).toContain(`#/naps/${nap.id}`);

    // From a text field too: Ctrl+K opens the search whatever has the focus.
    const field = page.getByRole('main').getByRole('textbox').first();
    await field.focus();
    await page.keyboard.press('Control+K');
    // Nothing found: the dialog says what was searched and what to try.
    await box.fill('مفوضية غير موجودة');
    await dialog.getByRole('heading', { name: s('ar', 'none.title', { query: 'مفوضية غير موجودة' }) }).waitFor();
    await dialog.getByText(s('ar', 'none.body')).waitFor();
    await expectAccessible(page, 'ar search without results');
    // Escape closes it and gives the focus back to the field.
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => field.evaluate((el) => el === document.activeElement)).toBe(true);
  });

  it('finds Chinese words inside a sentence and opens an action point in its panel', async () => {
    const meeting = await api<RecordView>(page, 'records.create', {
      kind: 'meeting',
      fields: { title: { zh: MEETING_ZH }, type: 'focal_points_network', start: '2026-11-12T02:00:00Z', timeZone: 'Asia/Shanghai', notes: { zh: NOTES_ZH } },
    });
    await api(page, 'records.create', {
      kind: 'action',
      fields: { title: { zh: ACTION_ZH }, status: 'open', meetingId: meeting.id },
    });
    await api(page, 'settings.set', { language: 'zh' });
    await expect.poll(() => page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual(['zh', 'ltr']);

    await page.keyboard.press('Control+K');
    const dialog = page.getByRole('dialog', { name: s('zh', 'title') });
    const box = dialog.getByRole('combobox', { name: s('zh', 'label') });
    await box.fill('警察');
    const meetingOption = dialog.getByRole('group', { name: s('zh', 'groups.meeting') }).getByRole('option');
    const actionOption = dialog.getByRole('group', { name: s('zh', 'groups.action') }).getByRole('option');
    await meetingOption.waitFor();
    await actionOption.waitFor();
    expect((await groupNames(dialog)).sort()).toEqual([s('zh', 'groups.action'), s('zh', 'groups.meeting')].sort());
    await expect.poll(() => meetingOption.locator('mark').allTextContents()).toEqual(['警察']);
    const snippet = meetingOption.locator('.search-snippet');
    expect(await snippet.getAttribute('lang')).toBe('zh');
    expect(await snippet.getAttribute('dir')).toBe('ltr');
    // The action point says which meeting it came from.
    await expect.poll(() => actionOption.textContent()).toContain(`${s('zh', 'parent.meeting')}${MEETING_ZH}`);
    await expectAccessible(page, 'zh search results');
    await screenshot(page, 'zh-search');

    await arrowTo(page, box, dialog.getByRole('option'), actionOption);
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'hidden' });
    const panel = page.getByRole('dialog', { name: text('zh', 'meetings', 'drawer.title') });
    await panel.waitFor();
    await expect.poll(() => panel.getByRole('textbox').first().inputValue()).toBe(ACTION_ZH);
    expect(page.url()).toContain('#/actions?open=');
  });
});
