import type { KINDS, Kind, KindFields } from './kinds.js';

/** The names of a kind's fields. */
export type FieldName<K extends Kind> = keyof (typeof KINDS)[K]['fields'] & string;

/** What a form over some fields of a record of this kind holds: each field's value as its schema gives it, or null (empty). */
export type FormValues<K extends Kind, F extends FieldName<K> = FieldName<K>> = Pick<KindFields<K>, F>;
