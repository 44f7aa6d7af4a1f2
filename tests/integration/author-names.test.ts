/**
 * A person's name travels far: into every version they write (`by`) and into every bundle they
 * make (its creator). A name that is not well-formed Unicode (a lone surrogate) must be refused
 * where it is typed, and one stored before that check must neither break export nor import.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fails, ok } from './support.js';
import type { ImportEntry, ImportPreview } from '../../shared/bundle/format.js';
import { Profile } from '../../shared/settings.js';
import { openCore, type Core } from '../../main/core/index.js';
import { decodeBundle } from '../../main/core/bundles/codec.js';
import { createMainI18n } from '../../main/core/i18n.js';
import { Workspace } from '../../main/core/workspace.js';

const PROFILE = { name: 'Amina Diallo', organisation: 'Ministry of Gender', country: 'SN', role: 'national_focal_point' } as const;
const BROKEN = 'Ana\ud800';

let dirs: string[] = [];
let cores: Core[] = [];

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fpd-names-'));
  dirs.push(dir);
  return dir;
}

async function open(dir = tempDir()): Promise<Core> {
  const core = await openCore({ dataDir: dir, host: 'browser', systemLocales: ['en'], log: () => undefined });
  cores.push(core);
  return core;
}

async function closeAll(): Promise<void> {
  for (const core of cores) await core.close();
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  cores = [];
  dirs = [];
}

/** Exports everything from one core and imports it into the other; returns the preview and what was applied. */
async function carry(from: Core, to: Core): Promise<{ preview: ImportPreview; entry: ImportEntry }> {
  const { content } = await ok(from, 'bundles.export', { scope: { type: 'all' } });
  // The receiver's own checks, checksum included, accept what was written.
  expect(() => decodeBundle(Buffer.from(content, 'utf8'))).not.toThrow();
  const preview = await ok(to, 'bundles.preview', { content });
  const entry = await ok(to, 'bundles.apply', { previewId: preview.previewId });
  return { preview, entry };
}

describe('a profile name with a lone surrogate', () => {
  afterEach(closeAll);

  it('is refused by profile.set, with a message in the user language, and nothing is stored', async () => {
    const core = await open();
    await ok(core, 'profile.set', PROFILE);
    for (const [field, value] of [['name', BROKEN], ['organisation', 'Ministry \udc00']] as const) {
      const error = await fails(core, 'profile.set', { ...PROFILE, [field]: value });
      expect(error.code).toBe('invalid_request');
      expect(error.issues).toEqual([{ path: [field], message: 'errors:validation.unicode' }]);
      // The key the UI shows is a sentence in each language, not the key itself.
      for (const language of ['en', 'fr', 'ar'] as const) {
        const sentence = createMainI18n(language).t(error.issues![0]!.message as 'errors:validation.unicode');
        expect(sentence).not.toContain('validation.unicode');
        expect(sentence.length).toBeGreaterThan(10);
      }
    }
    expect(await ok(core, 'profile.get', {})).toEqual(PROFILE);
    // The note that goes into a bundle is checked the same way.
    const note = await fails(core, 'bundles.export', { scope: { type: 'all' }, note: 'for \ud800 Boris' });
    expect(note.issues).toEqual([{ path: ['note'], message: 'errors:validation.unicode' }]);
  });

  it('stored in settings by an older version: settings open repaired, and new versions and bundles carry a well-formed name', async () => {
    const dir = tempDir();
    fs.writeFileSync(
      path.join(dir, 'settings.json'),
      JSON.stringify({
        replicaId: '00112233445566aa',
        language: 'fr',
        theme: 'dark',
        profile: { ...PROFILE, name: BROKEN, organisation: 'Org \udc00' },
        window: null,
        reminders: true,
      }),
    );
    const a = await open(dir);
    // Not set aside: the rest of the settings are good, and the name is repaired, not dropped.
    expect(a.info().notices).toEqual([]);
    expect(a.settings.public()).toMatchObject({ language: 'fr', theme: 'dark', profile: { ...PROFILE, name: 'Ana\ufffd', organisation: 'Org \ufffd' } });
    const nap = await ok(a, 'records.create', { kind: 'nap', fields: { title: { en: 'NAP' } } });
    expect(nap.created.by).toBe('Ana\ufffd');

    const b = await open();
    await ok(b, 'profile.set', { ...PROFILE, name: 'Boris' });
    const { preview } = await carry(a, b);
    expect(preview.bundle.creator).toMatchObject({ name: 'Ana\ufffd', organisation: 'Org \ufffd' });
    expect((await ok(b, 'records.get', { id: nap.id })).record.created.by).toBe('Ana\ufffd');
  });

  it('already in the versions of stored records: the workspace still exports, and another installation imports it', async () => {
    const dir = tempDir();
    // Records as an older version wrote them, the broken name copied into each version's author.
    const older = await Workspace.open({ dataDir: dir, replica: '0123456789abcdef', author: () => BROKEN });
    const nap = await older.create({ kind: 'nap', fields: { title: { en: 'Second NAP' } } });
    await older.update({ id: nap.id, fields: { title: { en: 'Second National Action Plan' } } });
    await older.createMany([{ kind: 'nap.objective', parent: nap.id, fields: { pillar: 'participation' } }]);
    await older.close();
    const stored = older.store.get(nap.id)!;
    expect([...stored.fields['title@en']!, ...(stored.history['title@en'] ?? [])].some((v) => !v.by.isWellFormed())).toBe(true);

    const a = await open(dir);
    await ok(a, 'profile.set', PROFILE);
    const b = await open();
    await ok(b, 'profile.set', { ...PROFILE, name: 'Boris' });
    const { entry } = await carry(a, b);
    expect(entry.counts.nap?.new).toBe(1);
    const onB = await ok(b, 'records.get', { id: nap.id, children: true });
    expect(onB.record.created.by).toBe('Ana\ufffd');
    expect(onB.record.fields.title).toEqual({ en: 'Second National Action Plan' });
    expect(onB.children).toHaveLength(1);
    const history = await ok(b, 'records.history', { id: nap.id, field: 'title@en' });
    expect(history.length).toBeGreaterThan(0);
    expect(history.every((v) => v.by.isWellFormed())).toBe(true);

    // Back again: the sender still has its old copy; merging the repaired one changes nothing, twice over.
    const back = await carry(b, a);
    expect(back.entry.counts.nap).toMatchObject({ new: 0, updated: 0, conflicting: 0 });
    const again = await carry(a, b);
    expect(again.entry.counts.nap).toMatchObject({ new: 0, updated: 0, conflicting: 0 });
  });
});

describe('any name profile.set accepts', () => {
  let a: Core;
  let b: Core;
  beforeAll(async () => {
    a = await open();
    b = await open();
    await ok(b, 'profile.set', { ...PROFILE, name: 'Boris' });
  });
  afterAll(closeAll);

  /** Any code point, and now and then a lone surrogate half or a space. */
  const unit = fc.oneof(
    { weight: 10, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
    { weight: 2, arbitrary: fc.constantFrom('\ud800', '\udbff', '\udc00', '\udfff', ' ', '\u00a0', 'é', '\u0627') },
  );

  it('round-trips through export and import: the creator and the author arrive exactly as stored', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit, maxLength: 40 }), async (name) => {
        const profile = { ...PROFILE, name };
        const accepted = Profile.safeParse(profile);
        const set = await a.dispatch('profile.set', profile);
        expect(set.ok).toBe(accepted.success);
        // Accepted exactly when it is a name: well-formed, not blank, not too long.
        expect(accepted.success).toBe(name.isWellFormed() && name.trim().length > 0);
        if (!accepted.success) return;
        const stored = accepted.data.name;
        const record = await ok(a, 'records.create', { kind: 'contact', fields: { name: 'Li Wei' } });
        expect(record.created.by).toBe(stored);
        const { content } = await ok(a, 'bundles.export', { scope: { type: 'selection', ids: [record.id] } });
        const preview = await ok(b, 'bundles.preview', { content });
        expect(preview.bundle.creator.name).toBe(stored);
        await ok(b, 'bundles.apply', { previewId: preview.previewId });
        expect((await ok(b, 'records.get', { id: record.id })).record.created.by).toBe(stored);
      }),
      { seed: 8203, numRuns: 60 },
    );
  });
});
