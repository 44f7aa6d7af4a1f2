import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { ApiClient } from '../../../shared/api/client';
import type { AppInfo } from '../../../shared/api/contract';
import { localDay } from '../../../shared/records/action-points';
import type { Profile, Settings, SettingsPatch } from '../../../shared/settings';

interface AppState {
  api: ApiClient;
  info: AppInfo;
  settings: Settings;
  updateSettings(patch: SettingsPatch): Promise<void>;
  saveProfile(profile: Profile): Promise<void>;
  /** Open edit conflicts (the navigation badge), refreshed whenever records change. */
  conflictCount: number;
  /** Action points overdue or due today (the navigation badge), refreshed when action points change. */
  dueCount: number;
}

const Context = createContext<AppState | null>(null);

export function AppStateProvider(props: { api: ApiClient; info: AppInfo; settings: Settings; children: ReactNode }) {
  const { api, info } = props;
  const [settings, setSettings] = useState(props.settings);

  // Another window, or the native menu, may change settings: follow the core's word.
  useEffect(() => api.on('settings.changed', setSettings), [api]);

  const [conflictCount, setConflictCount] = useState(0);
  const refreshConflicts = useCallback(() => {
    api.call('conflicts.list', {}).then((list) => setConflictCount(list.length), () => setConflictCount(0));
  }, [api]);
  useEffect(refreshConflicts, [refreshConflicts]);
  // Any record may gain or lose a conflict.
  useEffect(() => api.on('records.changed', refreshConflicts), [api, refreshConflicts]);

  const [dueCount, setDueCount] = useState(0);
  const refreshDue = useCallback(() => {
    api.call('actions.summary', { today: localDay(), limit: 0 }).then(
      (summary) => setDueCount(summary.overdue.count + summary.dueToday),
      () => setDueCount(0),
    );
  }, [api]);
  useEffect(refreshDue, [refreshDue]);
  // The badge changes the moment a point is done, here or in another window.
  useEffect(
    () => api.on('records.changed', ({ kinds }) => kinds.includes('action') && refreshDue()),
    [api, refreshDue],
  );
  // A day turns while the app stays open: what was due tomorrow is due today.
  useEffect(() => {
    const timer = setInterval(refreshDue, 10 * 60_000);
    return () => clearInterval(timer);
  }, [refreshDue]);

  const updateSettings = useCallback(
    async (patch: SettingsPatch) => setSettings(await api.call('settings.set', patch)),
    [api],
  );
  const saveProfile = useCallback(
    async (profile: Profile) => setSettings(await api.call('profile.set', profile)),
    [api],
  );

  const value = useMemo(
    () => ({ api, info, settings, updateSettings, saveProfile, conflictCount, dueCount }),
    [api, info, settings, updateSettings, saveProfile, conflictCount, dueCount],
  );
  return <Context.Provider value={value}>{props.children}</Context.Provider>;
}

export function useAppState(): AppState {
  const state = useContext(Context);
  if (!state) throw new Error('useAppState outside AppStateProvider');
  return state;
}
