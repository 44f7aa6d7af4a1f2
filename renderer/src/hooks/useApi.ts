import type { ApiClient } from '../../../shared/api/client';
import { useAppState } from '../api/state';

/** The API client. The core announces every change it makes, so lists need no word from here. */
export function useApi(): ApiClient {
  return useAppState().api;
}
