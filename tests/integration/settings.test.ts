import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventName } from '../../shared/api/contract.js';
import { openCore, type Core } from '../../main/core/index.js';
import { openSettings } from '../../main/core/settings.js';
import { StoredSettings } from '../../shared/settings.js';
import { fails } from './support.js';

let dir: string;
let settingsFile: string;
/** Every core a test opened, closed before its folder is removed (the workspace flushes on close). */
let opened: Core[];

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fpd-settings-'));
  settingsFile = path.join(dir, 'settings.json');
  opened = [];
});

afterEach(async () => {
  for (const core of opened) await core.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const open = async (systemLocales: readonly string[] = ['en']): Promise<Core> => {
  const core = await openCore({ dataDir: dir, host: 'browser', systemLocales });
  opened.push(core);
  return core;
};

/** This installation's identity in sync: 16 hex characters, made once. */
const REPLICA_ID = expect.stringMatching(/^[0-9a-f]{16}$/);

const PROFILE = {
  name: 'Amina Diallo',
  organisation: 'Ministry of Gender',
  country: 'SN',
  role: 'national_focal_point',
} as const;

/** settings.json parsed, without conf's bookkeeping, checked against the schema. */
const storedOnDisk = () => {
  const { __internal__: _internal, ...rest } = JSON.parse(fs.readFileSync(settingsFile, 'utf8')) as Record<
    string,
    unknown
  >;
  return StoredSettings.parse(rest);
};

/** Files the core set aside in the data folder (settings.corrupt-<time>.json). */
const setAsideFiles = () => fs.readdirSync(dir).filter((f) => f.startsWith('settings.corrupt-'));

describe('a new data folder', () => {
  it('starts in the system language when it is one of the six', async () => {
    const core = await open(['fr_FR.UTF-8']);
    expect(core.settings.public()).toEqual({ language: 'fr', theme: 'system', profile: null, reminders: true });
    expect(core.info().systemLanguage).toBe('fr');
    expect(await core.client.call('settings.get', {})).toEqual({ language: 'fr', theme: 'system', profile: null, reminders: true });
    // Written to disk at once, so the language sticks even if the OS language changes later.
    expect(storedOnDisk()).toEqual({ replicaId: REPLICA_ID, language: 'fr', theme: 'system', profile: null, window: null, reminders: true });
    // The installation's identity is kept on disk, never handed to the renderer.
    expect(core.settings.all().replicaId).toBe(storedOnDisk().replicaId);
  });

  it('starts in English when the system language is not one of the six', async () => {
    const core = await open(['de-DE']);
    expect(core.settings.public()).toEqual({ language: 'en', theme: 'system', profile: null, reminders: true });
    expect(core.info().systemLanguage).toBeNull();
    expect(core.info().notices).toEqual([]);
  });

  it('keeps its first language when the system language changes later', async () => {
    const first = await open(['ar-EG']);
    await first.close();
    const later = await open(['ru-RU']);
    expect(later.settings.public().language).toBe('ar');
    // Nor does the installation's identity change.
    expect(later.settings.all().replicaId).toBe(first.settings.all().replicaId);
  });

  it('gets a replicaId of 16 hex characters, kept across reopening and different per installation', async () => {
    const first = await open();
    const id = first.settings.all().replicaId;
    expect(id).toMatch(/^[0-9a-f]{16}$/);
    await first.client.call('settings.set', { theme: 'dark' });
    await first.close();
    expect((await open()).settings.all().replicaId).toBe(id);
    expect(storedOnDisk().replicaId).toBe(id);

    const elsewhere = fs.mkdtempSync(path.join(os.tmpdir(), 'fpd-settings-'));
    try {
      const other = await openCore({ dataDir: elsewhere, host: 'browser', systemLocales: ['en'] });
      expect(other.settings.all().replicaId).not.toBe(id);
      await other.close();
    } finally {
      fs.rmSync(elsewhere, { recursive: true, force: true });
    }
  });
});

describe('migrations', () => {
  it('runs a forward migration once, through the same conf options both hosts use', async () => {
    // A file from version 0.1.0 that stored the theme under an older name.
    fs.writeFileSync(
      path.join(dir, 'settings.json'),
      JSON.stringify({ language: 'fr', theme: 'auto', profile: null, window: null, __internal__: { migrations: { version: '0.1.0' } } }),
    );
    const migrations = {
      '0.2.0': (store: { get(k: string): unknown; set(k: string, v: unknown): void }) => {
        if (store.get('theme') === 'auto') store.set('theme', 'system');
      },
    };
    const settings = openSettings({ dataDir: dir, initialLanguage: 'en', migrations, projectVersion: '0.2.0' });
    expect(settings.notices).toEqual([]);
    expect(settings.public()).toEqual({ language: 'fr', theme: 'system', profile: null, reminders: true });
    const stored = JSON.parse(fs.readFileSync(path.join(dir, 'settings.json'), 'utf8'));
    expect(stored.__internal__.migrations.version).toBe('0.2.0');
  });
});

describe('persistence', () => {
  it('settings.set and profile.set through the API are read back by a second core', async () => {
    const first = await open(['en']);
    const set = await first.client.call('settings.set', { language: 'es', theme: 'dark' });
    expect(set).toEqual({ language: 'es', theme: 'dark', profile: null, reminders: true });
    const profile = await first.client.call('profile.set', PROFILE);
    expect(profile).toEqual({ language: 'es', theme: 'dark', profile: PROFILE, reminders: true });
    await first.close();

    const second = await open(['en']);
    expect(second.settings.public()).toEqual({ language: 'es', theme: 'dark', profile: PROFILE, reminders: true });
    expect(second.settings.all().replicaId).toBe(first.settings.all().replicaId);
    expect(await second.client.call('profile.get', {})).toEqual(PROFILE);
    expect(second.info().notices).toEqual([]);
  });

  it('a partial patch changes only the keys it names', async () => {
    const core = await open(['fr']);
    await core.client.call('profile.set', PROFILE);
    await core.client.call('settings.set', { theme: 'light' });
    expect((await open(['en'])).settings.public()).toEqual({ language: 'fr', theme: 'light', profile: PROFILE, reminders: true });
  });

  it('profile text is stored trimmed', async () => {
    const core = await open();
    await core.client.call('profile.set', { ...PROFILE, name: '  Amina Diallo  ' });
    expect(storedOnDisk().profile?.name).toBe('Amina Diallo');
  });

  it('window bounds are stored but not part of the public settings', async () => {
    const core = await open();
    const bounds = { x: 10, y: 20, width: 1200, height: 800, maximized: false };
    core.settings.setWindow(bounds);
    expect((await open()).settings.all().window).toEqual(bounds);
    expect(await core.client.call('settings.get', {})).toEqual({ language: 'en', theme: 'system', profile: null, reminders: true });
  });
});

describe('an unreadable settings.json', () => {
  it('keeps the installation identity when only other settings were damaged', async () => {
    fs.writeFileSync(settingsFile, JSON.stringify({ replicaId: '00112233445566aa', language: 'xx', theme: 'purple' }));
    const core = await open(['en']);
    expect(core.info().notices).toHaveLength(1);
    expect(core.settings.all().replicaId).toBe('00112233445566aa');
  });

  it('that is a folder is set aside like a damaged file, and the identity comes back from its copy', async () => {
    const first = await open(['en']);
    const replicaId = first.settings.all().replicaId;
    await first.close();
    opened = [];
    fs.rmSync(settingsFile);
    fs.mkdirSync(settingsFile);
    const core = await open(['en']);
    expect(core.info().notices).toEqual([{ code: 'settings_corrupt', file: expect.stringMatching(/settings\.corrupt-.*\.json$/) }]);
    expect(fs.statSync(core.info().notices[0]!.file).isDirectory()).toBe(true);
    expect(core.settings.all().replicaId).toBe(replicaId);
  });

  it('salvages the identity from the text of a file that no longer parses', async () => {
    fs.writeFileSync(settingsFile, '{"language":"fr","replicaId":"00112233445566bb","theme":"da');
    const core = await open(['en']);
    expect(core.info().notices).toHaveLength(1);
    expect(core.settings.all().replicaId).toBe('00112233445566bb');
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'replica-id.json'), 'utf8'))).toEqual({ replicaId: '00112233445566bb' });
  });

  it('that is not JSON is set aside with a notice, and defaults are used', async () => {
    fs.writeFileSync(settingsFile, 'garbage{');
    const core = await open(['ru']);

    expect(core.settings.public()).toEqual({ language: 'ru', theme: 'system', profile: null, reminders: true });
    const { notices } = core.info();
    expect(notices).toHaveLength(1);
    const notice = notices[0]!;
    expect(notice.code).toBe('settings_corrupt');
    expect(path.dirname(notice.file)).toBe(dir);
    expect(notice.file).not.toBe(settingsFile);
    expect(fs.readFileSync(notice.file, 'utf8')).toBe('garbage{');
    expect(setAsideFiles()).toEqual([path.basename(notice.file)]);

    // The original name now holds valid settings.
    expect(storedOnDisk()).toEqual({ replicaId: REPLICA_ID, language: 'ru', theme: 'system', profile: null, window: null, reminders: true });
    const replicaId = storedOnDisk().replicaId;
    // The renderer hears about it through app.info.
    expect((await core.client.call('app.info', {})).notices).toEqual(notices);

    // The core is fully usable afterwards, and the next start is clean.
    await core.client.call('settings.set', { theme: 'dark' });
    const next = await open(['en']);
    expect(next.info().notices).toEqual([]);
    expect(next.settings.public()).toEqual({ language: 'ru', theme: 'dark', profile: null, reminders: true });
    expect(next.settings.all().replicaId).toBe(replicaId);
    expect(fs.readFileSync(notice.file, 'utf8')).toBe('garbage{');
  });

  it('that is JSON but violates the schema is set aside the same way', async () => {
    const original = '{"language":"xx","theme":"purple","profile":null,"window":null}';
    fs.writeFileSync(settingsFile, original);
    const core = await open(['zh-CN']);

    expect(core.settings.public()).toEqual({ language: 'zh', theme: 'system', profile: null, reminders: true });
    const { notices } = core.info();
    expect(notices).toHaveLength(1);
    expect(notices[0]!.code).toBe('settings_corrupt');
    expect(fs.existsSync(notices[0]!.file)).toBe(true);
    // The person's values survive in the set-aside file.
    expect(JSON.parse(fs.readFileSync(notices[0]!.file, 'utf8'))).toMatchObject(JSON.parse(original));
    expect(storedOnDisk()).toEqual({ replicaId: REPLICA_ID, language: 'zh', theme: 'system', profile: null, window: null, reminders: true });
  });

  it('with an invalid profile is set aside rather than half-used', async () => {
    fs.writeFileSync(
      settingsFile,
      JSON.stringify({ language: 'fr', theme: 'dark', profile: { name: '', role: 'king' }, window: null, reminders: true }),
    );
    const core = await open(['en']);
    expect(core.info().notices).toHaveLength(1);
    expect(core.settings.public()).toEqual({ language: 'en', theme: 'system', profile: null, reminders: true });
  });

  // conf rewrites a file it opens (defaults merged, migrations recorded): the copy set aside must
  // still be the person's file byte for byte.
  it('keeps the exact bytes of a schema-violating file it sets aside', async () => {
    const original = '{"language":"xx","theme":"purple","profile":null,"window":null}';
    fs.writeFileSync(settingsFile, original);
    const core = await open(['en']);
    expect(fs.readFileSync(core.info().notices[0]!.file, 'utf8')).toBe(original);
  });

  // JSON that is not an object would be merged into the defaults by conf and pass the schema:
  // it must be set aside with a notice like any other unreadable file.
  it('sets aside a settings.json that is JSON but not an object', async () => {
    fs.writeFileSync(settingsFile, '["fr","dark"]');
    const core = await open(['en']);
    expect(core.info().notices).toHaveLength(1);
    expect(fs.readFileSync(core.info().notices[0]!.file, 'utf8')).toBe('["fr","dark"]');
  });
});

describe('migrations', () => {
  it('a settings.json from before `window` existed is migrated without a notice', async () => {
    fs.writeFileSync(settingsFile, JSON.stringify({ language: 'ar', theme: 'dark', profile: PROFILE, reminders: true }));
    const core = await open(['en']);
    expect(core.info().notices).toEqual([]);
    expect(setAsideFiles()).toEqual([]);
    // A file from before `replicaId` existed gets one, written at once and kept from then on.
    const all = core.settings.all();
    expect(all).toEqual({ replicaId: REPLICA_ID, language: 'ar', theme: 'dark', profile: PROFILE, window: null, reminders: true });
    expect(storedOnDisk()).toEqual(all);
    await core.close();
    expect((await open(['en'])).settings.all().replicaId).toBe(all.replicaId);
  });

  it('a settings.json from before `profile` existed gets a null profile', async () => {
    fs.writeFileSync(settingsFile, JSON.stringify({ language: 'es', theme: 'light' }));
    const core = await open(['en']);
    expect(core.info().notices).toEqual([]);
    expect(core.settings.all()).toEqual({ replicaId: REPLICA_ID, language: 'es', theme: 'light', profile: null, window: null, reminders: true });
  });
});

describe('openSettings', () => {
  it('names the set-aside file after the clock it is given', async () => {
    fs.writeFileSync(settingsFile, 'not json');
    const service = openSettings({
      dataDir: dir,
      initialLanguage: 'en',
      now: () => new Date('2025-03-04T05:06:07.089Z'),
    });
    expect(service.notices).toEqual([
      { code: 'settings_corrupt', file: path.join(dir, 'settings.corrupt-2025-03-04T05-06-07-089Z.json') },
    ]);
    expect(service.path).toBe(settingsFile);
  });

  it('creates a data folder that does not exist yet', async () => {
    const nested = path.join(dir, 'a', 'b');
    const service = openSettings({ dataDir: nested, initialLanguage: 'zh' });
    expect(service.public().language).toBe('zh');
    expect(fs.existsSync(path.join(nested, 'settings.json'))).toBe(true);
  });
});

describe('events', () => {
  it("emits 'settings.changed' with the new settings after settings.set", async () => {
    const core = await open(['en']);
    const seen: [EventName, unknown][] = [];
    const unsubscribe = core.events.subscribe((name, payload) => seen.push([name, payload]));

    await core.client.call('settings.set', { theme: 'dark' });
    expect(seen).toEqual([['settings.changed', { language: 'en', theme: 'dark', profile: null, reminders: true }]]);

    await core.client.call('profile.set', PROFILE);
    expect(seen[1]).toEqual(['settings.changed', { language: 'en', theme: 'dark', profile: PROFILE, reminders: true }]);

    unsubscribe();
    await core.client.call('settings.set', { theme: 'light' });
    expect(seen).toHaveLength(2);
  });

  it('emits nothing for a refused or read-only call', async () => {
    const core = await open(['en']);
    const seen: unknown[] = [];
    core.events.subscribe((...args) => seen.push(args));
    await fails(core, 'settings.set', { theme: 'purple' });
    await core.client.call('settings.get', {});
    await fails(core, 'profile.set', { ...PROFILE, name: '' });
    expect(seen).toEqual([]);
  });
});
