import type { Transport } from '../../../shared/api/client';
import type { EventName } from '../../../shared/api/contract';
import { apiError, Envelope as EnvelopeSchema, type Envelope } from '../../../shared/api/errors';

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

/** The browser host's transport: POST /api/<operation>, events over one server-sent stream. */
export function httpTransport(token: string): Transport {
  const headers = { Authorization: `Bearer ${token}` };
  const listeners = new Set<(name: EventName, payload: unknown) => void>();
  let stream: AbortController | undefined;

  async function readEvents(signal: AbortSignal) {
    const response = await fetch('/api/events', { headers, signal });
    if (!response.ok || !response.body) return;
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += value;
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const name = /^event: (.+)$/m.exec(block)?.[1];
        const data = /^data: (.+)$/m.exec(block)?.[1];
        if (!name || data === undefined) continue;
        const payload: unknown = JSON.parse(data);
        for (const listener of listeners) listener(name as EventName, payload);
      }
    }
  }

  return {
    async call(name, request) {
      let response: Response;
      try {
        response = await fetch(`/api/${encodeURIComponent(name)}`, {
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
      if (!stream) {
        stream = new AbortController();
        readEvents(stream.signal).catch(() => undefined);
      }
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) {
          stream?.abort();
          stream = undefined;
        }
      };
    },
  };
}
