/**
 * Ways an edit could silently disappear, each closed: a counter going back after a restore or an
 * undone import and a restart (its dots reused), undo throwing away later work, a bundle that
 * leaves no counter room or drags the clock into the far future.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fsp from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fails, ok, snapshot } from './support.js';
import type { ImportEntry } from '../../shared/bundle/format.js';
import { MAX_CLOCK_AHEAD_MS, MAX_COUNTER, MAX_INCOMING_COUNTER } from '../../shared/sync/clock.js';
import type { SyncRecord } from '../../shared/sync/record.js';
import { openCore, type Core } from '../../main/core/index.js';
import { BundleError, decodeBundle, encodeBundle } from '../../main/core/bundles/codec.js';
import { CLOCK_FILE } from '../../main/core/store/clock-file.js';

let dirs: string[] = [];
let cores: Core[] = [];
beforeEach(() => {
  dirs = [];
  cores = [];
});
afterEach(async () => {
  vi.restoreAllMocks();
  for (const core of cores) await core.close().catch(() => undefined);
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

async function open(name: string, dir?: string, wall?: () => number): Promise<Core> {
  const dataDir = dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'fpd-integrity-'));
  if (!dir) dirs.push(dataDir);
  const core = await openCore({ dataDir, host: 'browser', systemLocales: ['en'], log: () => undefined, wall });
  cores.push(core);
  await ok(core, 'profile.set', { name, organisation: 'Ministry', country: 'SN', role: 'national_focal_point' });
  return core;
}

async function restart(core: Core): Promise<Core> {
  await core.close();
  cores = cores.filter((c) => c !== core);
  return open(core.settings.all().profile?.name ?? '', core.info().dataDir);
}

const exportAll = async (core: Core) => (await ok(core, 'bundles.export', { scope: { type: 'all' } })).content;

async function importInto(core: Core, content: string): Promise<ImportEntry> {
  const preview = await ok(core, 'bundles.preview', { content });
  return ok(core, 'bundles.apply', { previewId: preview.previewId });
}

const get = async (core: Core, id: string) => (await ok(core, 'records.get', { id })).record;
const raw = (core: Core, id: string) => core.workspace!.store.get(id)!;
const replicaOf = (core: Core) => core.settings.all().replicaId;
const dotsOf = (record: SyncRecord) =>
  Object.values(record.fields).flatMap((versions) => versions.map((v) => ({ dot: `${v.dot.r}:${v.dot.c}`, value: JSON.stringify(v.value) })));

describe('the edit counter never goes back (dots are never reused)', () => {
  it('after a backup restore and a restart, the next edit is new to a workspace that saw the later edits', async () => {
    const a = await open('Amina');
    const b = await open('Boris');
    const contact = await ok(a, 'records.create', { kind: 'contact', fields: { name: 'Fatou', phone: '1' } });
    const backup = await ok(a, 'backups.create', {});
    for (const phone of ['2', '3', '4']) await ok(a, 'records.update', { id: contact.id, fields: { phone } });
    await importInto(b, await exportAll(a));
    expect((await get(b, contact.id)).fields.phone).toBe('4');
    const highest = raw(a, contact.id).vv[replicaOf(a)]!;

    await ok(a, 'backups.restore', { id: backup.id });
    const reopened = await restart(a);
    await ok(reopened, 'records.update', { id: contact.id, fields: { phone: '5' } });
    const after = raw(reopened, contact.id);
    expect(after.vv[replicaOf(reopened)]).toBeGreaterThan(highest);

    // Boris sees the new edit, instead of ignoring it as one he already had.
    await importInto(b, await exportAll(reopened));
    const atB = await get(b, contact.id);
    expect(atB.fields.phone === '5' || atB.conflicts.some((c) => c.field === 'phone' && c.versions.some((v) => v.value === '5'))).toBe(true);
    // No dot anywhere carries two different contents.
    const seen = new Map<string, string>();
    for (const record of [raw(b, contact.id), after]) {
      for (const { dot, value } of dotsOf(record)) {
        if (seen.has(dot)) expect(seen.get(dot)).toBe(value);
        seen.set(dot, value);
      }
    }
  });

  it('after an undone import and a restart, the counter stays past everything issued', async () => {
    const a = await open('Amina');
    const b = await open('Boris');
    const mine = await ok(a, 'records.create', { kind: 'contact', fields: { name: 'Mine', phone: '1' } });
    await ok(b, 'records.create', { kind: 'contact', fields: { name: 'Theirs' } });
    await importInto(a, await exportAll(b));
    for (const phone of ['2', '3']) await ok(a, 'records.update', { id: mine.id, fields: { phone } });
    const highest = raw(a, mine.id).vv[replicaOf(a)]!;
    await ok(a, 'bundles.undoLast', {});
    const reopened = await restart(a);
    await ok(reopened, 'records.update', { id: mine.id, fields: { phone: '4' } });
    expect(raw(reopened, mine.id).vv[replicaOf(reopened)]).toBeGreaterThan(highest);
  });

  it('a damaged clock file makes the counter skip far ahead, never back', async () => {
    const a = await open('Amina');
    const contact = await ok(a, 'records.create', { kind: 'contact', fields: { name: 'Fatou' } });
    const dir = a.info().dataDir;
    const before = raw(a, contact.id).vv[replicaOf(a)]!;
    await a.close();
    cores = [];
    fs.writeFileSync(path.join(dir, CLOCK_FILE), '{ not json');
    const reopened = await open('Amina', dir);
    await ok(reopened, 'records.update', { id: contact.id, fields: { phone: '9' } });
    expect(raw(reopened, contact.id).vv[replicaOf(reopened)]).toBeGreaterThan(before + 1000);
    // …and the file is whole again.
    expect(() => JSON.parse(fs.readFileSync(path.join(dir, CLOCK_FILE), 'utf8')) as unknown).not.toThrow();
  });
});

describe('edits made at the same moment build on each other', () => {
  it('two updates of one record in the same moment, a bulk change and an import meanwhile: every edit stays', async () => {
    const a = await open('Amina');
    const b = await open('Boris');
    const point = await ok(b, 'records.create', { kind: 'action', fields: { title: { en: 'Share good practice' }, status: 'open' } });
    const other = await ok(b, 'records.create', { kind: 'action', fields: { title: { en: 'Other' }, status: 'open' } });
    await ok(a, 'records.create', { kind: 'contact', fields: { name: 'Fatou' } });
    const content = await exportAll(a);
    const preview = await ok(b, 'bundles.preview', { content });
    await Promise.all([
      ok(b, 'records.update', { id: point.id, fields: { details: { en: 'In the network newsletter' } } }),
      ok(b, 'records.update', { id: point.id, fields: { owner: { institution: 'Ministry of Women' } } }),
      ok(b, 'records.updateMany', { items: [{ id: point.id, fields: { status: 'in_progress' } }, { id: other.id, fields: { status: 'done' } }] }),
      ok(b, 'records.update', { id: point.id, fields: { title: { en: 'Share good practice widely' } } }),
      ok(b, 'bundles.apply', { previewId: preview.previewId }),
      ok(b, 'records.update', { id: other.id, fields: { title: { en: 'Other, renamed' } } }),
    ]);
    for (const core of [b, await restart(b)]) {
      const now = await get(core, point.id);
      expect(now.fields).toMatchObject({
        title: { en: 'Share good practice widely' },
        details: { en: 'In the network newsletter' },
        owner: { institution: 'Ministry of Women' },
        status: 'in_progress',
      });
      expect(now.conflicts).toEqual([]);
      expect((await get(core, other.id)).fields).toMatchObject({ title: { en: 'Other, renamed' }, status: 'done' });
    }
  });
});

describe('undo last import keeps the work done since', () => {
  it('reverses what the import changed as new edits, keeps a later edit of the same field and says so', async () => {
    const a = await open('Amina');
    const b = await open('Boris');
    const nap = await ok(a, 'records.create', { kind: 'nap', fields: { title: { en: 'First plan' }, country: 'SN', status: 'drafting' } });
    const contact = await ok(a, 'records.create', { kind: 'contact', fields: { name: 'Fatou', phone: '1' } });
    await importInto(b, await exportAll(a));
    // Amina changes two fields and adds a record; Boris imports that…
    await ok(a, 'records.update', { id: nap.id, fields: { status: 'consultation', title: { en: 'First plan, revised' } } });
    await ok(a, 'records.update', { id: contact.id, fields: { phone: '2' } });
    const added = await ok(a, 'records.create', { kind: 'contact', fields: { name: 'Added by Amina' } });
    const addedThenEdited = await ok(a, 'records.create', { kind: 'contact', fields: { name: 'Kept by Boris' } });
    await importInto(b, await exportAll(a));
    // …then works on: corrects the status the import brought, edits the new contact, adds his own.
    await ok(b, 'records.update', { id: nap.id, fields: { status: 'adopted' } });
    await ok(b, 'records.update', { id: addedThenEdited.id, fields: { phone: '77' } });
    const his = await ok(b, 'records.create', { kind: 'action', fields: { title: { en: "Boris's point" }, status: 'open' } });

    const result = await ok(b, 'bundles.undoLast', {});
    expect(result.entry.undone).toBe(true);
    expect(result.kept).toEqual(
      expect.arrayContaining([
        { id: nap.id, kind: 'nap', title: 'First plan', field: 'status' },
        { id: addedThenEdited.id, kind: 'contact', title: 'Kept by Boris', field: null },
      ]),
    );
    expect(result.kept).toHaveLength(2);
    const napNow = await get(b, nap.id);
    expect(napNow.fields.status).toBe('adopted'); // his later edit stays
    expect(napNow.fields.title).toEqual({ en: 'First plan' }); // the import's change is reversed
    expect((await get(b, contact.id)).fields.phone).toBe('1');
    expect((await get(b, added.id)).deleted).toBe(true);
    expect((await get(b, addedThenEdited.id)).fields.phone).toBe('77');
    expect((await get(b, his.id)).fields.title).toEqual({ en: "Boris's point" });

    // The reversal is made of ordinary edits: it reaches Amina like any other.
    await importInto(a, await exportAll(b));
    expect((await get(a, contact.id)).fields.phone).toBe('1');
    expect((await get(a, added.id)).deleted).toBe(true);
    expect((await get(a, nap.id)).fields.status).toBe('adopted');
  });

  it('keeps a record the import added when something added since hangs under it', async () => {
    const a = await open('Amina');
    const b = await open('Boris');
    const nap = await ok(a, 'records.create', { kind: 'nap', fields: { title: { en: 'Plan' }, country: 'SN' } });
    await importInto(b, await exportAll(a));
    const objective = await ok(b, 'records.create', { kind: 'nap.objective', parentId: nap.id, fields: { pillar: 'participation', title: { en: 'Mine' } } });
    const result = await ok(b, 'bundles.undoLast', {});
    expect(result.kept).toEqual([{ id: nap.id, kind: 'nap', title: 'Plan', field: null }]);
    expect((await get(b, nap.id)).deleted).toBe(false);
    expect((await get(b, objective.id)).deleted).toBe(false);
  });

  it('refuses to undo an import logged by an earlier version, and changes nothing', async () => {
    const a = await open('Amina');
    const b = await open('Boris');
    await ok(a, 'records.create', { kind: 'contact', fields: { name: 'Fatou' } });
    await importInto(b, await exportAll(a));
    const dir = b.info().dataDir;
    const logFile = path.join(dir, 'imports.json');
    const log = JSON.parse(fs.readFileSync(logFile, 'utf8')) as { entries: ImportEntry[] };
    delete log.entries[0]!.id;
    fs.writeFileSync(logFile, JSON.stringify(log));
    const before = snapshot(dir);
    expect((await fails(b, 'bundles.undoLast', {})).code).toBe('not_found');
    expect(snapshot(dir)).toBe(before);
  });
});

describe('an import and its log entry are one durable step', () => {
  it('a crash after the import is sealed brings back its records and its log entry together; undo then undoes that import', async () => {
    const a = await open('Amina');
    const b = await open('Boris');
    const first = await ok(a, 'records.create', { kind: 'contact', fields: { name: 'First' } });
    await importInto(b, await exportAll(a));
    const second = await ok(a, 'records.create', { kind: 'contact', fields: { name: 'Second' } });
    const preview = await ok(b, 'bundles.preview', { content: await exportAll(a) });
    // The process "dies" once the journal is sealed, before any of its files is moved into place.
    const rename = fsp.rename.bind(fsp);
    vi.spyOn(fsp, 'rename').mockImplementation(async (from, to) => {
      if (String(from).includes('records.journal') && !String(to).includes('records.journal')) throw new Error('crash');
      return rename(from, to);
    });
    await fails(b, 'bundles.apply', { previewId: preview.previewId });
    vi.restoreAllMocks();
    const dir = b.info().dataDir;
    await b.close().catch(() => undefined);
    cores = cores.filter((c) => c !== b);
    const reopened = await open('Boris', dir);
    expect((await get(reopened, second.id)).fields.name).toBe('Second');
    const history = await ok(reopened, 'bundles.history', {});
    expect(history).toHaveLength(2);
    const undone = await ok(reopened, 'bundles.undoLast', {});
    expect(undone.entry.id).toBe(history[0]!.id);
    expect((await get(reopened, second.id)).deleted).toBe(true);
    expect((await get(reopened, first.id)).deleted).toBe(false);
  });
});

describe('a bundle cannot use up the counter or drag the clock', () => {
  async function tampered(core: Core, change: (records: SyncRecord[]) => void): Promise<string> {
    const decoded = decodeBundle(Buffer.from(await exportAll(core)));
    change(decoded.records);
    const { format: _f, version: _v, checksum: _c, recordCount: _n, ...head } = decoded.head;
    return encodeBundle({ head, records: decoded.records });
  }

  it('refuses counters that leave the receiver no room, in validate and import alike, and the store is untouched', async () => {
    const a = await open('Amina');
    const b = await open('Boris');
    await ok(b, 'records.create', { kind: 'contact', fields: { name: 'Boris own' } });
    await ok(a, 'records.create', { kind: 'contact', fields: { name: 'Fatou' } });
    for (const bad of [MAX_COUNTER, MAX_INCOMING_COUNTER + 1]) {
      const content = await tampered(a, (records) => {
        records[0]!.vv[replicaOf(b)] = bad;
      });
      expect(() => decodeBundle(Buffer.from(content))).toThrow(BundleError);
      try {
        decodeBundle(Buffer.from(content));
      } catch (error) {
        expect((error as BundleError).problem).toMatchObject({ code: 'out_of_range', path: ['vv', replicaOf(b)] });
      }
      const dir = b.info().dataDir;
      const before = snapshot(dir);
      const error = await fails(b, 'bundles.preview', { content });
      expect(error.bundle?.code).toBe('out_of_range');
      expect(snapshot(dir)).toBe(before);
    }
    // At the edge of the bound: accepted, and this installation's own exports stay importable.
    const edge = await tampered(a, (records) => {
      records[0]!.vv[replicaOf(b)] = MAX_INCOMING_COUNTER;
    });
    const replicaBefore = replicaOf(b);
    await importInto(b, edge);
    // Boris's installation goes on as a new replica rather than count past what files allow.
    const own = await ok(b, 'records.create', { kind: 'contact', fields: { name: 'After the edge' } });
    expect(replicaOf(b)).not.toBe(replicaBefore);
    expect(raw(b, own.id).vv).toEqual({ [replicaOf(b)]: 1 });
    // The new id is kept: after a restart the installation goes on under it.
    const reopened = await restart(b);
    expect(replicaOf(reopened)).toBe(replicaOf(b));
    const later = await ok(reopened, 'records.create', { kind: 'contact', fields: { name: 'Later' } });
    expect(raw(reopened, later.id).vv[replicaOf(reopened)]).toBeGreaterThan(1);
    const mine = await exportAll(reopened);
    expect(() => decodeBundle(Buffer.from(mine))).not.toThrow();
    await importInto(reopened, mine);
    await importInto(a, mine);
  });

  it('imports edits dated in the far future without moving the clock, and says which bundle', async () => {
    const a = await open('Amina');
    const b = await open('Boris');
    const contact = await ok(a, 'records.create', { kind: 'contact', fields: { name: 'Fatou' } });
    const far = 8_640_000_000_000_000;
    const content = await tampered(a, (records) => {
      for (const versions of Object.values(records[0]!.fields)) for (const v of versions) v.hlc = { t: far, l: 0 };
    });
    const preview = await ok(b, 'bundles.preview', { content });
    expect(preview.aheadOfClock).toBe(far);
    const entry = await ok(b, 'bundles.apply', { previewId: preview.previewId });
    expect(entry.aheadOfClock).toBe(far);
    const check = async (core: Core) => {
      const mine = await ok(core, 'records.create', { kind: 'contact', fields: { name: 'Now' } });
      const t = raw(core, mine.id).fields.name![0]!.hlc.t;
      expect(t).toBeLessThan(Date.now() + MAX_CLOCK_AHEAD_MS);
      expect(t).toBeGreaterThan(Date.now() - 60_000);
    };
    await check(b);
    // Not after a restart either (the clock is rebuilt from the records then).
    await check(await restart(b));
    // A bundle from a clock a day fast is ordinary: no warning.
    const soon = await tampered(a, (records) => {
      for (const versions of Object.values(records[0]!.fields)) for (const v of versions) v.hlc = { t: Date.now() + 86_400_000, l: 0 };
    });
    expect((await ok(a, 'bundles.preview', { content: soon })).aheadOfClock).toBeUndefined();
    expect(contact.id).toBeTruthy();
  });
});
