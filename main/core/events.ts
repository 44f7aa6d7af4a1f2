import { EventEmitter } from 'node:events';
import type { EventName, EventOf } from '../../shared/api/contract.js';

export type EventListener = (name: EventName, payload: unknown) => void;

/** Events from the core to whichever host is listening (IPC to windows, SSE to browser tabs). */
export class CoreEvents {
  readonly #emitter = new EventEmitter();

  emit<K extends EventName>(name: K, payload: EventOf<K>): void {
    this.#emitter.emit('event', name, payload);
  }

  subscribe(listener: EventListener): () => void {
    this.#emitter.on('event', listener);
    return () => this.#emitter.off('event', listener);
  }
}
