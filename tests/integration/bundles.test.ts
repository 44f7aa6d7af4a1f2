import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import canonicalize from 'canonicalize';
import { v7 as uuidv7 } from 'uuid';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RequestOf } from '../../shared/api/contract.js';
import { fails, ok, snapshot } from './support.js';
import type { ApiError } from '../../shared/api/errors.js';
import type { BundleErrorCode, ImportPreview, KindCounts } from '../../shared/bundle/format.js';
import { mergeAsFor, type RecordView } from '../../shared/records/codec.js';
import { HybridClock } from '../../shared/sync/clock.js';
import { createRecord, SyncRecord, type Writer } from '../../shared/sync/record.js';
import type { Kind } from '../../shared/records/kinds.js';
import { openCore, type Core } from '../../main/core/index.js';
import { BundleError, checksumOf, decodeBundle } from '../../main/core/bundles/codec.js';
import { IMPORT_LOG } from '../../main/core/bundles/exchange.js';
import { bucketOf, RECORDS_FORMAT, RECORDS_SCHEMA_VERSION, RecordStore } from '../../main/core/store/records-store.js';

type Role = 'national_focal_point' | 'civil_society';
interface Person {
  name: string;
  organisation: string;
  role?: Role;
}
const AMINA: Person = { name: 'Amina Diallo', organisation: 'Ministère de la Femme, de la Famille et des Enfants' };
const BORIS: Person = { name: 'Boris Ivanov', organisation: 'Civil Society Coalition', role: 'civil_society' };
const PASSPHRASE = 'correct horse battery';

let dirs: string[] = [];
let cores: Core[] = [];

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fpd-bundles-'));
  dirs.push(dir);
  return dir;
}

async function open(person: Person = AMINA, dir = tempDir()): Promise<Core> {
  const core = await openCore({ dataDir: dir, host: 'browser', systemLocales: ['en'], log: () => undefined });
  cores.push(core);
  await ok(core, 'profile.set', { name: person.name, organisation: person.organisation, country: 'SN', role: person.role ?? 'national_focal_point' });
  return core;
}

const importLog = (dir: string) => {
  const file = path.join(dir, IMPORT_LOG);
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '<none>';
};
const dataDirOf = (core: Core) => core.info().dataDir;
const replicaOf = (core: Core) => core.settings.all().replicaId;

/** What a person sees: the live records' places and fields, in id order, as JSON. */
const shownOf = (core: Core) =>
  JSON.stringify(
    [...core.workspace!.store.records.values()]
      .map((r) => core.workspace!.view(r))
      .filter((v) => !v.deleted)
      .sort((x, y) => (x.id < y.id ? -1 : 1))
      .map((v) => ({ id: v.id, kind: v.kind, parentId: v.parentId, order: v.order, fields: v.fields, conflicts: v.conflicts })),
  );

/** The records in memory, in id order, as JSON: equal text means equal state. */
const stateOf = (core: Core) =>
  JSON.stringify([...core.workspace!.store.records.values()].sort((a, b) => (a.id < b.id ? -1 : 1)));

const create = (core: Core, kind: Kind, fields: Record<string, unknown>, parentId?: string) =>
  ok(core, 'records.create', parentId ? { kind, parentId, fields } : { kind, fields });

interface Seeded {
  nap: RecordView;
  objective: RecordView;
  napAction: RecordView;
  indicator: RecordView;
  otherNap: RecordView;
  otherObjective: RecordView;
  otherAction: RecordView;
  input: RecordView;
  otherInput: RecordView;
  napPoint: RecordView;
  march: RecordView;
  lateMarch: RecordView;
  april: RecordView;
  february: RecordView;
  marchPoint: RecordView;
  aprilPoint: RecordView;
  contact: RecordView;
}

/** A small workspace with something of every kind, linked the way people link them. */
async function seed(core: Core): Promise<Seeded> {
  const nap = await create(core, 'nap', {
    title: { en: 'Second National Action Plan 2025–2029', fr: "Deuxième plan d'action national 2025–2029" },
    country: 'SN',
    generation: 2,
    status: 'drafting',
  });
  const objective = await create(core, 'nap.objective', { pillar: 'participation', title: { en: 'Women in peace negotiations' } }, nap.id);
  const napAction = await create(
    core,
    'nap.action',
    { description: { en: 'Train women mediators' }, status: 'planned', budgetAmount: 5000, budgetCurrency: 'XOF', resolutions: [1325, 2242] },
    objective.id,
  );
  const indicator = await create(core, 'nap.indicator', { name: { en: 'Share of women among mediators' }, unit: '%', targetValue: 20 }, napAction.id);
  const otherNap = await create(core, 'nap', { title: { en: 'First National Action Plan' }, generation: 1, status: 'archived' });
  const otherObjective = await create(core, 'nap.objective', { pillar: 'protection', title: { en: 'Protection of defenders' } }, otherNap.id);
  const otherAction = await create(core, 'nap.action', { description: { en: 'Shelters' } }, otherObjective.id);
  const input = await create(core, 'input', { type: 'comment', title: { en: 'Comments on the draft NAP' }, napId: nap.id, status: 'drafting' });
  const otherInput = await create(core, 'input', { type: 'written_statement', title: { en: 'Statement for the open debate' }, napId: otherNap.id });
  const napPoint = await create(core, 'action', { title: { en: 'Budget the mediation training' }, napActionId: napAction.id, status: 'open' });
  const march = await create(core, 'meeting', { title: { en: 'Network meeting, March' }, type: 'focal_points_network', start: '2025-03-10T09:00:00Z' });
  // The day as written in the meeting's own offset: 31 March there (1 April in UTC).
  const lateMarch = await create(core, 'meeting', { title: { en: 'Evening call' }, type: 'other', start: '2025-03-31T22:00:00-05:00' });
  // 1 April there (31 March in UTC).
  const april = await create(core, 'meeting', { title: { en: 'April meeting' }, type: 'working_group', start: '2025-04-01T00:30:00+02:00' });
  const february = await create(core, 'meeting', { title: { en: 'February meeting' }, start: '2025-02-28T23:59:00Z' });
  const marchPoint = await create(core, 'action', { title: { en: 'Share background material' }, meetingId: march.id, status: 'open', heading: 'a', number: 1 });
  const aprilPoint = await create(core, 'action', { title: { en: 'Publish the summary' }, meetingId: april.id, status: 'open' });
  const contact = await create(core, 'contact', { name: 'Li Wei', languages: ['zh', 'en'], email: 'li.wei@example.org' });
  return { nap, objective, napAction, indicator, otherNap, otherObjective, otherAction, input, otherInput, napPoint, march, lateMarch, april, february, marchPoint, aprilPoint, contact };
}

interface RawBundle {
  format: string;
  version: number;
  bundleId: string;
  createdAt: string;
  checksum: string;
  recordCount: number;
  records: SyncRecord[];
  [key: string]: unknown;
}

type ExportRequest = RequestOf<'bundles.export'>;
const exportScope = (core: Core, scope: ExportRequest['scope'], extra: Omit<ExportRequest, 'scope'> = {}) => ok(core, 'bundles.export', { scope, ...extra });
const parse = (content: string) => JSON.parse(content) as RawBundle;
const idsIn = (content: string) => new Set(parse(content).records.map((r) => r.id));
const canonical = (value: unknown) => canonicalize(value)!;

/** A bundle changed by hand, then sealed again (count and checksum) so that only the change is wrong. */
function reseal(content: string, change: (bundle: RawBundle) => void): string {
  const bundle = parse(content);
  change(bundle);
  bundle.recordCount = bundle.records.length;
  bundle.checksum = checksumOf(bundle.records);
  return canonical(bundle);
}

const recordOf = (bundle: RawBundle, id: string) => bundle.records.find((r) => r.id === id)!;

const counts = (c: Partial<KindCounts>): KindCounts => ({ new: 0, updated: 0, unchanged: 0, conflicting: 0, deleted: 0, ...c });

beforeEach(() => {
  dirs = [];
  cores = [];
});
afterEach(async () => {
  vi.restoreAllMocks();
  for (const core of cores) await core.close();
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

describe('export scopes', () => {
  it("'all' carries every record of the workspace, deleted ones included", async () => {
    const a = await open();
    const s = await seed(a);
    await ok(a, 'records.delete', { id: s.contact.id });
    const exported = await exportScope(a, { type: 'all' });
    expect(exported.records).toBe(a.workspace!.store.records.size);
    expect(idsIn(exported.content)).toEqual(new Set(a.workspace!.store.records.keys()));
    expect(parse(exported.content).scope).toEqual({ type: 'all' });
  });

  it("'nap' carries the NAP, its objectives, actions and indicators, its inputs and linked action points; not another NAP", async () => {
    const a = await open();
    const s = await seed(a);
    const exported = await exportScope(a, { type: 'nap', napId: s.nap.id }, { note: 'draft 3 for the validation workshop' });
    expect(idsIn(exported.content)).toEqual(new Set([s.nap.id, s.objective.id, s.napAction.id, s.indicator.id, s.input.id, s.napPoint.id]));
    expect(exported.records).toBe(6);
    const head = parse(exported.content);
    expect(head.scope).toEqual({ type: 'nap', napId: s.nap.id });
    expect(head.note).toBe('draft 3 for the validation workshop');
    expect(exported.fileName).toMatch(/^NAP-Second-National-Action-Plan-2025-2029-\d{4}-\d{2}-\d{2}\.fpbundle$/);
  });

  it("'meetings' carries the meetings whose start day is in the range, and their action points", async () => {
    const a = await open();
    const s = await seed(a);
    const exported = await exportScope(a, { type: 'meetings', from: '2025-03-01', to: '2025-03-31' });
    expect(idsIn(exported.content)).toEqual(new Set([s.march.id, s.lateMarch.id, s.marchPoint.id]));
    const oneDay = await exportScope(a, { type: 'meetings', from: '2025-04-01', to: '2025-04-01' });
    expect(idsIn(oneDay.content)).toEqual(new Set([s.april.id, s.aprilPoint.id]));
    expect(oneDay.fileName).toMatch(/^meetings-2025-04-01-to-2025-04-01-\d{4}-\d{2}-\d{2}\.fpbundle$/);
  });

  it("'selection' carries the chosen records with their descendants and their ancestors", async () => {
    const a = await open();
    const s = await seed(a);
    const exported = await exportScope(a, { type: 'selection', ids: [s.napAction.id, s.contact.id] });
    expect(idsIn(exported.content)).toEqual(new Set([s.napAction.id, s.indicator.id, s.objective.id, s.nap.id, s.contact.id]));
    expect(exported.fileName).toMatch(/^selection-2-\d{4}-\d{2}-\d{2}\.fpbundle$/);
  });

  it('refuses a NAP that does not exist (or is not a NAP) and a selection of unknown ids: not_found', async () => {
    const a = await open();
    const s = await seed(a);
    expect((await fails(a, 'bundles.export', { scope: { type: 'nap', napId: uuidv7() } })).code).toBe('not_found');
    expect((await fails(a, 'bundles.export', { scope: { type: 'nap', napId: s.objective.id } })).code).toBe('not_found');
    expect((await fails(a, 'bundles.export', { scope: { type: 'selection', ids: [uuidv7()] } })).code).toBe('not_found');
    expect((await fails(a, 'bundles.export', { scope: { type: 'nap', napId: 'not-an-id' } })).code).toBe('invalid_request');
  });

  it('names the file in plain ASCII, with the date, ending in .fpbundle', async () => {
    const a = await open();
    const nap = await create(a, 'nap', { title: { fr: 'Plan d’action national — Sénégal (2ᵉ génération)' } });
    const arabic = await create(a, 'nap', { title: { ar: 'خطة العمل الوطنية' } });
    const before = new Date().toISOString().slice(0, 10);
    const latin = await exportScope(a, { type: 'nap', napId: nap.id });
    const rtl = await exportScope(a, { type: 'nap', napId: arabic.id });
    const all = await exportScope(a, { type: 'all' });
    const after = new Date().toISOString().slice(0, 10);
    for (const { fileName } of [latin, rtl, all]) {
      expect(fileName).toMatch(/^[\x21-\x7e]+\.fpbundle$/);
      expect([before, after].some((day) => fileName.includes(day))).toBe(true);
    }
    expect(latin.fileName.startsWith('NAP-Plan-d-action-national-Senegal-2')).toBe(true);
    expect(rtl.fileName.startsWith('NAP-draft-')).toBe(true);
    expect(all.fileName.startsWith('workspace-')).toBe(true);
  });
});

describe('canonical form', () => {
  it('gives equal bytes for equal content: same records, same checksum; only the id and time of the bundle differ', async () => {
    const a = await open();
    await seed(a);
    const first = await exportScope(a, { type: 'all' });
    const second = await exportScope(a, { type: 'all' });
    const x = parse(first.content);
    const y = parse(second.content);
    expect(JSON.stringify(y.records)).toBe(JSON.stringify(x.records));
    expect(y.checksum).toBe(x.checksum);
    expect(x.checksum).toBe(checksumOf(x.records));
    expect(y.bundleId).not.toBe(x.bundleId);
    const strip = (b: RawBundle) => canonical({ ...b, bundleId: null, createdAt: null });
    expect(strip(y)).toBe(strip(x));
    // Already canonical (RFC 8785): keys sorted at every depth, no whitespace.
    expect(first.content).toBe(canonical(x));
    expect(Object.keys(x)).toEqual(Object.keys(x).sort());
    expect(x.records.map((r) => r.id)).toEqual(x.records.map((r) => r.id).sort());
    expect(first.content).not.toMatch(/\n/);
  });
});

describe('round trip between two replicas', () => {
  it('previews what is new, applies it, and then knows the bundle: a second import changes nothing', async () => {
    const a = await open(AMINA);
    const b = await open(BORIS);
    const s = await seed(a);
    const before = new Date().toISOString();
    const exported = await exportScope(a, { type: 'all' }, { note: 'for Boris' });
    const after = new Date().toISOString();

    const preview = await ok(b, 'bundles.preview', { content: exported.content, language: 'fr' });
    expect(preview.alreadyImported).toBe(false);
    expect(preview.counts).toEqual({
      nap: counts({ new: 2 }),
      'nap.objective': counts({ new: 2 }),
      'nap.action': counts({ new: 2 }),
      'nap.indicator': counts({ new: 1 }),
      input: counts({ new: 2 }),
      action: counts({ new: 3 }),
      meeting: counts({ new: 4 }),
      contact: counts({ new: 1 }),
    });
    expect(preview.bundle).toMatchObject({
      creator: { replicaId: replicaOf(a), name: AMINA.name, organisation: AMINA.organisation },
      scope: { type: 'all' },
      note: 'for Boris',
      recordCount: 17,
      encrypted: false,
      bundleId: parse(exported.content).bundleId,
    });
    expect(preview.bundle.createdAt >= before && preview.bundle.createdAt <= after).toBe(true);
    expect(preview.items).toHaveLength(17);
    expect(preview.moreItems).toBe(0);
    const titled = Object.fromEntries(preview.items.map((i) => [i.id, i]));
    // In the language asked for where the record has it, else the language it has.
    expect(titled[s.nap.id]).toEqual({ id: s.nap.id, kind: 'nap', title: "Deuxième plan d'action national 2025–2029", change: 'new' });
    expect(titled[s.marchPoint.id]!.title).toBe('Share background material');
    expect(titled[s.contact.id]!.title).toBe('Li Wei');
    // A preview changes nothing.
    expect((await ok(b, 'records.query', { kind: 'nap' })).total).toBe(0);

    const entry = await ok(b, 'bundles.apply', { previewId: preview.previewId });
    expect(entry.counts).toEqual(preview.counts);
    for (const id of a.workspace!.store.records.keys()) {
      const onA = await ok(a, 'records.get', { id });
      const onB = await ok(b, 'records.get', { id });
      expect(onB.record).toEqual(onA.record);
    }
    expect(stateOf(b)).toBe(stateOf(a));

    const again = await ok(b, 'bundles.preview', { content: exported.content });
    expect(again.alreadyImported).toBe(true);
    for (const [kind, c] of Object.entries(again.counts)) {
      expect(c, kind).toEqual(counts({ unchanged: preview.counts[kind as keyof typeof preview.counts]!.new }));
    }
    expect(again.items).toEqual([]);
    const dirB = dataDirOf(b);
    const bytes = snapshot(dirB);
    await ok(b, 'bundles.apply', { previewId: again.previewId });
    await b.close();
    expect(snapshot(dirB)).toBe(bytes);
  });

  it('shows concurrent edits of one field as conflicting, and a delete as deleted; after apply the conflict is listed', async () => {
    const a = await open(AMINA);
    const b = await open(BORIS);
    const s = await seed(a);
    const first = await ok(b, 'bundles.preview', { content: (await exportScope(a, { type: 'all' })).content });
    await ok(b, 'bundles.apply', { previewId: first.previewId });

    await ok(a, 'records.update', { id: s.marchPoint.id, fields: { status: 'done' } });
    await ok(b, 'records.update', { id: s.marchPoint.id, fields: { status: 'blocked' } });
    await ok(a, 'records.delete', { id: s.contact.id });
    await ok(a, 'records.update', { id: s.aprilPoint.id, fields: { priority: 'high' } });

    const preview = await ok(b, 'bundles.preview', { content: (await exportScope(a, { type: 'all' })).content });
    expect(preview.counts.action).toEqual(counts({ conflicting: 1, updated: 1, unchanged: 1 }));
    expect(preview.counts.contact).toEqual(counts({ deleted: 1 }));
    expect(preview.counts.nap).toEqual(counts({ unchanged: 2 }));
    expect(preview.items.map((i) => [i.id, i.change]).sort()).toEqual(
      [
        [s.marchPoint.id, 'conflicting'],
        [s.aprilPoint.id, 'updated'],
        [s.contact.id, 'deleted'],
      ].sort(),
    );
    await ok(b, 'bundles.apply', { previewId: preview.previewId });
    const conflicts = await ok(b, 'conflicts.list', {});
    expect(conflicts.map((c) => c.id)).toEqual([s.marchPoint.id]);
    expect(conflicts[0]!.conflicts[0]!.field).toBe('status');
    expect(conflicts[0]!.conflicts[0]!.versions.map((v) => [v.value, v.by]).sort()).toEqual([
      ['blocked', BORIS.name],
      ['done', AMINA.name],
    ]);
    expect((await ok(b, 'records.get', { id: s.contact.id })).record.deleted).toBe(true);
  });

  it('does not count as deleted a record the receiver never had, and keeps it deleted', async () => {
    const a = await open(AMINA);
    const b = await open(BORIS);
    const s = await seed(a);
    const before = await exportScope(a, { type: 'selection', ids: [s.contact.id] });
    await ok(a, 'records.delete', { id: s.contact.id });

    const preview = await ok(b, 'bundles.preview', { content: (await exportScope(a, { type: 'all' })).content });
    expect(preview.counts.contact).toBeUndefined();
    expect(preview.items.some((i) => i.id === s.contact.id)).toBe(false);
    const applied = await ok(b, 'bundles.apply', { previewId: preview.previewId });
    expect(applied.counts.contact).toBeUndefined();
    expect((await ok(b, 'records.get', { id: s.contact.id })).record.deleted).toBe(true);

    // The contact as it was before its deletion, arriving afterwards, stays deleted.
    const late = await ok(b, 'bundles.preview', { content: before.content });
    expect(late.counts.contact).toEqual(counts({ unchanged: 1 }));
    await ok(b, 'bundles.apply', { previewId: late.previewId });
    expect((await ok(b, 'records.get', { id: s.contact.id })).record.deleted).toBe(true);

    // Both imports undone, last first: what a person sees is as before, and the store says so.
    await ok(b, 'bundles.undoLast', {});
    await ok(b, 'bundles.undoLast', {});
    expect((await ok(b, 'records.query', { kind: 'contact' })).records).toEqual([]);
    const gone = await b.dispatch('records.get', { id: s.contact.id });
    expect(gone.ok ? (gone.value as { record: { deleted: boolean } }).record.deleted : true).toBe(true);
  });
});

describe('encryption', () => {
  it('seals the records with a passphrase: unreadable without it, refused with the wrong one, opened with the right one', async () => {
    const a = await open(AMINA);
    const b = await open(BORIS);
    const s = await seed(a);
    const sealed = await exportScope(a, { type: 'all' }, { passphrase: PASSPHRASE, note: 'confidential draft' });
    const titles = ['Second National Action Plan', 'Women in peace negotiations', 'Share background material', 'Li Wei', 'confidential draft', AMINA.name];
    for (const title of titles) expect(sealed.content).not.toContain(title);
    expect(Object.keys(parse(sealed.content)).sort()).toEqual(['encryption', 'format', 'payload', 'version']);

    const dirB = dataDirOf(b);
    const bytes = snapshot(dirB);
    const without = await fails(b, 'bundles.preview', { content: sealed.content });
    expect(without.code).toBe('invalid_request');
    expect(without.bundle?.code).toBe('needs_passphrase');
    const wrong = await fails(b, 'bundles.preview', { content: sealed.content, passphrase: 'correct horse battery staple' });
    expect(wrong.code).toBe('invalid_request');
    expect(wrong.bundle?.code).toBe('wrong_passphrase');
    expect(snapshot(dirB)).toBe(bytes);

    const preview = await ok(b, 'bundles.preview', { content: sealed.content, passphrase: PASSPHRASE });
    expect(preview.bundle.encrypted).toBe(true);
    expect(preview.bundle.note).toBe('confidential draft');
    expect(preview.counts.nap).toEqual(counts({ new: 2 }));
    await ok(b, 'bundles.apply', { previewId: preview.previewId });
    expect((await ok(b, 'records.get', { id: s.nap.id })).record.fields.title).toEqual(s.nap.fields.title);
  });

  it('refuses a sealed bundle whose payload was tampered with: wrong_passphrase (GCM authentication)', async () => {
    const a = await open();
    await seed(a);
    const sealed = parse((await exportScope(a, { type: 'all' }, { passphrase: PASSPHRASE })).content) as unknown as { payload: string };
    const payload = Buffer.from(sealed.payload, 'base64');
    payload[10]! ^= 1;
    const tampered = canonical({ ...sealed, payload: payload.toString('base64') });
    const error = (() => {
      try {
        decodeBundle(Buffer.from(tampered), { passphrase: PASSPHRASE });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(BundleError);
    expect((error as BundleError).problem.code).toBe('wrong_passphrase');
  });

  // The key-derivation cost is read from the file: a hostile file asking for minutes of scrypt
  // work must be refused before any of it is done.
  it('refuses a sealed bundle with inflated scrypt parameters without running that costly key derivation', async () => {
    const a = await open();
    await seed(a);
    const sealed = parse((await exportScope(a, { type: 'all' }, { passphrase: PASSPHRASE })).content) as unknown as {
      encryption: { N: number; r: number; p: number };
    };
    const inflated = canonical({ ...sealed, encryption: { ...sealed.encryption, N: 1 << 20, r: 32, p: 16 } });
    const costs: number[] = [];
    vi.spyOn(crypto, 'scryptSync').mockImplementation((_password, _salt, _length, options) => {
      costs.push((options?.N ?? 0) * (options?.r ?? 0) * (options?.p ?? 0));
      throw new Error('stand-in for a key derivation that would take minutes');
    });
    expect(() => decodeBundle(Buffer.from(inflated), { passphrase: PASSPHRASE })).toThrow(BundleError);
    const ownCost = (1 << 15) * 8 * 1;
    expect(costs.every((cost) => cost <= 16 * ownCost)).toBe(true);
  });
  // GCM compares only as many tag bytes as the file gives: a 4-byte tag is forged in 2^32 tries.
  it('refuses a sealed bundle whose GCM tag is shorter than 16 bytes, in the reader and on import, changing nothing', async () => {
    const a = await open(AMINA);
    const b = await open(BORIS);
    await seed(a);
    const sealed = parse((await exportScope(a, { type: 'all' }, { passphrase: PASSPHRASE })).content) as unknown as { encryption: { tag: string } };
    const short = canonical({ ...sealed, encryption: { ...sealed.encryption, tag: Buffer.from(sealed.encryption.tag, 'base64').subarray(0, 4).toString('base64') } });
    expect(() => decodeBundle(Buffer.from(short), { passphrase: PASSPHRASE })).toThrow(
      expect.objectContaining({ problem: { code: 'invalid', path: ['encryption', 'tag'] } }),
    );
    const dir = dataDirOf(b);
    const before = snapshot(dir);
    const error = await fails(b, 'bundles.preview', { content: short, passphrase: PASSPHRASE });
    expect(error.bundle).toEqual({ code: 'invalid', path: ['encryption', 'tag'] });
    expect(snapshot(dir)).toBe(before);
  });

  // scrypt accepts only powers of two: any other N is a damaged file, not a wrong passphrase.
  it('refuses a sealed bundle whose scrypt N is not a power of two as invalid, before deriving any key', async () => {
    const a = await open(AMINA);
    const b = await open(BORIS);
    await seed(a);
    const sealed = parse((await exportScope(a, { type: 'all' }, { passphrase: PASSPHRASE })).content) as unknown as { encryption: { N: number } };
    const odd = canonical({ ...sealed, encryption: { ...sealed.encryption, N: 3 * 4096 } });
    const derive = vi.spyOn(crypto, 'scryptSync');
    expect(() => decodeBundle(Buffer.from(odd), { passphrase: PASSPHRASE })).toThrow(
      expect.objectContaining({ problem: { code: 'invalid', path: ['encryption', 'N'] } }),
    );
    expect(derive).not.toHaveBeenCalled();
    const dir = dataDirOf(b);
    const before = snapshot(dir);
    const error = await fails(b, 'bundles.preview', { content: odd, passphrase: PASSPHRASE });
    expect(error.bundle).toEqual({ code: 'invalid', path: ['encryption', 'N'] });
    expect(snapshot(dir)).toBe(before);
  });
});

describe('refusals: a clear reason, and nothing changes', () => {
  /** A: the sender, with everything seeded. B: the receiver, with data of its own and one import already made. */
  async function setup() {
    const a = await open(AMINA);
    const b = await open(BORIS);
    const s = await seed(a);
    const own = await create(b, 'contact', { country: 'SN' });
    await create(b, 'action', { title: { en: "Boris's own action point" }, status: 'open' });
    const earlier = await exportScope(a, { type: 'selection', ids: [s.contact.id] });
    const preview = await ok(b, 'bundles.preview', { content: earlier.content });
    await ok(b, 'bundles.apply', { previewId: preview.previewId });
    const bundle = (await exportScope(a, { type: 'all' })).content;
    const ownBundle = (await exportScope(b, { type: 'selection', ids: [own.id] })).content;
    return { a, b, s, bundle, ownBundle, own };
  }
  type Setup = Awaited<ReturnType<typeof setup>>;

  const PROTO = ['__', 'proto', '__'].join('');
  const cases: [string, (x: Setup) => string, BundleErrorCode, (error: ApiError, x: Setup) => void][] = [
    ['text that is not JSON', () => 'hello', 'not_json', () => undefined],
    ['a bundle cut at 60% of its length', ({ bundle }) => bundle.slice(0, Math.floor(bundle.length * 0.6)), 'truncated', () => undefined],
    ['another format', ({ bundle }) => canonical({ ...parse(bundle), format: 'focal-point-desk/records' }), 'wrong_format', () => undefined],
    ['a JSON array', () => '[1,2,3]', 'wrong_format', () => undefined],
    [
      'a newer version, even with garbage besides',
      () => '{"format":"focal-point-desk/bundle","version":3,"records":"soon","creator":42,"encryption":"quantum"}',
      'too_new',
      (error) => expect(error.bundle?.version).toBe(3),
    ],
    [
      'a title changed without updating the checksum',
      ({ bundle }) => {
        const changed = bundle.replace('"value":"Share background material"', '"value":"Share background materials"');
        expect(changed).not.toBe(bundle);
        return changed;
      },
      'checksum',
      () => undefined,
    ],
    ['a record count that does not match', ({ bundle }) => canonical({ ...parse(bundle), recordCount: 16 }), 'checksum', () => undefined],
    [
      'an action point whose status is "maybe"',
      ({ bundle, s }) => reseal(bundle, (b) => (recordOf(b, s.marchPoint.id).fields.status![0]!.value = 'maybe')),
      'invalid',
      (error, { s }) => {
        expect(error.bundle?.id).toBe(s.marchPoint.id);
        expect(error.bundle?.path).toEqual(['fields', 'status']);
        expect(typeof error.bundle?.record).toBe('number');
      },
    ],
    [
      'a record whose id is not a UUIDv7',
      ({ bundle, s }) => reseal(bundle, (b) => (recordOf(b, s.contact.id).id = '../../etc/passwd')),
      'invalid',
      (error) => {
        expect(error.bundle?.id).toBe('../../etc/passwd');
        expect(error.bundle?.path).toEqual(['id']);
      },
    ],
    [
      'a text longer than a field allows',
      ({ bundle, s }) => reseal(bundle, (b) => (recordOf(b, s.nap.id).fields['title@en']![0]!.value = 'x'.repeat(1001))),
      'invalid',
      (error, { s }) => {
        expect(error.bundle?.id).toBe(s.nap.id);
        expect(error.bundle?.path?.slice(0, 2)).toEqual(['fields', 'title@en']);
      },
    ],
    [
      'a record of an unknown kind',
      ({ bundle, s }) => reseal(bundle, (b) => (recordOf(b, s.contact.id).kind = 'treaty')),
      'invalid',
      (error, { s }) => {
        expect(error.bundle?.id).toBe(s.contact.id);
        expect(error.bundle?.path).toEqual(['kind']);
      },
    ],
    [
      'the same record twice (count and checksum right)',
      ({ bundle, s }) => reseal(bundle, (b) => b.records.push(structuredClone(recordOf(b, s.input.id)))),
      'duplicate_ids',
      (error, { s }) => {
        expect(error.bundle?.id).toBe(s.input.id);
        expect(error.bundle?.record).toBe(17);
      },
    ],
    [
      `a "${PROTO}" key inside a record`,
      ({ bundle }) => {
        const changed = bundle.replace('"records":[{"fields":{', `"records":[{"fields":{"${PROTO}":{"polluted":true},`);
        expect(changed).not.toBe(bundle);
        return changed;
      },
      'forbidden_key',
      (error) => {
        expect(error.bundle?.path).toEqual(['records', '0', 'fields', PROTO]);
        expect(({}) as Record<string, unknown>).not.toHaveProperty('polluted');
      },
    ],
    [
      'a "constructor" key in the head',
      ({ bundle }) => bundle.replace('{"appVersion":', '{"constructor":{"prototype":{"polluted":1}},"appVersion":'),
      'forbidden_key',
      (error) => expect(error.bundle?.path).toEqual(['constructor']),
    ],
    [
      'a lone surrogate (\\ud800) in a title',
      ({ bundle }) => {
        const changed = bundle.replace('"value":"Share background material"', '"value":"Share \\ud800 material"');
        expect(changed).not.toBe(bundle);
        return changed;
      },
      'invalid_unicode',
      (error) => expect(error.bundle?.path?.slice(-3)).toEqual(['title@en', '0', 'value']),
    ],
    [
      'a second "records" key, spaced otherwise, after the one the checksum covers',
      ({ bundle, s }) => {
        const forged = parse(bundle).records.filter((r) => r.id !== s.contact.id);
        forged.push(structuredClone(recordOf(parse(bundle), s.march.id)));
        return bundle.replace(/\}$/, () => `, "records" : ${JSON.stringify(forged)}}`);
      },
      'duplicate_key',
      (error) => expect(error.bundle?.path).toEqual(['records']),
    ],
    [
      'a key twice in one field version',
      ({ bundle }) => {
        const changed = bundle.replace('"value":"Share background material"', '"value":"Share background material","value":"Something else"');
        expect(changed).not.toBe(bundle);
        return changed;
      },
      'duplicate_key',
      (error) => expect(error.bundle?.path?.slice(-3)).toEqual(['title@en', '0', 'value']),
    ],
    [
      'a record that is another kind here',
      ({ ownBundle, own }) => reseal(ownBundle, (b) => (recordOf(b, own.id).kind = 'nap')),
      'kind_mismatch',
      (error, { own }) => expect(error.bundle?.id).toBe(own.id),
    ],
  ];

  it.each(cases)('refuses %s', async (_label, make, code, check) => {
    const x = await setup();
    const dir = dataDirOf(x.b);
    const content = make(x);
    const before = snapshot(dir);
    const log = importLog(dir);
    const history = await ok(x.b, 'bundles.history', {});
    const state = stateOf(x.b);
    expect(log).not.toBe('<none>');

    const error = await fails(x.b, 'bundles.preview', { content });
    expect(error.code).toBe('invalid_request');
    expect(error.bundle?.code).toBe(code);
    check(error, x);

    expect(await ok(x.b, 'bundles.history', {})).toEqual(history);
    expect(stateOf(x.b)).toBe(state);
    await x.b.close();
    expect(snapshot(dir)).toBe(before);
    expect(importLog(dir)).toBe(log);
  });

  const decodeError = (bytes: Uint8Array, options?: Parameters<typeof decodeBundle>[1]): BundleError => {
    try {
      decodeBundle(bytes, options);
    } catch (error) {
      if (error instanceof BundleError) return error;
      throw error;
    }
    throw new Error('decodeBundle accepted it');
  };

  it('refuses bytes that are not UTF-8 (checked on the bytes, before any text is made of them)', async () => {
    const a = await open();
    await seed(a);
    const bundle = Buffer.from((await exportScope(a, { type: 'all' })).content, 'utf8');
    expect(decodeError(Buffer.from([0xff, 0xfe, 0x7b, 0x7d])).problem).toEqual({ code: 'encoding' });
    const broken = Buffer.concat([bundle.subarray(0, 100), Buffer.from([0xc3, 0x28]), bundle.subarray(100)]);
    expect(decodeError(broken).problem.code).toBe('encoding');
    // A UTF-8 byte order mark is not an error.
    expect(() => decodeBundle(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bundle]))).not.toThrow();
  });

  // The app, the host and the command line send the file's bytes (base64): bytes that are not
  // UTF-8 reach the reader as they are. A text is taken only when UTF-8 can carry it unchanged.
  it('refuses on import, as the reader does, bytes that are not UTF-8 and text with a lone surrogate half, changing nothing', async () => {
    const { b, s, bundle } = await setup();
    const dir = dataDirOf(b);
    const before = snapshot(dir);
    // Checksummed over what a reader of text makes of a bad byte (U+FFFD), so only the reading can tell.
    const replaced = reseal(bundle, (x) => (recordOf(x, s.marchPoint.id).fields['title@en']![0]!.value = 'Share \ufffd material'));
    const good = Buffer.from(replaced, 'utf8');
    const at = good.indexOf(Buffer.from('\ufffd'));
    const broken = Buffer.concat([good.subarray(0, at), Buffer.from([0xff]), good.subarray(at + 3)]);
    expect(decodeError(broken).problem).toEqual({ code: 'encoding' });
    expect((await fails(b, 'bundles.preview', { bytes: broken.toString('base64') })).bundle).toEqual({ code: 'encoding' });
    // A lone surrogate half, which UTF-8 cannot carry, is not written as U+FFFD and imported.
    const lone = replaced.replace('\ufffd', '\ud800');
    expect(lone).not.toBe(replaced);
    expect((await fails(b, 'bundles.preview', { content: lone })).bundle).toEqual({ code: 'encoding' });
    expect(snapshot(dir)).toBe(before);
    // The bytes of a good file are read as they are.
    const preview = await ok(b, 'bundles.preview', { bytes: good.toString('base64') });
    expect(preview.bundle.bundleId).toBe(parse(replaced).bundleId);
    expect((await fails(b, 'bundles.preview', { bytes: 'not base64!' })).code).toBe('invalid_request');
  });

  it('refuses an oversized bundle, saying its size and the limit', async () => {
    const a = await open();
    await seed(a);
    const bundle = Buffer.from((await exportScope(a, { type: 'all' })).content, 'utf8');
    expect(decodeError(bundle, { maxBytes: 1000 }).problem).toEqual({ code: 'too_large', bytes: bundle.byteLength, limit: 1000 });
    expect(() => decodeBundle(bundle, { maxBytes: bundle.byteLength })).not.toThrow();
  });

  // Deeply nested JSON: refused with a bundle error, never a stack overflow in a recursive walk.
  it('refuses deeply nested JSON with a BundleError, not a stack overflow', async () => {
    const deep = `{"format":"focal-point-desk/bundle","version":1,"x":${'['.repeat(5000)}${']'.repeat(5000)}}`;
    expect(decodeError(Buffer.from(deep)).problem.code).toBeDefined();
    const b = await open(BORIS);
    const error = await fails(b, 'bundles.preview', { content: deep });
    expect(error.code).toBe('invalid_request');
    expect(error.bundle?.code).toBeDefined();
  });

  // A record whose parent is itself (or a loop of parents) is refused: the tree could never be
  // walked, shown or exported.
  it('refuses a record that is its own parent (a tree cycle would hang the workspace)', async () => {
    const { b, s, bundle } = await setup();
    const dir = dataDirOf(b);
    const before = snapshot(dir);
    const looped = reseal(bundle, (x) => (recordOf(x, s.objective.id).fields._parent![0]!.value = s.objective.id));
    const error = await fails(b, 'bundles.preview', { content: looped });
    expect(error.bundle?.code).toBe('invalid');
    expect(snapshot(dir)).toBe(before);
  });

  // The parent kind is a rule of the tree as it will be: a parent already in the workspace counts
  // as much as one in the bundle. The reader cannot know it, so it accepts the file.
  it('refuses an objective whose parent, already in the workspace, is a meeting; the reader alone accepts it', async () => {
    const { b, s, bundle } = await setup();
    const meeting = await create(b, 'meeting', { title: { en: "Boris's meeting" }, start: '2025-05-05T10:00:00Z' });
    const dir = dataDirOf(b);
    const before = snapshot(dir);
    const state = stateOf(b);
    const content = reseal(bundle, (x) => {
      x.records = x.records.filter((r) => r.id === s.nap.id || r.id === s.objective.id);
      recordOf(x, s.objective.id).fields._parent![0]!.value = meeting.id;
    });
    expect(decodeBundle(Buffer.from(content)).records).toHaveLength(2);
    const error = await fails(b, 'bundles.preview', { content });
    expect(error.bundle).toEqual({ code: 'invalid', id: s.objective.id, path: ['fields', '_parent'] });
    expect(stateOf(b)).toBe(state);
    expect(snapshot(dir)).toBe(before);
  });

  // One reader for `bundle validate` and import: what a bundle must be on its own (parent kinds,
  // no loop, a parent where the kind needs one, the cross-field rules) is the reader's to refuse.
  const withinCases: [string, (x: Setup) => string, (x: Setup) => { id: string; path: string[] }][] = [
    [
      'an objective whose parent in the bundle is a meeting',
      ({ bundle, s }) => reseal(bundle, (x) => (recordOf(x, s.objective.id).fields._parent![0]!.value = s.march.id)),
      ({ s }) => ({ id: s.objective.id, path: ['fields', '_parent'] }),
    ],
    [
      'an objective and an action each the parent of the other',
      ({ bundle, s }) =>
        reseal(bundle, (x) => {
          recordOf(x, s.objective.id).fields._parent![0]!.value = s.napAction.id;
        }),
      ({ s }) => ({ id: s.objective.id, path: ['fields', '_parent'] }),
    ],
    [
      'an objective without a parent',
      ({ bundle, s }) => reseal(bundle, (x) => delete recordOf(x, s.objective.id).fields._parent),
      ({ s }) => ({ id: s.objective.id, path: ['fields', '_parent'] }),
    ],
    [
      'a NAP that ends before it starts',
      ({ bundle, s }) =>
        reseal(bundle, (x) => {
          const nap = recordOf(x, s.nap.id);
          const version = nap.fields['title@en']![0]!;
          nap.fields.periodStart = [{ ...structuredClone(version), value: 2030 }];
          nap.fields.periodEnd = [{ ...structuredClone(version), value: 2026 }];
        }),
      ({ s }) => ({ id: s.nap.id, path: ['fields', 'periodEnd'] }),
    ],
    [
      'a meeting that ends before it starts',
      ({ bundle, s }) =>
        reseal(bundle, (x) => {
          const meeting = recordOf(x, s.march.id);
          meeting.fields.end = [{ ...structuredClone(meeting.fields.start![0]!), value: '2025-03-09T09:00:00Z' }];
        }),
      ({ s }) => ({ id: s.march.id, path: ['fields', 'end'] }),
    ],
  ];

  it.each(withinCases)('refuses in the reader and on import alike: %s', async (_label, make, where) => {
    const x = await setup();
    const content = make(x);
    const { id, path: at } = where(x);
    const problem = decodeError(Buffer.from(content)).problem;
    expect(problem).toMatchObject({ code: 'invalid', id, path: at });
    const dir = dataDirOf(x.b);
    const before = snapshot(dir);
    const state = stateOf(x.b);
    expect((await fails(x.b, 'bundles.preview', { content })).bundle).toEqual(problem);
    expect(stateOf(x.b)).toBe(state);
    expect(snapshot(dir)).toBe(before);
  });

  // A parent only the receiver has is the import's to check: the reader cannot see it.
  it('refuses an objective whose parent is neither in the bundle nor in the workspace; the reader alone accepts it', async () => {
    const { b, s, bundle } = await setup();
    const dir = dataDirOf(b);
    const before = snapshot(dir);
    const content = reseal(bundle, (x) => {
      x.records = x.records.filter((r) => r.id === s.objective.id);
    });
    expect(decodeBundle(Buffer.from(content)).records).toHaveLength(1);
    expect((await fails(b, 'bundles.preview', { content })).bundle).toEqual({ code: 'invalid', id: s.objective.id, path: ['fields', '_parent'] });
    expect(snapshot(dir)).toBe(before);
  });

  // Each side kept the rules; the two edits together do not: the import is refused as a local
  // edit making the same change would be.
  it('imports two edits, each fine on its side, that together contradict a cross-field rule: nothing is blocked, the record shows both', async () => {
    const a = await open(AMINA);
    const b = await open(BORIS);
    const nap = await create(a, 'nap', { title: { en: 'NAP' }, periodStart: 2025, periodEnd: 2029 });
    const first = await ok(b, 'bundles.preview', { content: (await exportScope(a, { type: 'all' })).content });
    await ok(b, 'bundles.apply', { previewId: first.previewId });
    await ok(a, 'records.update', { id: nap.id, fields: { periodStart: 2028 } });
    await ok(b, 'records.update', { id: nap.id, fields: { periodEnd: 2026 } });
    const content = (await exportScope(a, { type: 'all' })).content;
    const preview = await ok(b, 'bundles.preview', { content });
    await ok(b, 'bundles.apply', { previewId: preview.previewId });
    const merged = (await ok(b, 'records.get', { id: nap.id })).record;
    expect(merged.fields).toMatchObject({ periodStart: 2028, periodEnd: 2026 });
    // The person corrects it like any value: the rule applies to the edit.
    expect((await fails(b, 'records.update', { id: nap.id, fields: { title: { en: 'NAP 2' } } })).issues?.[0]?.message).toBe('errors:validation.periodEnd');
    await ok(b, 'records.update', { id: nap.id, fields: { periodEnd: 2032 } });
  });

  // A snapshot's copies keep their own kinds' limits: a 1,001-character title, or a field the
  // kind does not have holding 2 MB, is refused as the same typed into the record would be.
  it('refuses a NAP snapshot whose copied records break their own kinds\' rules, in the reader and on import', async () => {
    const a = await open(AMINA);
    const b = await open(BORIS);
    const nap = await create(a, 'nap', { title: { en: 'NAP' } });
    const snap = await ok(a, 'naps.snapshot', { napId: nap.id, name: 'Draft 2' });
    const bundle = (await exportScope(a, { type: 'all' })).content;
    const dir = dataDirOf(b);
    const before = snapshot(dir);
    const oversized: [string, Record<string, unknown>][] = [
      ['0.fields.title.en', { title: { en: 'x'.repeat(1001) } }],
      ['0.fields', { title: { en: 'NAP' }, notes: 'x'.repeat(2 * 1024 * 1024) }],
    ];
    for (const [where, fields] of oversized) {
      const content = reseal(bundle, (x) => {
        const version = recordOf(x, snap.id).fields.records![0]!;
        (version.value as { fields: unknown }[])[0]!.fields = fields;
      });
      const problem = decodeError(Buffer.from(content)).problem;
      expect(problem).toMatchObject({ code: 'invalid', id: snap.id });
      expect(problem.path?.join('.')).toBe(`fields.records.${where}`);
      expect((await fails(b, 'bundles.preview', { content })).bundle).toEqual(problem);
    }
    expect(snapshot(dir)).toBe(before);
    // A snapshot as the app makes it travels.
    const preview = await ok(b, 'bundles.preview', { content: bundle });
    expect(preview.counts['nap.snapshot']).toEqual(counts({ new: 1 }));
  });

  // A text kept per language travels only as `field@lang`; under its plain name it is refused, so
  // no stored version can differ from what was sent under the same dot.
  it('stores exactly the records a bundle carries (a preview never rewrites them)', async () => {
    const a = await open(AMINA);
    const b = await open(BORIS);
    const nap = await create(a, 'nap', { title: { en: 'NAP one' } });
    const content = reseal((await exportScope(a, { type: 'all' })).content, (x) => {
      const record = recordOf(x, nap.id);
      const version = structuredClone(record.fields['title@en']![0]!);
      version.value = {};
      version.dot.c = 99;
      record.vv[version.dot.r] = 99;
      record.fields.title = [version];
    });
    const sent = recordOf(parse(content), nap.id);
    const envelope = await b.dispatch('bundles.preview', { content });
    if (!envelope.ok) {
      expect(envelope.error.bundle?.code).toBe('invalid');
      return;
    }
    await ok(b, 'bundles.apply', { previewId: (envelope.value as ImportPreview).previewId });
    expect(canonical(b.workspace!.store.get(nap.id))).toBe(canonical(sent));
  });
});

describe("a bundle that claims the receiver's own edits", () => {
  // A forged counter near 2^53 (even under the receiver's own replica id) is refused: after import
  // it would overflow exact integers and break every later edit.
  it('leaves the receiver able to make distinct edits and to send bundles others accept', async () => {
    const a = await open(AMINA);
    const b = await open(BORIS);
    const contact = await create(a, 'contact', { name: 'Li Wei' });
    const forged = reseal((await exportScope(a, { type: 'all' })).content, (x) => {
      const record = recordOf(x, contact.id);
      record.fields.name![0]!.dot = { r: replicaOf(b), c: Number.MAX_SAFE_INTEGER };
      record.vv[replicaOf(b)] = Number.MAX_SAFE_INTEGER;
    });
    const envelope = await b.dispatch('bundles.preview', { content: forged });
    if (!envelope.ok) {
      expect(envelope.error.bundle?.code).toBe('invalid');
      return;
    }
    await ok(b, 'bundles.apply', { previewId: (envelope.value as ImportPreview).previewId });
    const action = await create(b, 'action', { status: 'open' });
    await ok(b, 'records.update', { id: action.id, fields: { status: 'done' } });
    const versions = await ok(b, 'records.history', { id: action.id, field: 'status' });
    expect(versions).toHaveLength(2);
    expect(versions[0]!.dot.c).not.toBe(versions[1]!.dot.c);
    await ok(a, 'bundles.preview', { content: (await exportScope(b, { type: 'all' })).content });
  });
});

describe('apply, history and undo', () => {
  it('apply needs the current preview: none, a stale one, or one already applied → not_found', async () => {
    const a = await open(AMINA);
    const b = await open(BORIS);
    await seed(a);
    const content = (await exportScope(a, { type: 'all' })).content;
    expect((await fails(b, 'bundles.apply', { previewId: crypto.randomUUID() })).code).toBe('not_found');
    const first = await ok(b, 'bundles.preview', { content });
    const second = await ok(b, 'bundles.preview', { content });
    expect(second.previewId).not.toBe(first.previewId);
    const dir = dataDirOf(b);
    const before = snapshot(dir);
    expect((await fails(b, 'bundles.apply', { previewId: first.previewId })).code).toBe('not_found');
    expect(snapshot(dir)).toBe(before);
    expect(await ok(b, 'bundles.history', {})).toEqual([]);
    await ok(b, 'bundles.apply', { previewId: second.previewId });
    expect((await fails(b, 'bundles.apply', { previewId: second.previewId })).code).toBe('not_found');
  });

  it('takes a backup first, logs the import, and undoLast puts back what it changed', async () => {
    const a = await open(AMINA);
    const b = await open(BORIS);
    const s = await seed(a);
    const mine = await create(b, 'action', { title: { en: "Boris's action point" }, status: 'open' });
    // Boris already has one of Amina's records, and changed it.
    const shared = await ok(b, 'bundles.preview', { content: (await exportScope(a, { type: 'selection', ids: [s.contact.id] })).content });
    await ok(b, 'bundles.apply', { previewId: shared.previewId });
    await ok(b, 'records.update', { id: s.contact.id, fields: { phone: '+221 33 000 00 00' } });
    await b.workspace!.store.flush();
    const shownBefore = shownOf(b);
    const historyBefore = await ok(b, 'bundles.history', {});
    const backupsBefore = await ok(b, 'backups.list', {});

    const content = (await exportScope(a, { type: 'all' })).content;
    const preview = await ok(b, 'bundles.preview', { content });
    const entry = await ok(b, 'bundles.apply', { previewId: preview.previewId });
    expect(entry).toMatchObject({
      bundleId: parse(content).bundleId,
      creator: { replicaId: replicaOf(a), name: AMINA.name, organisation: AMINA.organisation },
      createdAt: preview.bundle.createdAt,
      counts: preview.counts,
      undone: false,
    });
    expect(entry.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(entry.counts.contact).toEqual(counts({ unchanged: 1 }));
    const backups = await ok(b, 'backups.list', {});
    const backup = backups.find((x) => x.id === entry.backupId)!;
    expect(backup).toMatchObject({ reason: 'before_import', records: 2 });
    expect(backups).toHaveLength(backupsBefore.length + 1);
    const history = await ok(b, 'bundles.history', {});
    expect(history).toEqual([entry, ...historyBefore]);
    expect(shownOf(b)).not.toBe(shownBefore);

    const undone = await ok(b, 'bundles.undoLast', {});
    expect(undone).toEqual({ entry: { ...entry, undone: true }, kept: [], moreKept: 0 });
    // What a person sees is as before; what the import added is deleted (restorable), not erased.
    expect(shownOf(b)).toBe(shownBefore);
    expect((await ok(b, 'records.get', { id: mine.id })).record.fields.title).toEqual({ en: "Boris's action point" });
    expect((await ok(b, 'records.get', { id: s.nap.id })).record.deleted).toBe(true);
    expect((await ok(b, 'bundles.history', {}))[0]).toEqual(undone.entry);
    // Undone, so the file is no longer "already imported".
    expect((await ok(b, 'bundles.preview', { content })).alreadyImported).toBe(false);

    // The same state after a restart.
    const dir = dataDirOf(b);
    await b.close();
    const reopened = await open(BORIS, dir);
    expect(shownOf(reopened)).toBe(shownBefore);
  });

  it('undoLast with nothing to undo → not_found', async () => {
    const b = await open(BORIS);
    expect((await fails(b, 'bundles.undoLast', {})).code).toBe('not_found');
    expect(await ok(b, 'bundles.history', {})).toEqual([]);
  });
});

describe('atomic commits (RecordStore.commitAtomic and its journal)', () => {
  const REPLICA = 'a1b2c3d4e5f60718';
  function writer(): Writer {
    let counter = 0;
    let t = 1_750_000_000_000;
    return { replica: REPLICA, clock: new HybridClock(() => (t += 1)), nextCounter: () => ++counter, author: 'Test' };
  }
  const contacts = (n: number, w = writer()) =>
    Array.from({ length: n }, (_, i) => createRecord(uuidv7(), 'contact', w, { name: `Contact ${i}` }, mergeAsFor('contact')));
  const sorted = (records: Iterable<SyncRecord>) => JSON.stringify([...records].sort((a, b) => (a.id < b.id ? -1 : 1)));
  const journal = (dir: string) => path.join(dir, 'records.journal');
  const bucketFile = (records: SyncRecord[]) => JSON.stringify({ format: RECORDS_FORMAT, schemaVersion: RECORDS_SCHEMA_VERSION, records });

  it('writes every record of a commit spread over many files, all of them there after a reopen', async () => {
    const dir = tempDir();
    const store = await RecordStore.open(dir);
    const first = contacts(40);
    await store.commit(first);
    const imported = contacts(600);
    expect(new Set(imported.map((r) => bucketOf(r.id))).size).toBeGreaterThan(150);
    await store.commitAtomic(imported);
    expect(fs.existsSync(journal(dir))).toBe(false);
    expect(store.records.size).toBe(640);
    const reopened = await RecordStore.open(dir);
    expect(reopened.notices).toEqual([]);
    expect(sorted(reopened.records.values())).toBe(sorted([...first, ...imported]));
    expect([...reopened.records.values()].every((r) => SyncRecord.safeParse(r).success)).toBe(true);
  });

  it('keeps group commits made while an atomic commit runs', async () => {
    const dir = tempDir();
    const store = await RecordStore.open(dir);
    const imported = contacts(200);
    const typed = contacts(5);
    await Promise.all([store.commitAtomic(imported), store.commit(typed)]);
    await store.flush();
    const reopened = await RecordStore.open(dir);
    expect(sorted(reopened.records.values())).toBe(sorted([...imported, ...typed]));
  });

  /** A store on disk, and the new content of two of its buckets (an import a crash interrupted). */
  async function interrupted() {
    const dir = tempDir();
    const w = writer();
    const store = await RecordStore.open(dir);
    const records = contacts(60, w);
    await store.commit(records);
    await store.flush();
    const x = records[0]!;
    const y = records.find((r) => bucketOf(r.id) !== bucketOf(x.id))!;
    const changedX = { ...x, fields: { ...x.fields, name: [{ ...x.fields.name![0]!, value: 'Changed X' }] } };
    const changedY = { ...y, fields: { ...y.fields, name: [{ ...y.fields.name![0]!, value: 'Changed Y' }] } };
    const members = (bucket: string, changed: SyncRecord) =>
      records.filter((r) => bucketOf(r.id) === bucket).map((r) => (r.id === changed.id ? changed : r));
    fs.mkdirSync(journal(dir));
    fs.writeFileSync(path.join(journal(dir), `${bucketOf(x.id)}.json`), bucketFile(members(bucketOf(x.id), changedX)));
    fs.writeFileSync(path.join(journal(dir), `${bucketOf(y.id)}.json`), bucketFile(members(bucketOf(y.id), changedY)));
    return { dir, records, x, y, changedX, changedY };
  }

  it('rolls a sealed journal forward on open', async () => {
    const { dir, records, x, y, changedX, changedY } = await interrupted();
    fs.writeFileSync(path.join(journal(dir), 'COMPLETE'), '');
    const reopened = await RecordStore.open(dir);
    expect(reopened.notices).toEqual([]);
    expect(fs.existsSync(journal(dir))).toBe(false);
    expect(reopened.get(x.id)!.fields.name![0]!.value).toBe('Changed X');
    expect(reopened.get(y.id)!.fields.name![0]!.value).toBe('Changed Y');
    expect(sorted(reopened.records.values())).toBe(sorted(records.map((r) => (r.id === x.id ? changedX : r.id === y.id ? changedY : r))));
  });

  it('finishes a sealed journal whose moves a crash interrupted half way', async () => {
    const { dir, x, y } = await interrupted();
    fs.writeFileSync(path.join(journal(dir), 'COMPLETE'), '');
    // The crash came after the first file was moved into place.
    fs.renameSync(path.join(journal(dir), `${bucketOf(x.id)}.json`), path.join(dir, 'records', `${bucketOf(x.id)}.json`));
    const reopened = await RecordStore.open(dir);
    expect(reopened.get(x.id)!.fields.name![0]!.value).toBe('Changed X');
    expect(reopened.get(y.id)!.fields.name![0]!.value).toBe('Changed Y');
    expect(fs.existsSync(journal(dir))).toBe(false);
  });

  it('discards an unsealed journal (no COMPLETE): the store is exactly as before', async () => {
    const { dir, records, x } = await interrupted();
    const before = snapshot(dir);
    const reopened = await RecordStore.open(dir);
    expect(reopened.notices).toEqual([]);
    expect(fs.existsSync(journal(dir))).toBe(false);
    expect(snapshot(dir)).toBe(before);
    expect(reopened.get(x.id)!.fields.name![0]!.value).toBe('Contact 0');
    expect(sorted(reopened.records.values())).toBe(sorted(records));
  });
});
