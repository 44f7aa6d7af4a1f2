import type { EventName, OperationName } from './contract.js';
import type { Envelope } from './errors.js';
import type { Transport } from './client.js';

/** What the Electron preload exposes as window.api, derived from the contract. */
export interface DesktopBridge {
  operations: { [K in OperationName]: (request: unknown) => Promise<Envelope<unknown>> };
  onEvent(listener: (name: EventName, payload: unknown) => void): () => void;
}

/** The IPC transport: calls go through the preload bridge. */
export function bridgeTransport(bridge: DesktopBridge): Transport {
  return {
    call: (name, request) => bridge.operations[name](request),
    subscribe: (listener) => bridge.onEvent(listener),
  };
}
