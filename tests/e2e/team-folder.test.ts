import fs from 'node:fs';
import path from 'node:path';
import i18next from 'i18next';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../main/core/index.js';
import type { Language } from '../../shared/i18n/languages.js';
import { i18nOptions } from '../../shared/i18n/options.js';
import { resources } from '../../shared/i18n/resources.js';
import {
  api,
  completeFirstRun,
  expectAccessible,
  launchBrowser,
  newPage,
  screenshot,
  startHost,
  tempDataDir,
  text,
  type RunningHost,
} from './support.js';

/** A sentence as the app writes it (plurals, numbers in the language), from the same locale files. */
function sentence(language: Language, key: string, values: Record<string, unknown> = {}): string {
  const instance = i18next.createInstance();
  void instance.init(i18nOptions(language, resources));
  const t = instance.t as unknown as (key: string, values: Record<string, unknown>) => string;
  return t(key, values);
}

const escape = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Another installation of the team, in this test process, writing into the same folder. */
async function colleague(dataDir: string, folder: string, napTitle: Record<string, string>): Promise<Core> {
  const core = await openCore({ dataDir, host: 'browser', systemLocales: ['en'], log: () => undefined });
  const call = async (name: string, request: unknown) => {
    const answer = await core.dispatch(name, request);
    if (!answer.ok) throw new Error(`${name}: ${JSON.stringify(answer.error)}`);
    return answer.value;
  };
  await call('profile.set', {
    name: 'Boris Petrov',
    organisation: 'Ministry of Defence',
    country: '',
    role: 'drafting_team',
  });
  await call('sync.configure', { folder });
  await call('records.create', {
    kind: 'nap',
    fields: { title: napTitle, status: 'drafting', generation: 3 },
  });
  await call('sync.now', {});
  return core;
}

describe('Settings → Team folder', () => {
  let browser: Browser;
  let host: RunningHost;
  let page: Page;
  const dirs: string[] = [];
  const cores: Core[] = [];
  const temp = (name: string) => {
    const dir = tempDataDir(name);
    dirs.push(dir);
    return dir;
  };

  beforeAll(async () => {
    browser = await launchBrowser();
    host = await startHost(temp('team-ui'), 'en_US.UTF-8');
    page = await newPage(browser);
    await completeFirstRun(page, host.url);
    await api(page, 'profile.set', {
      name: 'Amina Diallo',
      organisation: 'Ministry of Foreign Affairs',
      country: '',
      role: 'national_focal_point',
    });
    await api(page, 'records.create', { kind: 'contact', fields: { name: 'Fatou Sow' } });
  });
  afterAll(async () => {
    await Promise.all(cores.map((core) => core.close()));
    await host?.stop();
    await browser?.close();
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  });

  const naps: Record<'en' | 'ar', Record<string, string>> = {
    en: { en: 'Third National Action Plan' },
    ar: { ar: 'خطة العمل الوطنية الثالثة' },
  };

  it.each<'en' | 'ar'>(['en', 'ar'])(
    'joins a team folder, syncs, sees a colleague and their NAP, and stops (%s)',
    async (language) => {
      const s = (key: string) => text(language, 'settings', `team.${key}`);
      if (language !== 'en') await api(page, 'settings.set', { language });
      await page.getByRole('link', { name: text(language, 'common', 'nav.settings'), exact: true }).click();
      const section: Locator = page.locator('section', {
        has: page.getByRole('heading', { name: s('title'), exact: true }),
      });

      // Not kept in step yet: what a team folder is, and the form.
      await section.getByText(s('intro')).waitFor();
      const folderInput = section.getByRole('textbox', { name: s('folder') });
      // A path reads left to right in every language (Mantine puts dir on the input's own wrapper).
      expect(await folderInput.evaluate((input) => getComputedStyle(input).direction)).toBe('ltr');

      // A folder that is not there is refused, in words, at the field.
      const folder = temp(`team-folder-${language}`);
      await folderInput.fill(path.join(folder, 'not-plugged-in'));
      await section.getByRole('button', { name: s('start') }).click();
      const refusal = text(language, 'errors', 'team.folder_missing');
      await section.getByText(refusal).waitFor();
      expect(await folderInput.getAttribute('aria-invalid')).toBe('true');
      expect(
        await folderInput.evaluate(
          (input) =>
            document.getElementById(
              input
                .getAttribute('aria-describedby')
                ?.split(' ')
                .find((id) => id.endsWith('error')) ?? '',
            )?.textContent,
        ),
      ).toBe(refusal);
      // The form and its field error, checked in the right-to-left layout (the English one is the same form).
      if (language === 'ar') await expectAccessible(page, `${language} team folder refused`);
      await screenshot(page, `${language}-team-folder-refused`);

      // The real folder: kept in step, first round publishes this workspace.
      await folderInput.fill(folder);
      await section.getByRole('button', { name: s('start') }).click();
      await section.getByRole('cell', { name: folder, exact: true }).waitFor();
      await section.getByRole('button', { name: s('syncNow') }).click();
      await section.getByRole('status').waitFor();
      const members = section
        .getByRole('table')
        .filter({ has: page.getByRole('columnheader', { name: s('memberLastSeen') }) });
      await members
        .getByRole('row')
        .filter({ hasText: `Amina Diallo ${s('thisComputer')}` })
        .waitFor();

      // A colleague's installation writes its NAP into the same folder.
      cores.push(await colleague(temp(`team-colleague-${language}`), folder, naps[language]));
      await section.getByRole('button', { name: s('syncNow') }).click();
      // The round of the click brings the colleague's NAP ("1 change received", in the language's
      // plural); unless the app's folder watcher was quicker, and the click found nothing new.
      const received = sentence(language, 'settings:team.received', { count: 1 });
      const result = await section
        .getByRole('status')
        .filter({ hasText: new RegExp(`${escape(received)}|${escape(s('upToDate'))}`) })
        .textContent();
      if (!result?.includes(s('upToDate')))
        expect(result).toBe(
          sentence(language, 'settings:team.roundDone', {
            received,
            published: sentence(language, 'settings:team.published', { count: 0 }),
          }),
        );
      await members
        .getByRole('row')
        .filter({ hasText: 'Boris Petrov' })
        .filter({ hasText: 'Ministry of Defence' })
        .waitFor();
      expect(await members.getByRole('row').count()).toBe(3);
      await expectAccessible(page, `${language} team folder kept in step`);
      await screenshot(page, `${language}-team-folder`);

      // The colleague's NAP is here.
      await page.getByRole('link', { name: text(language, 'common', 'nav.naps'), exact: true }).click();
      await page.getByText(Object.values(naps[language])[0]!).first().waitFor();

      await page.getByRole('link', { name: text(language, 'common', 'nav.settings'), exact: true }).click();
      await section.getByRole('cell', { name: folder, exact: true }).waitFor();
      if (language === 'en') {
        // Stopping asks first, says nothing is deleted, and brings back the form.
        await section.getByRole('button', { name: s('stop') }).click();
        const dialog = page.getByRole('dialog', { name: s('stopTitle') });
        await dialog.getByText(s('stopBody')).waitFor();
        await dialog.getByRole('button', { name: s('stop') }).click();
      } else {
        // Stopped from elsewhere (the command line, another window): the section follows the
        // core's sync.status event, without a reload.
        await api(page, 'sync.configure', { folder: null });
      }
      await section.getByText(s('intro')).waitFor();
      expect(fs.readdirSync(folder).length).toBeGreaterThan(0);
    },
  );
});
