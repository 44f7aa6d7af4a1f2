import { z } from 'zod';
import { LANGUAGES } from '../i18n/languages.js';
import { Kind, KIND_NAMES } from '../records/kinds.js';

/** A query as typed: up to this many characters are searched (a pasted page is cut here). */
export const QUERY_MAX = 500;

/**
 * The typed words: a pasted page is taken (and cut at QUERY_MAX), a megabyte is refused with a
 * reason the app and the terminal translate.
 */
const QueryText = z.string().max(QUERY_MAX * 4, { error: 'errors:validation.too_long' });

export const SearchRequest = z.strictObject({
  text: QueryText,
  /** Only these kinds (all when absent). */
  kinds: z.array(Kind).max(KIND_NAMES.length).optional(),
  limit: z.number().int().min(1).max(500).default(20),
  offset: z.number().int().min(0).max(100_000).default(0),
  /** Deleted records too (they are never found otherwise). */
  includeDeleted: z.boolean().optional(),
  /** The interface language: titles are given in it when a record has that version. */
  locale: z.string().max(35).optional(),
});
export type SearchRequest = z.input<typeof SearchRequest>;

/** A stretch of text with the matched words marked: [start, end) offsets in UTF-16 units. */
export const Snippet = z.object({
  text: z.string(),
  marks: z.array(z.tuple([z.number().int(), z.number().int()])),
  /** The language version the snippet is from (null: a plain field); its direction follows it. */
  language: z.enum(LANGUAGES).nullable(),
  /** Whether text was cut before or after the stretch shown. */
  cutStart: z.boolean(),
  cutEnd: z.boolean(),
});
export type Snippet = z.infer<typeof Snippet>;

const RecordRef = z.object({ id: z.string(), kind: Kind, title: z.string(), language: z.enum(LANGUAGES).nullable() });

export const SearchHit = RecordRef.extend({
  /** The field the words were found in (the first of the kind's searched fields that has them). */
  field: z.string(),
  snippet: Snippet,
  /**
   * Where the record lives: a NAP item's NAP, a consultation's NAP, an action point's meeting
   * (when it has one). Null for a record that stands alone.
   */
  parent: RecordRef.nullable(),
  deleted: z.boolean(),
  score: z.number(),
});
export type SearchHit = z.infer<typeof SearchHit>;

export const SearchResponse = z.object({
  total: z.number().int(),
  hits: z.array(SearchHit),
  /** The query as searched (folded words), so a screen can say what was looked for. */
  terms: z.array(z.string()),
});
export type SearchResponse = z.infer<typeof SearchResponse>;

/**
 * The records of one kind a list's search box finds: those whose own texts match and those with
 * a matching text anywhere under them (a NAP whose action mentions "police").
 */
export const SearchMatchRequest = z.strictObject({
  text: QueryText,
  kind: Kind,
  includeDeleted: z.boolean().optional(),
});
export const SearchMatchResponse = z.object({ ids: z.array(z.string()) });
