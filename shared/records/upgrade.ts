import type { SyncRecord } from '../sync/record.js';
import { upgradeListFields } from './lists-upgrade.js';

/**
 * A record written by an older format (a bundle of version 1, a store file of schema 1), brought
 * to the current model, the same way on every installation. Version 1 held each list field as one
 * value; lists now keep one key per item (lists-upgrade.ts). Older text versions needed nothing:
 * they are read in full and written as deltas from then on.
 */
export function upgradeRecord(record: SyncRecord, fromVersion: number): SyncRecord {
  return fromVersion < 2 ? upgradeListFields(record) : record;
}
