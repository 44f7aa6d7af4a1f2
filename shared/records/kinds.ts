import { z } from 'zod';
import { CountryCode } from '../countries.js';
import { LANGUAGES } from '../i18n/languages.js';
import { isOrderKey } from '../sync/order.js';
import type { MergeAs } from '../sync/record.js';
import { LONG_TEXT_MAX, multilingual, SHORT_TEXT_MAX, text } from './text.js';

/**
 * Where a list item's id comes from: `value` a hash of the item itself (two people adding the same
 * partner agency add one item), `key:letter` / `key:id` the item's own key, `contact` the contact it
 * names (else random), `random` a fresh one.
 */
export type ListIdRule = 'value' | 'key:letter' | 'key:id' | 'contact' | 'random';

/** A field of a kind: its schema, how concurrent edits merge, and whether it holds languages. */
export interface FieldSpec<T extends z.ZodType = z.ZodType> {
  schema: T;
  mergeAs: MergeAs;
  multilingual: boolean;
  /** For a list merged item by item: how its items are named (each is its own sync key `field#id`). */
  list?: { id: ListIdRule };
}
const value = <T extends z.ZodType>(schema: T): FieldSpec<T> => ({ schema, mergeAs: 'value', multilingual: false });
/**
 * A list whose items merge one by one. `schema` is the whole array's (length, uniqueness), which a
 * write is checked against; the record keeps each item under its own key.
 */
const list = <T extends z.ZodType>(schema: T, id: ListIdRule): FieldSpec<T> => ({ schema, mergeAs: 'item', multilingual: false, list: { id } });
const line = () => value(text(SHORT_TEXT_MAX));
const mlLine = () => ({ schema: multilingual(SHORT_TEXT_MAX), mergeAs: 'text' as const, multilingual: true });
const mlProse = () => ({ schema: multilingual(LONG_TEXT_MAX), mergeAs: 'text' as const, multilingual: true });

const Id = z.uuid({ version: 'v7', error: 'errors:validation.id' });
const IsoDate = z.iso.date({ error: 'errors:validation.date' });
const IsoDateTime = z.iso.datetime({ offset: true, error: 'errors:validation.date' });
const Year = z.number().int().min(1900).max(2200);
const Amount = z.number().finite().nonnegative({ error: 'errors:validation.negative' });
const Currency = z.string().regex(/^[A-Z]{3}$/, { error: 'errors:validation.currency' });
const TimeZone = z.string().max(64).refine((tz) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, { error: 'errors:validation.timeZone' });

export const PILLARS = ['participation', 'protection', 'prevention', 'relief_recovery'] as const;
export const NAP_STATUSES = ['drafting', 'consultation', 'validation', 'adopted', 'under_review', 'archived'] as const;
export const ACTION_STATUSES = ['planned', 'ongoing', 'completed', 'delayed', 'cancelled'] as const;
export const MEETING_TYPES = [
  'focal_points_network',
  'informal_expert_group',
  'open_debate',
  'ministerial',
  'national_consultation',
  'working_group',
  'other',
] as const;
export const ACTION_POINT_STATUSES = ['open', 'in_progress', 'done', 'blocked', 'cancelled'] as const;
export const PRIORITIES = ['low', 'normal', 'high'] as const;
export const CONTACT_ROLES = ['national_focal_point', 'civil_society', 'un_entity', 'regional_organization', 'other'] as const;
export const INPUT_TYPES = ['written_statement', 'comment', 'recommendation'] as const;
export const INPUT_STATUSES = ['drafting', 'sent', 'received', 'considered', 'reflected'] as const;
/** How civil society was consulted on a NAP. */
export const CONSULTATION_CHANNELS = ['meeting', 'workshop', 'written', 'online', 'bilateral', 'other'] as const;
/** Preparation and follow-up steps that meeting templates add as action points (dates computed). */
export const TEMPLATE_STEPS = [
  'request_letter',
  'background_material',
  'meeting_summary',
  'follow_up_meeting',
  'chairs_summary',
  'newsletter_item',
] as const;

/** Security Council resolutions on women and peace and security. */
export const WPS_RESOLUTIONS = [1325, 1820, 1888, 1889, 1960, 2106, 2122, 2242, 2467, 2493] as const;

const Measurement = z.strictObject({
  date: IsoDate,
  value: z.number().finite(),
  source: text(SHORT_TEXT_MAX).optional(),
});
const Participant = z.strictObject({
  contactId: Id.optional(),
  name: text(SHORT_TEXT_MAX).optional(),
  country: CountryCode.optional(),
  organisation: text(SHORT_TEXT_MAX).optional(),
});
const AgendaItem = z.strictObject({ id: Id, order: z.string().max(200), text: text(SHORT_TEXT_MAX * 4) });
/** The title of a heading (a), (b)… under which a meeting's action points are grouped. */
const ActionHeading = z.strictObject({
  letter: z.string().regex(/^[a-z]{1,3}$/, { error: 'errors:validation.heading' }),
  title: text(SHORT_TEXT_MAX),
});
/**
 * A frozen copy of one record of a NAP, as kept in a named snapshot. Its fields keep the rules of
 * their own kind, as when they were typed: a snapshot is no way round a field's size limit.
 */
export const SnapshotRecord = z
  .strictObject({
    id: Id,
    kind: z.string().max(40),
    parentId: Id.nullable(),
    order: z.string().max(200).nullable(),
    fields: z.record(z.string().max(64), z.json()),
  })
  .superRefine((copy, ctx) => {
    // Read when a value is checked, long after FIELD_SCHEMAS below is made.
    const schema = Object.prototype.hasOwnProperty.call(FIELD_SCHEMAS, copy.kind) ? (FIELD_SCHEMAS as Record<string, z.ZodType>)[copy.kind] : undefined;
    if (!schema) {
      ctx.addIssue({ code: 'custom', path: ['kind'], message: 'errors:validation.kind' });
      return;
    }
    const issue = schema.safeParse(copy.fields).error?.issues[0];
    if (issue) ctx.addIssue({ code: 'custom', path: ['fields', ...issue.path], message: issue.message });
  });
export type SnapshotRecord = z.infer<typeof SnapshotRecord>;
const Owner = z.union([z.strictObject({ contactId: Id }), z.strictObject({ institution: text(SHORT_TEXT_MAX) })]);

/** Every kind of record and its fields. The store, the API, forms and bundles all derive from this. */
export const KINDS = {
  nap: {
    parent: null,
    fields: {
      title: mlLine(),
      country: value(z.union([CountryCode, z.literal('')])),
      generation: value(z.number().int().min(1).max(20)),
      periodStart: value(Year),
      periodEnd: value(Year),
      status: value(z.enum(NAP_STATUSES)),
      /** The pillars the plan is organised by, in the order it presents them. */
      pillars: list(
        z
          .array(z.enum(PILLARS))
          .max(PILLARS.length)
          .refine((items) => new Set(items).size === items.length, { error: 'errors:validation.duplicate' }),
        'value',
      ),
      summary: mlProse(),
      leadAgency: line(),
      coordinatingBody: line(),
    },
  },
  /** A civil-society consultation held on the NAP, and what changed because of it. */
  'nap.consultation': {
    parent: 'nap',
    fields: {
      date: value(IsoDate),
      participants: line(),
      channel: value(z.enum(CONSULTATION_CHANNELS)),
      summary: mlProse(),
      outcome: mlProse(),
    },
  },
  /** A named, frozen copy of the whole NAP ("draft 2 for consultation"). */
  'nap.snapshot': {
    parent: 'nap',
    fields: {
      name: line(),
      takenAt: value(IsoDateTime),
      records: value(z.array(SnapshotRecord).max(50_000)),
    },
  },
  'nap.objective': {
    parent: 'nap',
    fields: {
      pillar: value(z.enum(PILLARS)),
      title: mlLine(),
      description: mlProse(),
    },
  },
  'nap.action': {
    parent: 'nap.objective',
    fields: {
      description: mlProse(),
      leadAgency: line(),
      partnerAgencies: list(z.array(text(SHORT_TEXT_MAX)).max(100), 'value'),
      start: value(IsoDate),
      end: value(IsoDate),
      budgetAmount: value(Amount),
      budgetCurrency: value(Currency),
      status: value(z.enum(ACTION_STATUSES)),
      resolutions: list(z.array(z.number().int().min(1).max(9999)).max(50), 'value'),
      notes: mlProse(),
    },
  },
  'nap.indicator': {
    parent: 'nap.action',
    fields: {
      name: mlLine(),
      unit: line(),
      baselineValue: value(z.number().finite()),
      baselineYear: value(Year),
      targetValue: value(z.number().finite()),
      targetYear: value(Year),
      measurements: list(z.array(Measurement).max(1000), 'random'),
      meansOfVerification: mlProse(),
    },
  },
  meeting: {
    parent: null,
    fields: {
      title: mlLine(),
      type: value(z.enum(MEETING_TYPES)),
      start: value(IsoDateTime),
      end: value(IsoDateTime),
      timeZone: value(TimeZone),
      place: line(),
      online: value(z.boolean()),
      chairs: list(z.array(Participant).max(20), 'contact'),
      participants: list(z.array(Participant).max(2000), 'contact'),
      agenda: list(z.array(AgendaItem).max(500), 'key:id'),
      notes: mlProse(),
      decisions: mlProse(),
      guidingQuestions: mlProse(),
      /** Titles of the action-point headings, as a chair's summary names them. */
      actionHeadings: list(
        z
          .array(ActionHeading)
          .max(100)
          .refine((items) => new Set(items.map((h) => h.letter)).size === items.length, { error: 'errors:validation.duplicate' }),
        'key:letter',
      ),
    },
  },
  action: {
    parent: null,
    fields: {
      title: mlLine(),
      details: mlProse(),
      owner: value(Owner),
      dueDate: value(IsoDate),
      status: value(z.enum(ACTION_POINT_STATUSES)),
      priority: value(z.enum(PRIORITIES)),
      heading: value(z.string().regex(/^[a-z]{1,3}$/, { error: 'errors:validation.heading' })),
      number: value(z.number().int().min(1).max(999)),
      meetingId: value(Id),
      napActionId: value(Id),
      followUpDate: value(IsoDate),
      completionNote: mlProse(),
      /** Set when a meeting template made this action point: its date follows the meeting's. */
      templateStep: value(z.enum(TEMPLATE_STEPS)),
    },
  },
  contact: {
    parent: null,
    fields: {
      name: line(),
      country: value(z.union([CountryCode, z.literal('')])),
      institution: line(),
      role: value(z.enum(CONTACT_ROLES)),
      languages: value(z.array(z.enum(LANGUAGES)).max(6)),
      email: value(z.union([z.email({ error: 'errors:validation.email' }), z.literal('')])),
      phone: value(z.string().max(40).regex(/^[0-9+()\-.\s]*$/, { error: 'errors:validation.phone' })),
    },
  },
  input: {
    parent: null,
    fields: {
      type: value(z.enum(INPUT_TYPES)),
      title: mlLine(),
      author: line(),
      addressee: line(),
      targetWords: value(z.number().int().min(1).max(100_000)),
      deadline: value(IsoDate),
      body: mlProse(),
      status: value(z.enum(INPUT_STATUSES)),
      napId: value(Id),
      /** The meeting or open debate the statement is for (its guiding questions are shown beside it). */
      meetingId: value(Id),
      /** The delegation or organisation the statement is made on behalf of. */
      delegation: line(),
    },
  },
} as const satisfies Record<string, { parent: string | null; fields: Record<string, FieldSpec> }>;

export type Kind = keyof typeof KINDS;
export const KIND_NAMES = Object.keys(KINDS) as Kind[];
export const Kind = z.enum(KIND_NAMES as [Kind, ...Kind[]], { error: 'errors:validation.kind' });

type FieldsOf<K extends Kind> = (typeof KINDS)[K]['fields'];
export type KindFields<K extends Kind> = {
  [F in keyof FieldsOf<K>]?: (FieldsOf<K>[F] extends FieldSpec<infer S> ? z.output<S> : never) | null;
};

/** One item of a list as the record keeps it: its order key and the item, or null once removed. */
const ItemValue = z.strictObject({ o: z.string().max(200).refine(isOrderKey), v: z.json() }).nullable();
const ITEM_KEY = /^([a-z][A-Za-z0-9]{0,63})#[0-9a-z]{1,32}$/;

function fieldsSchema<K extends Kind>(kind: K) {
  const specs = KINDS[kind].fields as Record<string, FieldSpec>;
  const shape = Object.fromEntries(
    // null clears a field (a due date removed, a budget no longer known).
    Object.entries(specs).map(([name, spec]) => [name, spec.schema.nullable().optional()]),
  );
  if (!Object.values(specs).some((spec) => spec.list)) return z.strictObject(shape) as unknown as z.ZodType<KindFields<K>>;
  // Besides its fields, a kind with lists names the sync key of one item (`field#itemId`, as a
  // bundle carries it), checked as a list holding that item; any other key is refused as before.
  return z
    .object(shape)
    .catchall(z.unknown())
    .superRefine((fields, ctx) => {
      for (const [key, value] of Object.entries(fields)) {
        if (Object.prototype.hasOwnProperty.call(shape, key)) continue;
        const name = ITEM_KEY.exec(key)?.[1];
        const spec = name && Object.prototype.hasOwnProperty.call(specs, name) ? specs[name] : undefined;
        if (!spec?.list) {
          ctx.addIssue({ code: 'unrecognized_keys', keys: [key], path: [], input: fields });
          continue;
        }
        const item = ItemValue.safeParse(value);
        const issue = item.success ? (item.data ? spec.schema.safeParse([item.data.v]).error?.issues[0] : undefined) : item.error.issues[0];
        if (!issue) continue;
        const path = item.success ? [key, 'v', ...issue.path.slice(1)] : [key, ...issue.path];
        ctx.addIssue({ code: 'custom', path, message: issue.message });
      }
    }) as unknown as z.ZodType<KindFields<K>>;
}

/** Per kind, the schema of its fields (all optional: a field may not be filled in yet; null clears one). */
export const FIELD_SCHEMAS = Object.fromEntries(KIND_NAMES.map((k) => [k, fieldsSchema(k)])) as {
  [K in Kind]: z.ZodType<KindFields<K>>;
};

/** A field's spec; for one item of a list (`field#itemId`, a sync key), the list's. */
export function fieldSpec(kind: Kind, field: string): FieldSpec | undefined {
  const fields = KINDS[kind].fields as Record<string, FieldSpec>;
  if (Object.prototype.hasOwnProperty.call(fields, field)) return fields[field];
  const list = ITEM_KEY.exec(field)?.[1];
  return list && Object.prototype.hasOwnProperty.call(fields, list) && fields[list]!.list ? fields[list] : undefined;
}

/** A problem with one field, as the API and the forms report it (message = an i18n key). */
export interface FieldIssue {
  path: (string | number)[];
  message: string;
}

const isoDay = (value: unknown) => (typeof value === 'string' ? value.slice(0, 10) : undefined);
const instant = (value: unknown) => (typeof value === 'string' ? Date.parse(value) : Number.NaN);

/**
 * Rules across fields of one record, checked on every create and update (against the record as
 * it will be) and by the forms: a plan cannot end before it starts, a target cannot be set for a
 * year before its baseline.
 */
const RULES: Partial<Record<Kind, (fields: Record<string, unknown>) => FieldIssue[]>> = {
  nap: (f) =>
    typeof f.periodStart === 'number' && typeof f.periodEnd === 'number' && f.periodEnd < f.periodStart
      ? [{ path: ['periodEnd'], message: 'errors:validation.periodEnd' }]
      : [],
  'nap.action': (f) => {
    const start = isoDay(f.start);
    const end = isoDay(f.end);
    return start && end && end < start ? [{ path: ['end'], message: 'errors:validation.endBeforeStart' }] : [];
  },
  'nap.indicator': (f) =>
    typeof f.baselineYear === 'number' && typeof f.targetYear === 'number' && f.targetYear < f.baselineYear
      ? [{ path: ['targetYear'], message: 'errors:validation.targetYear' }]
      : [],
  meeting: (f) => {
    const start = instant(f.start);
    const end = instant(f.end);
    return end < start ? [{ path: ['end'], message: 'errors:validation.endBeforeStart' }] : [];
  },
};

/** The cross-field problems of a record's fields (all fields, after a change is applied). */
export function checkRecord(kind: Kind, fields: Record<string, unknown>): FieldIssue[] {
  return RULES[kind]?.(fields) ?? [];
}

/** The schema a form of this kind validates with: each field's own rules plus the cross-field ones. */
export function formSchema<K extends Kind>(kind: K): z.ZodType<KindFields<K>> {
  return FIELD_SCHEMAS[kind].superRefine((fields, ctx) => {
    for (const issue of checkRecord(kind, fields as Record<string, unknown>)) {
      ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
    }
  }) as unknown as z.ZodType<KindFields<K>>;
}
