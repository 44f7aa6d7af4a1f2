import ElectronStore from 'electron-store';
import type { SettingsBackendFactory } from '../core/settings.js';

/** The Electron side of the one settings module: electron-store, with the core's options. */
export const electronStoreBackend: SettingsBackendFactory = (options) =>
  new ElectronStore<Record<string, unknown>>({
    cwd: options.cwd,
    name: options.name,
    defaults: options.defaults,
    projectVersion: options.projectVersion,
    migrations: options.migrations as never,
    clearInvalidConfig: false,
  });
