/**
 * The second edition of the sync model, end to end through the core: what a long, often autosaved
 * text costs on disk and in a bundle, long texts in files of their own, and the upgrade of data
 * folders and bundles written by the previous format (fixtures in tests/fixtures/v1, made by it).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import canonicalize from 'canonicalize';
import { afterEach, describe, expect, it } from 'vitest';
import { fails, ok } from './support.js';
import type { ImportPreview } from '../../shared/bundle/format.js';
import { openCore, type Core } from '../../main/core/index.js';
import { BLOBS_DIR } from '../../main/core/store/blobs.js';
import { RecordStore, RECORDS_SCHEMA_VERSION } from '../../main/core/store/records-store.js';
import { RecordsFileSchema } from '../../main/core/store/records-file.js';
import { checksumOf } from '../../main/core/bundles/codec.js';

const FIXTURES = path.resolve('tests/fixtures/v1');
const IDS = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'ids.json'), 'utf8')) as Record<'nap' | 'objective' | 'action' | 'indicator' | 'meeting', string>;

let dirs: string[] = [];
let cores: Core[] = [];
afterEach(async () => {
  for (const core of cores) await core.close();
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  cores = [];
  dirs = [];
});

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fpd-lean-'));
  dirs.push(dir);
  return dir;
}

async function open(dir = tempDir(), name = 'Amina Diallo'): Promise<Core> {
  const core = await openCore({ dataDir: dir, host: 'browser', systemLocales: ['en'], log: () => undefined });
  cores.push(core);
  await ok(core, 'profile.set', { name, organisation: 'Ministry', country: 'SN', role: 'national_focal_point' });
  return core;
}

async function close(core: Core): Promise<void> {
  cores = cores.filter((c) => c !== core);
  await core.close();
}

const sizeOf = (dir: string): number =>
  fs.existsSync(dir)
    ? fs.readdirSync(dir, { withFileTypes: true }).reduce((n, e) => n + (e.isDirectory() ? sizeOf(path.join(dir, e.name)) : fs.statSync(path.join(dir, e.name)).size), 0)
    : 0;
/** What the records take in the data folder: the bucket files and the long texts beside them. */
const recordBytes = (core: Core) => sizeOf(path.join(core.info().dataDir, 'records')) + sizeOf(path.join(core.info().dataDir, BLOBS_DIR));
const get = async (core: Core, id: string) => (await ok(core, 'records.get', { id })).record;

async function importInto(core: Core, content: string, passphrase?: string): Promise<ImportPreview> {
  const preview = await ok(core, 'bundles.preview', { content, passphrase });
  await ok(core, 'bundles.apply', { previewId: preview.previewId });
  return preview;
}

/** The n-th paragraph of a meeting's notes: about 1.95 KB of sentences of its own. */
const paragraph = (n: number) =>
  `${Array.from({ length: 20 }, (_, i) => `Delegation ${n * 20 + i} described its national action plan and the financing of women mediators in its region.`).join(' ')}\n`.slice(0, 1950);

/** A meeting whose English notes grow to about 117 KB by `times` autosaves of the whole text. */
async function longNotes(core: Core, times = 60): Promise<{ id: string; text: string }> {
  const meeting = await ok(core, 'records.create', { kind: 'meeting', fields: { title: { en: 'Focal Points Network' }, notes: { en: '' } } });
  let text = '';
  for (let i = 0; i < times; i++) {
    text += paragraph(i);
    await ok(core, 'records.update', { id: meeting.id, fields: { notes: { en: text } } });
  }
  return { id: meeting.id, text };
}

describe('a long text autosaved many times', () => {
  it('costs about its own size on disk and in a bundle, not one copy per autosave', async () => {
    const core = await open();
    const { id, text } = await longNotes(core);
    const bytes = Buffer.byteLength(text);
    expect(bytes).toBeGreaterThan(110_000);
    await core.workspace!.store.flush();
    expect(recordBytes(core) / bytes).toBeLessThan(3);
    const bundle = await ok(core, 'bundles.export', { scope: { type: 'selection', ids: [id] } });
    expect(Buffer.byteLength(bundle.content) / bytes).toBeLessThan(2);
    // What the field history shows: one version for the stretch of typing.
    const history = await ok(core, 'records.history', { id, field: 'notes@en' });
    expect(history.map((h) => h.current)).toEqual([true]);
  });

  it('keeps every version that left in an export, written as deltas, and a compact bundle carries none', async () => {
    const core = await open();
    const { id } = await longNotes(core, 5);
    for (let round = 0; round < 4; round++) {
      await ok(core, 'bundles.export', { scope: { type: 'all' } });
      const text = (await get(core, id)).fields.notes as Record<string, string>;
      await ok(core, 'records.update', { id, fields: { notes: { en: `${text.en}Round ${round}.\n` } } });
    }
    const history = await ok(core, 'records.history', { id, field: 'notes@en' });
    expect(history).toHaveLength(5);
    const full = JSON.parse((await ok(core, 'bundles.export', { scope: { type: 'all' } })).content) as { records: { id: string; history: Record<string, { d?: unknown; value?: unknown }[]> }[] };
    const notes = full.records.find((r) => r.id === id)!.history['notes@en']!;
    expect(notes).toHaveLength(4);
    expect(notes.every((v) => v.d !== undefined && v.value === undefined)).toBe(true);
    const compact = JSON.parse((await ok(core, 'bundles.export', { scope: { type: 'all' }, compact: true })).content) as { records: { history: object }[] };
    expect(compact.records.every((r) => Object.keys(r.history).length === 0)).toBe(true);
  });

  it('keeps the long text in a file of its own: a title edit does not rewrite it, a new text replaces it', async () => {
    const core = await open();
    const { id, text } = await longNotes(core, 10);
    await core.workspace!.store.flush();
    const blobs = path.join(core.info().dataDir, BLOBS_DIR);
    const before = fs.readdirSync(blobs);
    expect(before).toHaveLength(1);
    const stat = fs.statSync(path.join(blobs, before[0]!));
    await ok(core, 'records.update', { id, fields: { title: { en: 'Focal Points Network, 12th meeting' } } });
    await core.workspace!.store.flush();
    expect(fs.readdirSync(blobs)).toEqual(before);
    expect(fs.statSync(path.join(blobs, before[0]!)).mtimeMs).toBe(stat.mtimeMs);
    // A new version of the text: one file again, the new one.
    await ok(core, 'records.update', { id, fields: { notes: { en: `${text}Closing.\n` } } });
    await core.workspace!.store.flush();
    const after = fs.readdirSync(blobs);
    expect(after).toHaveLength(1);
    expect(after).not.toEqual(before);
    // Read back after a restart, and from a backup.
    const dir = core.info().dataDir;
    const backup = await ok(core, 'backups.create', {});
    await ok(core, 'records.update', { id, fields: { notes: { en: 'Replaced.' } } });
    await close(core);
    const again = await open(dir);
    expect(((await get(again, id)).fields.notes as Record<string, string>).en).toBe('Replaced.');
    await ok(again, 'backups.restore', { id: backup.id });
    expect(((await get(again, id)).fields.notes as Record<string, string>).en).toBe(`${text}Closing.\n`);
  });

  it('a long text whose file has gone missing: its records file is set aside with a notice, never read half', async () => {
    const core = await open();
    const { id } = await longNotes(core, 6);
    const dir = core.info().dataDir;
    await close(core);
    for (const name of fs.readdirSync(path.join(dir, BLOBS_DIR))) fs.rmSync(path.join(dir, BLOBS_DIR, name));
    const again = await open(dir);
    expect(again.info().notices.map((n) => n.code)).toContain('records_corrupt');
    expect((await fails(again, 'records.get', { id })).code).toBe('not_found');
  });

  it('concurrent edits at the two ends of a long note merge with no conflict', async () => {
    const a = await open(tempDir(), 'Amina');
    const b = await open(tempDir(), 'Boris');
    const { id, text } = await longNotes(a, 60);
    await importInto(b, (await ok(a, 'bundles.export', { scope: { type: 'all' }, compact: true })).content);
    await ok(a, 'records.update', { id, fields: { notes: { en: `Opening remarks by the chair.\n${text}` } } });
    await ok(b, 'records.update', { id, fields: { notes: { en: `${text}Closing remarks by the co-chair.\n` } } });
    await importInto(b, (await ok(a, 'bundles.export', { scope: { type: 'all' } })).content);
    await importInto(a, (await ok(b, 'bundles.export', { scope: { type: 'all' } })).content);
    for (const side of [a, b]) {
      const record = await get(side, id);
      expect(record.conflicts).toEqual([]);
      expect((record.fields.notes as Record<string, string>).en).toBe(`Opening remarks by the chair.\n${text}Closing remarks by the co-chair.\n`);
    }
  });
});

describe('hostile deltas in a bundle', () => {
  async function exported() {
    const core = await open();
    const { id } = await longNotes(core, 3);
    await ok(core, 'bundles.export', { scope: { type: 'all' } });
    await ok(core, 'records.update', { id, fields: { notes: { en: 'Short now.' } } });
    const bundle = JSON.parse((await ok(core, 'bundles.export', { scope: { type: 'all' } })).content) as { records: { history: Record<string, { d?: [number, number, string] }[]> }[]; checksum: string };
    return { core, bundle };
  }
  const reseal = (bundle: { records: unknown[]; checksum: string }) => canonicalize({ ...bundle, checksum: checksumOf(bundle.records) })!;

  it('a delta reaching outside its text is refused as invalid, and nothing changes', async () => {
    const { bundle } = await exported();
    const version = Object.values(bundle.records[0]!.history)[0]![0]!;
    version.d = [1_000_000, 5, 'x'];
    const other = await open();
    const error = await fails(other, 'bundles.preview', { content: reseal(bundle) });
    expect(error.bundle?.code).toBe('invalid');
  });

  it('history that would unfold to gigabytes is refused as too large', async () => {
    const { bundle } = await exported();
    const record = bundle.records[0] as unknown as { id: string; history: Record<string, unknown[]>; fields: Record<string, { value?: unknown }[]> };
    // The current text made 200 KB, and each older version "the whole of it again": tiny in the file, huge unfolded.
    const long = 'x'.repeat(200_000);
    for (const [key, list] of Object.entries(record.fields)) if (key.startsWith('notes')) list[0]!.value = long;
    const template = Object.values(record.history)[0]![0] as { dot: { r: string; c: number } };
    const many = Array.from({ length: 50 }, (_, i) => ({ ...template, dot: { ...template.dot, c: template.dot.c - i - 1 }, d: [200_000, 0, ''] }));
    record.history = { 'notes@en': many };
    const bundles = Array.from({ length: 40 }, () => structuredClone(record));
    bundles.forEach((r, i) => (r.id = r.id.slice(0, -4) + i.toString(16).padStart(4, '0')));
    const other = await open();
    const error = await fails(other, 'bundles.preview', { content: reseal({ ...bundle, records: bundles, recordCount: bundles.length } as never) });
    expect(['too_large', 'invalid']).toContain(error.bundle?.code);
  });
});

describe('data and bundles from the previous format', () => {
  function fixtureCopy(): string {
    const dir = tempDir();
    fs.cpSync(path.join(FIXTURES, 'data'), dir, { recursive: true });
    return dir;
  }

  it('a data folder of schema 1 is backed up as it was, then migrated: every record and every merged text kept', async () => {
    const dir = fixtureCopy();
    const before = fs.readdirSync(path.join(dir, 'records')).map((f) => fs.readFileSync(path.join(dir, 'records', f), 'utf8'));
    const core = await open(dir);
    const backups = await ok(core, 'backups.list', {});
    const migration = backups.find((b) => b.reason === 'before_migration')!;
    expect(migration).toBeDefined();
    const copied = path.join(dir, 'backups', migration.id, 'records');
    expect(fs.readdirSync(copied).filter((f) => f.endsWith('.json')).map((f) => fs.readFileSync(path.join(copied, f), 'utf8')).sort()).toEqual(before.sort());
    for (const file of fs.readdirSync(path.join(dir, 'records'))) {
      expect(JSON.parse(fs.readFileSync(path.join(dir, 'records', file), 'utf8')).schemaVersion).toBe(RECORDS_SCHEMA_VERSION);
    }
    const meeting = await get(core, IDS.meeting);
    const notes = (meeting.fields.notes as Record<string, string>).en!;
    expect(notes.startsWith('Welcome.\nOpening by the chair.\n')).toBe(true);
    expect(notes.endsWith('Closing by the chair.\n')).toBe(true);
    expect(meeting.conflicts).toEqual([]);
    expect(core.workspace!.store.records.size).toBe(8);
    // Lists that two people had extended at once were a conflict; they are now simply merged.
    const indicator = await get(core, IDS.indicator);
    expect(indicator.conflicts).toEqual([]);
    expect((indicator.fields.measurements as { date: string }[]).map((m) => m.date).sort()).toEqual(['2025-06-30', '2025-12-31', '2026-03-31']);
    const action = await get(core, IDS.action);
    expect(action.conflicts).toEqual([]);
    expect([...(action.fields.partnerAgencies as string[])].sort()).toEqual(['Coalition des femmes', 'Ministry of Defence', 'UN Women', 'UNDP']);
    expect(action.fields.resolutions).toEqual([1325, 1820, 2242]);
    expect((meeting.fields.chairs as object[]).length).toBe(2);
    expect((meeting.fields.agenda as { text: string }[]).map((a) => a.text)).toEqual(['Opening', 'NAP reviews']);
    // Opened again: nothing left to migrate, nothing new backed up.
    await close(core);
    const again = await open(dir);
    expect((await ok(again, 'backups.list', {})).filter((b) => b.reason === 'before_migration')).toHaveLength(1);
    expect(await get(again, IDS.meeting)).toEqual(meeting);
    // The backup made before the migration restores (read as schema 1, migrated in memory).
    await ok(again, 'records.update', { id: IDS.meeting, fields: { title: { en: 'Renamed' } } });
    await ok(again, 'backups.restore', { id: migration.id });
    expect((await get(again, IDS.meeting)).fields.title).toEqual(meeting.fields.title);
  });

  it('a data folder of schema 2 (deltas, a long text in blobs/, a deletion) is backed up, then written compact: every record and its history read the same', async () => {
    const V2 = path.resolve('tests/fixtures/v2');
    const ids = JSON.parse(fs.readFileSync(path.join(V2, 'ids.json'), 'utf8')) as Record<string, string>;
    const dir = tempDir();
    fs.cpSync(path.join(V2, 'data'), dir, { recursive: true });
    const recordsDir = path.join(dir, 'records');
    const before = new Map(fs.readdirSync(recordsDir).map((f) => [f, fs.readFileSync(path.join(recordsDir, f), 'utf8')]));
    // The records as version 2 wrote them, read without writing anything.
    const asWritten = await RecordStore.readSnapshot(dir);
    expect(asWritten.unreadable).toEqual([]);
    const core = await open(dir);
    expect(core.info().notices).toEqual([]);
    const migration = (await ok(core, 'backups.list', {})).find((b) => b.reason === 'before_migration')!;
    const copied = path.join(dir, 'backups', migration.id, 'records');
    for (const [f, text] of before) expect(fs.readFileSync(path.join(copied, f), 'utf8')).toBe(text);
    let bytesAfter = 0;
    for (const f of fs.readdirSync(recordsDir)) {
      const text = fs.readFileSync(path.join(recordsDir, f), 'utf8');
      bytesAfter += text.length;
      const file = JSON.parse(text);
      expect(file.schemaVersion).toBe(RECORDS_SCHEMA_VERSION);
      // What docs/schemas/records-file.schema.json says is what is written.
      expect(RecordsFileSchema.safeParse(file).error).toBeUndefined();
      expect(Array.isArray(file.records[0].fields[Object.keys(file.records[0].fields)[0]!][0])).toBe(true);
    }
    expect(bytesAfter).toBeLessThan([...before.values()].reduce((n, t) => n + t.length, 0));
    const held = [...core.workspace!.store.records.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
    expect(canonicalize(held)).toBe(canonicalize(asWritten.records.sort((a, b) => (a.id < b.id ? -1 : 1))));
    const notes = (await ok(core, 'records.history', { id: ids.long!, field: 'notes@en' })).map((v) => v.value);
    expect(notes).toHaveLength(5);
    expect(notes[0]).toMatch(/Closing remark 4\. $/);
    expect(notes[4]).toMatch(/monitored\. $/);
    expect(fs.readdirSync(path.join(dir, BLOBS_DIR))).toEqual(fs.readdirSync(path.join(V2, 'data', 'blobs')));
    expect((await get(core, ids.deleted!)).deleted).toBe(true);
    // Opened again: read from the compact files as it was, nothing migrated twice.
    await close(core);
    const again = await open(dir);
    expect(canonicalize([...again.workspace!.store.records.values()].sort((a, b) => (a.id < b.id ? -1 : 1)))).toBe(canonicalize(held));
    expect((await ok(again, 'backups.list', {})).filter((b) => b.reason === 'before_migration')).toHaveLength(1);
  });

  it('bundles of format 1 still import, sealed ones with their passphrase, and twice changes nothing', async () => {
    const core = await open();
    const plain = fs.readFileSync(path.join(FIXTURES, 'from-boris.fpbundle'), 'utf8');
    const first = await importInto(core, plain);
    expect(first.counts.meeting?.new).toBe(1);
    const meeting = await get(core, IDS.meeting);
    expect((meeting.fields.notes as Record<string, string>).en!.endsWith('Closing by the chair.\n')).toBe(true);
    const again = await ok(core, 'bundles.preview', { content: plain });
    expect(again.alreadyImported).toBe(true);
    const sealed = fs.readFileSync(path.join(FIXTURES, 'nap-sealed.fpbundle'), 'utf8');
    expect((await fails(core, 'bundles.preview', { content: sealed, passphrase: 'wrong passphrase' })).bundle?.code).toBe('wrong_passphrase');
    const other = await open();
    await importInto(other, sealed, 'correct horse battery');
    expect((await get(other, IDS.nap)).fields.title).toEqual({ en: 'Second National Action Plan', fr: 'Deuxième plan d’action national' });
    // What a format-1 bundle brought goes out again in format 2, and comes back unchanged.
    const out = await ok(core, 'bundles.export', { scope: { type: 'all' } });
    expect(JSON.parse(out.content).version).toBe(2);
    const third = await open();
    await importInto(third, out.content);
    expect(await get(third, IDS.meeting)).toEqual(await get(core, IDS.meeting));
    // Upgraded on arrival the same way everywhere: the old bundle and the new one agree, item by item.
    await importInto(third, plain);
    expect(await get(third, IDS.indicator)).toEqual(await get(core, IDS.indicator));
    expect((await get(third, IDS.indicator)).fields.measurements).toHaveLength(2);
  });

  it('a list item that breaks its list\'s rules is refused in a bundle of format 2', async () => {
    const core = await open();
    const nap = await ok(core, 'records.create', { kind: 'nap', fields: { title: { en: 'NAP' }, pillars: ['participation'] } });
    const bundle = JSON.parse((await ok(core, 'bundles.export', { scope: { type: 'all' } })).content) as { records: { id: string; fields: Record<string, { value: unknown }[]> }[]; checksum: string };
    const record = bundle.records.find((r) => r.id === nap.id)!;
    const key = Object.keys(record.fields).find((k) => k.startsWith('pillars#'))!;
    for (const bad of [{ o: 'a0', v: 'peacebuilding' }, { o: 'a0' }, { v: 'protection' }, 'protection', { o: 'a0', v: 'protection', x: 1 }]) {
      record.fields[key]![0]!.value = bad;
      const other = await open();
      const error = await fails(other, 'bundles.preview', { content: canonicalize({ ...bundle, checksum: checksumOf(bundle.records) })! });
      expect(error.bundle?.code).toBe('invalid');
    }
  });

  it('a bundle or a data folder of a newer format is refused, and nothing changes', async () => {
    const core = await open();
    const newer = canonicalize({ format: 'focal-point-desk/bundle', version: 3, records: [] })!;
    const error = await fails(core, 'bundles.preview', { content: newer });
    expect(error.bundle).toMatchObject({ code: 'too_new', version: 3 });
    const dir = fixtureCopy();
    const file = path.join(dir, 'records', fs.readdirSync(path.join(dir, 'records'))[0]!);
    const data = JSON.parse(fs.readFileSync(file, 'utf8'));
    data.schemaVersion = RECORDS_SCHEMA_VERSION + 1;
    fs.writeFileSync(file, JSON.stringify(data));
    const text = fs.readFileSync(file, 'utf8');
    const refused = await openCore({ dataDir: dir, host: 'browser', systemLocales: ['en'], log: () => undefined });
    cores.push(refused);
    expect(refused.info().notices.map((n) => n.code)).toContain('workspace_too_new');
    expect(refused.workspace).toBeFalsy();
    expect(fs.readFileSync(file, 'utf8')).toBe(text);
    expect(fs.existsSync(path.join(dir, 'backups'))).toBe(false);
  });
});
