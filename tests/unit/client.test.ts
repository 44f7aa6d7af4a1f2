import { describe, expect, it } from 'vitest';
import { createApiClient, type Transport } from '../../shared/api/client.js';
import type { EventName, OperationName, RequestOf } from '../../shared/api/contract.js';
import { ApiCallError, type Envelope } from '../../shared/api/errors.js';

const SETTINGS = { language: 'en', theme: 'dark', profile: null, reminders: true } as const;

/** A transport that records calls, answers from a queue, and lets the test push events. */
function fakeTransport(answer: (name: OperationName, request: unknown) => Envelope<unknown>) {
  const calls: [OperationName, unknown][] = [];
  const listeners = new Set<(name: EventName, payload: unknown) => void>();
  const transport: Transport = {
    async call(name, request) {
      calls.push([name, request]);
      return answer(name, request);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  const push = (name: EventName, payload: unknown) => listeners.forEach((l) => l(name, payload));
  return { transport, calls, push, listeners };
}

async function rejection(promise: Promise<unknown>): Promise<ApiCallError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(ApiCallError);
    return error as ApiCallError;
  }
  throw new Error('expected the call to be rejected');
}

describe('createApiClient: call', () => {
  it('sends a valid request (after parsing) and returns the parsed value', async () => {
    const fake = fakeTransport(() => ({ ok: true, value: SETTINGS }));
    const client = createApiClient(fake.transport);
    await expect(client.call('settings.set', { theme: 'dark' })).resolves.toEqual(SETTINGS);
    expect(fake.calls).toEqual([['settings.set', { theme: 'dark' }]]);

    const profile = { name: '  Ana ', organisation: '', country: 'MX', role: 'drafting_team' } as const;
    await client.call('profile.set', profile);
    // Trimmed by the shared schema before it leaves.
    expect(fake.calls[1]).toEqual(['profile.set', { ...profile, name: 'Ana' }]);
  });

  it('rejects a request that fails its schema with invalid_request, without calling the transport', async () => {
    const fake = fakeTransport(() => ({ ok: true, value: SETTINGS }));
    const client = createApiClient(fake.transport);

    const error = await rejection(
      client.call('settings.set', { theme: 'purple' } as unknown as RequestOf<'settings.set'>),
    );
    expect(error.code).toBe('invalid_request');
    expect(error.issues.map((i) => i.path)).toEqual([['theme']]);

    const empty = await rejection(
      client.call('profile.set', { name: '', organisation: '', country: '', role: 'civil_society' }),
    );
    expect(empty.code).toBe('invalid_request');
    expect(empty.issues).toEqual([{ path: ['name'], message: 'errors:validation.required' }]);

    expect(fake.calls).toEqual([]);
  });

  it('turns an error envelope into an ApiCallError with the same code, message and issues', async () => {
    const issues = [{ path: ['profile', 'name'], message: 'errors:validation.too_long' }];
    const fake = fakeTransport(() => ({
      ok: false,
      error: { code: 'invalid_request', message: 'refused by the core', issues },
    }));
    const error = await rejection(createApiClient(fake.transport).call('settings.get', {}));
    expect(error.code).toBe('invalid_request');
    expect(error.message).toBe('refused by the core');
    expect(error.issues).toEqual(issues);
    expect(error.name).toBe('ApiCallError');
  });

  it('keeps other error codes and gives an empty issue list when there is none', async () => {
    const fake = fakeTransport(() => ({ ok: false, error: { code: 'unavailable', message: 'closing' } }));
    const error = await rejection(createApiClient(fake.transport).call('app.info', {}));
    expect(error.code).toBe('unavailable');
    expect(error.issues).toEqual([]);
  });

  it.each([
    ['a wrong field', { language: 'xx', theme: 'dark', profile: null }],
    ['a missing field', { language: 'en', theme: 'dark' }],
    ['no value', undefined],
    ['a string', 'ok'],
  ])('turns a response with %s into ApiCallError internal', async (_label, value) => {
    const fake = fakeTransport(() => ({ ok: true, value }));
    const error = await rejection(createApiClient(fake.transport).call('settings.get', {}));
    expect(error.code).toBe('internal');
    expect(fake.calls).toHaveLength(1);
  });

  it('checks each response against its own operation (profile.get may be null)', async () => {
    const fake = fakeTransport(() => ({ ok: true, value: null }));
    const client = createApiClient(fake.transport);
    await expect(client.call('profile.get', {})).resolves.toBeNull();
    expect((await rejection(client.call('settings.get', {}))).code).toBe('internal');
  });
});

describe('createApiClient: on', () => {
  it('delivers only valid payloads of the named event', () => {
    const fake = fakeTransport(() => ({ ok: true, value: null }));
    const client = createApiClient(fake.transport);
    const settings: unknown[] = [];
    const pages: unknown[] = [];
    client.on('settings.changed', (payload) => settings.push(payload));
    client.on('navigate', (payload) => pages.push(payload));

    fake.push('navigate', { page: 'naps' });
    fake.push('settings.changed', { language: 'xx', theme: 'dark', profile: null }); // invalid
    fake.push('settings.changed', { page: 'naps' }); // another event's payload
    fake.push('navigate', { page: 'nowhere' }); // invalid page
    fake.push('settings.changed', SETTINGS);
    fake.push('unknown.event' as EventName, SETTINGS);

    expect(settings).toEqual([SETTINGS]);
    expect(pages).toEqual([{ page: 'naps' }]);
  });

  it('returns an unsubscribe function', () => {
    const fake = fakeTransport(() => ({ ok: true, value: null }));
    const client = createApiClient(fake.transport);
    const seen: unknown[] = [];
    const off = client.on('navigate', (payload) => seen.push(payload));
    fake.push('navigate', { page: 'settings' });
    off();
    fake.push('navigate', { page: 'dashboard' });
    expect(seen).toEqual([{ page: 'settings' }]);
    expect(fake.listeners.size).toBe(0);
  });
});
