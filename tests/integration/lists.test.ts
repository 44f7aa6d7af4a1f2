/**
 * Lists merged item by item, through the core's API: two workspaces exchange bundles after each
 * adds to every list field (all kept, no edit conflict), then edit the same measurement
 * differently (one conflict on that item, resolved through conflicts.resolve); the history of a
 * list names its items.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { RequestOf } from '../../shared/api/contract.js';
import { fails, ok } from './support.js';
import { openCore, type Core } from '../../main/core/index.js';

let dirs: string[] = [];
let cores: Core[] = [];

async function open(name: string): Promise<Core> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fpd-lists-'));
  dirs.push(dir);
  const core = await openCore({ dataDir: dir, host: 'browser', systemLocales: ['en'], log: () => undefined });
  cores.push(core);
  await ok(core, 'profile.set', { name, organisation: 'Ministry', country: 'SN', role: 'national_focal_point' });
  return core;
}

afterEach(async () => {
  for (const core of cores) await core.close();
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  cores = [];
  dirs = [];
});

/** Everything `from` holds, imported into `to`. */
async function send(from: Core, to: Core): Promise<void> {
  const exported = await ok(from, 'bundles.export', { scope: { type: 'all' } });
  const preview = await ok(to, 'bundles.preview', { content: exported.content });
  await ok(to, 'bundles.apply', { previewId: preview.previewId });
}

const get = async (core: Core, id: string) => (await ok(core, 'records.get', { id })).record;
const update = (core: Core, id: string, fields: RequestOf<'records.update'>['fields']) => ok(core, 'records.update', { id, fields });
const agendaItem = (n: number, text: string) => ({ id: `019a0000-0000-7000-8000-00000000000${n}`, order: `a${n}`, text });

describe('lists merged item by item between two workspaces', () => {
  it('keeps what each added to every list, with no edit conflict; two edits of one measurement are one item conflict', async () => {
    const a = await open('Amina Diallo');
    const b = await open('Boris Ivanov');
    const nap = await ok(a, 'records.create', { kind: 'nap', fields: { title: { en: 'NAP' }, pillars: ['participation'] } });
    const objective = await ok(a, 'records.create', { kind: 'nap.objective', parentId: nap.id, fields: { pillar: 'participation' } });
    const action = await ok(a, 'records.create', {
      kind: 'nap.action',
      parentId: objective.id,
      fields: { partnerAgencies: ['UNDP'], resolutions: [1325] },
    });
    const indicator = await ok(a, 'records.create', {
      kind: 'nap.indicator',
      parentId: action.id,
      fields: { measurements: [{ date: '2025-06-30', value: 11, source: 'Police HR' }] },
    });
    const meeting = await ok(a, 'records.create', {
      kind: 'meeting',
      fields: {
        agenda: [agendaItem(1, 'Opening')],
        chairs: [{ country: 'NA' }],
        participants: [{ name: 'Amina Diallo', country: 'SN' }],
        actionHeadings: [{ letter: 'a', title: 'Financing' }],
      },
    });
    await send(a, b);

    await update(a, nap.id, { pillars: ['participation', 'protection'] });
    await update(b, nap.id, { pillars: ['prevention', 'participation'] });
    await update(a, action.id, { partnerAgencies: ['UNDP', 'UN Women'], resolutions: [1325, 1820] });
    await update(b, action.id, { partnerAgencies: ['UNDP', 'OSCE', 'UN Women'], resolutions: [1325, 2242] });
    await update(a, indicator.id, { measurements: [{ date: '2025-06-30', value: 11, source: 'Police HR' }, { date: '2025-12-31', value: 13 }] });
    await update(b, indicator.id, { measurements: [{ date: '2025-06-30', value: 11, source: 'Police HR' }, { date: '2026-03-31', value: 14, source: 'Rapport' }] });
    await update(a, meeting.id, {
      agenda: [agendaItem(1, 'Opening'), agendaItem(2, 'NAP reviews')],
      chairs: [{ country: 'NA' }, { organisation: 'UN Women' }],
      participants: [{ name: 'Amina Diallo', country: 'SN' }, { name: 'Chen Wei', country: 'CN' }],
      actionHeadings: [{ letter: 'a', title: 'Financing' }, { letter: 'b', title: 'Data' }],
    });
    await update(b, meeting.id, {
      agenda: [agendaItem(1, 'Opening'), agendaItem(3, 'Closing')],
      chairs: [{ country: 'NA' }, { country: 'ES' }],
      participants: [{ name: 'Amina Diallo', country: 'SN' }, { name: 'Boris Ivanov', organisation: 'Coalition' }],
      actionHeadings: [{ letter: 'a', title: 'Financing' }, { letter: 'c', title: 'Training' }],
    });
    await send(a, b);
    await send(b, a);

    for (const core of [a, b]) {
      expect(await ok(core, 'conflicts.list', {})).toEqual([]);
      const n = await get(core, nap.id);
      expect([...(n.fields.pillars as string[])].sort()).toEqual(['participation', 'prevention', 'protection']);
      const act = await get(core, action.id);
      expect([...(act.fields.partnerAgencies as string[])].sort()).toEqual(['OSCE', 'UN Women', 'UNDP']);
      expect([...(act.fields.resolutions as number[])].sort()).toEqual([1325, 1820, 2242]);
      const ind = await get(core, indicator.id);
      expect((ind.fields.measurements as { date: string }[]).map((m) => m.date).sort()).toEqual(['2025-06-30', '2025-12-31', '2026-03-31']);
      const m = await get(core, meeting.id);
      expect((m.fields.agenda as { text: string }[]).map((x) => x.text)).toEqual(expect.arrayContaining(['Opening', 'NAP reviews', 'Closing']));
      expect(m.fields.agenda).toHaveLength(3);
      expect(m.fields.chairs).toHaveLength(3);
      expect(m.fields.participants).toHaveLength(3);
      expect((m.fields.actionHeadings as { letter: string }[]).map((h) => h.letter).sort()).toEqual(['a', 'b', 'c']);
    }
    expect(await get(a, meeting.id)).toEqual(await get(b, meeting.id));

    // Two different edits of the same measurement: one conflict, on that item only.
    const shown = (await get(a, indicator.id)).fields.measurements as { date: string; value: number; source?: string }[];
    const edit = (date: string, value: number) => shown.map((x) => (x.date === date ? { ...x, value } : x));
    await update(a, indicator.id, { measurements: edit('2026-03-31', 15) });
    await update(b, indicator.id, { measurements: edit('2026-03-31', 16) });
    await send(a, b);
    await send(b, a);
    const [listed] = await ok(a, 'conflicts.list', {});
    expect(listed!.id).toBe(indicator.id);
    expect(listed!.conflicts).toHaveLength(1);
    const conflict = listed!.conflicts[0]!;
    expect(conflict.field).toMatch(/^measurements#[0-9a-f]{32}$/);
    expect(conflict.versions.map((v) => (v.value as { value: number }).value).sort()).toEqual([15, 16]);
    expect(listed!.fields.measurements).toHaveLength(3);

    // The history of the list names its items, each version shown as the item.
    const history = await ok(a, 'records.history', { id: indicator.id, field: 'measurements' });
    const itemId = conflict.field.split('#')[1]!;
    expect(history.filter((h) => h.item === itemId).map((h) => (h.value as { value: number }).value).sort()).toEqual([14, 15, 16]);
    expect(history.every((h) => typeof h.item === 'string')).toBe(true);
    const one = await ok(a, 'records.history', { id: indicator.id, field: conflict.field });
    expect(one).toHaveLength(3);

    const fifteen = conflict.versions.find((v) => (v.value as { value: number }).value === 15)!;
    const resolved = await ok(a, 'conflicts.resolve', { id: indicator.id, field: conflict.field, choice: { take: fifteen.dot } });
    expect(resolved.conflicts).toEqual([]);
    expect((resolved.fields.measurements as { value: number }[]).map((x) => x.value)).toEqual(expect.arrayContaining([11, 13, 15]));
    expect(resolved.fields.measurements).toHaveLength(3);
    await send(a, b);
    expect(await get(b, indicator.id)).toEqual(await get(a, indicator.id));

    // A value given to resolve is checked as an item of the list.
    await update(a, indicator.id, { measurements: edit('2026-03-31', 17) });
    await update(b, indicator.id, { measurements: edit('2026-03-31', 18) });
    await send(a, b);
    const again = (await get(b, indicator.id)).conflicts[0]!;
    const bad = await fails(b, 'conflicts.resolve', { id: indicator.id, field: again.field, choice: { value: { date: 'soon', value: 1 } } });
    expect(bad.code).toBe('invalid_request');
    const fixed = await ok(b, 'conflicts.resolve', { id: indicator.id, field: again.field, choice: { value: { date: '2026-03-31', value: 19 } } });
    expect(fixed.conflicts).toEqual([]);
    expect((fixed.fields.measurements as { value: number }[]).map((x) => x.value)).toEqual(expect.arrayContaining([11, 13, 19]));
  });

  it('refuses a request that names one item of a list instead of the list', async () => {
    const a = await open('Amina Diallo');
    const meeting = await ok(a, 'records.create', { kind: 'meeting', fields: { chairs: [{ country: 'NA' }] } });
    const refused = await fails(a, 'records.update', { id: meeting.id, fields: { 'chairs#abc': { o: 'a0', v: { country: 'ES' } } } });
    expect(refused.code).toBe('invalid_request');
  });
});

describe('a data folder whose lists are still kept whole', () => {
  it('shows them as before, and an edit upgrades the list first: no item twice, the old conflict gone', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fpd-lists-v1-'));
    dirs.push(dir);
    const fixtures = path.join(import.meta.dirname, '../fixtures/v1');
    fs.cpSync(path.join(fixtures, 'data'), dir, { recursive: true });
    const ids = JSON.parse(fs.readFileSync(path.join(fixtures, 'ids.json'), 'utf8')) as Record<string, string>;
    const core = await openCore({ dataDir: dir, host: 'browser', systemLocales: ['en'], log: () => undefined });
    cores.push(core);
    const meeting = await get(core, ids.meeting!);
    expect(meeting.fields.agenda).toHaveLength(2);
    const agenda = [...(meeting.fields.agenda as { id: string; order: string; text: string }[]), agendaItem(9, 'Any other business')];
    const next = await update(core, ids.meeting!, { agenda });
    expect(next.fields.agenda).toEqual(agenda);
    expect(next.conflicts).toEqual([]);

    const indicator = await get(core, ids.indicator!);
    const shown = indicator.fields.measurements as { date: string }[];
    const edited = await update(core, ids.indicator!, { measurements: [...shown, { date: '2026-06-30', value: 15 }] });
    // The whole-array conflict becomes the merged list: the two concurrent measurements both kept.
    expect((edited.fields.measurements as { date: string }[]).map((m) => m.date).sort()).toEqual(['2025-06-30', '2025-12-31', '2026-03-31', '2026-06-30']);
    expect(edited.conflicts).toEqual([]);
  });
});
