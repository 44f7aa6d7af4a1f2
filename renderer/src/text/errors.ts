import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { API_ERROR_KEYS, ApiCallError } from '../../../shared/api/errors';


/** A failed call, as a sentence in the user's language (never the developer message). */
export function useApiErrorText(): (error: unknown) => string {
  const { t } = useTranslation('errors');
  return useCallback(
    (error: unknown) => t(API_ERROR_KEYS[error instanceof ApiCallError ? error.code : 'internal']),
    [t],
  );
}

/**
 * Schema messages are i18n keys declared beside the schema in shared/ (e.g.
 * 'errors:validation.required'), so a field error reads the same from the form or from the API.
 */
export function useFieldErrorText(
  values: Record<string, unknown> = {},
): (message?: string, more?: Record<string, unknown>) => string | undefined {
  const { t, i18n } = useTranslation('errors');
  return (message, more) => {
    if (!message) return undefined;
    // The key is data (it came through a schema), so it is looked up untyped and checked here.
    const lookup = i18n.t as unknown as (key: string, options: Record<string, unknown>) => string;
    return i18n.exists(message) ? lookup(message, { ...values, ...more }) : t('validation.invalid');
  };
}
