/**
 * Long texts in files of their own (blobs/), the shipped counter and stored deltas, against what
 * a crash, an interrupted import, a concurrent backup, a damaged file or a hand-edited folder do.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fsp from 'node:fs/promises';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fails, ok } from './support.js';
import type { RecordView } from '../../shared/records/codec.js';
import { openCore, type Core } from '../../main/core/index.js';
import { BLOBS_DIR } from '../../main/core/store/blobs.js';
import { ClockFile } from '../../main/core/store/clock-file.js';
import { RecordStore, RECORDS_SCHEMA_VERSION } from '../../main/core/store/records-store.js';

let dirs: string[] = [];
let cores: Core[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  for (const core of cores) await core.close().catch(() => undefined);
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  cores = []; dirs = [];
});
const tempDir = () => { const d = fs.mkdtempSync(path.join(os.tmpdir(), 'fpd-longtext-')); dirs.push(d); return d; };
async function open(dir = tempDir(), name = 'Amina Diallo'): Promise<Core> {
  const core = await openCore({ dataDir: dir, host: 'browser', systemLocales: ['en'], log: () => undefined });
  cores.push(core);
  if (core.workspace) await ok(core, 'profile.set', { name, organisation: 'Ministry', country: 'SN', role: 'national_focal_point' });
  return core;
}
async function close(core: Core) { cores = cores.filter((c) => c !== core); await core.close(); }
/** The texts copied beside files set aside in corrupt/. */
const copiedTexts = (dir: string) =>
  fs
    .readdirSync(path.join(dir, 'corrupt'))
    .filter((f) => f.endsWith('.texts'))
    .flatMap((f) => fs.readdirSync(path.join(dir, 'corrupt', f)));
/** What a test reads of an exported bundle. */
interface BundleJson {
  records: { id: string; fields: Record<string, { dot: { r: string; c: number } }[]> }[];
}
const notesOf = (record: RecordView) => (record.fields.notes as Record<string, string>).en;
const get = async (core: Core, id: string) => (await ok(core, 'records.get', { id })).record;
const para = (n: number) => `${Array.from({ length: 20 }, (_, i) => `Delegation ${n * 20 + i} described its plan.`).join(' ')}\n`;
async function longNotes(core: Core, times = 12) {
  const m = await ok(core, 'records.create', { kind: 'meeting', fields: { title: { en: 'FPN' }, notes: { en: '' } } });
  let text = '';
  for (let i = 0; i < times; i++) { text += para(i); await ok(core, 'records.update', { id: m.id, fields: { notes: { en: text } } }); }
  return { id: m.id, text };
}

describe('what left the installation is never squashed', () => {
  it('a clock file with no entry for this replica: an export before any edit records everything issued as shipped', async () => {
    const dir = tempDir();
    const c = await ClockFile.open(dir, 'aaaaaaaaaaaaaaaa');
    c.start(500);
    expect(c.shipped).toBe(500);
    await c.markShipped(500, { t: Date.now(), l: 0 });
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'clock.json'), 'utf8')).replicas.aaaaaaaaaaaaaaaa).toMatchObject({ counter: 500, shipped: 500 });
    const again = await ClockFile.open(dir, 'aaaaaaaaaaaaaaaa');
    again.start(500);
    expect(again.shipped).toBeGreaterThanOrEqual(500);
  });

  it('a damaged clock.json, then a session that only reads: exported versions stay exported', async () => {
    const dir = tempDir();
    const core = await open(dir);
    const { id, text } = await longNotes(core, 2);
    await ok(core, 'bundles.export', { scope: { type: 'all' } });
    await close(core);
    fs.writeFileSync(path.join(dir, 'clock.json'), '{broken');
    const ro = await open(dir);
    await close(ro);
    const again = await open(dir);
    const exported = JSON.parse((await ok(again, 'bundles.export', { scope: { type: 'all' } })).content);
    // don't export: re-open fresh to see shipped
    await close(again);
    fs.writeFileSync(path.join(dir, 'clock.json'), '{broken');
    const ro2 = await open(dir); await close(ro2);
    const w = await open(dir);
    const exportedDot = (exported as BundleJson).records.find((r) => r.id === id)!.fields['notes@en']![0]!.dot;
    await ok(w, 'records.update', { id, fields: { notes: { en: `${text}More.\n` } } });
    const hist = await ok(w, 'records.history', { id, field: 'notes@en' });
    // The exported version stays in the history.
    expect(hist.map((h) => h.dot.c)).toContain(exportedDot.c);
  });

  it('an autosave made while an export runs does not squash the version the bundle carries', async () => {
    const core = await open();
    const { id, text } = await longNotes(core, 2);
    const p1 = core.client.call('bundles.export', { scope: { type: 'all' } });
    const p2 = core.client.call('records.update', { id, fields: { notes: { en: `${text}Racing.\n` } } });
    const [e] = await Promise.all([p1, p2]);
    const bundle = JSON.parse(e.content) as BundleJson;
    const shippedDot = bundle.records.find((r) => r.id === id)!.fields['notes@en']![0]!.dot;
    const rec = core.workspace!.store.get(id)!;
    const cur = rec.fields['notes@en']![0]!;
    const hist = rec.history['notes@en'] ?? [];
    const kept = cur.preds.some((d) => d.r === shippedDot.r && d.c === shippedDot.c) || hist.some((v) => v.dot.c === shippedDot.c);
    if (cur.dot.c !== shippedDot.c) expect(kept).toBe(true);
  });
});

describe('long texts in files of their own', () => {
  it('a records file that no longer parses is set aside with copies of the texts it names', async () => {
    const dir = tempDir();
    const core = await open(dir);
    const { id } = await longNotes(core, 12);
    await core.workspace!.store.flush();
    await close(core);
    const blobs = fs.readdirSync(path.join(dir, BLOBS_DIR));
    expect(blobs.length).toBe(1);
    const bucket = path.join(dir, 'records', `${id.slice(-2)}.json`);
    fs.writeFileSync(bucket, fs.readFileSync(bucket, 'utf8').slice(0, -3));
    const again = await open(dir);
    expect(again.info().notices.map((n) => n.code)).toContain('records_corrupt');
    expect(copiedTexts(dir)).toEqual(blobs);
  });

  it('a records file set aside for a bad record keeps its texts, whatever opens follow', async () => {
    const dir = tempDir();
    const core = await open(dir);
    const { id } = await longNotes(core, 12);
    await close(core);
    const blobs = fs.readdirSync(path.join(dir, BLOBS_DIR));
    const bucket = path.join(dir, 'records', `${id.slice(-2)}.json`);
    const data = JSON.parse(fs.readFileSync(bucket, 'utf8'));
    data.records[0].kind = 'nonsense';
    fs.writeFileSync(bucket, JSON.stringify(data));
    const again = await open(dir);
    await close(again);
    const third = await open(dir);
    await close(third);
    expect(copiedTexts(dir)).toEqual(blobs);
  });

  it('an altered text file is written again when a restore names its text', async () => {
    const dir = tempDir();
    const core = await open(dir);
    const { id, text } = await longNotes(core, 12);
    const backup = await ok(core, 'backups.create', {});
    await close(core);
    const [blob] = fs.readdirSync(path.join(dir, BLOBS_DIR));
    const bfile = path.join(dir, BLOBS_DIR, blob!);
    fs.writeFileSync(bfile, fs.readFileSync(bfile, 'utf8').replace('Delegation', 'Delegatiom'));
    const again = await open(dir);
    await ok(again, 'backups.restore', { id: backup.id });
    expect(notesOf(await get(again, id))).toBe(text);
    await close(again);
    const third = await open(dir);
    expect(third.info().notices.map((n) => n.code)).not.toContain('records_corrupt');
    expect(notesOf(await get(third, id))).toBe(text);
  });

  it('backups taken while long texts are being autosaved all restore', async () => {
    const dir = tempDir();
    const core = await open(dir);
    const ids: { id: string; text: string }[] = [];
    for (let k = 0; k < 6; k++) ids.push(await longNotes(core, 12));
    const edits = (async () => {
      for (let round = 0; round < 12; round++) {
        for (const n of ids) { n.text += `r${round}.`; await ok(core, 'records.update', { id: n.id, fields: { notes: { en: n.text } } }); }
      }
    })();
    const backupsMade: string[] = [];
    for (let i = 0; i < 6; i++) backupsMade.push((await ok(core, 'backups.create', {})).id);
    await edits;
    for (const b of backupsMade) await ok(core, 'backups.restore', { id: b });
  });
});

describe('a folder with one file of a newer version', () => {
  it('is refused before anything is migrated, rewritten or backed up', async () => {
    const dir = tempDir();
    fs.cpSync(path.resolve('tests/fixtures/v1/data'), dir, { recursive: true });
    const rdir = path.join(dir, 'records');
    const names = fs.readdirSync(rdir).sort();
    const last = path.join(rdir, names[names.length - 1]!);
    const data = JSON.parse(fs.readFileSync(last, 'utf8')); data.schemaVersion = RECORDS_SCHEMA_VERSION + 1; fs.writeFileSync(last, JSON.stringify(data));
    const before = names.map((n) => fs.readFileSync(path.join(rdir, n), 'utf8'));
    const core = await openCore({ dataDir: dir, host: 'browser', systemLocales: ['en'], log: () => undefined });
    cores.push(core);
    await new Promise((r) => setTimeout(r, 1500));
    const after = names.map((n) => fs.readFileSync(path.join(rdir, n), 'utf8'));
    const changed = names.filter((_, i) => before[i] !== after[i]);
    expect(changed).toEqual([]);
    expect(fs.existsSync(path.join(dir, 'backups'))).toBe(false);
  });
});

describe('records files altered by hand', () => {
  async function prepared() {
    const dir = tempDir();
    const core = await open(dir);
    const { id, text } = await longNotes(core, 3);
    await ok(core, 'bundles.export', { scope: { type: 'all' } });
    await ok(core, 'records.update', { id, fields: { notes: { en: `${text}More.\n` } } });
    await close(core);
    const bucket = path.join(dir, 'records', `${id.slice(-2)}.json`);
    return { dir, id, text, bucket, data: JSON.parse(fs.readFileSync(bucket, 'utf8')) };
  }
  it('a stored delta with a negative length sets the file aside instead of reading a wrong text', async () => {
    const { dir, id, bucket, data } = await prepared();
    // Written as a tuple [replica, counter, time, logical, author, preds, how, payload]: how 1 is a delta.
    const h = data.records[0].history['notes@en'];
    expect(h[0][6]).toBe(1);
    h[0][7] = [-5, 0, 'X'];
    fs.writeFileSync(bucket, JSON.stringify(data));
    const again = await open(dir);
    await fails(again, 'records.history', { id, field: 'notes@en' });
    expect(again.info().notices.map((n) => n.code)).toContain('records_corrupt');
  });
  it('a file naming a text by a malformed hash is set aside', async () => {
    const { dir, bucket, data } = await prepared();
    // Written as a tuple: how 2 names a text by its hash (or, for a short text, 0 gives the value).
    const v = data.records[0].fields['notes@en'][0];
    if (v[6] === 2) v[7] = v[7].toUpperCase();
    else [v[6], v[7]] = [2, 'zz'];
    fs.writeFileSync(bucket, JSON.stringify(data));
    const again = await open(dir);
    expect(again.info().notices.map((n) => n.code)).toContain('records_corrupt');
  });
  // Each alteration of the written tuples and tables sets the file aside whole, and the others open.
  const alterations: [string, (data: { replicas: unknown[]; authors: unknown[]; texts: unknown[]; records: { fields: Record<string, unknown[][]> }[] }) => void][] = [
    ['a replica index past the table', (d) => void (d.records[0]!.fields['title@en']![0]![0] = 7)],
    ['an author index that is not a number', (d) => void (d.records[0]!.fields['title@en']![0]![4] = '0')],
    ['a counter of zero', (d) => void (d.records[0]!.fields['title@en']![0]![1] = 0)],
    ['preds of odd length', (d) => void (d.records[0]!.fields['title@en']![0]![5] = [0])],
    ['an unknown way of giving the value', (d) => void (d.records[0]!.fields['title@en']![0]![6] = 7)],
    ['a tuple too short', (d) => void d.records[0]!.fields['title@en']![0]!.splice(6)],
    ['a context that is not a version vector', (d) => void d.records[0]!.fields['title@en']![0]!.push(['x'])],
    ['a replica table holding a number', (d) => void (d.replicas = [42])],
    ['a texts list naming something else than a hash', (d) => void (d.texts = ['../../etc/passwd'])],
    ['a version that is neither a tuple nor an object', (d) => void (d.records[0]!.fields['title@en']![0] = 'x' as never)],
    ['a field named like the prototype', (d) => void Object.defineProperty(d.records[0]!.fields, ['__', 'proto', '__'].join(''), { value: d.records[0]!.fields['title@en'], enumerable: true })],
  ];
  for (const [what, alter] of alterations) {
    it(`${what}: the file is set aside`, async () => {
      const { dir, id, bucket, data } = await prepared();
      alter(data);
      fs.writeFileSync(bucket, JSON.stringify(data));
      const again = await open(dir);
      expect(again.info().notices.map((n) => n.code)).toContain('records_corrupt');
      expect(fs.existsSync(bucket)).toBe(false);
      await fails(again, 'records.get', { id });
      expect(({} as Record<string, unknown>)['title@en']).toBeUndefined();
    });
  }
});

describe('an export and an autosave at the same moment', () => {
  for (const race of [false, true]) {
    it(`two sides edit after an export (race=${race})`, async () => {
      const a = await open(tempDir(), 'Amina');
      const b = await open(tempDir(), 'Boris');
      const { id, text } = await longNotes(a, 2);
      let content: string;
      const textA = `${text}Racing.\n`;
      if (race) {
        const p1 = a.client.call('bundles.export', { scope: { type: 'all' } });
        const p2 = a.client.call('records.update', { id, fields: { notes: { en: textA } } });
        content = (await p1).content; await p2;
      } else {
        content = (await ok(a, 'bundles.export', { scope: { type: 'all' } })).content;
        await ok(a, 'records.update', { id, fields: { notes: { en: textA } } });
      }
      const pv = await ok(b, 'bundles.preview', { content });
      await ok(b, 'bundles.apply', { previewId: pv.previewId });
      const got = notesOf(await get(b, id))!;
      await ok(b, 'records.update', { id, fields: { notes: { en: `Opening by Boris.\n${got}` } } });
      const back = await ok(a, 'bundles.export', { scope: { type: 'all' } });
      const pv2 = await ok(b, 'bundles.preview', { content: back.content });
      await ok(b, 'bundles.apply', { previewId: pv2.previewId });
      const r = await get(b, id);
      expect(r.conflicts).toEqual([]);
    });
  }
});

describe('reading the folder while the app runs (readSnapshot)', () => {
  it('reads long texts from blobs, from the live folder', async () => {
    const dir = tempDir();
    const core = await open(dir);
    const { id, text } = await longNotes(core, 12);
    await core.workspace!.store.flush();
    const snap = await RecordStore.readSnapshot(dir);
    const r = snap.records.find((x) => x.id === id)!;
    expect(r.fields['notes@en']![0]!.value).toBe(text);
    expect(snap.unreadable).toEqual([]);
    // a blob damaged: reported unreadable, nothing written
    const [blob] = fs.readdirSync(path.join(dir, BLOBS_DIR));
    fs.appendFileSync(path.join(dir, BLOBS_DIR, blob!), 'x');
    const snap2 = await RecordStore.readSnapshot(dir);
    expect(snap2.unreadable.length).toBe(1);
  });
});

describe('an import interrupted between its journal and its files', () => {
  const longText = Array.from({ length: 300 }, (_, i) => `Sentence ${i} of the long notes.`).join(' ');
  it('a sealed journal whose move failed keeps its texts until it is rolled forward on the next open', async () => {
    const a = await open();
    const m = await ok(a, 'records.create', { kind: 'meeting', fields: { title: { en: 'FPN' }, notes: { en: longText } } });
    const content = (await ok(a, 'bundles.export', { scope: { type: 'all' } })).content;
    const dir = tempDir();
    const b = await open(dir);
    const other = await ok(b, 'records.create', { kind: 'meeting', fields: { title: { en: 'Local' }, notes: { en: 'short' } } });
    const preview = await ok(b, 'bundles.preview', { content });
    const real = fsp.rename;
    let failed = false;
    vi.spyOn(fsp, 'rename').mockImplementation(async (from, to) => {
      if (!failed && String(from).includes('records.journal') && String(to).includes(path.sep + 'records' + path.sep)) { failed = true; throw Object.assign(new Error('EPERM'), { code: 'EPERM' }); }
      return real(from, to);
    });
    await fails(b, 'bundles.apply', { previewId: preview.previewId });
    expect(fs.existsSync(path.join(dir, 'records.journal', 'COMPLETE'))).toBe(true);
    vi.restoreAllMocks();
    await ok(b, 'records.update', { id: other.id, fields: { title: { en: 'Local 2' } } });
    await b.workspace!.store.flush();
    await close(b);
    const again = await open(dir);
    expect(((await get(again, m.id)).fields.notes as Record<string, string>).en).toBe(longText);
    expect(again.info().notices.map((n) => n.code)).not.toContain('records_corrupt');
  });
});
