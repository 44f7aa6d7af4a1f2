import type { RouteObject } from 'react-router';

/** Meetings: the list and one meeting with its chair's summary, each loaded when first opened. */
export const meetingRoutes: RouteObject[] = [
  { path: 'meetings', lazy: async () => ({ Component: (await import('./MeetingsPage')).MeetingsPage }) },
  { path: 'meetings/:id', lazy: async () => ({ Component: (await import('./MeetingEditorPage')).MeetingEditorPage }) },
];
