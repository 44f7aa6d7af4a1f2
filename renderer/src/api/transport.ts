import type { Transport } from '../../../shared/api/client';
import type { EventName } from '../../../shared/api/contract';
import { apiError, Envelope as EnvelopeSchema, type Envelope } from '../../../shared/api/errors';
import { KIND_NAMES } from '../../../shared/records/kinds';

const TOKEN_KEY = 'fpd-token';

/**
 * The per-launch token arrives once in the URL the host printed (?token=…); it is kept for this
 * tab only and removed from the address bar so it is not bookmarked or shared by accident.
 */
export function takeLaunchToken(): string | null {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
    url.searchParams.delete('token');
    window.history.replaceState(null, '', url.toString());
    return fromUrl;
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

/** Waits before reconnecting the event stream: quickly at first, then at most every few seconds. */
const RECONNECT_MS = [100, 250, 500, 1000, 2000, 5000];
/** A stream with no listener left is closed only after this, so a page that remounts keeps it. */
const IDLE_CLOSE_MS = 2000;

/**
 * The browser host's transport: POST /api/<operation>, events over one server-sent stream.
 *
 * Pages show what the core announces, their own edits included, so the stream must not go quiet:
 * it reconnects when it ends or fails, and after a reconnect it tells every listener that records of
 * every kind may have changed (what was announced while it was down is lost), so each page reloads.
 */
export function httpTransport(token: string, options: { fetch?: (input: string, init?: RequestInit) => Promise<Response>; reconnectMs?: readonly number[] } = {}): Transport {
  const send = options.fetch ?? ((input: string, init?: RequestInit) => fetch(input, init));
  const reconnectMs = options.reconnectMs ?? RECONNECT_MS;
  const headers = { Authorization: `Bearer ${token}` };
  const listeners = new Set<(name: EventName, payload: unknown) => void>();
  let stream: AbortController | undefined;
  let idle: ReturnType<typeof setTimeout> | undefined;

  const deliver = (name: EventName, payload: unknown) => {
    for (const listener of [...listeners]) listener(name, payload);
  };

  /** Reads one connection until it ends; true when it was open (the server said it is listening). */
  async function readEvents(signal: AbortSignal, onOpen: () => void): Promise<boolean> {
    const response = await send('/api/events', { headers, signal });
    if (!response.ok || !response.body) return false;
    onOpen();
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return true;
      buffer += value;
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const name = /^event: (.+)$/m.exec(block)?.[1];
        const data = /^data: (.+)$/m.exec(block)?.[1];
        if (!name || data === undefined) continue;
        let payload: unknown;
        try {
          payload = JSON.parse(data);
        } catch {
          continue;
        }
        deliver(name as EventName, payload);
      }
    }
  }

  async function keepListening(signal: AbortSignal) {
    let attempt = 0;
    let connections = 0;
    while (!signal.aborted) {
      try {
        await readEvents(signal, () => {
          attempt = 0;
          // Anything announced between two connections was missed: every page catches up.
          if (connections++ > 0) deliver('records.changed', { kinds: [...KIND_NAMES], ids: null });
        });
      } catch {
        // The host went away or the connection broke: try again below.
      }
      if (signal.aborted) return;
      const wait = reconnectMs[Math.min(attempt++, reconnectMs.length - 1)];
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, wait);
        signal.addEventListener('abort', () => {
          clearTimeout(timer);
          resolve();
        }, { once: true });
      });
    }
  }

  return {
    async call(name, request) {
      let response: Response;
      try {
        response = await send(`/api/${encodeURIComponent(name)}`, {
          method: 'POST',
          headers: { ...headers, 'Content-Type': 'application/json' },
          body: JSON.stringify(request),
        });
      } catch {
        return { ok: false, error: apiError('unavailable', 'the app is not reachable') };
      }
      const body: unknown = await response.json().catch(() => undefined);
      const parsed = EnvelopeSchema.safeParse(body);
      if (!parsed.success) return { ok: false, error: apiError('internal', `unexpected ${response.status} answer`) };
      return parsed.data as Envelope<unknown>;
    },
    subscribe(listener) {
      listeners.add(listener);
      clearTimeout(idle);
      if (!stream) {
        stream = new AbortController();
        void keepListening(stream.signal);
      }
      return () => {
        listeners.delete(listener);
        if (listeners.size > 0) return;
        clearTimeout(idle);
        idle = setTimeout(() => {
          if (listeners.size > 0) return;
          stream?.abort();
          stream = undefined;
        }, IDLE_CLOSE_MS);
      };
    },
  };
}
