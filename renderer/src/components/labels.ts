import type { ACTION_POINT_STATUSES, CONTACT_ROLES, MEETING_TYPES, PRIORITIES } from '../../../shared/records/kinds';

/** Badge colours dark enough for AA contrast with white text, one per status. */
export const STATUS_COLOR = {
  open: 'blue.8',
  in_progress: 'grape.9',
  done: 'teal.9',
  blocked: 'red.9',
  cancelled: 'gray.7',
} as const satisfies Record<(typeof ACTION_POINT_STATUSES)[number], string>;

export const PRIORITY_COLOR = {
  low: 'gray.7',
  normal: 'blue.8',
  high: 'red.9',
} as const satisfies Record<(typeof PRIORITIES)[number], string>;

export type MeetingType = (typeof MEETING_TYPES)[number];
export type ContactRole = (typeof CONTACT_ROLES)[number];
