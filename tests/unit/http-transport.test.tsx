import { describe, expect, it } from 'vitest';
import type { EventName } from '../../shared/api/contract.js';
import { KIND_NAMES } from '../../shared/records/kinds.js';
import { httpTransport } from '../../renderer/src/api/transport.js';

/** A host whose event connections the test opens, feeds and breaks one by one. */
function fakeHost() {
  const connections: { push(text: string): void; end(): void; signal: AbortSignal }[] = [];
  const waiting: (() => void)[] = [];
  const fetch = async (input: string, init?: RequestInit) => {
    if (String(input) !== '/api/events') return new Response('{}', { status: 404 });
    let controller!: ReadableStreamDefaultController<Uint8Array>;
    const body = new ReadableStream<Uint8Array>({ start: (c) => void (controller = c) });
    const signal = init!.signal!;
    signal.addEventListener('abort', () => controller.error(new DOMException('aborted', 'AbortError')));
    connections.push({ push: (text) => controller.enqueue(new TextEncoder().encode(text)), end: () => controller.close(), signal });
    waiting.splice(0).forEach((resolve) => resolve());
    return new Response(body, { status: 200 });
  };
  const connection = async (n: number) => {
    while (connections.length < n) await new Promise<void>((resolve) => waiting.push(resolve));
    return connections[n - 1]!;
  };
  return { fetch, connections, connection };
}

const event = (name: string, payload: unknown) => `event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`;

async function until(condition: () => boolean) {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 1));
}

describe('the browser host transport', () => {
  it('reconnects when the event stream ends and tells every page that anything may have changed', async () => {
    const host = fakeHost();
    const transport = httpTransport('t', { fetch: host.fetch, reconnectMs: [0] });
    const heard: [EventName, unknown][] = [];
    const stop = transport.subscribe((name, payload) => heard.push([name, payload]));
    const first = await host.connection(1);
    first.push(': connected\n\n' + event('records.changed', { kinds: ['action'], ids: ['a'] }));
    await until(() => heard.length === 1);
    first.end();
    const second = await host.connection(2);
    second.push(': connected\n\n');
    await until(() => heard.length === 2);
    expect(heard[1]).toEqual(['records.changed', { kinds: [...KIND_NAMES], ids: null }]);
    second.push(event('records.changed', { kinds: ['nap'], ids: ['n'] }) + 'event: progress\ndata: {broken\n\n');
    await until(() => heard.length === 3);
    expect(heard.map(([, payload]) => payload)).toEqual([
      { kinds: ['action'], ids: ['a'] },
      { kinds: [...KIND_NAMES], ids: null },
      { kinds: ['nap'], ids: ['n'] },
    ]);
    stop();
  });

  it('keeps one connection while a page remounts its listeners', async () => {
    const host = fakeHost();
    const transport = httpTransport('t', { fetch: host.fetch, reconnectMs: [0] });
    const heard: unknown[] = [];
    const stopFirst = transport.subscribe(() => undefined);
    const first = await host.connection(1);
    stopFirst();
    const stop = transport.subscribe((_, payload) => heard.push(payload));
    first.push(event('records.changed', { kinds: ['contact'], ids: ['c'] }));
    await until(() => heard.length === 1);
    expect(host.connections).toHaveLength(1);
    expect(first.signal.aborted).toBe(false);
    stop();
  });
});
