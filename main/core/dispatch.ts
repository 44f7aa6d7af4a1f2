import type { z } from 'zod';
import {
  isOperationName,
  operations,
  type OperationName,
  type Operations,
  type ResponseOf,
} from '../../shared/api/contract.js';
import { storageProblem } from './store/durable.js';
import { CoreError } from './errors.js';
import { apiError, type Envelope, issuesFromZod } from '../../shared/api/errors.js';

/** One handler per operation: TypeScript fails the build when an operation has none. */
export type Handlers = {
  [K in OperationName]: (
    request: z.output<Operations[K]['request']>,
  ) => Promise<ResponseOf<K>> | ResponseOf<K>;
};

export type Dispatch = (name: string, request: unknown) => Promise<Envelope<unknown>>;

// eslint-disable-next-line no-restricted-syntax -- the one place that names it: to refuse it.
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Deeper than any real request or record: refused before anything walks it recursively. */
export const MAX_JSON_DEPTH = 64;

export interface JsonProblems {
  /** A key that could reach an object's prototype (__proto__, constructor, prototype). */
  forbidden?: (string | number)[];
  /** A string (or key) that is not well-formed Unicode: a lone surrogate. */
  malformed?: (string | number)[];
  /** Nesting deeper than MAX_JSON_DEPTH. */
  tooDeep?: (string | number)[];
}

/**
 * One walk over parsed JSON, without recursion (a hostile file may nest thousands of levels):
 * the first forbidden key, broken string and excessive depth, each with its path.
 */
export function inspectJson(root: unknown, checkStrings = false): JsonProblems {
  // Almost every input is clean: a first pass without paths says so cheaply; only when it finds
  // something does the second pass build paths to say where.
  if (jsonIsClean(root, checkStrings)) return {};
  const found: JsonProblems = {};
  const stack: { value: unknown; path: (string | number)[] }[] = [{ value: root, path: [] }];
  while (stack.length > 0) {
    const { value, path } = stack.pop()!;
    if (typeof value === 'string') {
      if (checkStrings && !found.malformed && !value.isWellFormed()) found.malformed = path;
      continue;
    }
    if (!value || typeof value !== 'object') continue;
    if (path.length >= MAX_JSON_DEPTH) {
      found.tooDeep ??= path;
      continue;
    }
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], path: [...path, i] });
      continue;
    }
    for (const key of Object.keys(value)) {
      if (FORBIDDEN_KEYS.has(key)) found.forbidden ??= [...path, key];
      if (checkStrings && !found.malformed && !key.isWellFormed()) found.malformed = [...path, key];
      stack.push({ value: (value as Record<string, unknown>)[key], path: [...path, key] });
    }
  }
  return found;
}

function jsonIsClean(root: unknown, checkStrings: boolean): boolean {
  const values: unknown[] = [root];
  const depths: number[] = [0];
  while (values.length > 0) {
    const value = values.pop();
    const depth = depths.pop()!;
    if (typeof value === 'string') {
      if (checkStrings && !value.isWellFormed()) return false;
      continue;
    }
    if (!value || typeof value !== 'object') continue;
    if (depth >= MAX_JSON_DEPTH) return false;
    if (Array.isArray(value)) {
      for (const item of value) {
        values.push(item);
        depths.push(depth + 1);
      }
      continue;
    }
    for (const key in value) {
      if (!Object.prototype.hasOwnProperty.call(value, key)) continue;
      if (FORBIDDEN_KEYS.has(key) || (checkStrings && !key.isWellFormed())) return false;
      values.push((value as Record<string, unknown>)[key]);
      depths.push(depth + 1);
    }
  }
  return true;
}

/** The path of the first key that could reach an object's prototype, anywhere in the request. */
export function forbiddenKeyPath(value: unknown): (string | number)[] | null {
  const { forbidden, tooDeep } = inspectJson(value);
  return forbidden ?? tooDeep ?? null;
}

/**
 * The single entry point every transport calls. It trusts nothing: the operation name is looked
 * up in the contract, the request is validated with its schema, and every failure comes back as a
 * typed error envelope; nothing thrown escapes to the transport.
 */
export function createDispatcher(
  handlers: Handlers,
  log: (error: unknown) => void = console.error,
  /** Called after every operation the contract marks `changesRecords`, succeeded or not: announce what changed. */
  afterChange: () => void = () => undefined,
): Dispatch {
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
      if (error instanceof CoreError) return { ok: false, error: { ...apiError(error.code, error.message, error.issues), ...(error.bundle ? { bundle: error.bundle } : {}) } };
      log(error);
      // A full disk or a folder that cannot be written is the person's to fix: say which.
      const storage = storageProblem(error);
      if (storage) return { ok: false, error: apiError(storage, `${name} failed: ${(error as Error).message}`) };
      return { ok: false, error: apiError('internal', `${name} failed`) };
    } finally {
      // A failed operation changed nothing (every write is all or none), so usually nothing is said.
      if (spec.changesRecords) afterChange();
    }
  };
}
