import { z } from 'zod';
import { LANGUAGES } from '../i18n/languages.js';
import { ACTION_POINT_STATUSES, type Kind } from '../records/kinds.js';
import type { DocumentType } from './model.js';

export const DOCUMENT_TYPES = ['nap', 'chair-summary', 'statement', 'actions'] as const satisfies readonly DocumentType[];
/** `html` is the print view's (and the PDF's) page, as the app shows it before printing. */
export const DOCUMENT_FORMATS = ['docx', 'pdf', 'xlsx', 'html'] as const;
export type DocumentFormat = (typeof DOCUMENT_FORMATS)[number];

/** The formats each document is offered in: a workbook only where the document is tables. */
export const FORMATS_OF: Record<DocumentType, readonly DocumentFormat[]> = {
  nap: ['docx', 'pdf', 'xlsx', 'html'],
  'chair-summary': ['docx', 'pdf', 'html'],
  statement: ['docx', 'pdf', 'html'],
  actions: ['docx', 'pdf', 'xlsx', 'html'],
};

export const MIME_OF: Record<DocumentFormat, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  html: 'text/html',
};

/** What each document is made from: a NAP, a meeting, a statement; the action points from none. */
export const SOURCE_KIND: Record<DocumentType, Kind | null> = { nap: 'nap', 'chair-summary': 'meeting', statement: 'input', actions: null };

const Id = z.uuid({ version: 'v7', error: 'errors:validation.id' });
const Day = z.iso.date({ error: 'errors:validation.date' });

/** Which action points a table of action points holds, as the Action points page filters them. */
export const ActionsSelection = z.strictObject({
  /** The rows of the page's current table, in its order (what you see is what you get). */
  ids: z.array(Id).max(100_000).optional(),
  statuses: z.array(z.enum(ACTION_POINT_STATUSES)).max(ACTION_POINT_STATUSES.length).optional(),
  meetingId: Id.optional(),
  overdueOnly: z.boolean().optional(),
});
export type ActionsSelection = z.infer<typeof ActionsSelection>;

export const DocumentOptions = z.strictObject({
  /** Chair's summary and action points: say who owns each point. */
  owners: z.boolean().default(true),
  /** Chair's summary and action points: say when each point is due. */
  dueDates: z.boolean().default(true),
  /** NAP: the action matrix as a landscape table. */
  matrix: z.boolean().default(true),
  /** NAP: the indicator progress table. */
  progress: z.boolean().default(true),
});
export type DocumentOptions = z.infer<typeof DocumentOptions>;

/** The parts of each document a person may leave out (the others have no say on it). */
export const PARTS_OF: Record<DocumentType, readonly (keyof DocumentOptions)[]> = {
  nap: ['matrix', 'progress'],
  'chair-summary': ['owners', 'dueDates'],
  statement: [],
  actions: ['owners', 'dueDates'],
};

export const DocumentRequest = z
  .strictObject({
    type: z.enum(DOCUMENT_TYPES),
    /** The NAP, meeting or statement; none for the action points. */
    id: Id.optional(),
    actions: ActionsSelection.optional(),
    format: z.enum(DOCUMENT_FORMATS),
    /** The document's language (its labels and the version of each text), not the interface's. */
    language: z.enum(LANGUAGES, { error: 'errors:validation.language' }),
    options: DocumentOptions.prefault({}),
    /** The person's calendar day (what "overdue" means in the action points). */
    today: Day.optional(),
  })
  .refine((r) => r.type === 'actions' || r.id !== undefined, { error: 'errors:validation.required', path: ['id'] })
  .refine((r) => FORMATS_OF[r.type].includes(r.format), { error: 'errors:documents.format', path: ['format'] });
export type DocumentRequest = z.input<typeof DocumentRequest>;

export const DocumentResponse = z.object({
  /** A file name for the save dialog: the document's title, safe on every system, with its extension. */
  fileName: z.string(),
  mime: z.string(),
  /** The file, base64. */
  bytes: z.string(),
});
export type DocumentResponse = z.infer<typeof DocumentResponse>;
