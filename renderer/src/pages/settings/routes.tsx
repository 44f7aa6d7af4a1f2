import type { RouteObject } from 'react-router';

/** Settings (profile, language, reminders, backups, team folder), loaded when first opened. */
export const settingsRoutes: RouteObject[] = [{ path: 'settings', lazy: async () => ({ Component: (await import('./SettingsPage')).SettingsPage }) }];
