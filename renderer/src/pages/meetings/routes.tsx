import type { RouteObject } from 'react-router';
import { ActionsPage } from './ActionsPage';
import { ContactsPage } from './ContactsPage';
import { MeetingsPage } from './MeetingsPage';

/** Meetings, action points and the contact directory. */
export const meetingRoutes: RouteObject[] = [
  { path: 'meetings', element: <MeetingsPage /> },
  { path: 'actions', element: <ActionsPage /> },
  { path: 'contacts', element: <ContactsPage /> },
];
