import { z } from 'zod';
import { Dot } from '../sync/clock.js';
import { FieldKey } from '../sync/record.js';
import { FIELD_SCHEMAS, Kind, KIND_NAMES } from './kinds.js';
import { RecordView, VersionView } from './codec.js';

const Id = z.uuid({ version: 'v7', error: 'errors:validation.id' });

/** records.create: the fields are checked against the kind's own schema. */
export const CreateRequest = z.discriminatedUnion(
  'kind',
  KIND_NAMES.map((kind) =>
    z.strictObject({
      kind: z.literal(kind),
      parentId: Id.nullable().optional(),
      fields: FIELD_SCHEMAS[kind],
    }),
  ) as unknown as [z.ZodObject, ...z.ZodObject[]],
  // Built from a list, the union's type is lost: say what it checks, so a client's request is typed.
) as unknown as z.ZodType<CreateRequest, CreateRequest>;
export type CreateRequest = { kind: Kind; parentId?: string | null; fields: Record<string, unknown> };

/** records.update: fields are checked against the record's kind in the core (the kind is stored). */
export const UpdateRequest = z.strictObject({
  id: Id,
  fields: z.record(z.string().max(64), z.json()),
});

/** records.updateMany: several changes written together, all or none (a bulk status change). */
export const UpdateManyRequest = z.strictObject({ items: z.array(UpdateRequest).min(1).max(10_000) });
export const UpdateManyResponse = z.object({ updated: z.number().int() });

export const IdRequest = z.strictObject({ id: Id });

export const MoveRequest = z.strictObject({
  id: Id,
  /** A new parent (same kind of parent); omitted = stay under the current one. */
  parentId: Id.optional(),
  /** Place right after this sibling; null = first. */
  after: Id.nullable(),
});

export const QueryRequest = z.strictObject({
  kind: Kind,
  parentId: Id.nullable().optional(),
  includeDeleted: z.boolean().optional(),
  /** Words to find in any text of the record or of the records under it (the search index's rules). */
  text: z.string().max(200, { error: 'errors:validation.too_long' }).optional(),
  /** Field equals value, for plain fields (status, type, country…). */
  where: z.record(z.string().max(64), z.union([z.string().max(200), z.number(), z.boolean()])).optional(),
  sort: z
    .strictObject({ by: z.string().max(64), direction: z.enum(['asc', 'desc']).default('asc') })
    .optional(),
  /** Language for sorting text and picking which language of a text to sort by. */
  locale: z.string().max(35).optional(),
  limit: z.number().int().min(1).max(10_000).default(200),
  offset: z.number().int().min(0).default(0),
});
export type QueryRequest = z.input<typeof QueryRequest>;

export const QueryResponse = z.object({ total: z.number().int(), records: z.array(RecordView) });

export const GetRequest = z.strictObject({ id: Id, children: z.boolean().optional() });
export const GetResponse = z.object({ record: RecordView, children: z.array(RecordView) });

export const HistoryRequest = z.strictObject({ id: Id, field: FieldKey });
/** For a list: `item` names the item each version is of (its value is the item; null: removed). */
export const HistoryResponse = z.array(VersionView.extend({ current: z.boolean(), item: z.string().optional() }));

export const ConflictsResponse = z.array(RecordView);

export const ResolveRequest = z.strictObject({
  id: Id,
  /** The sync key of the conflict (`title@fr`, `status`, `_deleted`). */
  field: FieldKey,
  choice: z.union([z.strictObject({ take: Dot }), z.strictObject({ value: z.json() })]),
});
