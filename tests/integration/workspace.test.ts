import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fails, ok, snapshot } from './support.js';
import type { RecordView } from '../../shared/records/codec.js';
import { openCore, type Core } from '../../main/core/index.js';
import { RECORDS_SCHEMA_VERSION } from '../../main/core/store/records-store.js';
import { Workspace } from '../../main/core/workspace.js';
import { mergeAsFor, recordTitle } from '../../shared/records/codec.js';
import { selectActionPoints } from '../../shared/records/action-points.js';
import { compareText } from '../../shared/records/sort.js';
import { HybridClock } from '../../shared/sync/clock.js';
import { ORDER, writeFields, type SyncRecord } from '../../shared/sync/record.js';

const PROFILE = { name: 'Amina Diallo', organisation: '', country: 'SN', role: 'national_focal_point' } as const;

let dirs: string[] = [];
let cores: Core[] = [];

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fpd-ws-'));
  dirs.push(dir);
  return dir;
}

async function open(dir = tempDir(), name = 'Amina Diallo', wall?: () => number): Promise<Core> {
  const core = await openCore({ dataDir: dir, host: 'browser', systemLocales: ['en'], wall, log: () => undefined });
  await ok(core, 'profile.set', { ...PROFILE, name });
  cores.push(core);
  return core;
}

beforeEach(() => {
  dirs = [];
  cores = [];
});
afterEach(async () => {
  for (const core of cores) await core.close();
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

describe('records', () => {
  it('creates, reads and updates a record with text in several languages', async () => {
    const core = await open();
    const nap = await ok(core, 'records.create', {
      kind: 'nap',
      fields: { title: { en: 'Second National Action Plan' }, generation: 2, status: 'drafting', country: 'SN' },
    });
    expect(nap).toMatchObject({ kind: 'nap', deleted: false, parentId: null, conflicts: [], created: { by: 'Amina Diallo' } });
    const updated = await ok(core, 'records.update', { id: nap.id, fields: { title: { fr: "Deuxième plan d'action national" } } });
    expect(updated.fields.title).toEqual({ en: 'Second National Action Plan', fr: "Deuxième plan d'action national" });
    const cleared = await ok(core, 'records.update', { id: nap.id, fields: { country: null, title: null } });
    expect(cleared.fields.country).toBeUndefined();
    expect(cleared.fields.title).toBeUndefined();
    expect(cleared.fields.generation).toBe(2);
  });

  it('keeps the tree: NAP → objective → action → indicator, in order, with cascading delete and restore', async () => {
    const core = await open();
    const nap = await ok(core, 'records.create', { kind: 'nap', fields: { title: { en: 'NAP' } } });
    const o1 = await ok(core, 'records.create', { kind: 'nap.objective', parentId: nap.id, fields: { pillar: 'participation' } });
    const o2 = await ok(core, 'records.create', { kind: 'nap.objective', parentId: nap.id, fields: { pillar: 'protection' } });
    const action = await ok(core, 'records.create', { kind: 'nap.action', parentId: o1.id, fields: { budgetAmount: 5000, budgetCurrency: 'XOF' } });
    await ok(core, 'records.create', { kind: 'nap.indicator', parentId: action.id, fields: { targetValue: 20, unit: '%' } });
    expect((await fails(core, 'records.create', { kind: 'nap.action', parentId: nap.id, fields: {} })).code).toBe('invalid_request');
    expect((await fails(core, 'records.create', { kind: 'nap.objective', fields: {} })).code).toBe('invalid_request');

    let tree = await ok(core, 'records.get', { id: nap.id, children: true });
    expect(tree.children.map((c) => c.kind)).toEqual(['nap.objective', 'nap.objective', 'nap.action', 'nap.indicator']);
    const objectives = await ok(core, 'records.query', { kind: 'nap.objective', parentId: nap.id, sort: { by: 'order' } });
    expect(objectives.records.map((r) => r.id)).toEqual([o1.id, o2.id]);

    await ok(core, 'records.move', { id: o2.id, after: null });
    const moved = await ok(core, 'records.query', { kind: 'nap.objective', parentId: nap.id, sort: { by: 'order' } });
    expect(moved.records.map((r) => r.id)).toEqual([o2.id, o1.id]);

    await ok(core, 'records.delete', { id: nap.id });
    expect((await ok(core, 'records.query', { kind: 'nap.indicator' })).total).toBe(0);
    expect((await fails(core, 'records.update', { id: action.id, fields: { budgetAmount: 1 } })).code).toBe('gone');
    await ok(core, 'records.restore', { id: nap.id });
    tree = await ok(core, 'records.get', { id: nap.id, children: true });
    expect(tree.children).toHaveLength(4);
    expect(tree.children.every((c) => !c.deleted)).toBe(true);
  });

  it('restores exactly what one delete removed, even when the clock ticks during the cascade', async () => {
    let t = 1_750_000_000_000;
    const core = await open(tempDir(), 'Amina', () => (t += 7));
    const nap = await ok(core, 'records.create', { kind: 'nap', fields: {} });
    const kept = await ok(core, 'records.create', { kind: 'nap.objective', parentId: nap.id, fields: {} });
    const earlier = await ok(core, 'records.create', { kind: 'nap.objective', parentId: nap.id, fields: {} });
    await ok(core, 'records.create', { kind: 'nap.action', parentId: kept.id, fields: {} });
    await ok(core, 'records.delete', { id: earlier.id });
    await ok(core, 'records.delete', { id: nap.id });
    await ok(core, 'records.restore', { id: nap.id });
    const tree = await ok(core, 'records.get', { id: nap.id, children: true });
    expect(tree.children.map((c) => c.id).sort()).toEqual([kept.id, tree.children.find((c) => c.kind === 'nap.action')!.id].sort());
    const all = await ok(core, 'records.query', { kind: 'nap.objective', includeDeleted: true });
    expect(all.records.find((r) => r.id === earlier.id)!.deleted).toBe(true);
  });

  it('queries by field, by text in any language (accents ignored), sorted in the UI language, page by page', async () => {
    const core = await open();
    const titles = ['Égalité des genres', 'Participation politique', 'Protection des défenseuses', 'Prévention'];
    for (const [i, title] of titles.entries()) {
      await ok(core, 'records.create', { kind: 'action', fields: { title: { fr: title }, status: i % 2 ? 'done' : 'open', priority: 'normal' } });
    }
    const open_ = await ok(core, 'records.query', { kind: 'action', where: { status: 'open' } });
    expect(open_.total).toBe(2);
    const found = await ok(core, 'records.query', { kind: 'action', text: 'egalite' });
    expect(found.records.map((r) => (r.fields.title as { fr: string }).fr)).toEqual(['Égalité des genres']);
    const sorted = await ok(core, 'records.query', { kind: 'action', sort: { by: 'title', direction: 'asc' }, locale: 'fr', limit: 2, offset: 1 });
    expect(sorted.records.map((r) => (r.fields.title as { fr: string }).fr)).toEqual(['Participation politique', 'Prévention']);
  });

  it('sorts a text by the version each row shows, in the core and in the lists alike', async () => {
    const core = await open();
    // Versions typed in different orders: the list shows English in a Russian interface (the UN
    // order ar, zh, en, fr, ru, es), whichever version was written first.
    const rows = [
      { fr: 'Zèbre', en: 'Budget 10' },
      { en: 'Budget 9', fr: 'Abricot' },
      { es: 'Acceso' },
    ];
    for (const title of rows) await ok(core, 'records.create', { kind: 'action', fields: { title, status: 'open', priority: 'normal' } });
    const all = await ok(core, 'records.query', { kind: 'action' });
    const shown = (r: RecordView) => recordTitle(r.fields, 'ru');
    const expected = [...all.records].sort((a, b) => compareText(shown(a), shown(b), 'ru')).map(shown);
    expect(expected).toEqual(['Acceso', 'Budget 9', 'Budget 10']);
    const sorted = await ok(core, 'records.query', { kind: 'action', sort: { by: 'title', direction: 'asc' }, locale: 'ru' });
    expect(sorted.records.map(shown)).toEqual(expected);
    const table = selectActionPoints(all.records, {}, { by: 'title', direction: 'asc' }, { locale: 'ru', today: '2026-12-02' });
    expect(table.map(shown)).toEqual(expected);
    // In French the French versions are shown, and sorted.
    const french = await ok(core, 'records.query', { kind: 'action', sort: { by: 'title', direction: 'asc' }, locale: 'fr' });
    expect(french.records.map((r) => recordTitle(r.fields, 'fr'))).toEqual(['Abricot', 'Acceso', 'Zèbre']);
  });

  it('keeps the history of a field: who, when, what — every value, and for a text one version per stretch of typing and every version that left', async () => {
    let t = 1_700_000_000_000;
    let step = 20 * 60 * 1000;
    const core = await open(tempDir(), 'Amina Diallo', () => (t += step));
    const rec = await ok(core, 'records.create', { kind: 'action', fields: { status: 'open' } });
    // Twenty minutes apart: each stays in the history.
    await ok(core, 'records.update', { id: rec.id, fields: { status: 'in_progress' } });
    await ok(core, 'records.update', { id: rec.id, fields: { status: 'done' } });
    const history = await ok(core, 'records.history', { id: rec.id, field: 'status' });
    expect(history.map((h) => [h.value, h.current, h.by])).toEqual([
      ['done', true, 'Amina Diallo'],
      ['in_progress', false, 'Amina Diallo'],
      ['open', false, 'Amina Diallo'],
    ]);
    expect(history[0]!.at).toBeGreaterThan(history[1]!.at);
    // A value changed again seconds later is still a decision of its own: kept.
    step = 2000;
    await ok(core, 'records.update', { id: rec.id, fields: { status: 'blocked' } });
    const values = await ok(core, 'records.history', { id: rec.id, field: 'status' });
    expect(values.map((h) => h.value)).toEqual(['blocked', 'done', 'in_progress', 'open']);
    // A text autosaved seconds apart, never exported: the stretch of typing keeps its last version.
    for (const details of ['Two', 'Two paragraphs', 'Two paragraphs, with', 'Two paragraphs, with photos.']) {
      await ok(core, 'records.update', { id: rec.id, fields: { details: { en: details } } });
    }
    const texts = await ok(core, 'records.history', { id: rec.id, field: 'details@en' });
    expect(texts.map((h) => [h.value, h.current])).toEqual([['Two paragraphs, with photos.', true]]);
    // Exported in between: what left is kept, however soon it was replaced.
    await ok(core, 'bundles.export', { scope: { type: 'all' } });
    await ok(core, 'records.update', { id: rec.id, fields: { details: { en: 'Two paragraphs, with photos. Due Friday.' } } });
    const kept = await ok(core, 'records.history', { id: rec.id, field: 'details@en' });
    expect(kept.map((h) => [h.value, h.current])).toEqual([
      ['Two paragraphs, with photos. Due Friday.', true],
      ['Two paragraphs, with photos.', false],
    ]);
  });

  it('survives a restart: records, and a counter that never goes back', async () => {
    const dir = tempDir();
    const first = await open(dir);
    const rec = await ok(first, 'records.create', { kind: 'contact', fields: { name: 'Li Wei', languages: ['zh', 'en'] } });
    await first.close();
    const second = await open(dir);
    const again = await ok(second, 'records.get', { id: rec.id });
    expect(again.record.fields).toEqual({ name: 'Li Wei', languages: ['zh', 'en'] });
    await ok(second, 'records.update', { id: rec.id, fields: { phone: '+221 33 000 00 00' } });
    const history = await ok(second, 'records.history', { id: rec.id, field: 'phone' });
    const before = await ok(second, 'records.history', { id: rec.id, field: 'languages' });
    expect(history[0]!.dot.c).toBeGreaterThan(before[0]!.dot.c);
  });
});

describe('bad input changes nothing', () => {
  const cases: [string, string, (id: string) => unknown, string][] = [
    ['an unknown kind', 'records.create', () => ({ kind: 'treaty', fields: {} }), 'invalid_request'],
    ['an unknown field', 'records.create', () => ({ kind: 'nap', fields: { colour: 'red' } }), 'invalid_request'],
    ['a wrong type', 'records.create', () => ({ kind: 'nap', fields: { generation: 'second' } }), 'invalid_request'],
    ['a negative budget', 'records.update', (id) => ({ id, fields: { budgetAmount: -5 } }), 'invalid_request'],
    ['an oversized text', 'records.update', (id) => ({ id, fields: { notes: { en: 'x'.repeat(1_000_001) } } }), 'invalid_request'],
    ['a lone surrogate', 'records.update', (id) => ({ id, fields: { notes: { en: 'broken \ud800 text' } } }), 'invalid_request'],
    ['a language that is not one of the six', 'records.update', (id) => ({ id, fields: { notes: { de: 'Hallo' } } }), 'invalid_request'],
    ['a __proto__ key', 'records.update', (id) => JSON.parse(`{"id":"${id}","fields":{"__proto__":{"polluted":true}}}`), 'invalid_request'],
    ['a constructor key deep inside', 'records.update', (id) => ({ id, fields: { notes: { en: 'x' }, extra: { constructor: { prototype: 1 } } } }), 'invalid_request'],
    ['an id that is not a UUID', 'records.update', () => ({ id: '../../etc/passwd', fields: {} }), 'invalid_request'],
    ['an unknown id', 'records.update', () => ({ id: '01890a5d-ac96-774b-bcce-b302099a8057', fields: {} }), 'not_found'],
  ];

  it.each(cases)('refuses %s', async (_what, operation, request, code) => {
    const dir = tempDir();
    const core = await open(dir);
    const target = await ok(core, 'records.create', { kind: 'nap', fields: { title: { en: 'NAP' } } });
    const objective = await ok(core, 'records.create', { kind: 'nap.objective', parentId: target.id, fields: {} });
    const action = await ok(core, 'records.create', { kind: 'nap.action', parentId: objective.id, fields: {} });
    const before = snapshot(dir);
    const error = await fails(core, operation, request(action.id));
    expect(error.code).toBe(code);
    expect(({}) as Record<string, unknown>).not.toHaveProperty('polluted');
    await core.close();
    expect(snapshot(dir)).toBe(before);
  });

  it('says which field was wrong, with a message the UI translates', async () => {
    const core = await open();
    const rec = await ok(core, 'records.create', { kind: 'action', fields: {} });
    const error = await fails(core, 'records.update', { id: rec.id, fields: { details: { en: 'x'.repeat(1_000_001) } } });
    expect(error.issues).toEqual([{ path: ['details', 'en'], message: 'errors:validation.too_long' }]);
    const unicode = await fails(core, 'records.update', { id: rec.id, fields: { title: { ar: '\udc00' } } });
    expect(unicode.issues?.[0]?.message).toBe('errors:validation.unicode');
  });
});

/** Two workspaces, and a way to send every record of one side to the other (what a bundle carries). */
async function pair() {
  const a = await open(tempDir(), 'Amina');
  const b = await open(tempDir(), 'Boris');
  // What leaves an installation is marked as such, as an export does (local autosaves are squashed).
  const send = async (from: Core, to: Core) => {
    await from.workspace!.markShipped();
    await to.workspace!.receive([...from.workspace!.store.records.values()]);
  };
  return { a, b, send };
}

describe('two replicas', () => {

  it('shows concurrent edits of one field as a conflict on both sides, resolved once for all', async () => {
    const { a, b, send } = await pair();
    const rec = await ok(a, 'records.create', { kind: 'action', fields: { status: 'open', title: { en: 'Share background material' } } });
    await send(a, b);
    await ok(a, 'records.update', { id: rec.id, fields: { status: 'done' } });
    await ok(b, 'records.update', { id: rec.id, fields: { status: 'blocked' } });
    await send(a, b);
    await send(b, a);
    const conflictsA = await ok(a, 'conflicts.list', {});
    const conflictsB = await ok(b, 'conflicts.list', {});
    expect(conflictsA).toEqual(conflictsB);
    expect(conflictsA).toHaveLength(1);
    const conflict = conflictsA[0]!.conflicts[0]!;
    expect(conflict.field).toBe('status');
    expect(conflict.versions.map((v) => [v.value, v.by]).sort()).toEqual([['blocked', 'Boris'], ['done', 'Amina']]);

    // A plain edit while the conflict is open does not silently drop the other side.
    const blocked = conflict.versions.find((v) => v.value === 'blocked')!;
    await ok(a, 'conflicts.resolve', { id: rec.id, field: 'status', choice: { take: blocked.dot } });
    expect(await ok(a, 'conflicts.list', {})).toEqual([]);
    await send(a, b);
    expect(await ok(b, 'conflicts.list', {})).toEqual([]);
    const onB = await ok(b, 'records.get', { id: rec.id });
    expect(onB.record.fields.status).toBe('blocked');
  });

  it('merges edits of different sentences of one text, and of different languages, without a conflict', async () => {
    const { a, b, send } = await pair();
    const text = 'Request the meeting two weeks ahead. Share background material two days before. Publish a summary after.';
    const rec = await ok(a, 'records.create', { kind: 'meeting', fields: { notes: { en: text }, title: { en: 'IEG' } } });
    await send(a, b);
    await ok(a, 'records.update', { id: rec.id, fields: { notes: { en: text.replace('two weeks', 'two to four weeks') } } });
    await ok(b, 'records.update', { id: rec.id, fields: { notes: { en: text.replace('a summary', "the chair's summary") }, title: { fr: 'GIE' } } });
    await send(a, b);
    await send(b, a);
    const viewA = (await ok(a, 'records.get', { id: rec.id })).record;
    const viewB = (await ok(b, 'records.get', { id: rec.id })).record;
    expect(viewA).toEqual(viewB);
    expect(viewA.conflicts).toEqual([]);
    expect(viewA.fields.notes).toEqual({
      en: "Request the meeting two to four weeks ahead. Share background material two days before. Publish the chair's summary after.",
    });
    expect(viewA.fields.title).toEqual({ en: 'IEG', fr: 'GIE' });
  });

  it('turns a delete that crossed an edit into a conflict, never a silent loss', async () => {
    const { a, b, send } = await pair();
    const rec = await ok(a, 'records.create', { kind: 'action', fields: { title: { en: 'Draft the newsletter item' } } });
    await send(a, b);
    await ok(a, 'records.delete', { id: rec.id });
    await ok(b, 'records.update', { id: rec.id, fields: { details: { en: 'Two paragraphs, with photos.' } } });
    await send(a, b);
    await send(b, a);
    for (const side of [a, b]) {
      const [conflicted] = await ok(side, 'conflicts.list', {});
      expect(conflicted!.conflicts.map((c) => c.kind)).toEqual(['delete']);
      expect(conflicted!.fields.details).toEqual({ en: 'Two paragraphs, with photos.' });
    }
    const conflict = (await ok(b, 'conflicts.list', {}))[0]!.conflicts[0]!;
    // Keep the edit: the record comes back with it.
    const edit = conflict.versions.find((v) => v.by === 'Boris')!;
    const restored = await ok(b, 'conflicts.resolve', { id: rec.id, field: '_deleted', choice: { take: edit.dot } });
    expect(restored.deleted).toBe(false);
    await send(b, a);
    expect(await ok(a, 'conflicts.list', {})).toEqual([]);
    expect((await ok(a, 'records.get', { id: rec.id })).record.deleted).toBe(false);
  });

  it('lets a causally later edit win even when its laptop clock is days behind', async () => {
    const now = 1_800_000_000_000;
    const ahead = await open(tempDir(), 'Ahead', () => now + 3 * 86_400_000);
    const behind = await open(tempDir(), 'Behind', () => now - 3 * 86_400_000);
    const rec = await ok(ahead, 'records.create', { kind: 'action', fields: { status: 'open' } });
    await ahead.workspace!.markShipped();
    await behind.workspace!.receive([...ahead.workspace!.store.records.values()]);
    await ok(behind, 'records.update', { id: rec.id, fields: { status: 'done' } });
    await behind.workspace!.markShipped();
    await ahead.workspace!.receive([...behind.workspace!.store.records.values()]);
    const view = (await ok(ahead, 'records.get', { id: rec.id })).record;
    expect(view.fields.status).toBe('done');
    expect(view.conflicts).toEqual([]);
  });
});

describe('order of siblings across replicas', () => {
  const objectivesOf = async (core: Core, napId: string) =>
    (await ok(core, 'records.query', { kind: 'nap.objective', parentId: napId, sort: { by: 'order' } })).records;

  it('moves an item between two items that two people appended at the same time, the same on both sides', async () => {
    const { a, b, send } = await pair();
    const nap = await ok(a, 'records.create', { kind: 'nap', fields: { title: { en: 'NAP' } } });
    const third = await ok(a, 'records.create', { kind: 'nap.objective', parentId: nap.id, fields: { pillar: 'prevention' } });
    await send(a, b);
    // Both append after `third`, neither having seen the other's: before, both got the key "a1".
    const fromA = await ok(a, 'records.create', { kind: 'nap.objective', parentId: nap.id, fields: { pillar: 'participation' } });
    const fromB = await ok(b, 'records.create', { kind: 'nap.objective', parentId: nap.id, fields: { pillar: 'protection' } });
    expect(fromA.order).not.toBe(fromB.order);
    await send(a, b);
    await send(b, a);
    const before = (await objectivesOf(a, nap.id)).map((r) => r.id);
    expect((await objectivesOf(b, nap.id)).map((r) => r.id)).toEqual(before);
    expect(before[0]).toBe(third.id);
    const [first, second] = before.slice(1) as [string, string];

    await ok(a, 'records.move', { id: third.id, after: first });
    expect((await objectivesOf(a, nap.id)).map((r) => r.id)).toEqual([first, third.id, second]);
    await send(a, b);
    expect((await objectivesOf(b, nap.id)).map((r) => r.id)).toEqual([first, third.id, second]);
    // And on the other side, at every place.
    await ok(b, 'records.move', { id: first, after: second });
    await send(b, a);
    expect((await objectivesOf(a, nap.id)).map((r) => r.id)).toEqual([third.id, second, first]);
    expect((await objectivesOf(b, nap.id)).map((r) => r.id)).toEqual([third.id, second, first]);
  });

  it('moves an item between two siblings that already share a key (older data), giving the later one a new key', async () => {
    const { a, b, send } = await pair();
    const nap = await ok(a, 'records.create', { kind: 'nap', fields: { title: { en: 'NAP' } } });
    const p = await ok(a, 'records.create', { kind: 'nap.objective', parentId: nap.id, fields: { pillar: 'participation' } });
    const q = await ok(a, 'records.create', { kind: 'nap.objective', parentId: nap.id, fields: { pillar: 'protection' } });
    const x = await ok(a, 'records.create', { kind: 'nap.objective', parentId: nap.id, fields: { pillar: 'prevention' } });
    // The fixture: p and q carry the same plain key, as two installations made them before keys were tagged.
    const legacy = { replica: 'fedcba9876543210', clock: new HybridClock(() => Date.now() + 60_000), nextCounter: (() => { let c = 0; return () => ++c; })(), author: 'Older version' };
    const sameKey = (id: string): SyncRecord => writeFields(a.workspace!.store.get(id)!, legacy, { [ORDER]: 'a1' }, { mergeAs: mergeAsFor('nap.objective') });
    await a.workspace!.receive([sameKey(p.id), sameKey(q.id)]);
    await send(a, b);
    const siblings = await objectivesOf(a, nap.id);
    expect(siblings.slice(0, 2).map((r) => r.order)).toEqual(['a1', 'a1']);
    const [first, second] = siblings.slice(0, 2).map((r) => r.id) as [string, string];
    expect((await objectivesOf(b, nap.id)).map((r) => r.id)).toEqual([first, second, x.id]);

    await ok(a, 'records.move', { id: x.id, after: first });
    const after = await objectivesOf(a, nap.id);
    expect(after.map((r) => r.id)).toEqual([first, x.id, second]);
    expect(new Set(after.map((r) => r.order)).size).toBe(3);
    expect(after[0]!.order).toBe('a1');
    await send(a, b);
    expect((await objectivesOf(b, nap.id)).map((r) => r.id)).toEqual([first, x.id, second]);
    // The other side, which holds the same older keys, can move between them as well.
    await ok(b, 'records.move', { id: second, after: null });
    await send(b, a);
    for (const side of [a, b]) expect((await objectivesOf(side, nap.id)).map((r) => r.id)).toEqual([second, first, x.id]);
  });
});

describe('storage', () => {
  it('backs up, lists and restores, keeping a backup of what the restore replaced', async () => {
    const core = await open();
    const rec = await ok(core, 'records.create', { kind: 'contact', fields: { name: 'Before' } });
    const backup = await ok(core, 'backups.create', {});
    expect(backup.records).toBe(1);
    await ok(core, 'records.update', { id: rec.id, fields: { name: 'After' } });
    await ok(core, 'records.create', { kind: 'contact', fields: { name: 'New' } });
    expect(await ok(core, 'backups.restore', { id: backup.id })).toEqual({ records: 1 });
    const view = (await ok(core, 'records.get', { id: rec.id })).record;
    expect(view.fields.name).toBe('Before');
    const list = await ok(core, 'backups.list', {});
    expect(list.map((b) => b.reason).sort()).toEqual(['before_restore', 'manual']);
    expect((await fails(core, 'backups.restore', { id: 'no-such-backup' })).code).toBe('not_found');
  });

  it('makes a daily backup when a workspace with records is opened', async () => {
    const dir = tempDir();
    const first = await open(dir);
    await ok(first, 'records.create', { kind: 'contact', fields: { name: 'X' } });
    await first.close();
    const second = await open(dir);
    const list = await ok(second, 'backups.list', {});
    expect(list).toMatchObject([{ reason: 'daily', records: 1 }]);
  });

  it('sets a damaged file aside (never deleting it), opens the rest and offers the newest backup', async () => {
    const dir = tempDir();
    const first = await open(dir);
    const ids: string[] = [];
    for (let i = 0; i < 40; i++) ids.push((await ok(first, 'records.create', { kind: 'contact', fields: { name: `C${i}` } })).id);
    await ok(first, 'backups.create', {});
    await first.close();
    const victim = `${ids[0]!.slice(-2)}.json`;
    const file = path.join(dir, 'records', victim);
    fs.writeFileSync(file, '{"format":"focal-point-desk/records","schemaVersion":1,"records":[{"id":');
    const second = await open(dir);
    const info = second.info();
    const notice = info.notices.find((n) => n.code === 'records_corrupt')!;
    expect(notice.file.startsWith(path.join(dir, 'corrupt'))).toBe(true);
    expect(fs.readFileSync(notice.file, 'utf8')).toContain('"records":[{"id":');
    const lost = ids.filter((id) => id.slice(-2) === ids[0]!.slice(-2));
    expect((await ok(second, 'records.query', { kind: 'contact' })).total).toBe(40 - lost.length);
    const backups = await ok(second, 'backups.list', {});
    const manual = backups.find((b) => b.reason === 'manual')!;
    await ok(second, 'backups.restore', { id: manual.id });
    expect((await ok(second, 'records.query', { kind: 'contact' })).total).toBe(40);
  });

  it('refuses to open records written by a newer version, and leaves them untouched', async () => {
    const dir = tempDir();
    const first = await open(dir);
    const rec = await ok(first, 'records.create', { kind: 'contact', fields: { name: 'X' } });
    await first.close();
    const file = path.join(dir, 'records', `${rec.id.slice(-2)}.json`);
    const data = JSON.parse(fs.readFileSync(file, 'utf8'));
    data.schemaVersion = RECORDS_SCHEMA_VERSION + 1;
    fs.writeFileSync(file, JSON.stringify(data));
    const before = snapshot(dir);
    const second = await open(dir);
    expect(second.info().notices).toContainEqual({ code: 'workspace_too_new', file });
    expect((await fails(second, 'records.query', { kind: 'contact' })).code).toBe('too_new');
    expect((await fails(second, 'records.create', { kind: 'contact', fields: {} })).code).toBe('too_new');
    await second.close();
    expect(snapshot(dir)).toBe(before);
  });

  it('migrates older files forward after a backup of them', async () => {
    const dir = tempDir();
    const first = await open(dir);
    await ok(first, 'records.create', { kind: 'contact', fields: { name: 'Old name' } });
    await first.close();
    const before = snapshot(dir);
    const migrated = await Workspace.open({
      dataDir: dir,
      replica: '0123456789abcdef',
      author: () => 'Test',
      schemaVersion: RECORDS_SCHEMA_VERSION + 1,
      migrations: {
        [RECORDS_SCHEMA_VERSION]: (file) => ({ records: file.records }),
      },
    });
    await migrated.close();
    const backupRoot = path.join(dir, 'backups');
    const backups = fs.readdirSync(backupRoot).filter((d) => d.endsWith('before_migration'));
    expect(backups).toHaveLength(1);
    const kept = fs.readdirSync(path.join(backupRoot, backups[0]!, 'records'));
    expect(before).toContain(kept[0]!);
    for (const f of fs.readdirSync(path.join(dir, 'records'))) {
      expect(JSON.parse(fs.readFileSync(path.join(dir, 'records', f), 'utf8')).schemaVersion).toBe(RECORDS_SCHEMA_VERSION + 1);
    }
  });

  it('splits the workspace so that one edit rewrites one small file', async () => {
    const dir = tempDir();
    const core = await open(dir);
    const created: RecordView[] = [];
    for (let i = 0; i < 300; i++) created.push(await ok(core, 'records.create', { kind: 'contact', fields: { name: `C${i}` } }));
    const files = fs.readdirSync(path.join(dir, 'records'));
    expect(files.length).toBeGreaterThan(100);
    const mtimes = new Map(files.map((f) => [f, fs.statSync(path.join(dir, 'records', f)).mtimeMs]));
    await new Promise((resolve) => setTimeout(resolve, 20)); // mtime resolution, not a wait for a condition
    await ok(core, 'records.update', { id: created[7]!.id, fields: { name: 'Changed' } });
    const changed = files.filter((f) => fs.statSync(path.join(dir, 'records', f)).mtimeMs !== mtimes.get(f));
    expect(changed).toEqual([`${created[7]!.id.slice(-2)}.json`]);
  });
});
