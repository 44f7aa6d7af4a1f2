import type { Resource } from 'i18next';
import { useMemo } from 'react';
import { createHashRouter, Navigate, RouterProvider } from 'react-router';
import type { ApiClient } from '../../../shared/api/client';
import type { AppInfo } from '../../../shared/api/contract';
import type { Settings } from '../../../shared/settings';
import { Providers } from './Providers';
import { Shell } from './Shell';
import { PageLoading } from '../components/LoadState';
import { AppStateProvider, useAppState } from '../api/state';
import { bundleRoutes } from '../pages/bundles/routes';
import { conflictRoutes } from '../pages/conflicts/routes';
import { DashboardPage } from '../pages/dashboard/DashboardPage';
import { FirstRunPage } from '../pages/first-run/FirstRunPage';
import { actionRoutes } from '../pages/actions/routes';
import { contactRoutes } from '../pages/contacts/routes';
import { meetingRoutes } from '../pages/meetings/routes';
import { napRoutes } from '../pages/naps/routes';
import { printRoutes } from '../pages/print/routes';
import { settingsRoutes } from '../pages/settings/routes';
import { statementRoutes } from '../pages/statements/routes';

/** The dashboard, the first screen, comes with the app; every other page is loaded when first opened. */
function createRouter() {
  return createHashRouter([
    {
      path: '/',
      element: <Shell />,
      // Opened straight on a page not loaded yet (a link, a reload): the shell's loader meanwhile.
      HydrateFallback: PageLoading,
      children: [
        { index: true, element: <Navigate to="/dashboard" replace /> },
        { path: 'dashboard', element: <DashboardPage /> },
        ...napRoutes,
        ...meetingRoutes,
        ...actionRoutes,
        ...contactRoutes,
        ...statementRoutes,
        ...printRoutes,
        ...bundleRoutes,
        ...conflictRoutes,
        ...settingsRoutes,
        { path: '*', element: <Navigate to="/dashboard" replace /> },
      ],
    },
  ]);
}

function Root(props: { texts: Resource }) {
  const { settings } = useAppState();
  const router = useMemo(() => createRouter(), []);
  return (
    <Providers language={settings.language} texts={props.texts} theme={settings.theme}>
      {settings.profile ? <RouterProvider router={router} /> : <FirstRunPage />}
    </Providers>
  );
}

/** `texts`: the interface language's (and the fallback's), loaded before the first screen. */
export function App(props: { api: ApiClient; info: AppInfo; settings: Settings; texts: Resource }) {
  return (
    <AppStateProvider api={props.api} info={props.info} settings={props.settings}>
      <Root texts={props.texts} />
    </AppStateProvider>
  );
}
