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

/**
 * The sentence for one refusal: an invalid part that is no record (the encryption parameters, the
 * head) is named by its place alone, not as "record , field encryption.tag".
 */
export function bundleMessageKey(problem: BundleProblem): (typeof BUNDLE_ERROR_KEYS)[BundleErrorCode] | 'errors:bundle.invalid_part' {
  if (problem.code === 'invalid' && problem.id === undefined && problem.record === undefined) return 'errors:bundle.invalid_part';
  return BUNDLE_ERROR_KEYS[problem.code];
}

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
