import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../main/core/index.js';
import { CONTENT_SECURITY_POLICY } from '../../main/core/csp.js';
import { MAX_REQUEST_BYTES, startHostServer, type HostServer } from '../../main/host/server.js';

const INDEX_HTML = '<!doctype html><html><body><div id="root"></div><script src="/assets/app.js"></script></body></html>';
const APP_JS = 'console.log("app");';
const SECRET = '{"secret":"outside the static folder"}';
const DEFAULTS = { language: 'en', theme: 'system', profile: null, reminders: true };

let tmp: string;
let core: Core;
let server: HostServer;
let settingsFile: string;
let settingsBefore: Buffer;

beforeEach(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'fpd-host-'));
  const staticDir = path.join(tmp, 'static');
  fs.mkdirSync(path.join(staticDir, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(staticDir, 'index.html'), INDEX_HTML);
  fs.writeFileSync(path.join(staticDir, 'assets', 'app.js'), APP_JS);
  // Files a traversal would reach: next to the static folder, and in a sibling sharing its prefix.
  fs.writeFileSync(path.join(tmp, 'package.json'), SECRET);
  fs.mkdirSync(path.join(tmp, 'static-private'));
  fs.writeFileSync(path.join(tmp, 'static-private', 'secret.txt'), SECRET);

  const dataDir = path.join(tmp, 'data');
  core = await openCore({ dataDir, host: 'browser', systemLocales: ['en'], log: () => {} });
  server = await startHostServer({ core, staticDir, port: 0 });
  settingsFile = path.join(dataDir, 'settings.json');
  settingsBefore = fs.readFileSync(settingsFile);
});

afterEach(async () => {
  await server.close();
  // The workspace flushes pending writes on close: close before the folder goes.
  await core.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

const api = (name: string) => `${server.url}api/${name}`;
const auth = () => ({ Authorization: `Bearer ${server.token}` });
const json = { 'Content-Type': 'application/json' };

/** POST an operation with the token, JSON body and whatever headers the test adds or overrides. */
function post(name: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(api(name), {
    method: 'POST',
    headers: { ...auth(), ...json, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

async function errorOf(res: Response) {
  const body = (await res.json()) as { ok: boolean; error: { code: string; issues?: unknown[] } };
  expect(body.ok).toBe(false);
  return body.error;
}

/** A refused request must not have touched the settings, on disk or in the core. */
function expectSettingsUnchanged() {
  expect(fs.readFileSync(settingsFile).equals(settingsBefore)).toBe(true);
  expect(core.settings.public()).toEqual(DEFAULTS);
}

/** A raw request, for what fetch will not send (a foreign Host, an un-normalised path). */
function rawRequest(
  options: { path: string; method?: string; headers?: Record<string, string> },
  body?: string,
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port: server.port, method: options.method ?? 'GET', path: options.path, headers: options.headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('the API', () => {
  it('answers a valid POST with the token: 200 and an ok envelope', async () => {
    const res = await post('app.info', {});
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = (await res.json()) as { ok: boolean; value: { host: string; notices: unknown[] } };
    expect(body.ok).toBe(true);
    expect(body.value).toMatchObject({ host: 'browser', notices: [] });
  });

  it('carries out a valid settings.set', async () => {
    const res = await post('settings.set', { theme: 'dark' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, value: { ...DEFAULTS, theme: 'dark' } });
    expect(core.settings.public().theme).toBe('dark');
  });

  it('refuses a request without the token: 401 unauthorized', async () => {
    const res = await fetch(api('settings.set'), { method: 'POST', headers: json, body: '{"theme":"dark"}' });
    expect(res.status).toBe(401);
    expect((await errorOf(res)).code).toBe('unauthorized');
    expectSettingsUnchanged();
  });

  it.each([
    ['a wrong token', () => 'Bearer not-the-token'],
    ['the token with one character changed', () => `Bearer ${server.token.slice(0, -1)}${server.token.endsWith('A') ? 'B' : 'A'}`],
    ['a longer token', () => `Bearer ${server.token}x`],
    ['the token without "Bearer"', () => server.token],
    ['an empty bearer', () => 'Bearer '],
  ])('refuses %s: 401', async (_label, header) => {
    const res = await post('settings.set', { theme: 'dark' }, { Authorization: header() });
    expect(res.status).toBe(401);
    expect((await errorOf(res)).code).toBe('unauthorized');
    expectSettingsUnchanged();
  });

  it('refuses a foreign Origin: 403 forbidden, even with the token', async () => {
    const res = await post('settings.set', { theme: 'dark' }, { Origin: 'http://evil.example' });
    expect(res.status).toBe(403);
    expect((await errorOf(res)).code).toBe('forbidden');
    expectSettingsUnchanged();
  });

  it('refuses an Origin on another port of 127.0.0.1', async () => {
    const res = await post('settings.set', { theme: 'dark' }, { Origin: `http://127.0.0.1:${server.port + 1}` });
    expect(res.status).toBe(403);
    expectSettingsUnchanged();
  });

  it('accepts its own Origin (127.0.0.1 and localhost)', async () => {
    const res = await post('app.info', {}, { Origin: `http://127.0.0.1:${server.port}` });
    expect(res.status).toBe(200);
    const local = await post('app.info', {}, { Origin: `http://localhost:${server.port}` });
    expect(local.status).toBe(200);
  });

  it('refuses a foreign Host header (DNS rebinding): 403', async () => {
    const res = await rawRequest(
      { path: '/api/settings.set', method: 'POST', headers: { ...auth(), ...json, Host: 'evil.example' } },
      '{"theme":"dark"}',
    );
    expect(res.status).toBe(403);
    expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expectSettingsUnchanged();
  });

  it('refuses a foreign Host for static files too, and accepts localhost:<port>', async () => {
    const foreign = await rawRequest({ path: '/', headers: { Host: `evil.example:${server.port}` } });
    expect(foreign.status).toBe(403);
    expect(foreign.body).not.toContain('id="root"');
    const local = await rawRequest({ path: '/', headers: { Host: `localhost:${server.port}` } });
    expect(local.status).toBe(200);
  });

  it('refuses a body that is not JSON: 400 invalid_request', async () => {
    const res = await post('settings.set', '{"theme":"dark"');
    expect(res.status).toBe(400);
    expect((await errorOf(res)).code).toBe('invalid_request');
    expectSettingsUnchanged();
  });

  it('refuses a body that is not application/json: 400', async () => {
    const res = await post('settings.set', '{"theme":"dark"}', { 'Content-Type': 'text/plain' });
    expect(res.status).toBe(400);
    expect((await errorOf(res)).code).toBe('invalid_request');
    expectSettingsUnchanged();
  });

  it('refuses a request of the wrong shape: 400 with issues', async () => {
    const res = await post('settings.set', { theme: 'purple' });
    expect(res.status).toBe(400);
    const error = await errorOf(res);
    expect(error.code).toBe('invalid_request');
    expect(error.issues).toEqual([{ path: ['theme'], message: expect.any(String) }]);
    expectSettingsUnchanged();
  });

  it('refuses an unknown operation: 404 unknown_operation', async () => {
    const res = await post('settings.delete', {});
    expect(res.status).toBe(404);
    expect((await errorOf(res)).code).toBe('unknown_operation');
    expectSettingsUnchanged();
  });

  it('refuses a body over 1 MiB: 413 too_large', async () => {
    const res = await post('settings.set', 'x'.repeat(MAX_REQUEST_BYTES + 1));
    expect(res.status).toBe(413);
    expect((await errorOf(res)).code).toBe('too_large');
    expectSettingsUnchanged();
  });

  it('answers 413 to a body of several MiB every time (read to its end, never a reset)', async () => {
    for (let i = 0; i < 10; i++) {
      const res = await post('settings.set', 'x'.repeat(4 * MAX_REQUEST_BYTES));
      expect(res.status).toBe(413);
    }
    expectSettingsUnchanged();
  });

  it('answers a malformed operation name with unknown_operation, not a crash', async () => {
    const res = await post('%E0%A4%A', {});
    expect(res.status).toBe(404);
    expect((await errorOf(res)).code).toBe('unknown_operation');
  });

  it('accepts a body of exactly 1 MiB', async () => {
    const body = '{"theme":"dark"}';
    const res = await post('settings.set', body + ' '.repeat(MAX_REQUEST_BYTES - body.length));
    expect(res.status).toBe(200);
    expect(core.settings.public().theme).toBe('dark');
  });

  it('refuses GET on an API operation: 400', async () => {
    const res = await fetch(api('app.info'), { headers: { ...auth(), ...json } });
    expect(res.status).toBe(400);
    expect((await errorOf(res)).code).toBe('invalid_request');
  });

  it.each(['PUT', 'PATCH', 'DELETE'])('refuses %s with a valid JSON body: 400', async (method) => {
    const res = await fetch(api('settings.set'), { method, headers: { ...auth(), ...json }, body: '{"theme":"dark"}' });
    expect(res.status).toBe(400);
    expect((await errorOf(res)).code).toBe('invalid_request');
    expectSettingsUnchanged();
  });
});

describe('static files', () => {
  it('serves index.html at / with the Content-Security-Policy', async () => {
    const res = await fetch(server.url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await res.text()).toBe(INDEX_HTML);
  });

  it('serves assets with their content type', async () => {
    const res = await fetch(`${server.url}assets/app.js`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await res.text()).toBe(APP_JS);
  });

  it.each([
    '/../package.json',
    '/%2e%2e/%2e%2e/package.json',
    '/..%2fpackage.json',
    '/%2e%2e%2fpackage.json',
    '/assets/..%2f..%2fpackage.json',
    '/..%5cpackage.json',
    '/..%2fstatic-private%2fsecret.txt',
    '/index.html%00.js',
  ])('does not serve %s outside the static folder: 404', async (requestPath) => {
    const res = await rawRequest({ path: requestPath });
    expect(res.status).toBe(404);
    expect(res.body).not.toContain('secret');
  });

  it('answers 404 for an unknown file', async () => {
    const res = await fetch(`${server.url}assets/missing.js`);
    expect(res.status).toBe(404);
  });

  it('refuses other methods on static paths: 405', async () => {
    const res = await fetch(server.url, { method: 'POST', body: 'x' });
    expect(res.status).toBe(405);
  });
});

describe('listening', () => {
  it('listens on 127.0.0.1 only', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/`);
    expect(server.launchUrl).toBe(`${server.url}?token=${server.token}`);

    // Not reachable on any other address of this machine, IPv6 loopback included.
    const others = [
      '::1',
      ...Object.values(os.networkInterfaces())
        .flat()
        .filter((a) => a && !a.internal)
        .map((a) => a!.address),
    ];
    for (const host of others) {
      const outcome = await new Promise<string>((resolve) => {
        const socket = net.connect({ host, port: server.port });
        // A safeguard only: local addresses answer at once, and not answering is not connecting.
        socket.setTimeout(2000, () => {
          socket.destroy();
          resolve('timeout');
        });
        socket.once('connect', () => {
          socket.destroy();
          resolve('connected');
        });
        socket.once('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? 'error'));
      });
      expect(outcome, host).not.toBe('connected');
    }
  });

  it('uses a fresh random token per launch unless one is given', async () => {
    const other = await startHostServer({ core, staticDir: path.join(tmp, 'static'), port: 0 });
    const fixed = await startHostServer({ core, staticDir: path.join(tmp, 'static'), port: 0, token: 'fixed-token' });
    try {
      expect(other.token).not.toBe(server.token);
      expect(server.token.length).toBeGreaterThanOrEqual(32);
      expect(fixed.token).toBe('fixed-token');
      // The token of one server does not open another.
      const res = await fetch(`${other.url}api/app.info`, {
        method: 'POST',
        headers: { ...auth(), ...json },
        body: '{}',
      });
      expect(res.status).toBe(401);
    } finally {
      await other.close();
      await fixed.close();
    }
  });
});

describe('events', () => {
  /** Reads a text stream until `done(text)` holds; fails on end of stream. */
  async function readUntil(
    reader: ReadableStreamDefaultReader<Uint8Array>,
    state: { text: string },
    done: (text: string) => boolean,
  ) {
    const decoder = new TextDecoder();
    while (!done(state.text)) {
      const { value, done: ended } = await reader.read();
      if (ended) throw new Error(`stream ended before the condition held; got: ${state.text}`);
      state.text += decoder.decode(value, { stream: true });
    }
  }

  it("streams 'event: settings.changed' after a settings.set call", async () => {
    const controller = new AbortController();
    const res = await fetch(api('events'), { headers: auth(), signal: controller.signal });
    try {
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
      const reader = res.body!.getReader();
      const state = { text: '' };
      await readUntil(reader, state, (t) => t.includes(': connected'));
      expect(state.text).not.toContain('event:');

      const set = await post('settings.set', { language: 'fr', theme: 'dark' });
      expect(set.status).toBe(200);

      await readUntil(reader, state, (t) => /event: settings\.changed\ndata: .*\n\n/.test(t));
      const data = /event: settings\.changed\ndata: (.*)\n\n/.exec(state.text)![1]!;
      expect(JSON.parse(data)).toEqual({ language: 'fr', theme: 'dark', profile: null, reminders: true });
    } finally {
      controller.abort();
    }
  });

  it('refuses the event stream without the token: 401', async () => {
    const res = await fetch(api('events'));
    expect(res.status).toBe(401);
    expect((await errorOf(res)).code).toBe('unauthorized');
  });

  it('refuses the event stream with a wrong token or a foreign Origin', async () => {
    const wrong = await fetch(api('events'), { headers: { Authorization: 'Bearer nope' } });
    expect(wrong.status).toBe(401);
    await wrong.body?.cancel();
    const foreign = await fetch(api('events'), { headers: { ...auth(), Origin: 'http://evil.example' } });
    expect(foreign.status).toBe(403);
    await foreign.body?.cancel();
  });

  it('stops sending to a stream that was closed', async () => {
    let listeners = 0;
    const original = core.events.subscribe.bind(core.events);
    core.events.subscribe = (listener) => {
      listeners++;
      const off = original(listener);
      return () => {
        listeners--;
        off();
      };
    };
    const controller = new AbortController();
    const res = await fetch(api('events'), { headers: auth(), signal: controller.signal });
    const reader = res.body!.getReader();
    await readUntil(reader, { text: '' }, (t) => t.includes(': connected'));
    expect(listeners).toBe(1);
    controller.abort();
    await expect.poll(() => listeners).toBe(0);
  });
});
