import type { RouteObject } from 'react-router';
import { ContactEditorPage } from './ContactEditorPage';
import { ContactsPage } from './ContactsPage';

/** The network's contact directory. */
export const contactRoutes: RouteObject[] = [
  { path: 'contacts', element: <ContactsPage /> },
  { path: 'contacts/:id', element: <ContactEditorPage /> },
];
