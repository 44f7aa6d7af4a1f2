/**
 * Made once, by the version whose store schema is 1 and bundle format is 1, to keep a data folder
 * and a bundle of that version as test fixtures (tests/fixtures/v1). Kept for the record of how
 * they were made; running it on a later version would not make version-1 files.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openCore, type Core } from '../main/core/index.js';

const out = path.resolve('tests/fixtures/v1');
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a one-off script reading untyped results
async function ok<T = any>(core: Core, name: string, request: unknown): Promise<T> {
  const envelope = await core.dispatch(name, request);
  if (!envelope.ok) throw new Error(`${name}: ${JSON.stringify(envelope.error)}`);
  return envelope.value as T;
}
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'fpd-v1-'));

const aDir = tmp();
const bDir = tmp();
const a = await openCore({ dataDir: aDir, host: 'browser', systemLocales: ['en'], log: () => undefined });
const b = await openCore({ dataDir: bDir, host: 'browser', systemLocales: ['fr'], log: () => undefined });
await ok(a, 'profile.set', { name: 'Amina Diallo', organisation: 'Ministère de la Femme', country: 'SN', role: 'national_focal_point' });
await ok(b, 'profile.set', { name: 'Boris Ivanov', organisation: 'Civil Society Coalition', country: 'FR', role: 'civil_society' });

const nap = await ok(a, 'records.create', { kind: 'nap', fields: { title: { en: 'Second National Action Plan', fr: 'Deuxième plan d’action national' }, country: 'SN', generation: 2, periodStart: 2025, periodEnd: 2029, status: 'drafting', pillars: ['participation', 'protection'] } });
const objective = await ok(a, 'records.create', { kind: 'nap.objective', parentId: nap.id, fields: { pillar: 'participation', title: { en: 'More women in peace processes' } } });
const action = await ok(a, 'records.create', { kind: 'nap.action', parentId: objective.id, fields: { description: { en: 'Train mediators.' }, leadAgency: 'Ministry of Women', partnerAgencies: ['UN Women', 'Ministry of Defence'], resolutions: [1325, 1820], status: 'ongoing' } });
const indicator = await ok(a, 'records.create', { kind: 'nap.indicator', parentId: action.id, fields: { name: { en: 'Women among police nominated for peacekeeping' }, unit: '%', baselineValue: 9, baselineYear: 2024, targetValue: 20, targetYear: 2029, measurements: [{ date: '2025-06-30', value: 11, source: 'Police HR' }] } });
let notes = 'Opening by the chair.\n';
const meeting = await ok(a, 'records.create', { kind: 'meeting', fields: { title: { en: 'Focal Points Network meeting' }, type: 'focal_points_network', start: '2026-03-10T09:00:00+01:00', end: '2026-03-10T17:00:00+01:00', timeZone: 'Europe/Paris', place: 'Geneva', online: false, chairs: [{ name: 'Namibia' }, { name: 'Spain', country: 'ES' }], participants: [{ name: 'Amina Diallo', country: 'SN', organisation: 'Ministère de la Femme' }], agenda: [{ id: '019a0000-0000-7000-8000-000000000001', order: 'a0', text: 'Opening' }, { id: '019a0000-0000-7000-8000-000000000002', order: 'a1', text: 'NAP reviews' }], notes: { en: notes }, actionHeadings: [{ letter: 'a', title: 'Financing' }] } });
for (let i = 1; i <= 8; i++) {
  notes += `Statement ${i}: delegations described their national action plans and their financing.\n`;
  await ok(a, 'records.update', { id: meeting.id, fields: { notes: { en: notes } } });
}
await ok(a, 'records.create', { kind: 'action', fields: { title: { en: 'Share the NAP review template' }, meetingId: meeting.id, heading: 'a', number: 1, status: 'open', dueDate: '2026-04-30' } });
await ok(a, 'records.create', { kind: 'contact', fields: { name: 'Leila Haddad', country: 'JO', institution: 'Jordanian National Commission for Women', role: 'national_focal_point', languages: ['ar', 'en'], email: 'leila@example.org' } });
await ok(a, 'records.create', { kind: 'input', fields: { type: 'written_statement', title: { ar: 'بيان مكتوب' }, body: { ar: 'نرحب بالخطة الوطنية.' }, status: 'drafting', meetingId: meeting.id, delegation: 'Jordan' } });

// Boris receives everything, and both edit the same lists and the notes at once.
const all = await ok(a, 'bundles.export', { scope: { type: 'all' }, note: 'first hand-over' });
const p1 = await ok(b, 'bundles.preview', { content: all.content });
await ok(b, 'bundles.apply', { previewId: p1.previewId });
await ok(a, 'records.update', { id: indicator.id, fields: { measurements: [{ date: '2025-06-30', value: 11, source: 'Police HR' }, { date: '2025-12-31', value: 13 }] } });
await ok(b, 'records.update', { id: indicator.id, fields: { measurements: [{ date: '2025-06-30', value: 11, source: 'Police HR' }, { date: '2026-03-31', value: 14, source: 'Rapport' }] } });
await ok(a, 'records.update', { id: action.id, fields: { partnerAgencies: ['UN Women', 'Ministry of Defence', 'UNDP'] } });
await ok(b, 'records.update', { id: action.id, fields: { partnerAgencies: ['UN Women', 'Ministry of Defence', 'Coalition des femmes'], resolutions: [1325, 1820, 2242] } });
await ok(a, 'records.update', { id: meeting.id, fields: { notes: { en: 'Welcome.\n' + notes } } });
await ok(b, 'records.update', { id: meeting.id, fields: { notes: { en: notes + 'Closing by the chair.\n' } } });
const back = await ok(b, 'bundles.export', { scope: { type: 'all' }, note: 'retour' });
fs.mkdirSync(out, { recursive: true });
fs.writeFileSync(path.join(out, 'from-boris.fpbundle'), back.content);
const sealed = await ok(b, 'bundles.export', { scope: { type: 'nap', napId: nap.id }, passphrase: 'correct horse battery', note: 'sealed' });
fs.writeFileSync(path.join(out, 'nap-sealed.fpbundle'), sealed.content);
const p2 = await ok(a, 'bundles.preview', { content: back.content });
await ok(a, 'bundles.apply', { previewId: p2.previewId });
await a.close();
await b.close();
// The data folder: records only (settings, backups and logs are not what a migration reads).
const target = path.join(out, 'data');
fs.rmSync(target, { recursive: true, force: true });
fs.cpSync(path.join(aDir, 'records'), path.join(target, 'records'), { recursive: true });
fs.writeFileSync(path.join(out, 'ids.json'), JSON.stringify({ nap: nap.id, objective: objective.id, action: action.id, indicator: indicator.id, meeting: meeting.id }, null, 2) + '\n');
console.log('fixtures in', out, fs.readdirSync(out), fs.readdirSync(path.join(target, 'records')).length);
