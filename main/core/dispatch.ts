import type { z } from 'zod';
import {
  isOperationName,
  operations,
  type OperationName,
  type Operations,
  type ResponseOf,
} from '../../shared/api/contract.js';
import { apiError, type ApiErrorCode, type ApiIssue, type Envelope, issuesFromZod } from '../../shared/api/errors.js';

/** One handler per operation: TypeScript fails the build when an operation has none. */
export type Handlers = {
  [K in OperationName]: (
    request: z.output<Operations[K]['request']>,
  ) => Promise<ResponseOf<K>> | ResponseOf<K>;
};

/** Thrown by handlers for failures the user should hear about in their language. */
export class CoreError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly issues?: ApiIssue[],
  ) {
    super(message);
    this.name = 'CoreError';
  }
}

export type Dispatch = (name: string, request: unknown) => Promise<Envelope<unknown>>;

// eslint-disable-next-line no-restricted-syntax -- the one place that names it: to refuse it.
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** The path of the first key that could reach an object's prototype, anywhere in the request. */
export function forbiddenKeyPath(value: unknown, path: (string | number)[] = []): (string | number)[] | null {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = forbiddenKeyPath(value[i], [...path, i]);
      if (found) return found;
    }
  } else if (value && typeof value === 'object') {
    for (const key of Object.keys(value)) {
      if (FORBIDDEN_KEYS.has(key)) return [...path, key];
      const found = forbiddenKeyPath((value as Record<string, unknown>)[key], [...path, key]);
      if (found) return found;
    }
  }
  return null;
}

/**
 * The single entry point every transport calls. It trusts nothing: the operation name is looked
 * up in the contract, the request is validated with its schema, and every failure comes back as a
 * typed error envelope; nothing thrown escapes to the transport.
 */
export function createDispatcher(handlers: Handlers, log: (error: unknown) => void = console.error): Dispatch {
  return async (name, request) => {
    if (typeof name !== 'string' || !isOperationName(name)) {
      return { ok: false, error: apiError('unknown_operation', `unknown operation: ${String(name)}`) };
    }
    const spec = operations[name];
    const forbidden = forbiddenKeyPath(request);
    if (forbidden) {
      return {
        ok: false,
        error: apiError('invalid_request', `forbidden key in ${name}`, [{ path: forbidden, message: 'errors:validation.forbiddenKey' }]),
      };
    }
    const parsed = spec.request.safeParse(request);
    if (!parsed.success) {
      return {
        ok: false,
        error: apiError('invalid_request', `invalid request for ${name}`, issuesFromZod(parsed.error)),
      };
    }
    try {
      const handler = handlers[name] as (req: unknown) => unknown;
      const value = await handler(parsed.data);
      return { ok: true, value: spec.response.parse(value) };
    } catch (error) {
      if (error instanceof CoreError) return { ok: false, error: apiError(error.code, error.message, error.issues) };
      log(error);
      return { ok: false, error: apiError('internal', `${name} failed`) };
    }
  };
}
