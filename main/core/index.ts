import os from 'node:os';
import type { AppInfo } from '../../shared/api/contract.js';
import { matchLanguage } from '../../shared/i18n/languages.js';
import { createDispatcher, type Dispatch, type Handlers } from './dispatch.js';
import { CoreEvents } from './events.js';
import { APP_VERSION, PRODUCT_NAME } from './meta.js';
import { openSettings, type SettingsBackendFactory, type SettingsService } from './settings.js';

export interface CoreOptions {
  dataDir: string;
  host: AppInfo['host'];
  /** The OS's preferred locales, best first (Electron: app.getPreferredSystemLanguages()). */
  systemLocales: readonly string[];
  /** conf by default; the Electron shell hands in electron-store. */
  settingsBackend?: SettingsBackendFactory;
  log?: (error: unknown) => void;
}

export interface Core {
  readonly dispatch: Dispatch;
  readonly events: CoreEvents;
  readonly settings: SettingsService;
  info(): AppInfo;
  close(): Promise<void>;
}

/** The application core: plain Node, no Electron. Both hosts and the tests build it this way. */
export function createCore(options: CoreOptions): Core {
  const systemLanguage = matchLanguage(options.systemLocales) ?? null;
  const settings = openSettings({
    dataDir: options.dataDir,
    backend: options.settingsBackend,
    initialLanguage: systemLanguage ?? 'en',
  });
  const events = new CoreEvents();

  const info = (): AppInfo => ({
    productName: PRODUCT_NAME,
    version: APP_VERSION,
    host: options.host,
    platform: `${os.platform()}-${os.arch()}`,
    dataDir: options.dataDir,
    systemLanguage,
    notices: settings.notices,
  });

  const handlers: Handlers = {
    'app.info': () => info(),
    'settings.get': () => settings.public(),
    'settings.set': (patch) => {
      const next = settings.update(patch);
      events.emit('settings.changed', next);
      return next;
    },
    'profile.get': () => settings.public().profile,
    'profile.set': (profile) => {
      const next = settings.setProfile(profile);
      events.emit('settings.changed', next);
      return next;
    },
  };

  return {
    dispatch: createDispatcher(handlers, options.log),
    events,
    settings,
    info,
    // Settings are written through at once by conf; later issues add store flushing here.
    close: async () => {},
  };
}
