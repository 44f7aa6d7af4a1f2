/**
 * Records files (records/<bucket>.json, schema 3) made or altered by hand, and backups holding
 * such files: each damaged file is set aside whole with a notice (never used in part), a file from
 * a newer version refuses the folder, nothing else changes, and nothing reaches Object.prototype.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ok, fails } from './support.js';
import { openCore, type Core } from '../../main/core/index.js';
import { BLOBS_DIR } from '../../main/core/store/blobs.js';
import { RecordsFileWriter } from '../../main/core/store/records-file.js';
import { CORRUPT_DIR, RECORDS_DIR, RecordStore, WorkspaceError } from '../../main/core/store/records-store.js';
import type { FieldVersion, SyncRecord } from '../../shared/sync/record.js';

const PROTO = ['__', 'proto', '__'].join('');
const R1 = 'aaaaaaaaaaaaaaaa';
const R2 = 'bbbbbbbbbbbbbbbb';
/** Two records of bucket 57, one of bucket 58. */
const A = '01890a5d-ac96-774b-bcce-b302099a8057';
const B = '01890a5d-ac96-774b-bcce-b302099a9157';
const C = '01890a5d-ac96-774b-bcce-b302099a8058';
const LONG = `${'Delegations reported on their plans. '.repeat(300)}`;

let dirs: string[] = [];
let cores: Core[] = [];
afterEach(async () => {
  for (const core of cores) await core.close().catch(() => undefined);
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  cores = [];
  dirs = [];
});
const tempDir = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'fpd-records-hostile-'));
  dirs.push(d);
  return d;
};

const version = (r: string, c: number, value: FieldVersion['value'], extra: Partial<FieldVersion> = {}): FieldVersion => ({
  dot: { r, c },
  hlc: { t: 1_750_000_000_000 + c, l: 0 },
  by: 'Amina Diallo',
  value,
  preds: [],
  ...extra,
});
function record(id: string, kind = 'meeting'): SyncRecord {
  return {
    id,
    kind,
    vv: { [R1]: 4, [R2]: 2 },
    fields: {
      'title@en': [version(R1, 3, 'Focal Points Network', { preds: [{ r: R1, c: 1 }, { r: R2, c: 2 }] })],
      'notes@en': [version(R1, 4, LONG)],
    },
    history: { 'title@en': [version(R2, 2, 'FPN'), version(R1, 1, 'Network')] },
  };
}

type Tuple = unknown[];
interface FileJson {
  format: string;
  schemaVersion: number;
  replicas: unknown[];
  authors: unknown[];
  texts: unknown[];
  records: { id: string; kind: string; vv: Record<string, unknown>; fields: Record<string, Tuple[]>; history: Record<string, Tuple[]> }[];
}

/** A data folder with buckets 57 (records A and B, B naming a long text) and 58 (C), as the store writes them. */
function folder(): { dir: string; file: (bucket: string) => string; read: (bucket: string) => FileJson } {
  const dir = tempDir();
  fs.mkdirSync(path.join(dir, RECORDS_DIR), { recursive: true });
  fs.mkdirSync(path.join(dir, BLOBS_DIR), { recursive: true });
  const writer = new RecordsFileWriter();
  for (const [bucket, records] of [['57', [record(A), record(B)]], ['58', [record(C, 'contact')]]] as const) {
    const out = writer.file(records);
    for (const [hash, text] of out.texts) fs.writeFileSync(path.join(dir, BLOBS_DIR, `${hash}.txt`), text);
    fs.writeFileSync(path.join(dir, RECORDS_DIR, `${bucket}.json`), out.text);
  }
  const file = (bucket: string) => path.join(dir, RECORDS_DIR, `${bucket}.json`);
  return { dir, file, read: (bucket) => JSON.parse(fs.readFileSync(file(bucket), 'utf8')) as FileJson };
}

/** Every file of a folder (but corrupt/) and its bytes. */
function contents(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (sub: string) => {
    for (const entry of fs.readdirSync(path.join(dir, sub), { withFileTypes: true })) {
      const rel = path.join(sub, entry.name);
      if (entry.isDirectory()) {
        if (rel !== CORRUPT_DIR) walk(rel);
      } else out.set(rel, fs.readFileSync(path.join(dir, rel), 'latin1'));
    }
  };
  walk('');
  return out;
}

/** Opens the store on `dir` after `alter` changed bucket 57: the file is set aside whole, bucket 58 and the texts stay. */
async function expectSetAside(alter: (data: FileJson) => string | void) {
  const { dir, file, read } = folder();
  const data = read('57');
  const text = alter(data) ?? JSON.stringify(data);
  fs.writeFileSync(file('57'), text);
  const before = contents(dir);
  const store = await RecordStore.open(dir);
  expect(store.notices.map((n) => n.code)).toEqual(['records_corrupt']);
  expect(fs.existsSync(file('57'))).toBe(false);
  // Kept whole, byte for byte.
  expect(fs.readFileSync(store.notices[0]!.file, 'utf8')).toBe(text);
  expect([...store.records.keys()]).toEqual([C]);
  // Nothing else changed: the other bucket and every long text (a copy went beside the file set aside).
  const after = contents(dir);
  before.delete(path.join(RECORDS_DIR, '57.json'));
  expect(after).toEqual(before);
  expect(({} as Record<string, unknown>)['title@en']).toBeUndefined();
  expect(Object.prototype).not.toHaveProperty('polluted');
  // Read-only readers agree: the file is named unreadable, nothing else is lost.
  return store;
}

describe('a records file with malformed tuples, tables or lists is set aside whole', () => {
  const title = (d: FileJson) => d.records[0]!.fields['title@en']![0]!;
  const cases: [string, (d: FileJson) => string | void][] = [
    ['a replica index of 2^32', (d) => void (title(d)[0] = 2 ** 32)],
    ['a replica index written 1e999 (Infinity)', (d) => JSON.stringify(d).replace('[[0,3,', '[[1e999,3,')],
    ['a counter written 1e999', (d) => JSON.stringify(d).replace('[[0,3,', '[[0,1e999,')],
    ['a counter of negative zero', (d) => JSON.stringify(d).replace('[[0,3,', '[[0,-0,')],
    ['a counter past 2^53', (d) => void (title(d)[1] = 2 ** 60)],
    ['a time of 1e999', (d) => JSON.stringify(d).replace(/\[\[0,3,\d+,/, '[[0,3,1e999,')],
    ['a negative time', (d) => void (title(d)[2] = -1)],
    ['a time with a fraction', (d) => void (title(d)[2] = 1.5)],
    ['a logical clock of -1', (d) => void (title(d)[3] = -1)],
    ['an author index past the table', (d) => void (title(d)[4] = 99)],
    ['preds naming a replica past the table', (d) => void (title(d)[5] = [0, 1, 9, 2])],
    ['preds with a counter of zero', (d) => void (title(d)[5] = [0, 0])],
    ['preds that are not a list', (d) => void (title(d)[5] = { 0: 0 })],
    ['a tuple of ten', (d) => void title(d).push({}, {})],
    ['a delta that is not one', (d) => void title(d).splice(6, 2, 1, [1, 2])],
    ['a context with a negative counter', (d) => void title(d).push({ [R1]: -1 })],
    ['a context with a counter written as text', (d) => void title(d).push({ [R1]: '3' })],
    ['a context naming the prototype', (d) => JSON.stringify(d).replace('"Focal Points Network"]', `"Focal Points Network",{"${PROTO}":{"polluted":1}}]`)],
    ['a context naming the prototype with a number', (d) => JSON.stringify(d).replace('"Focal Points Network"]', `"Focal Points Network",{"${PROTO}":1}]`)],
    ['a version vector naming the prototype', (d) => JSON.stringify(d).replace('"vv":{', `"vv":{"${PROTO}":{"polluted":1},`)],
    ['a version vector with a counter written as text', (d) => void (d.records[0]!.vv[R1] = 'four')],
    ['a version vector with a negative counter', (d) => void (d.records[0]!.vv[R1] = -4)],
    ['a version vector that is a list', (d) => void (d.records[0]!.vv = [4] as never)],
    ['a replica table naming the prototype', (d) => void (d.replicas = [PROTO, R2])],
    ['a replica table with a name that is no replica id', (d) => void (d.replicas = ['constructor', R2])],
    ['an author table that is an object', (d) => void (d.authors = { 0: 'Amina' } as never)],
    ['a texts list that is a string', (d) => void (d.texts = 'abc' as never)],
    ['a texts list without the text a version names', (d) => void (d.texts = [])],
    ['a field named constructor', (d) => void ((d.records[0]!.fields as Record<string, unknown>)['constructor'] = d.records[0]!.fields['title@en'])],
    ['a field named toString in the history', (d) => void ((d.records[0]!.history as Record<string, unknown>)['toString'] = d.records[0]!.history['title@en'])],
    ['a field with no version', (d) => void (d.records[0]!.fields['title@en'] = [])],
    ['a record of an unknown kind', (d) => void (d.records[0]!.kind = 'constructor')],
    ['a record twice in its file', (d) => void d.records.push(structuredClone(d.records[0]!))],
    ['the same id twice, with different content', (d) => void d.records.push({ ...structuredClone(d.records[1]!), id: A })],
    ['a record of another bucket', (d) => void (d.records[0]!.id = C)],
    ['records that are not a list', (d) => void (d.records = {} as never)],
    ['a schema version of 1e999', (d) => JSON.stringify(d).replace('"schemaVersion":3', '"schemaVersion":1e999')],
    ['a schema version of zero', (d) => void (d.schemaVersion = 0)],
    ['a payload nested ten thousand deep', (d) => JSON.stringify(d).replace('"Focal Points Network"', `${'['.repeat(10_000)}1${']'.repeat(10_000)}`)],
    ['a value with a key naming the prototype', (d) => JSON.stringify(d).replace('"Focal Points Network"', `{"${PROTO}":{"polluted":1}}`)],
    ['a list item with a key named constructor', (d) => JSON.stringify(d).replace('"Focal Points Network"', '{"o":"a0","v":{"constructor":1}}')],
    ['a truncated file', (d) => JSON.stringify(d).slice(0, -20)],
  ];
  for (const [what, alter] of cases) it(what, () => expectSetAside(alter));
});

describe('what is read is what the next write reads again', () => {
  it('a version with named keys (schema 2) is checked as a tuple is: one that would not read as a tuple sets its file aside before the migration rewrites it', async () => {
    for (const alter of [
      (v: Record<string, unknown>) => void ((v.dot as { c: unknown }).c = '3'),
      (v: Record<string, unknown>) => void delete (v.hlc as { l?: unknown }).l,
      (v: Record<string, unknown>) => void (v.ctx = 'all'),
      (v: Record<string, unknown>) => void (v.preds = [{ r: R1 }]),
      (v: Record<string, unknown>) => void (v.dot = { r: 'not a replica', c: 3 }),
    ]) {
      const { dir, file, read } = folder();
      const data = read('57');
      const first = data.records[0]!.fields['title@en']![0]!;
      const named: Record<string, unknown> = { dot: { r: R1, c: first[1] }, hlc: { t: first[2], l: first[3] }, by: 'Amina Diallo', value: first[7], preds: [] };
      alter(named);
      const text = JSON.stringify({ ...data, schemaVersion: 2, texts: undefined, records: data.records.map((r, i) => (i === 0 ? { ...r, fields: { ...r.fields, 'title@en': [named] } } : r)) });
      fs.writeFileSync(file('57'), text);
      const store = await RecordStore.open(dir);
      expect(store.notices.map((n) => n.code)).toEqual(['records_corrupt']);
      expect(fs.readFileSync(store.notices[0]!.file, 'utf8')).toBe(text);
      const again = await RecordStore.open(dir);
      expect(again.notices).toEqual([]);
      expect([...again.records.keys()]).toEqual([C]);
    }
  });

  it('a texts list naming a text no version names, and that is not there, loses nothing', async () => {
    const { dir, file, read } = folder();
    const data = read('57');
    data.texts.push('0'.repeat(64));
    fs.writeFileSync(file('57'), JSON.stringify(data));
    const store = await RecordStore.open(dir);
    expect(store.notices).toEqual([]);
    expect([...store.records.keys()].sort()).toEqual([A, B, C].sort());
    expect(store.get(B)!.fields['notes@en']![0]!.value).toBe(LONG);
  });

  it('a long text whose file is missing sets aside each records file naming it, as it was', async () => {
    const { dir, file } = folder();
    const hash = fs.readdirSync(path.join(dir, BLOBS_DIR))[0]!;
    fs.rmSync(path.join(dir, BLOBS_DIR, hash));
    const texts = ['57', '58'].map((b) => fs.readFileSync(file(b), 'utf8'));
    const store = await RecordStore.open(dir);
    expect(store.notices.map((n) => n.code)).toEqual(['records_corrupt', 'records_corrupt']);
    expect(store.notices.map((n) => fs.readFileSync(n.file, 'utf8')).sort()).toEqual(texts.sort());
    expect(store.records.size).toBe(0);
  });

  it('a file from a newer version refuses the folder, and nothing is changed or set aside', async () => {
    for (const version of ['4', '99999999999999999999']) {
      const { dir, file } = folder();
      fs.writeFileSync(file('58'), fs.readFileSync(file('58'), 'utf8').replace('"schemaVersion":3', `"schemaVersion":${version}`));
      const before = contents(dir);
      await expect(RecordStore.open(dir)).rejects.toBeInstanceOf(WorkspaceError);
      await expect(RecordStore.readSnapshot(dir)).rejects.toBeInstanceOf(WorkspaceError);
      expect(contents(dir)).toEqual(before);
      expect(fs.existsSync(path.join(dir, CORRUPT_DIR))).toBe(false);
    }
  });


  it('reading while the app runs names a damaged file unreadable, changes nothing, and reads the rest', async () => {
    const { dir, file, read } = folder();
    const data = read('57');
    data.records.push(structuredClone(data.records[0]!));
    fs.writeFileSync(file('57'), JSON.stringify(data));
    const before = contents(dir);
    const { records, unreadable } = await RecordStore.readSnapshot(dir);
    expect(unreadable).toEqual([file('57')]);
    expect(records.map((r) => r.id)).toEqual([C]);
    expect(contents(dir)).toEqual(before);
  });
});

describe('reading while an import moves its files into place (readSnapshot)', () => {
  it('sees every file of a sealed journal, at each step of its moves, and none of an unsealed one', async () => {
    const newer = (r: SyncRecord): SyncRecord => ({ ...r, fields: { ...r.fields, 'notes@en': [version(R2, 9, `${LONG}Imported.`)] } });
    for (const step of ['unsealed', 'sealed', 'one moved', 'all moved'] as const) {
      const { dir, file } = folder();
      const journal = path.join(dir, 'records.journal');
      fs.mkdirSync(journal);
      const writer = new RecordsFileWriter();
      for (const [bucket, records] of [['57', [newer(record(A)), record(B)]], ['58', [newer(record(C, 'contact'))]]] as const) {
        const out = writer.file(records);
        for (const [hash, text] of out.texts) fs.writeFileSync(path.join(dir, BLOBS_DIR, `${hash}.txt`), text);
        fs.writeFileSync(path.join(journal, `${bucket}.json`), out.text);
      }
      if (step !== 'unsealed') fs.writeFileSync(path.join(journal, 'COMPLETE'), '');
      if (step === 'one moved' || step === 'all moved') fs.renameSync(path.join(journal, '57.json'), file('57'));
      if (step === 'all moved') fs.renameSync(path.join(journal, '58.json'), file('58'));
      const { records, unreadable } = await RecordStore.readSnapshot(dir);
      expect(unreadable).toEqual([]);
      const notes = new Map(records.map((r) => [r.id, r.fields['notes@en']![0]!.value]));
      const imported = step === 'unsealed' ? LONG : `${LONG}Imported.`;
      expect([notes.get(A), notes.get(B), notes.get(C)], step).toEqual([imported, LONG, imported]);
    }
  });
});

describe('a backup holding a damaged records file is refused, and nothing changes', () => {
  it('a record in two files, a payload nested too deep, a tuple past its table, a newer version, a version vector naming the prototype', async () => {
    const dir = tempDir();
    const core = await openCore({ dataDir: dir, host: 'browser', systemLocales: ['en'], log: () => undefined });
    cores.push(core);
    await ok(core, 'profile.set', { name: 'Amina Diallo', organisation: 'Ministry', country: 'SN', role: 'national_focal_point' });
    const created: string[] = [];
    for (let i = 0; i < 4; i++) created.push((await ok(core, 'records.create', { kind: 'contact', fields: { name: `Contact ${i}` } })).id);
    const backup = await ok(core, 'backups.create', {});
    const files = path.join(dir, 'backups', backup.id, 'records');
    const original = new Map(fs.readdirSync(files).map((f) => [f, fs.readFileSync(path.join(files, f), 'utf8')]));
    const [first, second] = [...original.keys()].sort() as [string, string];
    const alterations: ((texts: Map<string, string>) => void)[] = [
      // The first file's records copied into the second: the same ids in two files.
      (t) => {
        const a = JSON.parse(t.get(first)!) as FileJson;
        const b = JSON.parse(t.get(second)!) as FileJson;
        t.set(second, JSON.stringify({ ...b, replicas: a.replicas, authors: a.authors, records: [...b.records, ...a.records] }));
      },
      (t) => t.set(first, t.get(first)!.replace(/"Contact \d"/, `${'['.repeat(10_000)}1${']'.repeat(10_000)}`)),
      (t) => t.set(first, t.get(first)!.replace(/\[\[0,/, '[[7,')),
      (t) => t.set(first, t.get(first)!.replace('"schemaVersion":3', '"schemaVersion":4')),
      (t) => t.set(first, t.get(first)!.replace('"vv":{', `"vv":{"${PROTO}":{"polluted":1},`)),
    ];
    await ok(core, 'records.update', { id: created[0]!, fields: { name: 'Renamed' } });
    const live = path.join(dir, RECORDS_DIR);
    const state = () => new Map(fs.readdirSync(live).map((f) => [f, fs.readFileSync(path.join(live, f), 'utf8')]));
    const before = state();
    const backups = (await ok(core, 'backups.list', {})).length;
    for (const alter of alterations) {
      const texts = new Map(original);
      alter(texts);
      for (const [f, text] of texts) fs.writeFileSync(path.join(files, f), text);
      const error = await fails(core, 'backups.restore', { id: backup.id });
      expect(error.code).toBe('invalid_request');
      expect(state()).toEqual(before);
      expect((await ok(core, 'backups.list', {})).length).toBe(backups);
      expect(Object.prototype).not.toHaveProperty('polluted');
    }
    // The backup as it was restores.
    for (const [f, text] of original) fs.writeFileSync(path.join(files, f), text);
    await ok(core, 'backups.restore', { id: backup.id });
    expect((await ok(core, 'records.get', { id: created[0]! })).record.fields.name).toBe('Contact 0');
  });
});

describe('a value that looks like a reference to a long text', () => {
  it('an array or object value holding a hash opens, is backed up and restores: no backup looks for a text that is not there', async () => {
    for (const shape of [(h: string) => `[[],2,"${h}"]`, (h: string) => `{"b":"${h}"}`]) {
      const dir = tempDir();
      const open = async () => {
        const core = await openCore({ dataDir: dir, host: 'browser', systemLocales: ['en'], log: () => undefined });
        cores.push(core);
        return core;
      };
      let core = await open();
      await ok(core, 'profile.set', { name: 'Amina Diallo', organisation: 'Ministry', country: 'SN', role: 'national_focal_point' });
      const { id } = await ok(core, 'records.create', { kind: 'contact', fields: { name: 'Olga', languages: ['ru'] } });
      await core.close();
      const file = path.join(dir, RECORDS_DIR, `${id.slice(-2)}.json`);
      fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('["ru"]', shape('0'.repeat(64))));
      // Opening takes the daily backup.
      core = await open();
      expect(core.info().notices).toEqual([]);
      const backup = await ok(core, 'backups.create', {});
      expect(fs.readdirSync(path.join(dir, 'backups', backup.id, 'records'))).toEqual([path.basename(file)]);
      await ok(core, 'backups.restore', { id: backup.id });
    }
  });
});

describe('a long text that is not well-formed Unicode', () => {
  it('read from a file made by hand, it is written back exactly (kept inline: UTF-8 in blobs/ would turn its lone surrogate into U+FFFD)', async () => {
    const { dir, file, read } = folder();
    const data = read('57');
    const broken = `${LONG}\ud800 end`;
    const text = JSON.stringify(data).replace('"Focal Points Network"', JSON.stringify(broken));
    fs.writeFileSync(file('57'), text);
    const store = await RecordStore.open(dir);
    expect(store.get(A)!.fields['title@en']![0]!.value).toBe(broken);
    // B changes: the bucket is written again, A from memory.
    await store.commit([{ ...store.get(B)!, vv: { ...store.get(B)!.vv, [R1]: 5 } }]);
    const again = await RecordStore.open(dir);
    expect(again.notices).toEqual([]);
    expect(again.get(A)!.fields['title@en']![0]!.value).toBe(broken);
  });
});
