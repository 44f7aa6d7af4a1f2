import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCore } from '../../main/core/index.js';
import { createBackup, listBackups } from '../../main/core/store/backups.js';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fpd-backups-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('backups made at the same time', () => {
  it('200 concurrent backups.create calls all succeed, each with its own id', async () => {
    const core = await openCore({ dataDir: dir, host: 'browser', systemLocales: ['en'], log: () => undefined });
    await core.client.call('records.create', { kind: 'nap', fields: { title: { en: 'A NAP' }, status: 'drafting' } });
    // Any refusal rejects the whole batch with its ApiCallError.
    const made = await Promise.all(Array.from({ length: 200 }, () => core.client.call('backups.create', {}))).finally(() => core.close());
    const ids = made.map((backup) => backup.id);
    expect(new Set(ids).size).toBe(200);
    // Rotation keeps the newest ten; no half-made folder is left behind.
    expect((await listBackups(dir)).filter((b) => b.reason === 'manual')).toHaveLength(10);
    expect(fs.readdirSync(path.join(dir, 'backups')).filter((f) => f.startsWith('.'))).toEqual([]);
  }, 60_000);

  it('backups made in the same millisecond get different ids and folders', async () => {
    const now = new Date('2026-12-01T10:00:00.000Z');
    const made = await Promise.all(Array.from({ length: 50 }, () => createBackup(dir, [], 'before_import', 0, now)));
    expect(new Set(made.map((b) => b.id)).size).toBe(50);
    const listed = await listBackups(dir);
    // Rotation keeps ten of them, each listed under its own id.
    expect(listed).toHaveLength(10);
    for (const b of listed) expect(made.map((m) => m.id)).toContain(b.id);
  });
});
