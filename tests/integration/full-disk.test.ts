import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../main/core/index.js';
import { fillDisk } from './full-disk.js';
import { fails, ok } from './support.js';

let dir: string;
let undo: (() => void) | null;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fpd-full-'));
  undo = null;
});
afterEach(() => {
  undo?.();
  fs.rmSync(dir, { recursive: true, force: true });
});

const open = () => openCore({ dataDir: dir, host: 'browser', systemLocales: ['en'], log: () => undefined });
const full = (options?: Parameters<typeof fillDisk>[1], where = dir) => {
  undo = fillDisk(where, options);
};
const free = () => {
  undo?.();
  undo = null;
};

const nap = (title: string) => ({ kind: 'nap' as const, fields: { title: { en: title }, status: 'drafting' } });
/** A NAP that must be created, and one the disk must refuse (its error). */
const create = (core: Core, title: string) => ok(core, 'records.create', nap(title));
const createFails = (core: Core, title: string) => fails(core, 'records.create', nap(title));
async function titles(core: Core): Promise<string[]> {
  const { records } = await ok(core, 'records.query', { kind: 'nap', limit: 10_000 });
  return records.map((r) => (r.fields.title as { en: string }).en).sort();
}
const updateFails = (core: Core, id: string, title: string) => fails(core, 'records.update', { id, fields: { title: { en: title } } });

/** Every temporary file or folder left anywhere in the data folder. */
function leftovers(root = dir): string[] {
  return (fs.readdirSync(root, { recursive: true }) as string[]).filter((f) => /\.tmp$/.test(path.basename(f)));
}

describe('a full disk', () => {
  it('a create or update that failed is not kept in memory, nor written later (no duplicate on retry)', async () => {
    const core = await open();
    const a = await create(core, 'First');
    full();
    expect((await createFails(core, 'Second')).code).toBe('disk_full');
    expect((await updateFails(core, a.id, 'Changed')).code).toBe('disk_full');
    expect(await titles(core)).toEqual(['First']);
    expect(leftovers()).toEqual([]);
    free();
    // The person tries again once there is room: one record, not two.
    await create(core, 'Second');
    await core.close();
    const again = await open();
    expect(await titles(again)).toEqual(['First', 'Second']);
    await again.close();
  });

  it('every caller of a failed group commit gets the error, and all their records are rolled back', async () => {
    const core = await open();
    await create(core, 'Kept');
    full();
    const errors = await Promise.all(Array.from({ length: 20 }, (_, i) => createFails(core, `Lost ${i}`)));
    expect(errors.map((e) => e.code)).toEqual(Array(20).fill('disk_full'));
    expect(await titles(core)).toEqual(['Kept']);
    // Nothing of the records is left to write: their flush on quit succeeds on the still-full disk.
    await core.workspace!.store.flush();
    free();
    await core.close();
    const again = await open();
    expect(await titles(again)).toEqual(['Kept']);
    await again.close();
  });

  it('a flush that wrote some files before the disk filled up takes those records back out of them too', async () => {
    const core = await open();
    // Files of buckets 00–7f still find room, those of 80–ff do not.
    full({ only: /[/\\]\.[89a-f][0-9a-f]\.json\.[^/\\]*\.tmp$/ });
    const errors = await Promise.all(Array.from({ length: 40 }, (_, i) => createFails(core, `Lost ${i}`)));
    expect(errors.map((e) => e.code)).toEqual(Array(40).fill('disk_full'));
    expect(await titles(core)).toEqual([]);
    free();
    await core.close();
    const again = await open();
    expect(await titles(again)).toEqual([]);
    await again.close();
  });

  for (const laterSucceeds of [true, false]) {
    it(`a failed write ${laterSucceeds ? 'superseded by a later successful one keeps the later' : 'followed by another failed one goes back to the version on disk'}`, async () => {
      const core = await open();
      const value = await create(core, 'v1');
      let started!: () => void;
      const writing = new Promise<void>((resolve) => (started = resolve));
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      full({ beforeFailing: () => (started(), gate) });
      const first = updateFails(core, value.id, 'v2');
      await writing; // the flush carrying v2 is on its way to failing
      // The same request either way: whether it is written depends only on the room on the disk.
      const second = core.dispatch('records.update', { id: value.id, fields: { title: { en: 'v3' } } });
      if (laterSucceeds) free();
      release();
      expect((await first).code).toBe('disk_full');
      const after = await second;
      expect(after.ok).toBe(laterSucceeds);
      expect(await titles(core)).toEqual([laterSucceeds ? 'v3' : 'v1']);
      free();
      await core.close();
      const again = await open();
      expect(await titles(again)).toEqual([laterSucceeds ? 'v3' : 'v1']);
      await again.close();
    });
  }

  it('says which: a folder that cannot be written is read_only, not an internal error', async () => {
    const core = await open();
    full({ code: 'EROFS' });
    expect((await createFails(core, 'x')).code).toBe('read_only');
    free();
    await core.close();
  });

  it('a daily backup with no room is skipped with a notice; the app opens and reads', async () => {
    const first = await open();
    await create(first, 'Mine');
    await first.close();
    full();
    const core = await open();
    expect(core.info().notices).toEqual([{ code: 'backup_skipped', file: path.join(dir, 'backups'), reason: 'disk_full' }]);
    expect(await titles(core)).toEqual(['Mine']);
    expect(leftovers()).toEqual([]);
    free();
    await core.close();
  });

  it('a failed import says the disk is full, and its leftovers are gone at the next start', async () => {
    const core = await open();
    await create(core, 'Mine');
    const other = path.join(dir, 'other');
    const source = await openCore({ dataDir: other, host: 'browser', systemLocales: ['en'], log: () => undefined });
    await create(source, 'Theirs');
    const exported = await ok(source, 'bundles.export', { scope: { type: 'all' } });
    await source.close();
    const preview = await ok(core, 'bundles.preview', { content: exported.content });
    // Room for the backup taken first, none for the import's own files.
    full({}, path.join(dir, 'records.journal'));
    expect((await fails(core, 'bundles.apply', { previewId: preview.previewId })).code).toBe('disk_full');
    expect(await titles(core)).toEqual(['Mine']);
    free();
    await core.close();
    const again = await open();
    expect(await titles(again)).toEqual(['Mine']);
    expect(fs.existsSync(path.join(dir, 'records.journal'))).toBe(false);
    expect(leftovers()).toEqual([]);
    await again.close();
  });

  it('temporary files and folders left by interrupted writes are removed when the folder is opened', async () => {
    const first = await open();
    await create(first, 'Mine');
    await first.close();
    const dead = 2 ** 22 + 12345; // above the usual pid range: no such process
    const stale = [
      path.join(dir, 'records', `.${fs.readdirSync(path.join(dir, 'records'))[0]}.${dead}.abc123.tmp`),
      path.join(dir, `.imports.json.${dead}.def456.tmp`),
      path.join(dir, 'imports', `.0192aaaa-0000-7000-8000-000000000000.json.${dead}.mno345.tmp`),
    ];
    fs.mkdirSync(path.join(dir, 'imports'), { recursive: true });
    for (const file of stale) fs.writeFileSync(file, 'x'.repeat(1000));
    const folder = path.join(dir, 'backups', `.2026-12-01T10-00-00-000Z-manual.${dead}.ghi789.tmp`);
    fs.mkdirSync(path.join(folder, 'records'), { recursive: true });
    // One of a live process (here: the test runner's parent) is another's work in progress.
    const live = path.join(dir, `.imports.json.${process.ppid}.jkl012.tmp`);
    fs.writeFileSync(live, 'x');
    const core = await open();
    expect(leftovers()).toEqual([path.relative(dir, live)]);
    await core.close();
  });
});
