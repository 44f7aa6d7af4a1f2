import fs from 'node:fs';
import type { Browser, Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { Language } from '../../shared/i18n/languages.js';
import { resources } from '../../shared/i18n/resources.js';
import { api, expectAccessible, launchBrowser, newPage, screenshot, startHost, tempDataDir, fill, text, type RunningHost } from './support.js';

interface View {
  id: string;
  kind: string;
  parentId: string | null;
  fields: Record<string, unknown>;
  deleted: boolean;
}

/** Kind names have dots in their keys (`nap.action`), so they are read directly. */
const kindLabel = (lang: Language, kind: string) => (resources[lang].records.kinds as Record<string, string>)[kind]!;

const TABS = ['plan', 'matrix', 'translation', 'consultation', 'versions', 'progress'] as const;
const ENDONYM = { en: 'English', ar: 'العربية' } as const;

describe('the NAP drafting workspace', () => {
  let browser: Browser;
  let host: RunningHost | undefined;
  const dataDir = tempDataDir('naps');

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await host?.stop();
    await browser?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('builds a plan in English, edits it in Arabic, snapshots, compares, and refuses bad input', async () => {
    host = await startHost(dataDir, 'en_US.UTF-8');
    const page = await newPage(browser);
    page.setDefaultTimeout(15_000);
    // What the screen showed when a step failed, for whoever reads the failure.
    onTestFailed(() => screenshot(page, 'naps-failure'));
    await page.goto(host.url);
    await page.getByRole('textbox', { name: text('en', 'settings', 'profile.name') }).fill('Amina Diallo');
    await page.getByRole('button', { name: text('en', 'settings', 'firstRun.submit') }).click();
    await page.getByRole('heading', { level: 1, name: text('en', 'pages', 'dashboard.title') }).waitFor();

    const t = (lang: Language, key: string, values: Record<string, string | number> = {}) =>
      fill(lang, text(lang, 'naps', key), values);
    const field = (lang: Language, name: string) => text(lang, 'records', `fields.${name}`);
    const mainForm = () => page.getByRole('region', { name: t('en', 'outline.details') });
    const saved = (lang: Language) => page.getByRole('status').filter({ hasText: text(lang, 'common', 'save.saved') });
    const outline = (lang: Language) => page.getByRole('navigation', { name: t(lang, 'outline.label') });
    const item = (lang: Language, kind: string, title: string) =>
      outline(lang).getByRole('button', { name: `${kindLabel(lang, kind)} ${title}`, exact: true });
    const ml = (scope: Locator, lang: Language, name: string, content: Language = lang) =>
      scope.getByRole('textbox', { name: `${field(lang, name)} (${ENDONYM[content as 'en' | 'ar']})`, exact: true });

    // The list starts empty; a new plan from the empty template.
    await page.getByRole('link', { name: text('en', 'common', 'nav.naps'), exact: true }).click();
    await page.getByRole('heading', { level: 2, name: text('en', 'pages', 'naps.emptyTitle') }).waitFor();
    await expectAccessible(page, 'en empty list');
    await page.getByRole('button', { name: t('en', 'list.new') }).click();
    const dialog = page.getByRole('dialog', { name: t('en', 'new.title') });
    await dialog.getByRole('button', { name: t('en', 'new.create') }).click();
    await dialog.getByText(text('en', 'errors', 'validation.required')).waitFor();
    await dialog.getByRole('textbox', { name: field('en', 'title') }).fill('Third National Action Plan on Women, Peace and Security');
    await dialog.getByRole('combobox', { name: field('en', 'country') }).fill('Senegal');
    await page.getByRole('option', { name: 'Senegal' }).click();
    await dialog.getByRole('radio', { name: t('en', 'new.empty') }).check();
    await expectAccessible(page, 'en new plan dialog');
    await dialog.getByRole('button', { name: t('en', 'new.create') }).click();
    await page.getByRole('heading', { level: 1, name: 'Third National Action Plan on Women, Peace and Security' }).waitFor();
    const napId = /#\/naps\/([\w-]+)/.exec(page.url())![1]!;
    await outline('en').getByText(t('en', 'outline.noPillars')).waitFor();

    // Two pillars, added from the keyboard-usable picker.
    for (const pillar of ['participation', 'protection']) {
      await page.getByRole('combobox', { name: t('en', 'outline.addPillar') }).click();
      await page.getByRole('option', { name: text('en', 'records', `values.pillar.${pillar}`) }).click();
      await page.getByRole('button', { name: t('en', 'outline.add'), exact: true }).click();
      await outline('en').getByRole('heading', { level: 3, name: text('en', 'records', `values.pillar.${pillar}`) }).waitFor();
    }

    const addTo = async (kind: 'Objective' | 'Action' | 'Indicator', where: string) => {
      await outline('en').getByRole('button', { name: t('en', 'outline.addIn', { what: t('en', `outline.add${kind}`), where }) }).click();
      // The new, untitled item is the one selected, and its form is the one shown.
      await item('en', `nap.${kind.toLowerCase()}`, t('en', `outline.untitled${kind}`)).and(page.locator('[aria-current="true"]')).waitFor();
      await mainForm().getByRole('heading', { level: 2, name: t('en', `form.${kind.toLowerCase()}Title`) }).waitFor();
    };
    const fillMl = async (name: string, value: string) => {
      await ml(mainForm(), 'en', name).fill(value);
      await saved('en').waitFor();
    };
    const participation = text('en', 'records', 'values.pillar.participation');
    const protection = text('en', 'records', 'values.pillar.protection');
    const objectives = [
      [participation, 'Increase women’s participation in peace processes'],
      [participation, 'Women in the security sector'],
      [protection, 'Protect women and girls from conflict-related sexual violence'],
    ] as const;
    for (const [pillar, title] of objectives) {
      await addTo('Objective', pillar);
      await fillMl('title', title);
    }
    const actions = [
      [objectives[0][1], 'Train women mediators'],
      [objectives[0][1], 'Fund women’s organizations taking part in peace talks'],
      [objectives[1][1], 'Recruit women police officers for peacekeeping'],
      [objectives[2][1], 'Set up one-stop centres for survivors'],
    ] as const;
    for (const [objective, description] of actions) {
      await addTo('Action', objective);
      await fillMl('description', description);
    }
    // One action in full: agencies, dates, budget, status, resolutions.
    await item('en', 'nap.action', actions[2][1]).click();
    const form = mainForm();
    await form.getByRole('textbox', { name: field('en', 'leadAgency') }).fill('Ministry of the Interior');
    const partners = form.getByLabel(field('en', 'partnerAgencies'), { exact: true });
    await partners.fill('UN Women');
    await partners.press('Enter');
    await partners.fill('National Police');
    await partners.press('Enter');
    await form.getByLabel(field('en', 'start')).fill('2025-01-01');
    await form.getByLabel(field('en', 'end')).fill('2027-12-31');
    await form.getByRole('textbox', { name: field('en', 'budgetAmount') }).fill('250000');
    await form.getByRole('combobox', { name: field('en', 'budgetCurrency') }).fill('XOF');
    await page.getByRole('option', { name: /^XOF/ }).click();
    const resolutions = form.getByLabel(field('en', 'resolutions'), { exact: true });
    await resolutions.fill('1325');
    await resolutions.press('Enter');
    await resolutions.fill('2242');
    await resolutions.press('Enter');
    await saved('en').waitFor();
    // The budget in the UI language's currency format.
    await form.getByText(new Intl.NumberFormat('en', { style: 'currency', currency: 'XOF' }).format(250000)).waitFor();
    // Bad input: a negative budget and an end before the start, each refused at its field; nothing is saved.
    const budget = form.getByRole('textbox', { name: field('en', 'budgetAmount') });
    await budget.fill('-5');
    await form.getByLabel(field('en', 'end')).fill('2024-12-31');
    await form.getByText(text('en', 'errors', 'validation.negative')).waitFor();
    await form.getByText(text('en', 'errors', 'validation.endBeforeStart')).waitFor();
    await page.getByRole('status').filter({ hasText: text('en', 'common', 'save.invalid') }).waitFor();
    await expect.poll(() => budget.getAttribute('aria-invalid')).toBe('true');
    await budget.fill('250000');
    await form.getByLabel(field('en', 'end')).fill('2027-12-31');
    await saved('en').waitFor();

    const indicators = [
      [actions[0][1], 'Share of women among mediators', 10, 2020, 40, 2029, [['2022-06-30', 18], ['2024-06-30', 26]]],
      [actions[2][1], 'Women among police nominated for peacekeeping', 8, 2020, 20, 2028, [['2023-01-01', 9]]],
      [actions[3][1], 'Survivors reached by one-stop centres', 0, 2024, 5000, 2028, [['2025-03-31', 1200]]],
    ] as const;
    for (const [action, name, baseline, baselineYear, target, targetYear, measurements] of indicators) {
      await addTo('Indicator', action);
      await ml(form, 'en', 'name').fill(name);
      await form.getByRole('textbox', { name: field('en', 'baselineValue'), exact: true }).fill(String(baseline));
      await form.getByRole('textbox', { name: field('en', 'baselineYear'), exact: true }).fill(String(baselineYear));
      await form.getByRole('textbox', { name: field('en', 'targetValue'), exact: true }).fill(String(target));
      await form.getByRole('textbox', { name: field('en', 'targetYear'), exact: true }).fill(String(targetYear));
      for (const [index, [date, value]] of measurements.entries()) {
        await form.getByRole('button', { name: t('en', 'form.addMeasurement') }).click();
        await form.getByLabel(t('en', 'form.measurementDateN', { n: index + 1 })).fill(date);
        await form.getByRole('textbox', { name: t('en', 'form.measurementValueN', { n: index + 1 }) }).fill(String(value));
      }
      await saved('en').waitFor();
    }

    // What was built, as the core holds it.
    const plan = async () => {
      const got = await api<{ record: View; children: View[] }>(page, 'records.get', { id: napId, children: true });
      const of = (kind: string) => got.children.filter((c) => c.kind === kind);
      return { nap: got.record, of };
    };
    {
      const { nap, of } = await plan();
      expect(nap.fields.pillars).toEqual(['participation', 'protection']);
      expect(of('nap.objective')).toHaveLength(3);
      expect(of('nap.action')).toHaveLength(4);
      expect(of('nap.indicator')).toHaveLength(3);
      expect(of('nap.indicator').every((i) => Array.isArray(i.fields.measurements) && i.fields.measurements.length > 0)).toBe(true);
      const full = of('nap.action').find((a) => a.fields.leadAgency === 'Ministry of the Interior')!;
      expect(full.fields).toMatchObject({ partnerAgencies: ['UN Women', 'National Police'], start: '2025-01-01', end: '2027-12-31', budgetAmount: 250000, budgetCurrency: 'XOF', resolutions: [1325, 2242] });
    }

    // Reorder from the keyboard: Alt+Down moves the first objective below the second.
    const firstObjective = item('en', 'nap.objective', objectives[0][1]);
    await firstObjective.focus();
    await page.keyboard.press('Alt+ArrowDown');
    const objectiveOrder = async () => (await outline('en').locator('.nap-row-button[data-level="1"]').allTextContents()).map((s) => s.replace(kindLabel('en', 'nap.objective'), ''));
    await expect.poll(objectiveOrder).toEqual([objectives[1][1], objectives[0][1], objectives[2][1]]);
    // …and back with the move button.
    await outline('en').getByRole('button', { name: t('en', 'outline.moveUp', { title: objectives[0][1] }) }).click();
    await expect.poll(objectiveOrder).toEqual(objectives.map((o) => o[1]));

    // Reorder by drag and drop with the mouse: the second action of the first objective above the first.
    const actionOrder = async () => (await outline('en').locator('.nap-row-button[data-level="2"]').allTextContents()).slice(0, 2);
    expect(await actionOrder()).toEqual([actions[0][1], actions[1][1]].map((a) => `${kindLabel('en', 'nap.action')}${a}`));
    const from = await outline('en').getByRole('button', { name: t('en', 'outline.drag', { title: actions[1][1] }) }).boundingBox();
    const to = await outline('en').getByRole('button', { name: t('en', 'outline.drag', { title: actions[0][1] }) }).boundingBox();
    await page.mouse.move(from!.x + from!.width / 2, from!.y + from!.height / 2);
    await page.mouse.down();
    for (let step = 1; step <= 10; step++) await page.mouse.move(from!.x + from!.width / 2, from!.y + ((to!.y - 8 - from!.y) * step) / 10);
    await page.mouse.up();
    await expect.poll(actionOrder).toEqual([actions[1][1], actions[0][1]].map((a) => `${kindLabel('en', 'nap.action')}${a}`));
    // …and back from the keyboard, the way dnd-kit offers it: Space on the handle, an arrow, Space.
    await outline('en').getByRole('button', { name: t('en', 'outline.drag', { title: actions[0][1] }) }).focus();
    await page.keyboard.press('Space');
    // Each step is announced to screen readers in the UI language.
    await page.getByText(t('en', 'outline.dragOver', { title: actions[0][1], position: 2, total: 2 })).waitFor({ state: 'attached' });
    await page.keyboard.press('ArrowUp');
    await page.getByText(t('en', 'outline.dragOver', { title: actions[0][1], position: 1, total: 2 })).waitFor({ state: 'attached' });
    await page.keyboard.press('Space');
    await page.getByText(t('en', 'outline.dragEnd', { title: actions[0][1], position: 1, total: 2 })).waitFor({ state: 'attached' });
    await expect.poll(actionOrder).toEqual([actions[0][1], actions[1][1]].map((a) => `${kindLabel('en', 'nap.action')}${a}`));

    // A title put into a sentence keeps its own direction (Unicode isolates around it).
    const isolated = (title: string) => `\u2068${title}\u2069`;
    // Delete, asked first: the question names the item and what goes with it (its indicator).
    await outline('en').getByRole('button', { name: t('en', 'outline.delete', { title: actions[3][1] }) }).click();
    const confirmDelete = page.getByRole('dialog', { name: t('en', 'outline.deleteAction', { title: isolated(actions[3][1]) }) });
    await confirmDelete.getByText(`${t('en', 'outline.deleteInside', { list: t('en', 'outline.nIndicators_one', { count: 1 }) })} ${t('en', 'outline.deleteUndo')}`).waitFor();
    await confirmDelete.getByRole('button', { name: t('en', 'outline.deleteConfirm') }).click();
    await item('en', 'nap.action', actions[3][1]).waitFor({ state: 'detached' });
    expect((await plan()).of('nap.indicator')).toHaveLength(2);
    // The focus stays in the outline: on the objective that held the action, its only one.
    await expect.poll(() => item('en', 'nap.objective', objectives[2][1]).evaluate((el) => el === document.activeElement)).toBe(true);
    // The Undo is announced, and stays in sight when the outline is scrolled to its end.
    const undoBar = page.getByRole('status').filter({ hasText: t('en', 'editor.deleted', { title: isolated(actions[3][1]) }) });
    await undoBar.waitFor();
    await page.getByRole('combobox', { name: t('en', 'outline.addPillar') }).scrollIntoViewIfNeeded();
    const inViewport = (locator: Locator) =>
      locator.evaluate((el) => {
        const r = el.getBoundingClientRect();
        return window.scrollY > 0 && r.top >= 0 && r.left >= 0 && r.bottom <= window.innerHeight && r.right <= window.innerWidth;
      });
    expect(await inViewport(undoBar.getByRole('button', { name: text('en', 'common', 'actions.undo') }))).toBe(true);
    await screenshot(page, 'en-nap-undo');
    // Ctrl+Z, away from a text field, undoes it: the action and its indicator are back, the focus on the action.
    await page.keyboard.press('Control+z');
    await expect.poll(() => item('en', 'nap.action', actions[3][1]).evaluate((el) => el === document.activeElement)).toBe(true);
    await undoBar.waitFor({ state: 'detached' });
    expect((await plan()).of('nap.indicator')).toHaveLength(3);

    // Civil-society consultation: one consultation and one written input, through their dialogs.
    await page.getByRole('tab', { name: t('en', 'tabs.consultation') }).click();
    await page.getByRole('button', { name: t('en', 'consultation.add') }).click();
    const consultation = page.getByRole('dialog', { name: t('en', 'consultation.add') });
    await consultation.getByLabel(field('en', 'date'), { exact: true }).fill('2025-02-12');
    await consultation.getByRole('textbox', { name: field('en', 'participants') }).fill('Women’s Platform for Peace, 14 organizations');
    await ml(consultation, 'en', 'summary').fill('Asked for budgeted actions on women mediators.');
    await consultation.getByRole('textbox', { name: `${t('en', 'consultation.outcome')} (English)` }).fill('A budget line was added to the mediators action.');
    await expectAccessible(page, 'en consultation dialog');
    await consultation.getByRole('button', { name: text('en', 'common', 'actions.save') }).click();
    await page.getByRole('cell', { name: 'Women’s Platform for Peace, 14 organizations' }).waitFor();
    await page.getByRole('button', { name: t('en', 'inputs.add') }).click();
    const input = page.getByRole('dialog', { name: t('en', 'inputs.add') });
    await ml(input, 'en', 'title').fill('Comments on the draft action matrix');
    await input.getByRole('textbox', { name: field('en', 'author') }).fill('Network of Women Mediators');
    await input.getByRole('button', { name: text('en', 'common', 'actions.save') }).click();
    await page.getByRole('cell', { name: 'Network of Women Mediators' }).waitFor();
    const inputStatus = page.getByRole('combobox', { name: t('en', 'inputs.changeStatus', { title: 'Comments on the draft action matrix' }) });
    await inputStatus.click();
    await page.getByRole('option', { name: text('en', 'records', 'values.input_status.reflected') }).click();
    await expect.poll(async () => (await api<{ records: View[] }>(page, 'records.query', { kind: 'input', where: { napId } })).records.map((r) => r.fields.status)).toEqual(['reflected']);

    // Every tab in English: axe and a screenshot.
    const visitTabs = async (lang: Language) => {
      for (const tab of TABS) {
        await page.getByRole('tab', { name: t(lang, `tabs.${tab}`) }).click();
        await expect.poll(() => page.getByRole('tab', { name: t(lang, `tabs.${tab}`) }).getAttribute('aria-selected')).toBe('true');
        if (tab === 'progress') await page.locator('.recharts-line').first().waitFor();
        if (tab === 'matrix') await page.getByRole('table').first().waitFor();
        await expectAccessible(page, `${lang} ${tab}`);
        await screenshot(page, `${lang}-nap-${tab}`);
      }
      await page.getByRole('tab', { name: t(lang, 'tabs.plan') }).click();
    };
    await page.getByRole('tab', { name: t('en', 'tabs.progress') }).click();
    // 18 of 30 after 2.5 of 10 years: on track; 9 of 20 three years into nine: off track; 1200 of 5000 a quarter in: on track.
    await page.getByText(t('en', 'progress.on_track')).first().waitFor();
    await visitTabs('en');

    // The same list, sorted and filtered.
    await page.getByRole('link', { name: t('en', 'editor.back') }).click();
    await page.getByRole('cell', { name: 'Senegal' }).waitFor();
    await page.getByRole('cell', { name: '1st NAP' }).waitFor();
    await expectAccessible(page, 'en list');
    await screenshot(page, 'en-nap-list');
    const search = page.getByRole('searchbox', { name: t('en', 'list.search') });
    await search.fill('mediation in Atlantis');
    await page.getByText(t('en', 'list.noMatch')).waitFor();
    // A word only an action's description has (not the plan's title) finds the plan, through the search index.
    await search.fill('survivors');
    await page.getByRole('cell', { name: 'Senegal' }).waitFor();
    await screenshot(page, 'en-nap-list-search');
    await search.fill('senegal');
    await page.getByRole('cell', { name: 'Senegal' }).waitFor();
    await page.getByRole('combobox', { name: t('en', 'list.statusFilter') }).click();
    await page.getByRole('option', { name: text('en', 'records', 'values.nap_status.adopted') }).click();
    await page.getByText(t('en', 'list.noMatch')).waitFor();
    await page.getByRole('button', { name: t('en', 'list.clearAll') }).click();
    await page.getByRole('cell', { name: 'Senegal' }).waitFor();
    await page.getByRole('button', { name: field('en', 'title') }).click();
    expect(await page.getByRole('columnheader', { name: field('en', 'title') }).getAttribute('aria-sort')).toBe('ascending');
    await page.getByRole('link', { name: 'Third National Action Plan on Women, Peace and Security' }).click();

    // Arabic UI, Arabic content.
    await api(page, 'settings.set', { language: 'ar' });
    await expect.poll(() => page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual(['ar', 'rtl']);
    await page.getByRole('tab', { name: t('ar', 'tabs.translation') }).click();
    const arTitle = 'الخطة الوطنية الثالثة بشأن المرأة والسلام والأمن';
    const arTitleBox = page.getByRole('textbox', { name: `${field('ar', 'title')} (${new Intl.DisplayNames(['ar'], { type: 'language' }).of('ar')})` }).first();
    const langAndDir = (el: Element) => [el.closest('[lang]')?.getAttribute('lang'), getComputedStyle(el).direction];
    expect(await arTitleBox.evaluate(langAndDir)).toEqual(['ar', 'rtl']);
    await arTitleBox.fill(arTitle);
    await page.getByText(t('ar', 'translation.saved')).waitFor();
    // The English source beside it keeps its own direction inside the Arabic screen.
    const source = page.getByText('Third National Action Plan on Women, Peace and Security', { exact: true }).first();
    expect(await source.evaluate(langAndDir)).toEqual(['en', 'ltr']);

    // An Arabic indicator name, typed in the Plan tab with the UI in Arabic.
    await page.getByRole('tab', { name: t('ar', 'tabs.plan') }).click();
    await item('ar', 'nap.indicator', indicators[1][1]).click();
    const arForm = page.getByRole('region', { name: t('ar', 'outline.details') });
    // Adding the Arabic version is a choice made on the field's language tag (it edits the English one shown until then).
    const arName = new Intl.DisplayNames(['ar'], { type: 'language' });
    await arForm
      .getByRole('button', { name: text('ar', 'common', 'multilingual.editing').replace('{{field}}', field('ar', 'name')).replace('{{language}}', arName.of('en')!) })
      .click();
    await page.getByRole('menuitemradio', { name: arName.of('ar')! }).click();
    await ml(arForm, 'ar', 'name', 'ar').fill('نسبة النساء بين أفراد الشرطة المرشحين لحفظ السلام');
    await saved('ar').waitFor();

    // Bad input: a target year before the baseline year. The message stands at the field, in Arabic, and nothing is saved.
    const before = (await plan()).of('nap.indicator').find((i) => (i.fields.name as Record<string, string>).en === indicators[1][1])!;
    await arForm.getByRole('textbox', { name: field('ar', 'targetYear'), exact: true }).fill('2019');
    const targetYear = arForm.getByRole('textbox', { name: field('ar', 'targetYear'), exact: true });
    await expect.poll(() => targetYear.getAttribute('aria-invalid')).toBe('true');
    await arForm.getByText(text('ar', 'errors', 'validation.targetYear')).waitFor();
    await page.getByRole('status').filter({ hasText: text('ar', 'common', 'save.invalid') }).waitFor();
    // A measurement without a date, too.
    await arForm.getByRole('button', { name: t('ar', 'form.addMeasurement') }).click();
    await arForm.getByRole('textbox', { name: t('ar', 'form.measurementValueN', { n: 2 }) }).fill('12');
    await arForm.getByText(text('ar', 'errors', 'validation.date')).waitFor();
    await expectAccessible(page, 'ar plan with errors');
    await screenshot(page, 'ar-nap-bad-input');
    const after = (await plan()).of('nap.indicator').find((i) => i.id === before.id)!;
    expect(after.fields.targetYear).toBe(2028);
    expect(after.fields.measurements).toEqual(before.fields.measurements);
    // Leaving with the form refused: asked first, and Enter keeps the edit.
    await page.getByRole('link', { name: t('ar', 'editor.back') }).click();
    const leave = page.getByRole('dialog', { name: text('ar', 'common', 'unsaved.title') });
    await leave.waitFor();
    await expectAccessible(page, 'ar unsaved-changes dialog');
    await page.keyboard.press('Enter');
    await leave.waitFor({ state: 'hidden' });
    await expect.poll(() => targetYear.inputValue()).toBe('2019');
    // The same question when choosing another item of the outline.
    await item('ar', 'nap.indicator', indicators[0][1]).click();
    await leave.waitFor();
    await page.keyboard.press('Enter');
    await leave.waitFor({ state: 'hidden' });
    await expect.poll(() => targetYear.inputValue()).toBe('2019');
    // Corrected: saved.
    await targetYear.fill('2030');
    await arForm.getByRole('button', { name: t('ar', 'form.removeMeasurement', { n: 2 }) }).click();
    await saved('ar').waitFor();
    expect((await plan()).of('nap.indicator').find((i) => i.id === before.id)!.fields.targetYear).toBe(2030);

    // Deleting an objective in Arabic: the question counts what goes with it; the Undo sits at the bottom, on the left.
    await outline('ar').getByRole('button', { name: t('ar', 'outline.delete', { title: objectives[2][1] }) }).click();
    const arConfirm = page.getByRole('dialog', { name: t('ar', 'outline.deleteObjective', { title: isolated(objectives[2][1]) }) });
    const arList = new Intl.ListFormat('ar', { type: 'conjunction' }).format([t('ar', 'outline.nActions_one', { count: 1 }), t('ar', 'outline.nIndicators_one', { count: 1 })]);
    await arConfirm.getByText(t('ar', 'outline.deleteInside', { list: arList }), { exact: false }).waitFor();
    await screenshot(page, 'ar-nap-delete-confirm');
    await arConfirm.getByRole('button', { name: t('ar', 'outline.deleteConfirm') }).click();
    await item('ar', 'nap.objective', objectives[2][1]).waitFor({ state: 'detached' });
    expect((await plan()).of('nap.indicator')).toHaveLength(2);
    const arUndo = page.getByRole('status').filter({ hasText: t('ar', 'editor.deleted', { title: isolated(objectives[2][1]) }) }).getByRole('button', { name: text('ar', 'common', 'actions.undo') });
    await page.getByRole('combobox', { name: t('ar', 'outline.addPillar') }).scrollIntoViewIfNeeded();
    expect(await inViewport(arUndo)).toBe(true);
    // Right to left, the end of the line is on the left.
    expect(await arUndo.evaluate((el) => el.getBoundingClientRect().left < window.innerWidth / 2)).toBe(true);
    await screenshot(page, 'ar-nap-undo');
    await arUndo.click();
    await expect.poll(() => item('ar', 'nap.objective', objectives[2][1]).evaluate((el) => el === document.activeElement)).toBe(true);
    expect((await plan()).of('nap.action')).toHaveLength(4);
    expect((await plan()).of('nap.indicator')).toHaveLength(3);

    // The history of a field, from the form: who wrote what, and when.
    await arForm.getByRole('button', { name: t('ar', 'versions.fieldHistory') }).click();
    const history = page.getByRole('dialog', { name: t('ar', 'versions.fieldHistory') });
    await history.getByRole('combobox', { name: t('ar', 'versions.field') }).click();
    await page.getByRole('option', { name: field('ar', 'targetYear') }).click();
    await history.getByRole('cell', { name: 'Amina Diallo' }).first().waitFor();
    expect(await history.getByRole('row').count()).toBe(3); // header, 2028, 2030
    await expectAccessible(page, 'ar field history');
    await screenshot(page, 'ar-nap-field-history');
    await page.keyboard.press('Escape');
    await history.waitFor({ state: 'hidden' });

    // A named snapshot, a change, and the comparison.
    await page.getByRole('tab', { name: t('ar', 'tabs.versions') }).click();
    await page.getByRole('textbox', { name: t('ar', 'versions.name') }).fill('المسودة 2 للتشاور');
    await page.getByRole('button', { name: t('ar', 'versions.take') }).click();
    await page.getByRole('cell', { name: 'المسودة 2 للتشاور' }).waitFor();
    await page.getByText(t('ar', 'versions.noChanges')).waitFor();
    await page.getByRole('tab', { name: t('ar', 'tabs.translation') }).click();
    await arTitleBox.fill('الخطة الوطنية الثالثة المنقحة بشأن المرأة والسلام والأمن');
    await page.getByText(t('ar', 'translation.saved')).waitFor();
    await page.getByRole('tab', { name: t('ar', 'tabs.versions') }).click();
    await page.getByText(t('ar', 'versions.summary', { added: 0, removed: 0, changed: 1 })).waitFor();
    await expect.poll(() => page.locator('.nap-diff ins').first().textContent()).toContain('المنقحة');
    // Restore the title from the snapshot.
    await page.getByRole('button').filter({ hasText: t('ar', 'versions.restore') }).click();
    await page.getByText(t('ar', 'versions.noChanges')).waitFor();
    expect(((await plan()).nap.fields.title as Record<string, string>).ar).toBe(arTitle);
    // A move is told by the places, named, not by ids; then moved back.
    {
      const { of } = await plan();
      const [first, second] = of('nap.objective') as [View, View];
      const moved = of('nap.action').find((a) => a.parentId === first.id)!;
      await api(page, 'records.move', { id: moved.id, parentId: second.id, after: null });
      await page.reload();
      await page.getByText(t('ar', 'versions.summary', { added: 0, removed: 0, changed: 1 })).waitFor();
      const objectiveWord = (resources.ar.records.kinds as Record<string, string>)['nap.objective'];
      const place = (o: View) => `${objectiveWord}: ${(o.fields.title as Record<string, string>).en}`;
      await page.locator('.nap-diff, td').filter({ hasText: place(second) }).first().waitFor();
      await page.locator('td').filter({ hasText: place(first) }).first().waitFor();
      await api(page, 'records.move', { id: moved.id, parentId: first.id, after: null });
      await page.reload();
      await page.getByText(t('ar', 'versions.noChanges')).waitFor();
    }
    // Change it again so the comparison shows on the screenshots.
    await page.getByRole('tab', { name: t('ar', 'tabs.translation') }).click();
    await arTitleBox.fill('الخطة الوطنية الثالثة المنقحة بشأن المرأة والسلام والأمن');
    await page.getByText(t('ar', 'translation.saved')).waitFor();

    await visitTabs('ar');
    await page.getByRole('tab', { name: t('ar', 'tabs.versions') }).click();
    await page.getByRole('button').filter({ hasText: t('ar', 'versions.history') }).first().click();
    await page.getByRole('dialog').getByRole('cell', { name: 'Amina Diallo' }).first().waitFor();
    await expectAccessible(page, 'ar history from the comparison');
    await screenshot(page, 'ar-nap-history');
    await page.keyboard.press('Escape');
    await page.getByRole('link', { name: t('ar', 'editor.back') }).click();
    await page.getByRole('heading', { level: 1, name: text('ar', 'pages', 'naps.title') }).waitFor();
    await expectAccessible(page, 'ar list');
    await screenshot(page, 'ar-nap-list');
    // An Arabic word of an indicator's name, typed with ه for ة, finds the plan; with a word nowhere, nothing.
    const arSearch = page.getByRole('searchbox', { name: t('ar', 'list.search') });
    await arSearch.fill('الشرطه زخرفيات');
    await page.getByText(t('ar', 'list.noMatch')).waitFor();
    await arSearch.fill('الشرطه');
    await page.locator('tbody tr').first().waitFor();
    await screenshot(page, 'ar-nap-list-search');
    await arSearch.fill('');

    // The next generation starts from this plan.
    await page.locator('tbody tr').first().getByRole('button').click();
    await page.getByText(t('ar', 'generation', { ordinal: t('ar', 'ordinal.other', { n: new Intl.NumberFormat('ar').format(2) }) })).first().waitFor();
    expect((await api<{ records: View[] }>(page, 'records.query', { kind: 'nap' })).records.map((r) => r.fields.generation).sort()).toEqual([1, 2]);

    // A new plan from the four-pillar template (the dialog's default) starts with all four pillars, in order.
    await page.getByRole('link', { name: t('ar', 'editor.back') }).click();
    await page.getByRole('button', { name: t('ar', 'list.new') }).click();
    const fresh = page.getByRole('dialog', { name: t('ar', 'new.title') });
    await fresh.getByRole('textbox', { name: field('ar', 'title') }).fill('خطة العمل الوطنية الرابعة');
    await fresh.getByRole('button', { name: t('ar', 'new.create') }).click();
    await page.getByRole('heading', { level: 1, name: 'خطة العمل الوطنية الرابعة' }).waitFor();
    expect(await outline('ar').getByRole('heading', { level: 3 }).allTextContents()).toEqual(
      ['participation', 'protection', 'prevention', 'relief_recovery'].map((p) => text('ar', 'records', `values.pillar.${p}`)),
    );

    // A plan that is not there: an error with a way back, not a blank screen.
    await page.evaluate(() => (window.location.hash = '#/naps/01900000-0000-7000-8000-000000000000'));
    await page.getByRole('alert').filter({ hasText: t('ar', 'editor.loadError') }).waitFor();
    await expectAccessible(page, 'ar missing plan');

    // Progress is readable in the dark theme too.
    await api(page, 'settings.set', { theme: 'dark' });
    await expect.poll(() => page.evaluate(() => document.documentElement.getAttribute('data-mantine-color-scheme'))).toBe('dark');
    await page.evaluate((id) => (window.location.hash = `#/naps/${id}?tab=progress`), napId);
    await page.locator('.recharts-line').first().waitFor();
    await expectAccessible(page, 'ar progress, dark');
    await screenshot(page, 'ar-nap-progress-dark');
    // The longest journey of the suite: two minutes on a busy two-core machine.
  }, 240_000);
});
