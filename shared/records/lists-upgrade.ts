import { generateNKeysBetween } from 'fractional-indexing';
import { canonicalJson } from '../sync/list-merge.js';
import { type FieldVersion, type Json, type SyncRecord } from '../sync/record.js';
import { fieldSpec, Kind, type ListIdRule } from './kinds.js';
import { derivedItemId, itemKey, repeatedId, shortHash } from './lists.js';

/**
 * Records written before lists merged item by item keep each list as one key holding the whole
 * array. This turns such a record into item keys, the same way on every installation: ids and
 * order keys come from the record and the version alone, so two replicas upgrading one record
 * agree, and an old bundle upgraded on arrival merges with a record upgraded here without
 * duplicates.
 *
 * Every current version of a list key (concurrent ones included) becomes one version per item,
 * carrying that version's own dot, time and author and no predecessors: an item both concurrent
 * versions hold is then one item written twice with the same content (no question), and an item
 * only one holds is an addition. The whole-array key and its history are dropped. A record with no
 * whole-array list key comes back as it is (the same object).
 */
export function upgradeListFields(record: SyncRecord): SyncRecord {
  if (!Kind.safeParse(record.kind).success) return record;
  const kind = record.kind as Kind;
  const whole = (key: string) => !key.includes('#') && !!fieldSpec(kind, key)?.list;
  const legacy = Object.keys(record.fields).filter(whole);
  const legacyHistory = Object.keys(record.history).filter(whole);
  if (legacy.length === 0 && legacyHistory.length === 0) return record;
  const fields: SyncRecord['fields'] = { ...record.fields };
  const history: SyncRecord['history'] = { ...record.history };
  for (const key of legacyHistory) delete history[key];
  for (const field of legacy) {
    const rule = fieldSpec(kind, field)!.list!.id;
    const versions = fields[field]!;
    delete fields[field];
    const items = new Map<string, FieldVersion[]>();
    for (const version of versions) {
      for (const [key, value] of itemsOf(record.id, field, rule, version.value)) {
        const list = items.get(key) ?? [];
        list.push({ dot: version.dot, hlc: version.hlc, by: version.by, value, preds: [] });
        items.set(key, list);
      }
    }
    for (const [key, list] of items) {
      // Merged with an item key already there (an old bundle arriving after the upgrade): dots kept
      // once, and one already replaced there (in its history) does not come back.
      const there = fields[key] ?? [];
      const known = new Set([...there, ...(history[key] ?? [])].map((v) => `${v.dot.r}:${v.dot.c}`));
      fields[key] = [...there, ...list.filter((v) => !known.has(`${v.dot.r}:${v.dot.c}`))].sort(byVersion);
    }
  }
  return { ...record, fields, history };
}

/** Winner first, as the sync layer keeps versions (later time, then higher replica, then counter). */
function byVersion(a: FieldVersion, b: FieldVersion): number {
  if (a.hlc.t !== b.hlc.t) return b.hlc.t - a.hlc.t;
  if (a.hlc.l !== b.hlc.l) return b.hlc.l - a.hlc.l;
  if (a.dot.r !== b.dot.r) return a.dot.r < b.dot.r ? 1 : -1;
  return b.dot.c - a.dot.c;
}

/** One old whole-array value → its item keys and values, from the record, the field and the value alone. */
function itemsOf(recordId: string, field: string, rule: ListIdRule, value: Json): [string, Json][] {
  if (!Array.isArray(value) || value.length === 0) return [];
  const orders = generateNKeysBetween(null, null, value.length);
  const seen = new Map<string, number>();
  return value.map((item, i) => {
    // Without an id of its own (a measurement, a chair typed by name): named by its content and
    // how many times that content came before it in the list.
    const derived = derivedItemId(rule, item) ?? shortHash(`${recordId}\u0000${field}\u0000${canonicalJson(item)}`);
    const n = seen.get(derived) ?? 0;
    seen.set(derived, n + 1);
    return [itemKey(field, repeatedId(derived, n)), { o: orders[i]!, v: item }];
  });
}
