import { useMemo } from 'react';
import { createHashRouter, Navigate, RouterProvider } from 'react-router';
import type { ApiClient } from '../../../shared/api/client';
import type { AppInfo } from '../../../shared/api/contract';
import type { Settings } from '../../../shared/settings';
import { Providers } from './Providers';
import { Shell } from './Shell';
import { AppStateProvider, useAppState } from '../api/state';
import { BundlesPage } from '../pages/bundles/BundlesPage';
import { ConflictsPage } from '../pages/conflicts/ConflictsPage';
import { DashboardPage } from '../pages/dashboard/DashboardPage';
import { FirstRunPage } from '../pages/first-run/FirstRunPage';
import { actionRoutes } from '../pages/actions/routes';
import { contactRoutes } from '../pages/contacts/routes';
import { meetingRoutes } from '../pages/meetings/routes';
import { napRoutes } from '../pages/naps/routes';
import { printRoutes } from '../pages/print/routes';
import { SettingsPage } from '../pages/settings/SettingsPage';
import { statementRoutes } from '../pages/statements/routes';

function createRouter() {
  return createHashRouter([
    {
      path: '/',
      element: <Shell />,
      children: [
        { index: true, element: <Navigate to="/dashboard" replace /> },
        { path: 'dashboard', element: <DashboardPage /> },
        ...napRoutes,
        ...meetingRoutes,
        ...actionRoutes,
        ...contactRoutes,
        ...statementRoutes,
        ...printRoutes,
        { path: 'bundles', element: <BundlesPage /> },
        { path: 'conflicts', element: <ConflictsPage /> },
        { path: 'settings', element: <SettingsPage /> },
        { path: '*', element: <Navigate to="/dashboard" replace /> },
      ],
    },
  ]);
}

function Root() {
  const { settings } = useAppState();
  const router = useMemo(() => createRouter(), []);
  return (
    <Providers language={settings.language} theme={settings.theme}>
      {settings.profile ? <RouterProvider router={router} /> : <FirstRunPage />}
    </Providers>
  );
}

export function App(props: { api: ApiClient; info: AppInfo; settings: Settings }) {
  return (
    <AppStateProvider api={props.api} info={props.info} settings={props.settings}>
      <Root />
    </AppStateProvider>
  );
}
