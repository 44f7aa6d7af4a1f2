import crypto from 'node:crypto';
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
import { ReplicaId } from '../../shared/sync/clock.js';
import { storageProblem } from './store/durable.js';

export const SETTINGS_NAME = 'settings';
/**
 * A copy of this installation's replica id, written once beside settings.json, so the identity
 * survives a settings file damaged beyond reading (or replaced by a folder of that name).
 */
export const REPLICA_FILE = 'replica-id.json';

/** A migration edits the stored object in place; conf / electron-store run each once, in order. */
type MigrationStore = { get(key: string): unknown; set(key: string, value: unknown): void; has(key: string): boolean };
export type SettingsMigrations = Record<string, (store: MigrationStore) => void>;

/**
 * Forward migrations of settings.json, keyed by the app version that changes the shape (conf's
 * and electron-store's mechanism, run before the schema check). Fields that are only added need
 * none: the defaults fill them in. None are needed yet; the first renamed or reshaped field adds
 * one here, with a test in tests/integration/settings.test.ts.
 */
export const settingsMigrations: SettingsMigrations = {};

/** What both conf (browser host, CLI, tests) and electron-store (Electron) are handed. */
export interface SettingsStoreOptions {
  cwd: string;
  name: string;
  defaults: StoredSettings;
  projectVersion: string;
  migrations: SettingsMigrations;
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
  /** A new sync id for this installation (when its edit counter has no room left). */
  setReplicaId(id: string): void;
}

function stamp(date: Date): string {
  return date.toISOString().replace(/[:.]/g, '-');
}

/**
 * Keeps the bytes of an unreadable file beside it, under a name no other copy has (never
 * overwriting an earlier one), and returns that name.
 */
function keepAside(file: string, bytes: Buffer, now: Date): string {
  const { dir, name, ext } = path.parse(file);
  for (let n = 0; ; n++) {
    const target = path.join(dir, `${name}.corrupt-${stamp(now)}${n ? `-${n}` : ''}${ext}`);
    try {
      fs.writeFileSync(target, bytes, { flag: 'wx' });
      return target;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}

/**
 * The replica id a damaged settings file still holds in its text (JSON that does not parse, a
 * schema that does not match), or the copy in replica-id.json; undefined when neither is readable.
 */
export function salvageReplicaId(dataDir: string, damaged?: Buffer): string | undefined {
  if (damaged) {
    const parsed = ReplicaId.safeParse(readJsonObject(damaged)?.replicaId);
    if (parsed.success) return parsed.data;
    const found = /"replicaId"\s*:\s*"([^"]*)"/.exec(damaged.toString('utf8'));
    const text = ReplicaId.safeParse(found?.[1]);
    if (text.success) return text.data;
  }
  try {
    const copy = ReplicaId.safeParse(readJsonObject(fs.readFileSync(path.join(dataDir, REPLICA_FILE)))?.replicaId);
    if (copy.success) return copy.data;
  } catch {
    // no copy yet
  }
  return undefined;
}

/** Writes the copy of the replica id once; a folder that cannot be written is no reason to stop. */
function keepReplicaId(dataDir: string, replicaId: string): void {
  try {
    fs.writeFileSync(path.join(dataDir, REPLICA_FILE), JSON.stringify({ replicaId }), { flag: 'wx' });
  } catch {
    // already there, or no room or no write access: tried again at the next start
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function readJsonObject(bytes: Buffer): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(bytes.toString('utf8'));
    return isPlainObject(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

function stripInternal(store: Record<string, unknown>): Record<string, unknown> {
  const { __internal__: _internal, ...rest } = store;
  return rest;
}

/**
 * The profile's text as an older version may have stored it, with a lone surrogate (names were
 * not checked for it then): repaired, each broken half replaced by U+FFFD, rather than the whole
 * file set aside, since everything else in it is good. Null when nothing needs repair.
 */
function repairedProfile(stored: Record<string, unknown>): Record<string, unknown> | null {
  const profile = stored.profile;
  if (!isPlainObject(profile)) return null;
  const next = { ...profile };
  let changed = false;
  for (const key of ['name', 'organisation']) {
    const value = next[key];
    if (typeof value === 'string' && !value.isWellFormed()) {
      next[key] = value.toWellFormed();
      changed = true;
    }
  }
  return changed ? next : null;
}

export interface OpenSettingsOptions {
  dataDir: string;
  backend?: SettingsBackendFactory;
  /** The language a brand-new settings file starts in (the OS language when it is one of six). */
  initialLanguage: Language;
  now?: () => Date;
  /** Tests only: another migration table and app version, to exercise the mechanism. */
  migrations?: SettingsMigrations;
  projectVersion?: string;
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
  const file = path.join(options.dataDir, `${SETTINGS_NAME}.json`);
  const notices: StartupNotice[] = [];
  // Something other than a file under that name (a folder) is damage too: moved aside, never
  // deleted, and said.
  if (fs.existsSync(file) && !fs.statSync(file).isFile()) {
    const { dir, name, ext } = path.parse(file);
    let target = path.join(dir, `${name}.corrupt-${stamp(now())}${ext}`);
    for (let n = 1; fs.existsSync(target); n++) target = path.join(dir, `${name}.corrupt-${stamp(now())}-${n}${ext}`);
    fs.renameSync(file, target);
    notices.push({ code: 'settings_corrupt', file: target });
  }
  const original = fs.existsSync(file) ? fs.readFileSync(file) : undefined;
  // The installation's identity survives a damaged settings file: from the id still readable in
  // its text, else from the copy kept beside it.
  const salvaged = salvageReplicaId(options.dataDir, original);
  const storeOptions: SettingsStoreOptions = {
    cwd: options.dataDir,
    name: SETTINGS_NAME,
    defaults: defaultSettings(options.initialLanguage, salvaged ?? crypto.randomBytes(8).toString('hex')),
    projectVersion: options.projectVersion ?? APP_VERSION,
    migrations: options.migrations ?? settingsMigrations,
  };

  // Read the bytes before conf does: conf rewrites a file it opens (defaults merged, migrations
  // recorded) and silently accepts JSON that is not an object, so the user's exact file is only
  // known here.
  const setAside = () => {
    notices.push({ code: 'settings_corrupt', file: keepAside(file, original!, now()) });
    fs.rmSync(file, { force: true });
  };
  if (original && !readJsonObject(original)) setAside();

  let backend: SettingsBackend | undefined;
  try {
    backend = backendFactory(storeOptions);
    const profile = repairedProfile(backend.store);
    if (profile) backend.store = { ...backend.store, profile };
    if (!StoredSettings.safeParse(stripInternal(backend.store)).success) throw new Error('settings do not match the schema');
  } catch (error) {
    // A full disk or a folder that cannot be written is not damage: the file is left as it is.
    if (storageProblem(error)) throw error;
    if (original && notices.length === 0) setAside();
    else fs.rmSync(file, { force: true });
    backend = backendFactory(storeOptions);
  }
  const store = backend;
  keepReplicaId(options.dataDir, StoredSettings.parse(stripInternal(store.store)).replicaId);

  const read = (): StoredSettings => StoredSettings.parse(stripInternal(store.store));
  const write = (next: StoredSettings) => {
    const checked = StoredSettings.parse(next);
    store.store = { ...store.store, ...checked };
  };
  const toPublic = (s: StoredSettings): Settings => ({
    language: s.language,
    theme: s.theme,
    profile: s.profile,
    reminders: s.reminders,
  });

  return {
    path: store.path,
    notices,
    all: read,
    public: () => toPublic(read()),
    update(patch) {
      // A key present with the value undefined (as IPC may deliver it) changes nothing.
      const changes = Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined));
      const next = { ...read(), ...changes };
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
    setReplicaId(id) {
      write({ ...read(), replicaId: id });
    },
  };
}
