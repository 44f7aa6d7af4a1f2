import type { RouteObject } from 'react-router';
import { MeetingEditorPage } from './MeetingEditorPage';
import { MeetingsPage } from './MeetingsPage';

/** Meetings: the list and one meeting with its chair's summary. */
export const meetingRoutes: RouteObject[] = [
  { path: 'meetings', element: <MeetingsPage /> },
  { path: 'meetings/:id', element: <MeetingEditorPage /> },
];
