import { z } from 'zod';
import { BundleProblem } from '../bundle/format.js';

/**
 * Every way an API call can fail, in every transport (IPC, HTTP, direct). The renderer turns the
 * code into a sentence in the user's language; `message` is for logs and developers only.
 */
export const ApiErrorCode = z.enum([
  'invalid_request',
  'unknown_operation',
  'unauthorized',
  'forbidden',
  'too_large',
  'not_found',
  'gone',
  'too_new',
  'unavailable',
  /** Nothing could be saved: the disk is full (ENOSPC). The call changed nothing. */
  'disk_full',
  /** Nothing could be saved: the data folder cannot be written (EROFS, EACCES). */
  'read_only',
  /** A PDF was asked for where no Chromium can print it (browser host or CLI without one). */
  'pdf_unavailable',
  'internal',
]);
export type ApiErrorCode = z.infer<typeof ApiErrorCode>;

export const ApiIssue = z.object({
  path: z.array(z.union([z.string(), z.number()])),
  message: z.string(),
});
export type ApiIssue = z.infer<typeof ApiIssue>;

export const ApiError = z.object({
  code: ApiErrorCode,
  message: z.string(),
  issues: z.array(ApiIssue).optional(),
  /** A refused bundle: why and where (shown as one of the errors:bundle.* sentences). */
  bundle: BundleProblem.optional(),
});
export type ApiError = z.infer<typeof ApiError>;

/** What crosses every transport: a value, or a typed error. Never a thrown exception. */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ApiError };

export const Envelope = z.union([
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: ApiError }),
]);

export class ApiCallError extends Error {
  readonly code: ApiErrorCode;
  readonly issues: ApiIssue[];
  readonly bundle: ApiError['bundle'];
  constructor(error: ApiError) {
    super(error.message);
    this.name = 'ApiCallError';
    this.code = error.code;
    this.issues = error.issues ?? [];
    this.bundle = error.bundle;
  }
}

export function apiError(code: ApiErrorCode, message: string, issues?: ApiIssue[]): ApiError {
  return issues && issues.length > 0 ? { code, message, issues } : { code, message };
}

/** zod issues → the wire shape: paths and messages only (messages may be i18n keys). */
export function issuesFromZod(error: z.ZodError): ApiIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
    message: issue.message,
  }));
}

/** What each error code says to a person (errors namespace), in the app and in the terminal. */
export const API_ERROR_KEYS = {
  invalid_request: 'api.invalid_request',
  unknown_operation: 'api.unknown_operation',
  unauthorized: 'api.unauthorized',
  forbidden: 'api.forbidden',
  too_large: 'api.too_large',
  not_found: 'api.not_found',
  gone: 'api.gone',
  too_new: 'api.too_new',
  unavailable: 'api.unavailable',
  disk_full: 'api.disk_full',
  read_only: 'api.read_only',
  pdf_unavailable: 'api.pdf_unavailable',
  internal: 'api.internal',
} as const satisfies Record<ApiErrorCode, string>;
