import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OPERATION_NAMES, type OperationName, type RequestOf } from '../../shared/api/contract.js';
import type { ApiError, Envelope } from '../../shared/api/errors.js';
import { createCore, type Core } from '../../main/core/index.js';
import { CoreError, createDispatcher, type Handlers } from '../../main/core/dispatch.js';
import type { SettingsBackendFactory } from '../../main/core/settings.js';

let dir: string;
let logged: unknown[];
let core: Core;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fpd-dispatch-'));
  logged = [];
  core = createCore({ dataDir: dir, host: 'electron', systemLocales: ['en'], log: (e) => logged.push(e) });
});

afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

const settingsBytes = () => fs.readFileSync(path.join(dir, 'settings.json'));

const VALID_PROFILE = { name: 'Li Wei', organisation: '', country: 'CN', role: 'civil_society' } as const;

/** One valid request per operation; the type makes it fail to compile when one is missing. */
const VALID_REQUESTS: { [K in OperationName]: RequestOf<K> } = {
  'app.info': {},
  'settings.get': {},
  'settings.set': { theme: 'dark' },
  'profile.get': {},
  'profile.set': VALID_PROFILE,
};

function expectError(envelope: Envelope<unknown>): ApiError {
  expect(envelope.ok).toBe(false);
  if (envelope.ok) throw new Error('expected an error envelope');
  return envelope.error;
}

/** Handlers that answer correctly, for tests of createDispatcher alone. */
function fakeHandlers(overrides: Partial<Handlers> = {}): Handlers {
  const settings = { language: 'en', theme: 'system', profile: null } as const;
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
    ...overrides,
  };
}

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
    expect(core.settings.public()).toEqual({ language: 'en', theme: 'system', profile: null });
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
          return { language: 'en', theme: 'system', profile };
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

  it('through createCore: a failing settings store → internal, logged via the `log` option', async () => {
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
    const failing = createCore({
      dataDir: dir,
      host: 'browser',
      systemLocales: ['en'],
      settingsBackend: failingBackend,
      log: (e) => log.push(e),
    });
    const seen: unknown[] = [];
    failing.events.subscribe((...args) => seen.push(args));

    const error = expectError(await failing.dispatch('settings.set', { theme: 'dark' }));
    expect(error.code).toBe('internal');
    expect(log).toHaveLength(1);
    expect(String(log[0])).toContain('EACCES');
    // No event announces a change that did not happen.
    expect(seen).toEqual([]);
    expect(failing.settings.public().theme).toBe('system');
  });
});

describe('the operations the core handles', () => {
  it('are exactly OPERATION_NAMES, each answering a valid request', async () => {
    expect(Object.keys(VALID_REQUESTS).sort()).toEqual([...OPERATION_NAMES].sort());
    for (const name of OPERATION_NAMES) {
      const envelope = await core.dispatch(name, VALID_REQUESTS[name]);
      expect(envelope, name).toMatchObject({ ok: true });
    }
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
    expect(envelope).toEqual({ ok: true, value: { language: 'en', theme: 'dark', profile: null } });
  });
});
