import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { bundleMessageKey, bundleMessageValues } from '../../../shared/bundle/messages';
import { ApiCallError } from '../../../shared/api/errors';
import { useApiErrorText } from './errors';

/** Why a bundle was refused, in the user's language; other failures as usual. */
export function useBundleErrorText() {
  const { t, i18n } = useTranslation(['common', 'errors']);
  const apiErrorText = useApiErrorText();
  return useCallback(
    (error: unknown): string => {
      const problem = error instanceof ApiCallError ? error.bundle : undefined;
      if (!problem) return apiErrorText(error);
      const size = (n: number) => new Intl.NumberFormat(i18n.language, { style: 'unit', unit: 'megabyte', maximumFractionDigits: 1 }).format(n / 1024 / 1024);
      return t(bundleMessageKey(problem), bundleMessageValues(problem, size));
    },
    [t, i18n.language, apiErrorText],
  );
}

export const bundleCode = (error: unknown) => (error instanceof ApiCallError ? error.bundle?.code : undefined);
