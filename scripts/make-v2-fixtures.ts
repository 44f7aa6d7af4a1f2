/**
 * Made once, by the version whose store schema is 2 (older texts as deltas, long texts in blobs/,
 * lists one key per item), to keep a data folder of that version as a test fixture
 * (tests/fixtures/v2). It starts from the version-1 fixture (migrated on open) and adds what only
 * version 2 writes: a long text in a file of its own, history as deltas, a deletion. Kept for the
 * record of how it was made; running it on a later version would not make version-2 files.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openCore, type Core } from '../main/core/index.js';

const out = path.resolve('tests/fixtures/v2');
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a one-off script reading untyped results
async function ok<T = any>(core: Core, name: string, request: unknown): Promise<T> {
  const envelope = await core.dispatch(name, request);
  if (!envelope.ok) throw new Error(`${name}: ${JSON.stringify(envelope.error)}`);
  return envelope.value as T;
}
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fpd-v2-'));
fs.cpSync(path.resolve('tests/fixtures/v1/data'), dir, { recursive: true });
const ids = JSON.parse(fs.readFileSync(path.resolve('tests/fixtures/v1/ids.json'), 'utf8')) as Record<string, string>;
const a = await openCore({ dataDir: dir, host: 'browser', systemLocales: ['en'], log: () => undefined });
await ok(a, 'profile.set', { name: 'Amina Diallo', organisation: 'Ministère de la Femme', country: 'SN', role: 'national_focal_point' });
let notes = '';
for (let i = 1; i <= 120; i++) notes += `Paragraph ${i}: the delegations of the network described how their national action plans are financed and monitored. `;
const long = await ok(a, 'records.create', { kind: 'meeting', fields: { title: { en: 'Annual review', ar: 'الاستعراض السنوي' }, type: 'focal_points_network', start: '2026-09-01T09:00:00+02:00', end: '2026-09-01T17:00:00+02:00', timeZone: 'Europe/Paris', place: 'Vienna', online: false, notes: { en: notes } } });
// Each version leaves in an export before the next one replaces it, so none is squashed: the
// history holds them, written as deltas against the next.
for (let i = 1; i <= 4; i++) {
  await ok(a, 'bundles.export', { scope: { type: 'all' } });
  notes += `Closing remark ${i}. `;
  await ok(a, 'records.update', { id: long.id, fields: { notes: { en: notes }, place: i % 2 ? 'Geneva' : 'Vienna' } });
}
const gone = await ok(a, 'records.create', { kind: 'contact', fields: { name: 'Temporary contact', country: 'FR', role: 'other', languages: ['fr'] } });
await ok(a, 'bundles.export', { scope: { type: 'all' } });
await ok(a, 'records.delete', { id: gone.id });
await a.close();
const target = path.join(out, 'data');
fs.rmSync(target, { recursive: true, force: true });
fs.cpSync(path.join(dir, 'records'), path.join(target, 'records'), { recursive: true });
fs.cpSync(path.join(dir, 'blobs'), path.join(target, 'blobs'), { recursive: true });
fs.writeFileSync(path.join(out, 'ids.json'), JSON.stringify({ ...ids, long: long.id, deleted: gone.id }, null, 2) + '\n');
console.log('fixtures in', out, fs.readdirSync(path.join(target, 'records')).length, fs.readdirSync(path.join(target, 'blobs')));
