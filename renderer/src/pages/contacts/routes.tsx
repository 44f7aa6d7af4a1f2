import type { RouteObject } from 'react-router';

/** The network's contact directory, loaded when first opened. */
export const contactRoutes: RouteObject[] = [
  { path: 'contacts', lazy: async () => ({ Component: (await import('./ContactsPage')).ContactsPage }) },
  { path: 'contacts/:id', lazy: async () => ({ Component: (await import('./ContactEditorPage')).ContactEditorPage }) },
];
