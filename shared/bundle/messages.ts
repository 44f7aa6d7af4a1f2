import type { BundleErrorCode, BundleProblem } from './format.js';

/** The sentence for each refusal (errors namespace), for the app and the command line alike. */
export const BUNDLE_ERROR_KEYS = {
  too_large: 'errors:bundle.too_large',
  encoding: 'errors:bundle.encoding',
  not_json: 'errors:bundle.not_json',
  truncated: 'errors:bundle.truncated',
  wrong_format: 'errors:bundle.wrong_format',
  too_new: 'errors:bundle.too_new',
  needs_passphrase: 'errors:bundle.needs_passphrase',
  wrong_passphrase: 'errors:bundle.wrong_passphrase',
  checksum: 'errors:bundle.checksum',
  invalid: 'errors:bundle.invalid',
  duplicate_ids: 'errors:bundle.duplicate_ids',
  duplicate_key: 'errors:bundle.duplicate_key',
  forbidden_key: 'errors:bundle.forbidden_key',
  invalid_unicode: 'errors:bundle.invalid_unicode',
  kind_mismatch: 'errors:bundle.kind_mismatch',
  out_of_range: 'errors:bundle.out_of_range',
} as const satisfies Record<BundleErrorCode, string>;

/** The values those sentences name: which record and field, which version, what size and limit. */
export function bundleMessageValues(problem: BundleProblem, formatSize: (bytes: number) => string) {
  return {
    version: problem.version ?? '',
    size: formatSize(problem.bytes ?? 0),
    limit: formatSize(problem.limit ?? 0),
    record: problem.id ?? (problem.record !== undefined ? `#${problem.record + 1}` : ''),
    field: (problem.path ?? []).join('.'),
  };
}

/**
 * The sentence for one refusal, without the parts the problem does not know: an invalid part that
 * is no record (the encryption parameters, the head) is named by its place alone, and a record,
 * field or version that is missing leaves no empty placeholder ("record , field") behind.
 */
export function bundleMessageKey(problem: BundleProblem) {
  const record = problem.id !== undefined || problem.record !== undefined;
  const field = (problem.path ?? []).length > 0;
  switch (problem.code) {
    case 'invalid':
      if (record) return field ? BUNDLE_ERROR_KEYS.invalid : 'errors:bundle.invalid_record';
      return field ? 'errors:bundle.invalid_part' : 'errors:bundle.invalid_plain';
    case 'duplicate_ids':
      return record ? BUNDLE_ERROR_KEYS.duplicate_ids : 'errors:bundle.duplicate_ids_plain';
    case 'kind_mismatch':
      return record ? BUNDLE_ERROR_KEYS.kind_mismatch : 'errors:bundle.kind_mismatch_plain';
    case 'too_new':
      return problem.version !== undefined ? BUNDLE_ERROR_KEYS.too_new : 'errors:bundle.too_new_plain';
    default:
      return BUNDLE_ERROR_KEYS[problem.code];
  }
}
