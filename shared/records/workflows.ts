import { z } from 'zod';
import { RecordView } from './codec.js';
import { TEMPLATE_STEPS } from './kinds.js';
import { SHORT_TEXT_MAX, text } from './text.js';

const Id = z.uuid({ version: 'v7', error: 'errors:validation.id' });

/** naps.snapshot: freeze the whole NAP under a name ("draft 2 for consultation"). */
export const SnapshotRequest = z.strictObject({
  napId: Id,
  name: text(SHORT_TEXT_MAX).trim().min(1, { error: 'errors:validation.required' }),
});

/** naps.duplicate: the plan's structure as the start of its next generation. */
export const DuplicateRequest = z.strictObject({ id: Id });

/** meetings.applyTemplate: add the meeting type's preparation and follow-up steps as action points. */
export const ApplyTemplateRequest = z.strictObject({ meetingId: Id });
export const CreatedResponse = z.object({ created: z.array(RecordView) });

/** meetings.reschedule: the template steps whose computed date changed with the meeting's; `apply` writes them. */
export const RescheduleRequest = z.strictObject({ meetingId: Id, apply: z.boolean() });
export const RescheduleResponse = z.object({
  changes: z.array(
    z.object({
      id: z.string(),
      step: z.enum(TEMPLATE_STEPS),
      from: z.string().nullable(),
      to: z.string(),
    }),
  ),
});
export type RescheduleResponse = z.infer<typeof RescheduleResponse>;
