import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { BundleProblem } from '../../shared/bundle/format';
import { ApiCallError } from '../../shared/api/errors';
import { useApiErrorText } from './errors';

const KEYS = {
  too_large: 'bundle.too_large',
  encoding: 'bundle.encoding',
  not_json: 'bundle.not_json',
  truncated: 'bundle.truncated',
  wrong_format: 'bundle.wrong_format',
  too_new: 'bundle.too_new',
  needs_passphrase: 'bundle.needs_passphrase',
  wrong_passphrase: 'bundle.wrong_passphrase',
  checksum: 'bundle.checksum',
  invalid: 'bundle.invalid',
  duplicate_ids: 'bundle.duplicate_ids',
  forbidden_key: 'bundle.forbidden_key',
  invalid_unicode: 'bundle.invalid_unicode',
  kind_mismatch: 'bundle.kind_mismatch',
} as const satisfies Record<BundleProblem['code'], string>;

/** Why a bundle was refused, in the user's language; other failures as usual. */
export function useBundleErrorText() {
  const { t, i18n } = useTranslation('errors');
  const apiErrorText = useApiErrorText();
  return useCallback(
    (error: unknown): string => {
      const problem = error instanceof ApiCallError ? error.bundle : undefined;
      if (!problem) return apiErrorText(error);
      const size = (n?: number) => new Intl.NumberFormat(i18n.language, { style: 'unit', unit: 'megabyte', maximumFractionDigits: 1 }).format((n ?? 0) / 1024 / 1024);
      return t(KEYS[problem.code], {
        version: problem.version ?? '',
        size: size(problem.bytes),
        limit: size(problem.limit),
        record: problem.id ?? (problem.record !== undefined ? `#${problem.record + 1}` : ''),
        field: (problem.path ?? []).join('.'),
      });
    },
    [t, i18n.language, apiErrorText],
  );
}

export const bundleCode = (error: unknown) => (error instanceof ApiCallError ? error.bundle?.code : undefined);
