import type { RecordView } from '../records/codec.js';
import { meetingDay } from './templates.js';

/**
 * What a person should notice about an action point but may keep (nothing here is refused):
 * a due date before the meeting that agreed it, an owner whose contact was deleted.
 */
export type ActionPointFlag = 'dueBeforeMeeting' | 'ownerDeleted' | 'ownerMissing';

/** The meeting's day where it is held, or null without a start. */
export function dayOfMeeting(meeting: RecordView | undefined): string | null {
  const start = meeting?.fields.start;
  if (typeof start !== 'string') return null;
  const tz = meeting!.fields.timeZone;
  return meetingDay(start, typeof tz === 'string' ? tz : null);
}

export function actionPointFlags(
  ap: RecordView,
  meeting: RecordView | undefined,
  contacts: ReadonlyMap<string, RecordView>,
): ActionPointFlag[] {
  const flags: ActionPointFlag[] = [];
  const due = typeof ap.fields.dueDate === 'string' ? ap.fields.dueDate : null;
  const day = dayOfMeeting(meeting);
  // Preparation steps (the request letter, background material) are due before by design.
  if (due && day && due < day && !ap.fields.templateStep) flags.push('dueBeforeMeeting');
  const owner = ap.fields.owner as { contactId?: string } | undefined;
  if (owner?.contactId) {
    const contact = contacts.get(owner.contactId);
    if (!contact) flags.push('ownerMissing');
    else if (contact.deleted) flags.push('ownerDeleted');
  }
  return flags;
}
