/**
 * Lists that merge item by item (DESIGN §4): the write diff (an array as a person sends it → the
 * changes of its items), the view (the plain array again), item conflicts, and the upgrade of
 * records that kept a list as one whole-array key.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { HybridClock } from '../../shared/sync/clock.js';
import { createRecord, mergeRecords, writeFields, type Json, type SyncRecord, type Writer } from '../../shared/sync/record.js';
import { mergeAsFor, toSyncChanges, viewRecord } from '../../shared/records/codec.js';
import { derivedItemId, listChanges, listItems, type ListItem } from '../../shared/records/lists.js';
import { upgradeListFields } from '../../shared/records/lists-upgrade.js';
import type { Kind } from '../../shared/records/kinds.js';

const RECORD_ID = '01890a5d-ac96-774b-bcce-b302099a8057';
const T0 = Date.UTC(2026, 2, 8, 10);

function replica(id: string, kind: Kind, skew = 0) {
  let counter = 0;
  let tick = 0;
  const clock = new HybridClock(() => T0 + skew + 60_000 * tick++);
  const writer: Writer = { replica: id.repeat(16), clock, nextCounter: () => ++counter, author: `Author ${id}` };
  const mergeAs = mergeAsFor(kind);
  const self = {
    record: undefined as SyncRecord | undefined,
    /** A write through the codec, as the API makes it; returns the sync changes it made. */
    set(fields: Record<string, unknown>): Record<string, Json> {
      const changes = toSyncChanges(kind, fields, self.record);
      self.record = self.record
        ? Object.keys(changes).length === 0
          ? self.record
          : writeFields(self.record, writer, changes, { mergeAs })
        : createRecord(RECORD_ID, kind, writer, changes, mergeAs);
      return changes;
    },
    receive(other: { record: SyncRecord | undefined }) {
      self.record = self.record ? mergeRecords(self.record, other.record!) : other.record!;
      for (const versions of Object.values(other.record!.fields)) for (const v of versions) clock.observe(v.hlc);
    },
    view: () => viewRecord(self.record!),
  };
  return self;
}

const m = (date: string, value: number, source?: string) => (source ? { date, value, source } : { date, value });

describe('the write diff', () => {
  it('sending the same array again changes nothing', () => {
    const a = replica('a', 'nap.indicator');
    a.set({ measurements: [m('2025-06-30', 11, 'Police HR'), m('2025-12-31', 13)] });
    expect(a.set({ measurements: [m('2025-06-30', 11, 'Police HR'), m('2025-12-31', 13)] })).toEqual({});
    // Key order inside an item does not matter either.
    expect(a.set({ measurements: [{ source: 'Police HR', value: 11, date: '2025-06-30' }, m('2025-12-31', 13)] })).toEqual({});
  });

  it('an edit in place keeps the item (its id and its order key)', () => {
    const a = replica('a', 'nap.indicator');
    a.set({ measurements: [m('2025-06-30', 11), m('2025-12-31', 13)] });
    const before = listItems(a.record!, 'measurements');
    const changes = a.set({ measurements: [m('2025-06-30', 11), m('2025-12-31', 14)] });
    expect(Object.keys(changes)).toEqual([`measurements#${before[1]!.id}`]);
    expect(changes[`measurements#${before[1]!.id}`]).toEqual({ o: before[1]!.o, v: m('2025-12-31', 14) });
    expect(a.view().fields.measurements).toEqual([m('2025-06-30', 11), m('2025-12-31', 14)]);
  });

  it('a reorder moves as few order keys as it can', () => {
    const a = replica('a', 'nap.action');
    const agencies = ['A', 'B', 'C', 'D', 'E', 'F'];
    a.set({ partnerAgencies: agencies });
    const changes = a.set({ partnerAgencies: ['A', 'C', 'D', 'E', 'F', 'B'] });
    expect(Object.keys(changes)).toHaveLength(1);
    expect(a.view().fields.partnerAgencies).toEqual(['A', 'C', 'D', 'E', 'F', 'B']);
    const reversed = a.set({ partnerAgencies: ['B', 'F', 'E', 'D', 'C', 'A'] });
    expect(Object.keys(reversed)).toHaveLength(5);
    expect(a.view().fields.partnerAgencies).toEqual(['B', 'F', 'E', 'D', 'C', 'A']);
  });

  it('a removal removes that item only; an insertion in the middle touches only the new item', () => {
    const a = replica('a', 'meeting');
    const item = (n: number, text: string) => ({ id: `019a0000-0000-7000-8000-00000000000${n}`, order: `a${n}`, text });
    a.set({ agenda: [item(1, 'Opening'), item(2, 'NAP reviews'), item(3, 'Closing')] });
    const removed = a.set({ agenda: [item(1, 'Opening'), item(3, 'Closing')] });
    expect(removed).toEqual({ 'agenda#019a0000000070008000000000000002': null });
    const inserted = a.set({ agenda: [item(1, 'Opening'), item(4, 'Financing'), item(3, 'Closing')] });
    expect(Object.keys(inserted)).toEqual(['agenda#019a0000000070008000000000000004']);
    expect(a.view().fields.agenda).toEqual([item(1, 'Opening'), item(4, 'Financing'), item(3, 'Closing')]);
    expect(a.set({ agenda: null })).toEqual({
      'agenda#019a0000000070008000000000000001': null,
      'agenda#019a0000000070008000000000000003': null,
      'agenda#019a0000000070008000000000000004': null,
    });
    expect(a.view().fields.agenda).toEqual([]);
  });

  it('names value items by their normalised value, headings by their letter, chairs by their contact', () => {
    expect(derivedItemId('value', 'UN Women')).toBe(derivedItemId('value', '  un   women '));
    expect(derivedItemId('value', 'UN Women')).not.toBe(derivedItemId('value', 'UNDP'));
    expect(derivedItemId('value', 'UN Women')).toMatch(/^[0-9a-z]{1,32}$/);
    expect(derivedItemId('value', 1325)).not.toBe(derivedItemId('value', 1820));
    expect(derivedItemId('key:letter', { letter: 'c', title: 'x' })).toBe('c');
    expect(derivedItemId('contact', { contactId: '019a0000-0000-7000-8000-00000000000A' })).toBe('019a000000007000800000000000000a');
    expect(derivedItemId('contact', { country: 'NA' })).toBeUndefined();
    expect(derivedItemId('random', m('2025-06-30', 1))).toBeUndefined();
  });

  it('keeps a list with the same value twice as two items, and keys that tie by order', () => {
    const existing: ListItem[] = [
      { id: 'x', o: 'a0', v: 'One' },
      { id: 'y', o: 'a0', v: 'Two' },
    ];
    // Two items added at the same place on two machines share an order key: the same array again changes nothing.
    expect(listChanges('measurements', 'random', ['One', 'Two'], existing)).toEqual({});
    const swapped = listChanges('measurements', 'random', ['Two', 'One'], existing);
    expect(Object.keys(swapped)).toHaveLength(1);
    const twice = listChanges('partnerAgencies', 'value', ['UN Women', 'UN Women'], []);
    expect(Object.keys(twice)).toHaveLength(2);
  });
});

describe('merging lists item by item', () => {
  it('concurrent additions both stay, with no edit conflict', () => {
    const a = replica('a', 'nap.indicator');
    const b = replica('b', 'nap.indicator', 5_000);
    a.set({ measurements: [m('2025-06-30', 11)] });
    b.receive(a);
    a.set({ measurements: [m('2025-06-30', 11), m('2025-12-31', 13)] });
    b.set({ measurements: [m('2025-06-30', 11), m('2026-03-31', 14, 'Rapport')] });
    a.receive(b);
    b.receive(a);
    expect(a.view().conflicts).toEqual([]);
    expect(a.view().fields.measurements).toEqual(b.view().fields.measurements);
    expect(a.view().fields.measurements).toHaveLength(3);
  });

  it('the same partner agency added on both sides is one item', () => {
    const a = replica('a', 'nap.action');
    const b = replica('b', 'nap.action', 5_000);
    a.set({ partnerAgencies: ['UNDP'] });
    b.receive(a);
    a.set({ partnerAgencies: ['UNDP', 'UN Women'] });
    b.set({ partnerAgencies: ['UN Women', 'UNDP'] });
    a.receive(b);
    expect(a.view().conflicts).toEqual([]);
    expect([...(a.view().fields.partnerAgencies as string[])].sort()).toEqual(['UN Women', 'UNDP']);
  });

  it('a removal and a move of the same item: removed; a removal and an edit: an item conflict', () => {
    const a = replica('a', 'nap.indicator');
    const b = replica('b', 'nap.indicator', 5_000);
    a.set({ measurements: [m('2025-06-30', 11), m('2025-12-31', 13), m('2026-06-30', 15)] });
    b.receive(a);
    a.set({ measurements: [m('2025-12-31', 13), m('2026-06-30', 15)] });
    b.set({ measurements: [m('2025-12-31', 13), m('2025-06-30', 11), m('2026-06-30', 15)] });
    a.receive(b);
    expect(a.view().fields.measurements).toEqual([m('2025-12-31', 13), m('2026-06-30', 15)]);
    expect(a.view().conflicts).toEqual([]);

    b.receive(a);
    a.set({ measurements: [m('2025-12-31', 13)] });
    b.set({ measurements: [m('2025-12-31', 13), m('2026-06-30', 16)] });
    a.receive(b);
    const view = a.view();
    expect(view.conflicts).toHaveLength(1);
    const conflict = view.conflicts[0]!;
    expect(conflict.field).toMatch(/^measurements#[0-9a-f]{32}$/);
    // Shown as the item (null: removed), never as its order key and content.
    expect(conflict.versions.map((v) => v.value).sort()).toEqual([null, m('2026-06-30', 16)].sort());
    // Nothing hides while a person decides.
    expect(view.fields.measurements).toEqual([m('2025-12-31', 13), m('2026-06-30', 16)]);
  });

  it('two different edits of the same item are a conflict on that item only; an edit and a move merge', () => {
    const a = replica('a', 'meeting');
    const b = replica('b', 'meeting', 5_000);
    a.set({ actionHeadings: [{ letter: 'a', title: 'Financing' }, { letter: 'b', title: 'Data' }] });
    b.receive(a);
    a.set({ actionHeadings: [{ letter: 'b', title: 'Data' }, { letter: 'a', title: 'Funding' }] });
    b.set({ actionHeadings: [{ letter: 'a', title: 'Financing' }, { letter: 'b', title: 'Data and statistics' }] });
    a.receive(b);
    expect(a.view().conflicts).toEqual([]);
    expect(a.view().fields.actionHeadings).toEqual([{ letter: 'b', title: 'Data and statistics' }, { letter: 'a', title: 'Funding' }]);
    b.receive(a);
    a.set({ actionHeadings: [{ letter: 'b', title: 'Data and statistics' }, { letter: 'a', title: 'Money' }] });
    b.set({ actionHeadings: [{ letter: 'b', title: 'Data and statistics' }, { letter: 'a', title: 'Budget' }] });
    a.receive(b);
    b.receive(a);
    expect(a.view().conflicts.map((c) => c.field)).toEqual(['actionHeadings#a']);
    expect(a.view()).toEqual(b.view());
  });
});

describe('upgrading records that kept lists whole', () => {
  const dir = path.join(import.meta.dirname, '../fixtures/v1');
  const ids = JSON.parse(fs.readFileSync(path.join(dir, 'ids.json'), 'utf8')) as Record<string, string>;
  const records = new Map<string, SyncRecord>();
  for (const file of fs.readdirSync(path.join(dir, 'data/records'))) {
    const bucket = JSON.parse(fs.readFileSync(path.join(dir, 'data/records', file), 'utf8')) as { records: SyncRecord[] };
    for (const r of bucket.records) records.set(r.id, r);
  }

  it('turns the open list conflicts of the fixtures into plain merged lists', () => {
    const indicator = upgradeListFields(records.get(ids.indicator!)!);
    const action = upgradeListFields(records.get(ids.action!)!);
    const iv = viewRecord(indicator);
    expect(iv.conflicts).toEqual([]);
    expect(iv.fields.measurements).toHaveLength(3);
    expect((iv.fields.measurements as { date: string }[]).map((x) => x.date).sort()).toEqual(['2025-06-30', '2025-12-31', '2026-03-31']);
    const av = viewRecord(action);
    expect(av.conflicts).toEqual([]);
    expect([...(av.fields.partnerAgencies as string[])].sort()).toEqual(['Coalition des femmes', 'Ministry of Defence', 'UN Women', 'UNDP']);
    expect(av.fields.resolutions).toEqual([1325, 1820, 2242]);
    expect(Object.keys(action.fields).some((k) => k === 'partnerAgencies')).toBe(false);
    expect(Object.keys(action.history).some((k) => k === 'partnerAgencies' || k === 'resolutions')).toBe(false);
  });

  it('keeps every other list as it was seen, and every record valid', () => {
    const meeting = viewRecord(upgradeListFields(records.get(ids.meeting!)!));
    const old = viewRecord(records.get(ids.meeting!)!);
    for (const field of ['agenda', 'chairs', 'participants', 'actionHeadings']) expect(meeting.fields[field]).toEqual(old.fields[field]);
    const nap = viewRecord(upgradeListFields(records.get(ids.nap!)!));
    expect(nap.fields.pillars).toEqual(['participation', 'protection']);
    for (const r of records.values()) {
      const up = upgradeListFields(r);
      expect(() => SyncRecordSchema.parse(up)).not.toThrow();
    }
  });

  it('is deterministic and idempotent, and an upgraded old copy merges with an upgraded one without duplicates', () => {
    for (const r of records.values()) {
      const once = upgradeListFields(r);
      expect(upgradeListFields(structuredClone(r))).toEqual(once);
      expect(upgradeListFields(once)).toBe(once);
      expect(mergeRecords(once, upgradeListFields(structuredClone(r)))).toEqual(mergeRecords(once, once));
    }
    // One side upgraded before it received the other's version, the other after: one list.
    const indicator = records.get(ids.indicator!)!;
    const boris = 'e1cda6ad53493a5b';
    expect(Object.values(indicator.fields).flat().filter((v) => v.dot.r === boris)).toHaveLength(1);
    const { [boris]: _seen, ...beforeBoris } = indicator.vv;
    const onlyAmina = { ...indicator, vv: beforeBoris, fields: { ...indicator.fields, measurements: indicator.fields.measurements!.filter((v) => v.dot.r !== boris) } };
    const amina = '738c257596adfb96';
    expect(Object.values(indicator.fields).flat().filter((v) => v.dot.r === amina && v.dot.c >= 67)).toHaveLength(1);
    const onlyBoris = { ...indicator, vv: { ...indicator.vv, [amina]: 66 }, fields: { ...indicator.fields, measurements: indicator.fields.measurements!.filter((v) => v.dot.r === boris) } };
    const merged = viewRecord(mergeRecords(upgradeListFields(onlyAmina), upgradeListFields(onlyBoris)));
    expect(merged.conflicts).toEqual([]);
    expect(merged.fields.measurements).toHaveLength(3);
  });

  it('then merges item by item: an edit made after the upgrade meets an old bundle upgraded on arrival', () => {
    const action = upgradeListFields(records.get(ids.action!)!);
    const clock = new HybridClock(() => T0 + 10 ** 9);
    let c = 1000;
    const writer: Writer = { replica: 'f'.repeat(16), clock, nextCounter: () => ++c, author: 'Chen' };
    const changes = toSyncChanges('nap.action', { partnerAgencies: ['UN Women', 'UNDP', 'OSCE'] }, action);
    const edited = writeFields(action, writer, changes, { mergeAs: mergeAsFor('nap.action') });
    const again = mergeRecords(edited, upgradeListFields(records.get(ids.action!)!));
    expect(viewRecord(again).fields.partnerAgencies).toEqual(['UN Women', 'UNDP', 'OSCE']);
    expect(viewRecord(again).conflicts).toEqual([]);
  });
});

import { SyncRecord as SyncRecordSchema } from '../../shared/sync/record.js';
