import type { BundleProblem } from '../../shared/bundle/format.js';
import type { ApiErrorCode, ApiIssue } from '../../shared/api/errors.js';

/** Thrown by handlers for failures the user should hear about in their language. */
export class CoreError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly issues?: ApiIssue[],
    /** For a refused bundle: what was wrong, and where. */
    readonly bundle?: BundleProblem,
  ) {
    super(message);
    this.name = 'CoreError';
  }
}
