import {
  operations,
  type EventName,
  type EventOf,
  type OperationName,
  type RequestOf,
  type ResponseOf,
  events,
} from './contract.js';
import { ApiCallError, apiError, type Envelope, issuesFromZod } from './errors.js';

/** How a call reaches the core: IPC in Electron, HTTP in the browser host, a direct call in tests. */
export interface Transport {
  call(name: OperationName, request: unknown): Promise<Envelope<unknown>>;
  subscribe(listener: (name: EventName, payload: unknown) => void): () => void;
}

export type ApiClient = {
  call<K extends OperationName>(name: K, request: RequestOf<K>): Promise<ResponseOf<K>>;
  on<K extends EventName>(name: K, listener: (payload: EventOf<K>) => void): () => void;
};

/**
 * The typed client every consumer uses. The transport is passed in explicitly; requests are
 * validated before they leave (the same schema the core checks again), responses when they arrive.
 */
export function createApiClient(transport: Transport): ApiClient {
  return {
    async call(name, request) {
      const spec = operations[name];
      const checked = spec.request.safeParse(request);
      if (!checked.success) {
        throw new ApiCallError(
          apiError('invalid_request', `invalid request for ${name}`, issuesFromZod(checked.error)),
        );
      }
      const envelope = await transport.call(name, checked.data);
      if (!envelope.ok) throw new ApiCallError(envelope.error);
      const parsed = spec.response.safeParse(envelope.value);
      if (!parsed.success) {
        throw new ApiCallError(apiError('internal', `unexpected response shape from ${name}`));
      }
      return parsed.data as ResponseOf<typeof name>;
    },
    on(name, listener) {
      return transport.subscribe((eventName, payload) => {
        if (eventName !== name) return;
        const parsed = events[name].safeParse(payload);
        if (parsed.success) listener(parsed.data as EventOf<typeof name>);
      });
    },
  };
}
