import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OPERATION_NAMES, operations, type OperationName, type RequestOf } from '../../shared/api/contract.js';
import type { ApiError, Envelope } from '../../shared/api/errors.js';
import type { ImportEntry, ImportPreview } from '../../shared/bundle/format.js';
import type { RecordView } from '../../shared/records/codec.js';
import type { SyncStatus } from '../../shared/team/format.js';
import { mergeAsFor } from '../../shared/records/codec.js';
import { HybridClock } from '../../shared/sync/clock.js';
import { mergeRecords, writeFields } from '../../shared/sync/record.js';
import { openCore, type Core } from '../../main/core/index.js';
import { createDispatcher, type Handlers } from '../../main/core/dispatch.js';
import { CoreError } from '../../main/core/errors.js';
import type { SettingsBackendFactory } from '../../main/core/settings.js';

let dir: string;
let logged: unknown[];
let core: Core;

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fpd-dispatch-'));
  logged = [];
  core = await openCore({ dataDir: dir, host: 'electron', systemLocales: ['en'], log: (e) => logged.push(e), chooseFolder: () => Promise.resolve(null) });
});

afterEach(async () => {
  // The workspace flushes pending writes on close: close before the folder goes.
  await core.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const settingsBytes = () => fs.readFileSync(path.join(dir, 'settings.json'));

const VALID_PROFILE = { name: 'Li Wei', organisation: '', country: 'CN', role: 'civil_society' } as const;

type ValidRequests = { [K in OperationName]: RequestOf<K> };

/** A successful envelope's value, or the test fails with the error. */
async function valueOf<T>(envelope: Promise<Envelope<unknown>>): Promise<T> {
  const settled = await envelope;
  if (!settled.ok) throw new Error(`expected ok, got ${JSON.stringify(settled.error)}`);
  return settled.value as T;
}

const createRecord = (request: RequestOf<'records.create'>) => valueOf<RecordView>(core.dispatch('records.create', request));

/**
 * Gives a record an open conflict on `status`, as a bundle from another installation would: this
 * core and replica 'bbbb…' each set the status without seeing the other's edit.
 */
async function withStatusConflict(id: string): Promise<void> {
  const workspace = core.workspace!;
  const base = workspace.store.get(id)!;
  await valueOf(core.dispatch('records.update', { id, fields: { status: 'drafting' } }));
  let counter = 0;
  const elsewhere = writeFields(
    base,
    { replica: 'bbbbbbbbbbbbbbbb', clock: new HybridClock(), nextCounter: () => ++counter, author: 'Elsewhere' },
    { status: 'consultation' },
    { mergeAs: mergeAsFor('nap') },
  );
  await workspace.store.commit([mergeRecords(workspace.store.get(id)!, elsewhere)]);
  const { record } = await valueOf<{ record: RecordView }>(core.dispatch('records.get', { id }));
  expect(record.conflicts.map((c) => c.field)).toEqual(['status']);
}

const teamStatus: SyncStatus = { folder: null, encrypted: false, state: 'off', lastSync: null, lastChange: null, members: [], problems: [] };

/**
 * One valid request per operation; the type makes it fail to compile when one is missing.
 * Operations on records need records that exist: they are made here, through the API.
 */
async function validRequests(): Promise<ValidRequests> {
  const nap = await createRecord({ kind: 'nap', fields: { title: { en: 'NAP' } } });
  const first = await createRecord({ kind: 'nap.objective', parentId: nap.id, fields: { title: { en: 'First' } } });
  const second = await createRecord({ kind: 'nap.objective', parentId: nap.id, fields: { title: { en: 'Second' } } });
  const doomed = await createRecord({ kind: 'nap', fields: { title: { en: 'To delete' } } });
  const deleted = await createRecord({ kind: 'nap', fields: { title: { en: 'Deleted' } } });
  await valueOf(core.dispatch('records.delete', { id: deleted.id }));
  const conflicted = await createRecord({ kind: 'nap', fields: { title: { en: 'Conflicted' } } });
  const meeting = await createRecord({
    kind: 'meeting',
    fields: { title: { en: 'IEG' }, type: 'informal_expert_group', start: '2026-03-16T10:00:00+01:00', timeZone: 'Europe/Paris' },
  });
  await withStatusConflict(conflicted.id);
  // Last, so it holds every record above whatever order the operations run in.
  const backup = await valueOf<{ id: string }>(core.dispatch('backups.create', {}));
  // A bundle of this workspace, previewed: what bundles.apply needs.
  const exported = await valueOf<{ content: string }>(core.dispatch('bundles.export', { scope: { type: 'all' } }));
  const preview = await valueOf<ImportPreview>(core.dispatch('bundles.preview', { content: exported.content }));

  return {
    'app.info': {},
    'settings.get': {},
    'settings.set': { theme: 'dark' },
    'profile.get': {},
    'profile.set': VALID_PROFILE,
    'records.create': { kind: 'nap', fields: { title: { en: 'NAP' } } },
    'records.update': { id: nap.id, fields: { status: 'adopted' } },
    'records.updateMany': { items: [{ id: first.id, fields: { pillar: 'protection' } }] },
    'records.delete': { id: doomed.id },
    'records.restore': { id: deleted.id },
    'records.move': { id: first.id, parentId: nap.id, after: second.id },
    'records.get': { id: nap.id, children: true },
    'records.query': { kind: 'nap' },
    'records.history': { id: nap.id, field: 'title@en' },
    'naps.snapshot': { napId: nap.id, name: 'Draft 1' },
    'naps.duplicate': { id: nap.id },
    'meetings.applyTemplate': { meetingId: meeting.id },
    'meetings.reschedule': { meetingId: meeting.id, apply: false },
    'actions.summary': { today: '2026-03-16' },
    'conflicts.list': {},
    'conflicts.resolve': { id: conflicted.id, field: 'status', choice: { value: 'adopted' } },
    'backups.list': {},
    'backups.create': {},
    'backups.restore': { id: backup.id },
    'bundles.export': { scope: { type: 'all' } },
    'bundles.preview': { content: exported.content, language: 'fr' },
    // Only the newest preview can be applied: the loop below previews again just before this,
    // and hands apply that preview's id (the one made here stays valid until then).
    'bundles.apply': { previewId: preview.previewId },
    'bundles.history': {},
    // Runs after bundles.apply, in OPERATION_NAMES order: it undoes that import.
    'bundles.undoLast': {},
    'documents.export': { type: 'nap', id: nap.id, format: 'html', language: 'en' },
    search: { text: 'NAP', kinds: ['nap'], locale: 'fr' },
    'search.match': { text: 'NAP', kind: 'nap' },
    // A team folder of its own beside the data folder (never inside it: refused).
    'sync.configure': { folder: fs.mkdtempSync(path.join(os.tmpdir(), 'fpd-dispatch-team-')) },
    'sync.now': {},
    'sync.status': {},
    'sync.chooseFolder': {},
  };
}

function expectError(envelope: Envelope<unknown>): ApiError {
  expect(envelope.ok).toBe(false);
  if (envelope.ok) throw new Error('expected an error envelope');
  return envelope.error;
}

/** Handlers that answer correctly, for tests of createDispatcher alone. */
function fakeHandlers(overrides: Partial<Handlers> = {}): Handlers {
  const settings = { language: 'en', theme: 'system', profile: null, reminders: true } as const;
  const record: RecordView = {
    id: '0190a6e4-0000-7000-8000-000000000000',
    kind: 'nap',
    parentId: null,
    order: null,
    fields: {},
    deleted: false,
    created: { at: 0, by: '' },
    updated: { at: 0, by: '' },
    conflicts: [],
  };
  const backup = { id: 'b', reason: 'manual', createdAt: '2025-01-01T00:00:00.000Z', records: 0, bytes: 0 } as const;
  const creator = { replicaId: '0123456789abcdef', name: 'Li Wei', organisation: '' };
  const preview: ImportPreview = {
    previewId: 'p',
    bundle: {
      bundleId: '0190a6e4-0000-7000-8000-000000000000',
      creator,
      createdAt: '2025-01-01T00:00:00.000Z',
      appVersion: '0',
      scope: { type: 'all' },
      note: '',
      recordCount: 0,
      encrypted: false,
    },
    alreadyImported: false,
    counts: {},
    items: [],
    moreItems: 0,
  };
  const entry: ImportEntry = {
    bundleId: '0190a6e4-0000-7000-8000-000000000000',
    creator,
    createdAt: '2025-01-01T00:00:00.000Z',
    importedAt: '2025-01-01T00:00:01.000Z',
    counts: {},
    backupId: 'b',
    undone: false,
  };
  return {
    'app.info': () => ({
      productName: 'x',
      version: '0',
      host: 'browser',
      platform: 'test',
      dataDir: '/d',
      systemLanguage: null,
      notices: [],
    }),
    'settings.get': () => settings,
    'settings.set': () => settings,
    'profile.get': () => null,
    'profile.set': () => settings,
    'records.create': () => record,
    'records.update': () => record,
    'records.updateMany': () => ({ updated: 1 }),
    'records.delete': () => record,
    'records.restore': () => record,
    'records.move': () => record,
    'records.get': () => ({ record, children: [] }),
    'records.query': () => ({ total: 0, records: [] }),
    'records.history': () => [],
    'naps.snapshot': () => record,
    'naps.duplicate': () => record,
    'meetings.applyTemplate': () => ({ created: [record] }),
    'meetings.reschedule': () => ({ changes: [] }),
    'actions.summary': () => ({
      total: 0,
      byStatus: { open: 0, in_progress: 0, done: 0, blocked: 0, cancelled: 0 },
      overdue: { count: 0, items: [] },
      dueToday: 0,
      dueThisWeek: { count: 0, items: [] },
    }),
    'conflicts.list': () => [],
    'conflicts.resolve': () => record,
    'backups.list': () => [],
    'backups.create': () => backup,
    'backups.restore': () => ({ records: 0 }),
    'bundles.export': () => ({ fileName: 'workspace-2025-01-01.fpbundle', content: '{}', records: 0 }),
    'bundles.preview': () => preview,
    'bundles.apply': () => entry,
    'bundles.history': () => [entry],
    'bundles.undoLast': () => ({ entry: { ...entry, undone: true }, kept: [], moreKept: 0 }),
    'documents.export': () => ({ fileName: 'x.html', mime: 'text/html', bytes: '' }),
    search: () => ({ total: 0, hits: [], terms: [] }),
    'search.match': () => ({ ids: [] }),
    'sync.configure': () => teamStatus,
    'sync.now': () => ({ status: teamStatus, wrote: 0, read: 0, changed: 0, published: 0 }),
    'sync.status': () => teamStatus,
    'sync.chooseFolder': () => ({ folder: null }),
    ...overrides,
  };
}

describe('the fake handlers', () => {
  it('answer every operation in the shape of its contract', async () => {
    const handlers = fakeHandlers() as Record<OperationName, (request: unknown) => unknown>;
    for (const name of OPERATION_NAMES) {
      expect(operations[name].response.safeParse(await handlers[name]({})).success, name).toBe(true);
    }
  });
});

describe('unknown operations', () => {
  const names = ['nope', 'settings.delete', '', 'constructor', 'toString', 'hasOwnProperty', ['__', 'proto', '__'].join('')];

  it.each(names)('core.dispatch(%j) → unknown_operation', async (name) => {
    const error = expectError(await core.dispatch(name, {}));
    expect(error.code).toBe('unknown_operation');
  });

  it('createDispatcher refuses an unknown or non-string name without calling a handler', async () => {
    let called = 0;
    const count = () => {
      called++;
      return null;
    };
    const dispatch = createDispatcher(fakeHandlers({ 'profile.get': count }));
    expect(expectError(await dispatch('profile.gets', {})).code).toBe('unknown_operation');
    expect(expectError(await dispatch(42 as unknown as string, {})).code).toBe('unknown_operation');
    expect(called).toBe(0);
  });
});

describe('requests of the wrong shape', () => {
  const wrong: [string, OperationName, unknown][] = [
    ['an invalid theme', 'settings.set', { theme: 'purple' }],
    ['a language that is not a string', 'settings.set', { language: 42 }],
    ['a language outside the six', 'settings.set', { language: 'de' }],
    ['an extra unknown key', 'settings.set', { theme: 'dark', admin: true }],
    ['a JSON "__proto__" key', 'settings.set', JSON.parse('{"__proto__":{"x":1}}')],
    ['a JSON "__proto__" key smuggling a valid field', 'settings.set', JSON.parse('{"__proto__":{"theme":"dark"}}')],
    ['an array', 'settings.set', ['dark']],
    ['null', 'settings.set', null],
    ['a string', 'settings.set', 'dark'],
    ['no request at all', 'settings.set', undefined],
    ['an extra key on an empty request', 'app.info', { x: 1 }],
    ['a profile without a role', 'profile.set', { name: 'A', organisation: '', country: '' }],
    ['a profile with an unknown country', 'profile.set', { ...VALID_PROFILE, country: 'XX' }],
    ['a profile with an extra key', 'profile.set', { ...VALID_PROFILE, admin: true }],
    ['a record of an unknown kind', 'records.create', { kind: 'spaceship', fields: {} }],
    ['a record with a field its kind does not have', 'records.create', { kind: 'nap', fields: { colour: 'red' } }],
    ['a record id that is not a UUIDv7', 'records.update', { id: 'not-an-id', fields: {} }],
    ['a move without `after`', 'records.move', { id: '0190a6e4-0000-7000-8000-000000000000' }],
    ['a history of a malformed field key', 'records.history', { id: '0190a6e4-0000-7000-8000-000000000000', field: 'Title@xx' }],
    ['a backup id that climbs out of the folder', 'backups.restore', { id: '../settings' }],
  ];

  it.each(wrong)('%s → invalid_request with issues, nothing written', async (_label, name, request) => {
    const before = settingsBytes();
    const seen: unknown[] = [];
    core.events.subscribe((...args) => seen.push(args));

    const error = expectError(await core.dispatch(name, request));
    expect(error.code).toBe('invalid_request');
    expect(error.issues?.length).toBeGreaterThan(0);
    for (const issue of error.issues ?? []) {
      expect(Array.isArray(issue.path)).toBe(true);
      expect(typeof issue.message).toBe('string');
    }

    expect(settingsBytes().equals(before)).toBe(true);
    expect(core.settings.public()).toEqual({ language: 'en', theme: 'system', profile: null, reminders: true });
    expect(seen).toEqual([]);
    expect(logged).toEqual([]);
  });

  it('points the issue at the offending field', async () => {
    const error = expectError(await core.dispatch('settings.set', { language: 42 }));
    expect(error.issues?.map((i) => i.path)).toEqual([['language']]);
  });

  it('a profile with an empty name → the i18n key errors:validation.required', async () => {
    const before = settingsBytes();
    const error = expectError(await core.dispatch('profile.set', { ...VALID_PROFILE, name: '' }));
    expect(error.code).toBe('invalid_request');
    expect(error.issues).toEqual([{ path: ['name'], message: 'errors:validation.required' }]);
    expect(settingsBytes().equals(before)).toBe(true);
  });

  it('a profile name of only spaces counts as empty', async () => {
    const error = expectError(await core.dispatch('profile.set', { ...VALID_PROFILE, name: '   ' }));
    expect(error.issues).toEqual([{ path: ['name'], message: 'errors:validation.required' }]);
  });

  it('a profile name of 201 characters → errors:validation.too_long; 200 is accepted', async () => {
    const before = settingsBytes();
    const error = expectError(await core.dispatch('profile.set', { ...VALID_PROFILE, name: 'n'.repeat(201) }));
    expect(error.code).toBe('invalid_request');
    expect(error.issues).toEqual([{ path: ['name'], message: 'errors:validation.too_long' }]);
    expect(settingsBytes().equals(before)).toBe(true);

    const ok = await core.dispatch('profile.set', { ...VALID_PROFILE, name: 'n'.repeat(200) });
    expect(ok.ok).toBe(true);
  });

  it('createDispatcher validates before calling the handler, and hands it the parsed request', async () => {
    const received: unknown[] = [];
    const dispatch = createDispatcher(
      fakeHandlers({
        'profile.set': (profile) => {
          received.push(profile);
          return { language: 'en', theme: 'system', profile, reminders: true };
        },
      }),
    );
    expect(expectError(await dispatch('profile.set', { ...VALID_PROFILE, name: '' })).code).toBe('invalid_request');
    expect(received).toEqual([]);
    await dispatch('profile.set', { ...VALID_PROFILE, name: '  Li Wei ' });
    expect(received).toEqual([VALID_PROFILE]);
  });
});

describe('failures inside a handler', () => {
  it('a plain Error → internal, logged through `log`, not thrown', async () => {
    const boom = new Error('disk on fire');
    const log: unknown[] = [];
    const dispatch = createDispatcher(
      fakeHandlers({
        'settings.get': () => {
          throw boom;
        },
      }),
      (e) => log.push(e),
    );
    const envelope = await dispatch('settings.get', {});
    const error = expectError(envelope);
    expect(error.code).toBe('internal');
    // The details stay in the log, not on the wire.
    expect(error.message).not.toContain('disk on fire');
    expect(log).toEqual([boom]);
  });

  it('a rejected promise → internal, logged', async () => {
    const log: unknown[] = [];
    const dispatch = createDispatcher(
      fakeHandlers({ 'profile.get': () => Promise.reject(new Error('async boom')) }),
      (e) => log.push(e),
    );
    expect(expectError(await dispatch('profile.get', {})).code).toBe('internal');
    expect(log).toHaveLength(1);
  });

  it('a CoreError with a bundle problem → that problem in the error envelope', async () => {
    const dispatch = createDispatcher(
      fakeHandlers({
        'bundles.preview': () => {
          throw new CoreError('invalid_request', 'bundle refused', undefined, { code: 'too_new', version: 2 });
        },
      }),
    );
    expect(expectError(await dispatch('bundles.preview', { content: '{}' }))).toEqual({
      code: 'invalid_request',
      message: 'bundle refused',
      bundle: { code: 'too_new', version: 2 },
    });
  });

  it("CoreError('unavailable') → that code and message, not logged", async () => {
    const log: unknown[] = [];
    const dispatch = createDispatcher(
      fakeHandlers({
        'app.info': () => {
          throw new CoreError('unavailable', 'store is closing');
        },
      }),
      (e) => log.push(e),
    );
    expect(expectError(await dispatch('app.info', {}))).toEqual({ code: 'unavailable', message: 'store is closing' });
    expect(log).toEqual([]);
  });

  it('a response that does not match the contract → internal, logged', async () => {
    const log: unknown[] = [];
    const dispatch = createDispatcher(
      fakeHandlers({ 'settings.get': () => ({ language: 'xx' }) as never }),
      (e) => log.push(e),
    );
    expect(expectError(await dispatch('settings.get', {})).code).toBe('internal');
    expect(log).toHaveLength(1);
  });

  it('through openCore: a failing settings store → internal, logged via the `log` option', async () => {
    const failingBackend: SettingsBackendFactory = (options) => {
      const store: Record<string, unknown> = { ...options.defaults };
      return {
        path: path.join(options.cwd, 'settings.json'),
        get store() {
          return store;
        },
        set store(_next: Record<string, unknown>) {
          throw new Error('EACCES: permission denied');
        },
      };
    };
    const log: unknown[] = [];
    const failing = await openCore({
      dataDir: dir,
      host: 'browser',
      systemLocales: ['en'],
      settingsBackend: failingBackend,
      log: (e) => log.push(e),
    });
    try {
      const seen: unknown[] = [];
      failing.events.subscribe((...args) => seen.push(args));

      const error = expectError(await failing.dispatch('settings.set', { theme: 'dark' }));
      expect(error.code).toBe('internal');
      expect(log).toHaveLength(1);
      expect(String(log[0])).toContain('EACCES');
      // No event announces a change that did not happen.
      expect(seen).toEqual([]);
      expect(failing.settings.public().theme).toBe('system');
    } finally {
      await failing.close();
    }
  });
});

describe('the operations the core handles', () => {
  it('are exactly OPERATION_NAMES, each answering a valid request', async () => {
    const valid = await validRequests();
    expect(Object.keys(valid).sort()).toEqual([...OPERATION_NAMES].sort());
    for (const name of OPERATION_NAMES) {
      const envelope = await core.dispatch(name, valid[name]);
      expect(envelope, name).toMatchObject({ ok: true });
      // A new preview replaces the one made in validRequests: apply the newest, as the UI does.
      if (name === 'bundles.preview' && envelope.ok) valid['bundles.apply'] = { previewId: (envelope.value as ImportPreview).previewId };
    }
    expect(logged).toEqual([]);
  });

  it('bundles.apply of a preview that a newer preview replaced → not_found, nothing applied', async () => {
    const { content } = await valueOf<{ content: string }>(core.dispatch('bundles.export', { scope: { type: 'all' } }));
    const first = await valueOf<ImportPreview>(core.dispatch('bundles.preview', { content }));
    await valueOf(core.dispatch('bundles.preview', { content }));
    expect(expectError(await core.dispatch('bundles.apply', { previewId: first.previewId })).code).toBe('not_found');
    expect(await valueOf(core.dispatch('bundles.history', {}))).toEqual([]);
    expect(expectError(await core.dispatch('bundles.undoLast', {})).code).toBe('not_found');
    expect(logged).toEqual([]);
  });

  it('bundles.preview of a damaged bundle → invalid_request with the bundle problem on the wire', async () => {
    const error = expectError(await core.dispatch('bundles.preview', { content: 'hello' }));
    expect(error).toMatchObject({ code: 'invalid_request', bundle: { code: 'not_json' } });
    expect(logged).toEqual([]);
  });

  it('conflicts.resolve on a field without an open conflict → not_found', async () => {
    const nap = await createRecord({ kind: 'nap', fields: { title: { en: 'NAP' } } });
    const error = expectError(
      await core.dispatch('conflicts.resolve', { id: nap.id, field: 'status', choice: { value: 'adopted' } }),
    );
    expect(error.code).toBe('not_found');
    expect(logged).toEqual([]);
  });

  it('app.info describes this core', async () => {
    const envelope = await core.dispatch('app.info', {});
    expect(envelope).toMatchObject({
      ok: true,
      value: { host: 'electron', dataDir: dir, systemLanguage: 'en', notices: [] },
    });
  });

  it('a valid settings.set writes to disk', async () => {
    const before = settingsBytes();
    await core.dispatch('settings.set', { theme: 'dark' });
    expect(settingsBytes().equals(before)).toBe(false);
  });

  // SettingsPatch accepts an optional key present with the value undefined (zod's .optional()),
  // which IPC's structured clone delivers as is: it must change nothing, not fail the whole patch.
  it('settings.set ignores an optional key that is present but undefined', async () => {
    const envelope = await core.dispatch('settings.set', { language: undefined, theme: 'dark' });
    expect(envelope).toEqual({ ok: true, value: { language: 'en', theme: 'dark', profile: null, reminders: true } });
  });
});
