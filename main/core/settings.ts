import fs from 'node:fs';
import path from 'node:path';
import Conf from 'conf';
import type { Language } from '../../shared/i18n/languages.js';
import {
  defaultSettings,
  StoredSettings,
  type Profile,
  type Settings,
  type SettingsPatch,
  type WindowBounds,
} from '../../shared/settings.js';
import type { StartupNotice } from '../../shared/api/contract.js';
import { APP_VERSION } from './meta.js';

export const SETTINGS_NAME = 'settings';

/** A migration edits the stored object in place; conf / electron-store run each once, in order. */
type MigrationStore = { get(key: string): unknown; set(key: string, value: unknown): void; has(key: string): boolean };

/**
 * Forward migrations of settings.json, keyed by the app version that introduced the change.
 * 0.1.0 is the first released shape; files written by pre-release builds may lack `window`.
 */
export const settingsMigrations: Record<string, (store: MigrationStore) => void> = {
  '0.1.0': (store) => {
    if (!store.has('window')) store.set('window', null);
    if (!store.has('profile')) store.set('profile', null);
  },
};

/** What both conf (browser host, CLI, tests) and electron-store (Electron) are handed. */
export interface SettingsStoreOptions {
  cwd: string;
  name: string;
  defaults: StoredSettings;
  projectVersion: string;
  migrations: typeof settingsMigrations;
}

/** The part of conf / electron-store the core relies on (electron-store extends conf). */
export interface SettingsBackend {
  readonly path: string;
  store: Record<string, unknown>;
}

export type SettingsBackendFactory = (options: SettingsStoreOptions) => SettingsBackend;

export const confBackend: SettingsBackendFactory = (options) =>
  new Conf<Record<string, unknown>>({
    projectName: 'focal-point-desk',
    cwd: options.cwd,
    configName: options.name,
    defaults: options.defaults,
    projectVersion: options.projectVersion,
    migrations: options.migrations as never,
    clearInvalidConfig: false,
  });

export interface SettingsService {
  readonly path: string;
  readonly notices: StartupNotice[];
  all(): StoredSettings;
  public(): Settings;
  update(patch: SettingsPatch): Settings;
  setProfile(profile: Profile): Settings;
  setWindow(bounds: WindowBounds): void;
}

function stamp(date: Date): string {
  return date.toISOString().replace(/[:.]/g, '-');
}

/** Moves an unreadable file aside, never deleting it, and returns the new name. */
function setAside(file: string, now: Date): string {
  const { dir, name, ext } = path.parse(file);
  const target = path.join(dir, `${name}.corrupt-${stamp(now)}${ext}`);
  fs.renameSync(file, target);
  return target;
}

function stripInternal(store: Record<string, unknown>): Record<string, unknown> {
  const { __internal__: _internal, ...rest } = store;
  return rest;
}

export interface OpenSettingsOptions {
  dataDir: string;
  backend?: SettingsBackendFactory;
  /** The language a brand-new settings file starts in (the OS language when it is one of six). */
  initialLanguage: Language;
  now?: () => Date;
}

/**
 * Settings: one schema (shared/settings.ts), one set of defaults and migrations, for both hosts.
 * A file that is not JSON, or does not match the schema after migration, is set aside with a
 * notice for the user, and defaults are used.
 */
export function openSettings(options: OpenSettingsOptions): SettingsService {
  const backendFactory = options.backend ?? confBackend;
  const now = options.now ?? (() => new Date());
  fs.mkdirSync(options.dataDir, { recursive: true });
  const storeOptions: SettingsStoreOptions = {
    cwd: options.dataDir,
    name: SETTINGS_NAME,
    defaults: defaultSettings(options.initialLanguage),
    projectVersion: APP_VERSION,
    migrations: settingsMigrations,
  };
  const file = path.join(options.dataDir, `${SETTINGS_NAME}.json`);
  const notices: StartupNotice[] = [];

  let backend: SettingsBackend | undefined;
  try {
    backend = backendFactory(storeOptions);
    const parsed = StoredSettings.safeParse(stripInternal(backend.store));
    if (!parsed.success) throw new Error('settings do not match the schema');
  } catch {
    if (fs.existsSync(file)) notices.push({ code: 'settings_corrupt', file: setAside(file, now()) });
    backend = backendFactory(storeOptions);
  }
  const store = backend;

  const read = (): StoredSettings => StoredSettings.parse(stripInternal(store.store));
  const write = (next: StoredSettings) => {
    const checked = StoredSettings.parse(next);
    store.store = { ...store.store, ...checked };
  };
  const toPublic = (s: StoredSettings): Settings => ({
    language: s.language,
    theme: s.theme,
    profile: s.profile,
  });

  return {
    path: store.path,
    notices,
    all: read,
    public: () => toPublic(read()),
    update(patch) {
      const next = { ...read(), ...patch };
      write(next);
      return toPublic(next);
    },
    setProfile(profile) {
      const next = { ...read(), profile };
      write(next);
      return toPublic(next);
    },
    setWindow(bounds) {
      write({ ...read(), window: bounds });
    },
  };
}
