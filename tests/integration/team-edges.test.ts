import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../main/core/index.js';
import { TEAM_DIR } from '../../shared/team/format.js';
import { decodeBundle } from '../../main/core/bundles/codec.js';
import { fails, ok } from './support.js';

const open: Core[] = [];
afterEach(async () => {
  for (const core of open.splice(0)) await core.close();
});

const temp = (name: string) => fs.mkdtempSync(path.join(os.tmpdir(), `fpd-team-${name}-`));

async function member(name: string, folder: string, passphrase?: string): Promise<Core> {
  const core = await openCore({ dataDir: temp('data'), host: 'browser', systemLocales: ['en'], team: { compactAfter: 2 } });
  open.push(core);
  await ok(core, 'profile.set', { name, organisation: `${name}'s ministry`, country: '', role: 'drafting_team' });
  await ok(core, 'sync.configure', { folder, ...(passphrase ? { passphrase } : {}) });
  return core;
}

const round = (core: Core) => ok(core, 'sync.now', {});
const title = async (core: Core, id: string) => (await ok(core, 'records.get', { id })).record.fields.title;
const myFiles = (core: Core, folder: string) => fs.readdirSync(path.join(folder, TEAM_DIR, core.settings.all().replicaId)).sort();

describe('the team folder at its edges', () => {
  it('after a backup is restored, the next round brings back what the team has that is newer', async () => {
    const folder = temp('folder');
    const a = await member('Amina', folder);
    const b = await member('Li', folder);
    const nap = await ok(a, 'records.create', { kind: 'nap', fields: { title: { en: 'Draft 1' } } });
    await round(a);
    await round(b);
    const backup = await ok(b, 'backups.create', {});
    await ok(a, 'records.update', { id: nap.id, fields: { title: { en: 'Draft 2' } } });
    await round(a);
    await round(b);
    expect(await title(b, nap.id)).toEqual({ en: 'Draft 2' });
    await ok(b, 'backups.restore', { id: backup.id });
    expect(await title(b, nap.id)).toEqual({ en: 'Draft 1' });
    const after = await round(b);
    expect(after.changed).toBe(1);
    expect(await title(b, nap.id)).toEqual({ en: 'Draft 2' });
  });

  it('a new passphrase seals this installation\'s files again, and a member with the old one is refused', async () => {
    const folder = temp('folder');
    const a = await member('Amina', folder, 'first passphrase');
    const nap = await ok(a, 'records.create', { kind: 'nap', fields: { title: { en: 'Sealed plan' } } });
    await round(a);
    const before = myFiles(a, folder);
    await ok(a, 'sync.configure', { folder, passphrase: 'second passphrase' });
    await round(a);
    const after = myFiles(a, folder);
    expect(after.some((f) => before.includes(f))).toBe(false);
    const dir = path.join(folder, TEAM_DIR, a.settings.all().replicaId);
    for (const file of after) {
      const bytes = fs.readFileSync(path.join(dir, file));
      expect(bytes.includes(Buffer.from('Sealed plan'))).toBe(false);
      expect(decodeBundle(bytes, { passphrase: 'second passphrase' }).encrypted).toBe(true);
    }
    const late = await openCore({ dataDir: temp('data'), host: 'browser', systemLocales: ['en'] });
    open.push(late);
    const refused = await fails(late, 'sync.configure', { folder, passphrase: 'first passphrase' });
    expect(refused.issues).toEqual([{ path: ['passphrase'], message: 'errors:team.wrong_passphrase' }]);
    await ok(late, 'sync.configure', { folder, passphrase: 'second passphrase' });
    await round(late);
    expect(await title(late, nap.id)).toEqual({ en: 'Sealed plan' });
  });

  it('a team changes its passphrase one member after another, and nothing is lost on the way', async () => {
    const folder = temp('folder');
    const a = await member('Amina', folder, 'old passphrase');
    const b = await member('Li', folder, 'old passphrase');
    const first = await ok(b, 'records.create', { kind: 'nap', fields: { title: { en: 'Written under the old one' } } });
    await round(b);
    await ok(a, 'sync.configure', { folder, passphrase: 'new passphrase' });
    // Amina still reads Li's files sealed with the old passphrase.
    await round(a);
    expect(await title(a, first.id)).toEqual({ en: 'Written under the old one' });
    const second = await ok(a, 'records.create', { kind: 'nap', fields: { title: { en: 'Written under the new one' } } });
    await round(a);
    // Li cannot open Amina's files until Li changes it too, and is told so.
    const waiting = await round(b);
    expect(waiting.status.problems.map((p) => p.code)).toContain('wrong_passphrase');
    await ok(b, 'sync.configure', { folder, passphrase: 'new passphrase' });
    const caught = await round(b);
    expect(caught.status.problems).toEqual([]);
    expect(await title(b, second.id)).toEqual({ en: 'Written under the new one' });
  });

  it('in the app, an edit reaches the other side by itself: a round after the edit, and one when the folder changes', async () => {
    const folder = temp('folder');
    const watching = async (name: string) => {
      const core = await openCore({ dataDir: temp('data'), host: 'browser', systemLocales: ['en'], team: { watch: true, editDelayMs: 200 } });
      open.push(core);
      await ok(core, 'profile.set', { name, organisation: '', country: '', role: 'drafting_team' });
      await ok(core, 'sync.configure', { folder });
      return core;
    };
    const a = await watching('Amina');
    const b = await watching('Li');
    const arrived = new Promise<void>((resolve) => {
      const stop = b.events.subscribe((name) => {
        if (name !== 'records.changed') return;
        stop();
        resolve();
      });
    });
    // No sync.now anywhere: Amina's round follows her edit, Li's follows the file it writes.
    const nap = await ok(a, 'records.create', { kind: 'nap', fields: { title: { en: 'Arrives by itself' } } });
    await arrived;
    expect(await title(b, nap.id)).toEqual({ en: 'Arrives by itself' });
  });

  it('a member joining does not send back what the folder already holds, even records edited outside the team', async () => {
    const folder = temp('folder');
    // Records made by an installation that never uses the folder, brought to Amina in a bundle.
    const outside = await openCore({ dataDir: temp('data'), host: 'browser', systemLocales: ['en'] });
    open.push(outside);
    await ok(outside, 'profile.set', { name: 'Outside', organisation: '', country: '', role: 'drafting_team' });
    for (let i = 0; i < 3; i++) await ok(outside, 'records.create', { kind: 'contact', fields: { name: `Contact ${i}` } });
    const { content } = await ok(outside, 'bundles.export', { scope: { type: 'all' } });
    const a = await member('Amina', folder);
    const preview = await ok(a, 'bundles.preview', { content });
    await ok(a, 'bundles.apply', { previewId: preview.previewId });
    // Amina is their source in the folder: she publishes them.
    expect((await round(a)).published).toBe(3);
    const b = await member('Li', folder);
    await ok(b, 'records.create', { kind: 'nap', fields: { title: { en: "Li's own" } } });
    const joined = await round(b);
    expect(joined.changed).toBe(3);
    expect(joined.published).toBe(1);
  });

  it('links and files larger than a bundle may be are never read', async () => {
    const folder = temp('folder');
    const a = await member('Amina', folder);
    const secret = path.join(temp('elsewhere'), 'secret.txt');
    fs.writeFileSync(secret, 'not for the team');
    const stranger = path.join(folder, TEAM_DIR, '0123456789abcdef');
    fs.mkdirSync(stranger, { recursive: true });
    fs.symlinkSync(secret, path.join(stranger, '000001.fpsync'));
    // A sparse file: 201 MB on paper, nothing on disk; refused by its size, before any read.
    fs.closeSync(fs.openSync(path.join(stranger, '000002.fpsync'), 'w'));
    fs.truncateSync(path.join(stranger, '000002.fpsync'), 201 * 1024 * 1024);
    const result = await round(a);
    expect(result.read).toBe(0);
    expect(result.status.problems).toEqual([
      { code: 'file_refused', file: '0123456789abcdef/000002.fpsync', bundle: { code: 'too_large', bytes: 201 * 1024 * 1024, limit: 200 * 1024 * 1024 } },
    ]);
  });

  it('stopping keeps everything and runs no more rounds; the picker is the desktop app\'s only', async () => {
    const folder = temp('folder');
    const a = await member('Amina', folder);
    await ok(a, 'records.create', { kind: 'nap', fields: { title: { en: 'Kept' } } });
    await round(a);
    const files = myFiles(a, folder);
    const status = await ok(a, 'sync.configure', { folder: null });
    expect(status).toMatchObject({ folder: null, state: 'off', members: [], problems: [] });
    expect((await fails(a, 'sync.now', {})).code).toBe('not_found');
    expect(myFiles(a, folder)).toEqual(files);
    expect((await fails(a, 'sync.chooseFolder', {})).code).toBe('unavailable');
  });
});
