import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KIND_NAMES } from '../../shared/records/kinds.js';
import { OPERATION_NAMES, RECORD_CHANGING_OPERATIONS, type RecordsChanged } from '../../shared/api/contract.js';
import { openCore, type Core } from '../../main/core/index.js';
import { fails, ok } from './support.js';

/**
 * The core announces every change it makes (`records.changed`, with the kinds and ids touched),
 * whoever asked: the pages of every window reload from it instead of keeping their own list of
 * which calls change records.
 */
const dirs: string[] = [];
const cores: Core[] = [];

async function open(): Promise<{ core: Core; seen: RecordsChanged[] }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fpd-changed-'));
  dirs.push(dir);
  const core = await openCore({ dataDir: dir, host: 'browser', systemLocales: ['en'] });
  cores.push(core);
  const seen: RecordsChanged[] = [];
  core.events.subscribe((name, payload) => {
    if (name === 'records.changed') seen.push(payload as RecordsChanged);
  });
  return { core, seen };
}

let a: { core: Core; seen: RecordsChanged[] };

beforeEach(async () => {
  a = await open();
});

afterEach(async () => {
  for (const core of cores.splice(0)) await core.close();
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('records.changed', () => {
  it('is marked in the contract for exactly the operations that write records', () => {
    expect(new Set(RECORD_CHANGING_OPERATIONS)).toEqual(
      new Set([
        'records.create', 'records.update', 'records.updateMany', 'records.delete', 'records.restore', 'records.move',
        'naps.snapshot', 'naps.duplicate', 'meetings.applyTemplate', 'meetings.reschedule', 'conflicts.resolve',
        'backups.restore', 'bundles.apply', 'bundles.undoLast',
      ]),
    );
    // Reading never announces anything.
    for (const name of OPERATION_NAMES.filter((n) => /\.(get|query|list|history|summary|status|info)$/.test(n))) {
      expect(RECORD_CHANGING_OPERATIONS, name).not.toContain(name);
    }
  });

  it('follows every edit with the kind and id it touched, once, and says nothing for reads or refusals', async () => {
    const contact = await ok(a.core, 'records.create', { kind: 'contact', fields: { name: 'Fatou Diallo' } });
    expect(a.seen).toEqual([{ kinds: ['contact'], ids: [contact.id] }]);

    await ok(a.core, 'records.update', { id: contact.id, fields: { phone: '+221 33 000 00 00' } });
    expect(a.seen).toHaveLength(2);
    expect(a.seen[1]).toEqual({ kinds: ['contact'], ids: [contact.id] });

    await ok(a.core, 'records.query', { kind: 'contact' });
    await ok(a.core, 'records.get', { id: contact.id });
    await ok(a.core, 'actions.summary', { today: '2026-12-02', limit: 0 });
    await fails(a.core, 'records.update', { id: contact.id, fields: { name: 'x'.repeat(10_000) } });
    await fails(a.core, 'records.delete', { id: '0190a3c0-0000-7000-8000-000000000000' });
    expect(a.seen).toHaveLength(2);

    await ok(a.core, 'records.delete', { id: contact.id });
    expect(a.seen[2]).toEqual({ kinds: ['contact'], ids: [contact.id] });
  });

  it('names every record a workflow writes: a NAP duplicated with its outline', async () => {
    const nap = await ok(a.core, 'records.create', {
      kind: 'nap',
      fields: { title: { en: 'National Action Plan' } },
    });
    const objective = await ok(a.core, 'records.create', {
      kind: 'nap.objective', parentId: nap.id, fields: { pillar: 'participation', title: { en: 'Objective' } },
    });
    a.seen.length = 0;
    const copy = await ok(a.core, 'naps.duplicate', { id: nap.id });
    expect(a.seen).toHaveLength(1);
    const [change] = a.seen;
    expect(new Set(change!.kinds)).toEqual(new Set(['nap', 'nap.objective']));
    expect(change!.ids).toContain(copy.id);
    expect(change!.ids).toHaveLength(2);
    expect(change!.ids).not.toContain(objective.id);
  });

  it('says "every kind" after a restore, and names what an import brought', async () => {
    const contact = await ok(a.core, 'records.create', { kind: 'contact', fields: { name: 'Nadia' } });
    const backup = await ok(a.core, 'backups.create', {});
    await ok(a.core, 'records.create', { kind: 'contact', fields: { name: 'Later' } });
    a.seen.length = 0;
    await ok(a.core, 'backups.restore', { id: backup.id });
    expect(a.seen).toEqual([{ kinds: [...KIND_NAMES], ids: null }]);

    const exported = await ok(a.core, 'bundles.export', { scope: { type: 'selection', ids: [contact.id] } });
    const b = await open();
    const preview = await ok(b.core, 'bundles.preview', { content: exported.content });
    expect(b.seen).toEqual([]);
    await ok(b.core, 'bundles.apply', { previewId: preview.previewId });
    expect(b.seen).toEqual([{ kinds: ['contact'], ids: [contact.id] }]);
    await ok(b.core, 'bundles.undoLast', {});
    expect(b.seen).toHaveLength(2);
    expect(b.seen[1]!.ids).toEqual([contact.id]);
  });

  it('names every record of concurrent edits, whichever announcement carries it', async () => {
    const created = await Promise.all(
      Array.from({ length: 5 }, (_, i) => ok(a.core, 'records.create', { kind: 'contact', fields: { name: `C${i}` } })),
    );
    expect(new Set(a.seen.flatMap((c) => c.ids ?? []))).toEqual(new Set(created.map((c) => c.id)));
  });
});
