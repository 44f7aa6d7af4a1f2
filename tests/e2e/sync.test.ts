import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Language } from '../../shared/i18n/languages.js';
import { api, expectAccessible, launchBrowser, newPage, screenshot, startHost, tempDataDir, text, type RunningHost } from './support.js';

type View = { id: string; fields: Record<string, unknown>; conflicts: { field: string }[] };

const OBJECTIVE = 'Increase the participation of women in peace negotiations. Train mediators in gender analysis. Report progress every year.';

describe.each<[Language, string]>([
  ['en', 'en_US.UTF-8'],
  ['ar', 'ar_EG.UTF-8'],
])('two people exchange bundles (%s)', (language, osLocale) => {
  let browser: Browser;
  const hosts: RunningHost[] = [];
  const dirs: string[] = [];
  const files = tempDataDir(`bundles-${language}`);

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await Promise.all(hosts.map((h) => h.stop()));
    await browser?.close();
    for (const dir of [...dirs, files]) fs.rmSync(dir, { recursive: true, force: true });
  });

  async function person(name: string): Promise<Page> {
    const dataDir = tempDataDir(`${name}-${language}`);
    dirs.push(dataDir);
    const host = await startHost(dataDir, osLocale);
    hosts.push(host);
    const page = await newPage(browser);
    await page.goto(host.url);
    await page.getByRole('textbox', { name: text(language, 'settings', 'profile.name') }).fill(name);
    await page.getByRole('button', { name: text(language, 'settings', 'firstRun.submit') }).click();
    await page.getByRole('heading', { level: 1, name: text(language, 'pages', 'dashboard.title') }).waitFor();
    return page;
  }

  // The conflicts link's name also carries its badge ("1 edit conflict waiting"): not exact there.
  const goTo = (page: Page, nav: string) =>
    page.getByRole('link', { name: text(language, 'common', `nav.${nav}`), exact: nav !== 'conflicts' }).click();

  /** Exports the whole workspace through the Bundles page and returns the saved file. */
  async function exportAll(page: Page, file: string): Promise<string> {
    await goTo(page, 'bundles');
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: text(language, 'pages', 'bundles.export.submit'), exact: true }).click();
    const saved = path.join(files, file);
    const done = await download;
    expect(done.suggestedFilename()).toMatch(/^workspace-\d{4}-\d{2}-\d{2}\.fpbundle$/);
    await done.saveAs(saved);
    return saved;
  }

  /** Imports a bundle file through the Bundles page: preview, then apply. */
  async function importFile(page: Page, file: string, shot?: string) {
    await goTo(page, 'bundles');
    await page.locator('input[type=file]').setInputFiles(file);
    const preview = page.getByRole('region', { name: text(language, 'pages', 'bundles.import.previewTitle') });
    await preview.waitFor();
    if (shot) {
      await expectAccessible(page, `${language} import preview`);
      await screenshot(page, shot);
    }
    await preview.getByRole('button', { name: text(language, 'pages', 'bundles.import.apply'), exact: true }).click();
    await page.getByRole('status').filter({ hasText: text(language, 'pages', 'bundles.import.applied') }).waitFor();
  }

  it('merges what can be merged, shows the rest as an edit conflict, and the resolution travels back', async () => {
    const amina = await person('Amina');
    const boris = await person('Boris');

    // Amina drafts a NAP with two objectives and sends it.
    const nap = await api<View>(amina, 'records.create', { kind: 'nap', fields: { title: { en: 'Third National Action Plan' }, status: 'drafting', generation: 3 } });
    const o1 = await api<View>(amina, 'records.create', { kind: 'nap.objective', parentId: nap.id, fields: { pillar: 'participation', description: { en: OBJECTIVE } } });
    const o2 = await api<View>(amina, 'records.create', { kind: 'nap.objective', parentId: nap.id, fields: { pillar: 'protection', title: { en: 'Protection' } } });
    await importFile(boris, await exportAll(amina, 'a1.fpbundle'), `${language}-import-preview`);
    expect((await api<{ record: View }>(boris, 'records.get', { id: o1.id })).record.fields.description).toEqual({ en: OBJECTIVE });

    // Both edit at the same time: other objectives, other sentences of one text, and one field both ways.
    await api(amina, 'records.update', { id: o1.id, fields: { description: { en: OBJECTIVE.replace('peace negotiations', 'peace negotiations and ceasefire talks') } } });
    await api(boris, 'records.update', { id: o1.id, fields: { description: { en: OBJECTIVE.replace('every year', 'every six months') } } });
    await api(boris, 'records.update', { id: o2.id, fields: { title: { en: 'Protection from conflict-related sexual violence' } } });
    await api(amina, 'records.update', { id: nap.id, fields: { status: 'consultation' } });
    await api(boris, 'records.update', { id: nap.id, fields: { status: 'validation' } });

    await importFile(boris, await exportAll(amina, 'a2.fpbundle'));
    await importFile(amina, await exportAll(boris, 'b1.fpbundle'));

    // The non-overlapping edits merged on both sides.
    for (const side of [amina, boris]) {
      const description = (await api<{ record: View }>(side, 'records.get', { id: o1.id })).record.fields.description;
      expect(description).toEqual({ en: 'Increase the participation of women in peace negotiations and ceasefire talks. Train mediators in gender analysis. Report progress every six months.' });
      expect((await api<{ record: View }>(side, 'records.get', { id: o2.id })).record.fields.title).toEqual({ en: 'Protection from conflict-related sexual violence' });
    }

    // The overlapping one waits in the Conflicts view, with a badge in the navigation.
    const badge = amina.getByLabel(text(language, 'common', 'conflictsBadge_one').replace('{{count, number}}', '1'));
    await badge.waitFor();
    await goTo(amina, 'conflicts');
    const sides = amina.getByRole('article');
    await expect.poll(() => sides.count()).toBe(2);
    await expectAccessible(amina, `${language} conflicts`);
    await screenshot(amina, `${language}-conflicts`);
    const borisSide = sides.filter({ hasText: 'Boris' });
    await borisSide.getByRole('button', { name: text(language, 'pages', 'conflicts.keep') }).click();
    await amina.getByRole('heading', { level: 2, name: text(language, 'pages', 'conflicts.emptyTitle') }).waitFor();
    // The notice that says so closes with a button named in the interface language.
    const notice = amina.getByRole('status').filter({ hasText: text(language, 'pages', 'conflicts.resolved') });
    await notice.getByRole('button', { name: text(language, 'common', 'actions.dismiss'), exact: true }).click();
    await notice.waitFor({ state: 'detached' });
    await badge.waitFor({ state: 'detached' });

    // The resolution travels back: both hold the same records, with no conflict left.
    await importFile(boris, await exportAll(amina, 'a3.fpbundle'));
    for (const id of [nap.id, o1.id, o2.id]) {
      const a = (await api<{ record: View }>(amina, 'records.get', { id })).record;
      const b = (await api<{ record: View }>(boris, 'records.get', { id })).record;
      expect(b).toEqual(a);
      expect(a.conflicts).toEqual([]);
    }
    expect((await api<{ record: View }>(boris, 'records.get', { id: nap.id })).record.fields.status).toBe('validation');
    expect(await api<View[]>(boris, 'conflicts.list', {})).toEqual([]);

    // A hand-picked selection: one objective (its NAP travels with it, so the tree can be rebuilt).
    await goTo(amina, 'bundles');
    await amina.getByRole('radio', { name: text(language, 'pages', 'bundles.export.scopeSelection') }).check();
    const picker = amina.getByRole('combobox', { name: text(language, 'pages', 'bundles.export.records') });
    await picker.click();
    await amina.getByRole('option', { name: 'Protection from conflict-related sexual violence' }).click();
    await amina.keyboard.press('Escape');
    await expectAccessible(amina, `${language} export selection`);
    await screenshot(amina, `${language}-export-selection`);
    const picked = amina.waitForEvent('download');
    await amina.getByRole('button', { name: text(language, 'pages', 'bundles.export.submit'), exact: true }).click();
    const selection = path.join(files, 'selection.fpbundle');
    await (await picked).saveAs(selection);
    const bundle = JSON.parse(fs.readFileSync(selection, 'utf8')) as { scope: { type: string }; records: { id: string }[] };
    expect(bundle.scope.type).toBe('selection');
    expect(bundle.records.map((r) => r.id).sort()).toEqual([nap.id, o2.id].sort());

    // Importing the same bundle again changes nothing, and says so.
    await goTo(boris, 'bundles');
    await boris.locator('input[type=file]').setInputFiles(path.join(files, 'a3.fpbundle'));
    await boris.getByText(text(language, 'pages', 'bundles.import.already')).waitFor();
    await screenshot(boris, `${language}-bundles`);
    await boris.getByRole('button', { name: text(language, 'pages', 'bundles.import.cancel'), exact: true }).click();

    // Undo keeps what was done since: Amina renames an objective and moves the status on; Boris
    // imports that, renames the objective again himself, then undoes the import.
    await api(amina, 'records.update', { id: o2.id, fields: { title: { en: 'Protection and prevention' } } });
    await api(amina, 'records.update', { id: nap.id, fields: { status: 'adopted' } });
    const a4 = path.join(files, 'a4.fpbundle');
    fs.writeFileSync(a4, (await api<{ content: string }>(amina, 'bundles.export', { scope: { type: 'all' } })).content);
    await importFile(boris, a4);
    await api(boris, 'records.update', { id: o2.id, fields: { title: { en: 'Protection of women human rights defenders' } } });
    await goTo(boris, 'bundles');
    await boris.getByRole('button', { name: text(language, 'pages', 'bundles.history.undo'), exact: true }).click();
    const confirm = boris.getByRole('dialog', { name: text(language, 'pages', 'bundles.history.undoTitle') });
    await confirm.getByRole('button', { name: text(language, 'pages', 'bundles.history.undo'), exact: true }).click();
    await boris.getByRole('status').filter({ hasText: text(language, 'pages', 'bundles.history.undoneMessage') }).waitFor();
    const kept = boris.getByRole('listitem').filter({ hasText: 'Protection of women human rights defenders' });
    await kept.waitFor();
    await expectAccessible(boris, `${language} undo kept`);
    await screenshot(boris, `${language}-undo-kept`);
    expect((await api<{ record: View }>(boris, 'records.get', { id: o2.id })).record.fields.title).toEqual({ en: 'Protection of women human rights defenders' });
    expect((await api<{ record: View }>(boris, 'records.get', { id: nap.id })).record.fields.status).toBe('validation');
  });
});
