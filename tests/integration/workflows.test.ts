import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fails, ok, snapshot } from './support.js';
import type { SnapshotRecord } from '../../shared/records/kinds.js';
import { STEP_TIMING } from '../../shared/meetings/templates.js';
import { openCore, type Core } from '../../main/core/index.js';

const dirs: string[] = [];
const cores: Core[] = [];

async function open(language: 'en' | 'fr' = 'en'): Promise<{ core: Core; dir: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fpd-wf-'));
  dirs.push(dir);
  const core = await openCore({ dataDir: dir, host: 'browser', systemLocales: [language], log: () => undefined });
  await ok(core, 'profile.set', { name: 'Amina Diallo', organisation: '', country: 'SN', role: 'national_focal_point' });
  cores.push(core);
  return { core, dir };
}

afterEach(async () => {
  for (const core of cores.splice(0)) await core.close();
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

async function plan(core: Core) {
  const nap = await ok(core, 'records.create', {
    kind: 'nap',
    fields: { title: { en: 'Second NAP' }, generation: 2, periodStart: 2021, periodEnd: 2025, status: 'adopted', pillars: ['participation', 'protection'] },
  });
  const objective = await ok(core, 'records.create', { kind: 'nap.objective', parentId: nap.id, fields: { pillar: 'participation', title: { en: 'More women in peace talks' } } });
  const action = await ok(core, 'records.create', {
    kind: 'nap.action',
    parentId: objective.id,
    fields: { description: { en: 'Train mediators' }, leadAgency: 'Ministry of Women', start: '2021-01-01', end: '2022-12-31', budgetAmount: 50000, budgetCurrency: 'XOF', status: 'completed', resolutions: [1325, 2242] },
  });
  const indicator = await ok(core, 'records.create', {
    kind: 'nap.indicator',
    parentId: action.id,
    fields: {
      name: { en: 'Share of women mediators' },
      unit: '%',
      baselineValue: 10,
      baselineYear: 2020,
      targetValue: 30,
      targetYear: 2025,
      measurements: [
        { date: '2023-06-30', value: 22 },
        { date: '2022-06-30', value: 15 },
      ],
    },
  });
  return { nap, objective, action, indicator };
}

describe('rules across fields', () => {
  it('refuses a target year before the baseline year, an end before the start, a plan ending before it starts — writing nothing', async () => {
    const { core, dir } = await open();
    const { nap, action, indicator } = await plan(core);
    const before = snapshot(dir);
    const target = await fails(core, 'records.update', { id: indicator.id, fields: { targetYear: 2019 } });
    expect(target).toMatchObject({ code: 'invalid_request', issues: [{ path: ['targetYear'], message: 'errors:validation.targetYear' }] });
    const end = await fails(core, 'records.update', { id: action.id, fields: { end: '2020-12-31' } });
    expect(end.issues).toEqual([{ path: ['end'], message: 'errors:validation.endBeforeStart' }]);
    const period = await fails(core, 'records.update', { id: nap.id, fields: { periodStart: 2030 } });
    expect(period.issues).toEqual([{ path: ['periodEnd'], message: 'errors:validation.periodEnd' }]);
    const budget = await fails(core, 'records.update', { id: action.id, fields: { budgetAmount: -5 } });
    expect(budget.issues?.[0]).toMatchObject({ path: ['budgetAmount'], message: 'errors:validation.negative' });
    const undated = await fails(core, 'records.update', { id: indicator.id, fields: { measurements: [{ value: 3 }] } });
    expect(undated.issues?.[0]).toMatchObject({ path: ['measurements', 0, 'date'], message: 'errors:validation.date' });
    const meeting = await fails(core, 'records.create', {
      kind: 'meeting',
      fields: { start: '2026-03-16T10:00:00+01:00', end: '2026-03-16T09:00:00+01:00' },
    });
    expect(meeting.issues).toEqual([{ path: ['end'], message: 'errors:validation.endBeforeStart' }]);
    expect(snapshot(dir)).toBe(before);
    // Clearing the end removes the contradiction.
    await ok(core, 'records.update', { id: action.id, fields: { start: '2023-01-01', end: null } });
  });
});

describe('NAP snapshots and the next generation', () => {
  it('freezes the whole plan under a name; later edits do not change it', async () => {
    const { core } = await open();
    const { nap, action } = await plan(core);
    const snap = await ok(core, 'naps.snapshot', { napId: nap.id, name: 'Draft 2 for consultation' });
    expect(snap).toMatchObject({ kind: 'nap.snapshot', parentId: nap.id, fields: { name: 'Draft 2 for consultation' } });
    await ok(core, 'records.update', { id: action.id, fields: { description: { en: 'Train and deploy mediators' } } });
    const frozen = snap.fields.records as SnapshotRecord[];
    expect(frozen.map((r) => r.kind)).toEqual(['nap', 'nap.objective', 'nap.action', 'nap.indicator']);
    expect(frozen.find((r) => r.id === action.id)!.fields.description).toEqual({ en: 'Train mediators' });
    // A second snapshot holds the plan, not the first snapshot.
    const second = await ok(core, 'naps.snapshot', { napId: nap.id, name: 'Draft 3' });
    expect((second.fields.records as SnapshotRecord[]).some((r) => r.kind === 'nap.snapshot')).toBe(false);
    expect((await fails(core, 'naps.snapshot', { napId: nap.id, name: '  ' })).issues?.[0]?.message).toBe('errors:validation.required');
    expect((await fails(core, 'naps.snapshot', { napId: action.id, name: 'x' })).code).toBe('invalid_request');
  });

  it('duplicates a plan as its next generation: outline and wording kept, the old results as the new baseline', async () => {
    const { core } = await open();
    const { nap } = await plan(core);
    await ok(core, 'records.create', { kind: 'nap.consultation', parentId: nap.id, fields: { date: '2024-05-02', channel: 'workshop' } });
    const next = await ok(core, 'naps.duplicate', { id: nap.id });
    expect(next.fields).toMatchObject({ title: { en: 'Second NAP' }, generation: 3, periodStart: 2026, status: 'drafting', pillars: ['participation', 'protection'] });
    const { children } = await ok(core, 'records.get', { id: next.id, children: true });
    expect(children.map((c) => c.kind)).toEqual(['nap.objective', 'nap.action', 'nap.indicator']);
    const [, action, indicator] = children;
    expect(action!.fields).toEqual({ description: { en: 'Train mediators' }, leadAgency: 'Ministry of Women', resolutions: [1325, 2242], budgetCurrency: 'XOF', status: 'planned' });
    expect(indicator!.fields).toEqual({ name: { en: 'Share of women mediators' }, unit: '%', baselineValue: 22, baselineYear: 2023 });
  });
});

describe('meeting templates', () => {
  it('adds the Informal Expert Group steps with computed dates, in the profile language, once', async () => {
    const { core } = await open('fr');
    await ok(core, 'settings.set', { language: 'fr' });
    const meeting = await ok(core, 'records.create', {
      kind: 'meeting',
      fields: { title: { en: 'IEG on Mali' }, type: 'informal_expert_group', start: '2026-03-16T10:00:00-04:00', timeZone: 'America/New_York' },
    });
    const { created } = await ok(core, 'meetings.applyTemplate', { meetingId: meeting.id });
    expect(created.map((c) => [c.fields.templateStep, c.fields.dueDate])).toEqual([
      ['request_letter', '2026-03-02'],
      ['background_material', '2026-03-12'],
      ['meeting_summary', '2026-03-23'],
      ['follow_up_meeting', '2026-09-16'],
    ]);
    expect((created[0]!.fields.title as Record<string, string>).fr).toMatch(/lettre de demande/);
    // The delays in the titles are the ones the dates were computed with, not a copy in the text.
    expect((created[0]!.fields.title as Record<string, string>).fr).toContain(`(${STEP_TIMING.letterWeeksLatest} à ${STEP_TIMING.letterWeeksEarliest} semaines avant la réunion)`);
    expect((created[3]!.fields.title as Record<string, string>).fr).toContain(`environ ${STEP_TIMING.followUpMonths} mois plus tard`);
    expect(created.every((c) => c.fields.meetingId === meeting.id && c.fields.status === 'open')).toBe(true);
    expect((await ok(core, 'meetings.applyTemplate', { meetingId: meeting.id })).created).toEqual([]);
  });

  it('offers to move open steps when the meeting moves, and moves them only when asked', async () => {
    const { core } = await open();
    const meeting = await ok(core, 'records.create', {
      kind: 'meeting',
      fields: { type: 'informal_expert_group', start: '2026-03-16T10:00:00+01:00', timeZone: 'Europe/Paris' },
    });
    const { created } = await ok(core, 'meetings.applyTemplate', { meetingId: meeting.id });
    await ok(core, 'records.update', { id: created[0]!.id, fields: { status: 'done' } });
    await ok(core, 'records.update', { id: meeting.id, fields: { start: '2026-03-23T10:00:00+01:00' } });
    const preview = await ok(core, 'meetings.reschedule', { meetingId: meeting.id, apply: false });
    expect(preview.changes.map((c) => [c.step, c.from, c.to])).toEqual([
      ['background_material', '2026-03-12', '2026-03-19'],
      ['meeting_summary', '2026-03-23', '2026-03-30'],
      ['follow_up_meeting', '2026-09-16', '2026-09-23'],
    ]);
    const untouched = await ok(core, 'records.get', { id: created[1]!.id });
    expect(untouched.record.fields.dueDate).toBe('2026-03-12');
    await ok(core, 'meetings.reschedule', { meetingId: meeting.id, apply: true });
    const moved = await ok(core, 'records.get', { id: created[1]!.id });
    expect(moved.record.fields.dueDate).toBe('2026-03-19');
    const done = await ok(core, 'records.get', { id: created[0]!.id });
    expect(done.record.fields.dueDate).toBe('2026-03-02');
    expect((await ok(core, 'meetings.reschedule', { meetingId: meeting.id, apply: false })).changes).toEqual([]);
  });

  it('asks for the meeting date before applying a template', async () => {
    const { core } = await open();
    const meeting = await ok(core, 'records.create', { kind: 'meeting', fields: { type: 'focal_points_network' } });
    const error = await fails(core, 'meetings.applyTemplate', { meetingId: meeting.id });
    expect(error.issues).toEqual([{ path: ['start'], message: 'errors:validation.meetingDate' }]);
  });
});

describe('several changes at once', () => {
  it('writes them all, or none when one is refused', async () => {
    const { core, dir } = await open();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await ok(core, 'records.create', { kind: 'action', fields: { title: { en: `Point ${i}` }, status: 'open' } })).id);
    const before = snapshot(dir);
    const refused = await fails(core, 'records.updateMany', {
      items: [...ids.slice(0, 4).map((id) => ({ id, fields: { status: 'done' } })), { id: ids[4], fields: { status: 'finished' } }],
    });
    expect(refused.code).toBe('invalid_request');
    expect(snapshot(dir)).toBe(before);
    expect((await fails(core, 'records.updateMany', { items: [{ id: ids[0], fields: { status: 'done' } }, { id: '0190a6e4-0000-7000-8000-000000000000', fields: {} }] })).code).toBe('not_found');
    expect(snapshot(dir)).toBe(before);

    const done = await ok(core, 'records.updateMany', {
      items: [...ids.map((id) => ({ id, fields: { status: 'done' } })), { id: ids[0]!, fields: { completionNote: { en: 'Sent on 3 March' } } }],
    });
    expect(done.updated).toBe(5);
    const { records } = await ok(core, 'records.query', { kind: 'action', limit: 10 });
    expect(records.every((r) => r.fields.status === 'done')).toBe(true);
    // The same record twice: both changes kept.
    expect(records.find((r) => r.id === ids[0])!.fields.completionNote).toEqual({ en: 'Sent on 3 March' });
  });
});
