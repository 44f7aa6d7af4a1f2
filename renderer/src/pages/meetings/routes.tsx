import type { RouteObject } from 'react-router';
import { ActionsPage } from './ActionsPage';
import { ContactEditorPage } from './ContactEditorPage';
import { ContactsPage } from './ContactsPage';
import { MeetingEditorPage } from './MeetingEditorPage';
import { MeetingsPage } from './MeetingsPage';

/** Meetings, action points and the contact directory. */
export const meetingRoutes: RouteObject[] = [
  { path: 'meetings', element: <MeetingsPage /> },
  { path: 'meetings/:id', element: <MeetingEditorPage /> },
  { path: 'actions', element: <ActionsPage /> },
  { path: 'contacts', element: <ContactsPage /> },
  { path: 'contacts/:id', element: <ContactEditorPage /> },
];
