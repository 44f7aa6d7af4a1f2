import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ok } from './support.js';
import { createMainI18n } from '../../main/core/i18n.js';
import { openCore, type Core } from '../../main/core/index.js';
import { createReminders, type Reminder } from '../../main/core/reminders.js';

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

async function open(): Promise<Core> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fpd-rem-'));
  const core = await openCore({ dataDir: dir, host: 'electron', systemLocales: ['en'], log: () => undefined });
  await ok(core, 'profile.set', { name: 'Amina Diallo', organisation: '', country: 'SN', role: 'national_focal_point' });
  cleanup.push(() => fs.rmSync(dir, { recursive: true, force: true }), () => core.close());
  return core;
}

describe('reminders', () => {
  it('notify once a day for due and overdue action points, again only when more fall due, never when switched off', async () => {
    const core = await open();
    let now = new Date(2026, 2, 16, 9, 0);
    const shown: Reminder[] = [];
    const i18n = createMainI18n('en');
    const start = () => createReminders({ core, i18n: () => i18n, notify: (r) => shown.push(r), now: () => now, every: 3_600_000 });

    let reminders = start();
    cleanup.push(() => reminders.stop());
    expect(shown).toEqual([]); // nothing due

    await ok(core, 'records.create', { kind: 'action', fields: { title: { en: 'Late' }, dueDate: '2026-03-10', status: 'open' } });
    await ok(core, 'records.create', { kind: 'action', fields: { title: { en: 'Today' }, dueDate: '2026-03-16', status: 'in_progress' } });
    await ok(core, 'records.create', { kind: 'action', fields: { title: { en: 'Done' }, dueDate: '2026-03-01', status: 'done' } });
    reminders.check();
    expect(shown).toEqual([{ title: 'Action points to follow up', body: '1 overdue · 1 due today' }]);
    reminders.check();
    expect(shown).toHaveLength(1);

    await ok(core, 'records.create', { kind: 'action', fields: { title: { en: 'Also late' }, dueDate: '2026-03-12', status: 'open' } });
    reminders.check();
    expect(shown.at(-1)!.body).toBe('2 overdue · 1 due today');

    now = new Date(2026, 2, 17, 9, 0);
    reminders.check();
    expect(shown.at(-1)!.body).toBe('3 overdue');
    expect(shown).toHaveLength(3);

    await ok(core, 'settings.set', { reminders: false });
    reminders.stop();
    now = new Date(2026, 2, 18, 9, 0);
    reminders = start();
    expect(shown).toHaveLength(3);
  });

  it('speaks the user’s language, with its plural forms', () => {
    const ar = createMainI18n('ar');
    expect(ar.t('common:reminders.overdue', { count: 2 })).toBe('نقطتان متأخرتان');
    expect(createMainI18n('ru').t('common:reminders.overdue', { count: 3 })).toBe('3 просрочено');
  });
});
