import { z } from 'zod';
import { compareHlc, Dot } from '../sync/clock.js';
import {
  DELETED,
  deleteConflict,
  fieldState,
  isDeleted,
  ORDER,
  PARENT,
  type FieldVersion,
  type Json,
  type MergeAs,
  type SyncRecord,
} from '../sync/record.js';
import { fieldSpec, Kind, KINDS } from './kinds.js';
import { shownLanguage } from './text-version.js';
import { isItemValue } from '../sync/list-merge.js';
import { compareItems, listChanges, listItems, splitItemKey, type ListItem } from './lists.js';
import { upgradeListFields } from './lists-upgrade.js';
import type { Language } from '../i18n/languages.js';

/**
 * Sync keys: a plain field is its name, a language version of a text is `field@lang`, an item of a
 * list is `field#itemId`.
 */
export function mergeAsFor(kind: Kind): (key: string) => MergeAs {
  return (key) => {
    if (key === ORDER) return 'order';
    if (key === DELETED || key === PARENT) return 'value';
    const [name, item] = splitItemKey(key);
    const spec = fieldSpec(kind, name.split('@')[0]!);
    // A list kept whole (as written before lists merged item by item) is one value.
    if (spec?.list) return item === undefined ? 'value' : 'item';
    return spec?.mergeAs ?? 'value';
  };
}

/**
 * Domain fields (validated by the kind's schema) → the sync layer's per-key changes. A text given
 * in some languages changes only those; null clears a field (every language of a text); a list
 * changes only the items that changed (see listChanges), against the record as it is (`current`).
 */
export function toSyncChanges(kind: Kind, fields: Record<string, unknown>, current?: SyncRecord): Record<string, Json> {
  const changes: Record<string, Json> = {};
  const existing = current ? Object.keys(current.fields) : [];
  for (const [name, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    const spec = fieldSpec(kind, name);
    if (spec?.list) {
      Object.assign(changes, listChanges(name, spec.list.id, value as Json[] | null, current ? listItems(current, name) : []));
      continue;
    }
    if (spec?.multilingual) {
      if (value === null) {
        for (const key of existing) if (key.startsWith(`${name}@`)) changes[key] = null;
        continue;
      }
      for (const [lang, text] of Object.entries(value as Record<string, string>)) changes[`${name}@${lang}`] = text;
    } else {
      changes[name] = value as Json;
    }
  }
  return changes;
}

export const VersionView = z.object({
  dot: Dot,
  value: z.json(),
  by: z.string(),
  /** Milliseconds since the epoch, from the edit's HLC time. */
  at: z.number(),
});
export type VersionView = z.infer<typeof VersionView>;

export const ConflictView = z.object({
  /**
   * The sync key: `title@fr`, `status`, `measurements#<item>` for one item of a list (its versions
   * are the item, or null where removed), or `_deleted` for a delete that crossed an edit.
   */
  field: z.string(),
  kind: z.enum(['edit', 'delete']),
  versions: z.array(VersionView),
});
export type ConflictView = z.infer<typeof ConflictView>;

export const RecordView = z.object({
  id: z.string(),
  kind: Kind,
  parentId: z.string().nullable(),
  order: z.string().nullable(),
  fields: z.record(z.string(), z.json()),
  deleted: z.boolean(),
  created: z.object({ at: z.number(), by: z.string() }),
  updated: z.object({ at: z.number(), by: z.string() }),
  conflicts: z.array(ConflictView),
});
export type RecordView = z.infer<typeof RecordView>;

export const versionView = (v: FieldVersion): VersionView => ({ dot: v.dot, value: v.value, by: v.by, at: v.hlc.t });
/** A version of one list item as a person reads it: the item, or null where it was removed. */
export const itemVersionView = (v: FieldVersion): VersionView => ({ ...versionView(v), value: isItemValue(v.value) ? v.value.v : null });

/**
 * What a person sees of a record: current values (merged where text merged cleanly) and open
 * conflicts. A list still kept whole (written before lists merged item by item) is shown as it will
 * be once upgraded: its concurrent versions merged, so an edit of what is shown loses no item.
 */
export function viewRecord(stored: SyncRecord): RecordView {
  const record = upgradeListFields(stored);
  const kind = record.kind as Kind;
  const mergeAs = mergeAsFor(kind);
  const fields: Record<string, Json> = {};
  const lists = new Map<string, ListItem[]>();
  const conflicts: ConflictView[] = [];
  let created: FieldVersion | undefined;
  let updated: FieldVersion | undefined;
  for (const [key, versions] of Object.entries(record.fields)) {
    for (const v of [...versions, ...(record.history[key] ?? [])]) {
      if (!created || compareHlc(v.hlc, created.hlc) < 0) created = v;
      if (!updated || compareHlc(v.hlc, updated.hlc) > 0) updated = v;
    }
    const state = fieldState(record, key, mergeAs(key));
    const [list, item] = splitItemKey(key);
    // An item's versions are shown as the item (null: removed), not as its order key and content.
    const shown = item === undefined ? versionView : itemVersionView;
    if (state.conflict) conflicts.push({ field: key, kind: 'edit', versions: state.conflict.map(shown) });
    if (item !== undefined) {
      const items = lists.get(list) ?? [];
      lists.set(list, items);
      if (isItemValue(state.value)) items.push({ id: item, o: state.value.o, v: state.value.v });
      continue;
    }
    if (key.startsWith('_') || state.value === undefined || state.value === null) continue;
    const [name, lang] = key.split('@') as [string, string | undefined];
    if (lang) {
      // A fresh object: never write into a version's own value.
      const texts = { ...((fields[name] ?? {}) as Record<string, Json>) };
      texts[lang] = state.value;
      fields[name] = texts;
    } else {
      fields[name] = state.value;
    }
  }
  // A list as the array everyone else sees, in item order; it replaces a whole list kept from before.
  for (const [name, items] of lists) fields[name] = items.sort(compareItems).map((i) => i.v);
  const crossed = deleteConflict(record);
  if (crossed) conflicts.push({ field: DELETED, kind: 'delete', versions: [record.fields[DELETED]![0]!, ...crossed].map(versionView) });
  const parent = fieldState(record, PARENT, 'value').value;
  const order = fieldState(record, ORDER, 'order').value;
  return {
    id: record.id,
    kind,
    parentId: typeof parent === 'string' ? parent : null,
    order: typeof order === 'string' ? order : null,
    fields,
    deleted: isDeleted(record),
    created: { at: created?.hlc.t ?? 0, by: created?.by ?? '' },
    updated: { at: updated?.hlc.t ?? 0, by: updated?.by ?? '' },
    conflicts,
  };
}

export const PARENT_KIND: Record<Kind, Kind | null> = Object.fromEntries(
  Object.entries(KINDS).map(([kind, spec]) => [kind, spec.parent]),
) as Record<Kind, Kind | null>;

/**
 * What a record is called in lists: its title or name (else the start of its description), in
 * the given language when it has that version; '' when it has none of these. `language`: the
 * version shown (null for a plain field or no title).
 */
export function recordTitleVersion(fields: Record<string, Json>, language: string): { title: string; language: Language | null } {
  for (const key of ['title', 'name', 'description', 'details']) {
    const value = fields[key];
    if (typeof value === 'string' && value) return { title: value, language: null };
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      // The version every screen shows (and an edit changes), so a list and its editor agree.
      const lang = shownLanguage(value, language);
      if (lang) return { title: (value as Record<string, string>)[lang]!, language: lang };
    }
  }
  return { title: '', language: null };
}

/** What a record is called in lists (see recordTitleVersion). */
export function recordTitle(fields: Record<string, Json>, language: string): string {
  return recordTitleVersion(fields, language).title;
}
