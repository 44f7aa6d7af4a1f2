import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiClient } from '../../../../shared/api/client';
import type { QueryRequest } from '../../../../shared/records/api';
import type { RecordView } from '../../../../shared/records/codec';
import type { Kind } from '../../../../shared/records/kinds';
import { useAppState } from '../../state';
import { useRecordsChanged } from '../../hooks/useRecordsChanged';

/** The API client. The core announces every change it makes, so lists need no word from here. */
export function useApi(): ApiClient {
  return useAppState().api;
}

export interface Loaded<T> {
  data: T | null;
  error: unknown;
  reload(): void;
}

/**
 * All records of a kind (up to the API's 10,000), reloaded when records of that kind change
 * (an edit here, an import, another window, the team folder). Filtering and sorting happen in memory: it answers at once.
 */
export function useRecords(kind: Kind, extra: Partial<QueryRequest> = {}): Loaded<RecordView[]> {
  const { api } = useAppState();
  const [data, setData] = useState<RecordView[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const key = JSON.stringify(extra);
  const reload = useCallback(() => {
    const request = { kind, limit: 10_000, ...(JSON.parse(key) as Partial<QueryRequest>) };
    api.call('records.query', request).then(
      (r) => {
        setData(r.records);
        setError(null);
      },
      (e: unknown) => setError(e),
    );
  }, [api, kind, key]);
  useEffect(reload, [reload]);
  useRecordsChanged([kind], reload);
  return { data, error, reload };
}

/** Records by id, deleted ones included (so a deleted owner is told apart from an unknown one). */
export function useById(records: readonly RecordView[] | null): Map<string, RecordView> {
  return useMemo(() => new Map((records ?? []).map((r) => [r.id, r])), [records]);
}

/** Dates as the UI language writes them; a calendar day stays that day whatever the time zone. */
export function useDates() {
  const { i18n } = useTranslation();
  return useMemo(() => {
    const day = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeZone: 'UTC' });
    const longDay = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'full', timeZone: 'UTC' });
    return {
      /** `YYYY-MM-DD` → "16 Mar 2026" */
      day: (d: string | null | undefined) => (d && /^\d{4}-\d{2}-\d{2}$/.test(d) ? day.format(new Date(`${d}T00:00:00Z`)) : '—'),
      longDay: (d: string) => longDay.format(new Date(`${d}T00:00:00Z`)),
      /** An instant on the wall clock of a time zone, with the zone's name. */
      when: (instant: string, timeZone?: string) => {
        try {
          // dateStyle cannot be combined with timeZoneName: the parts are spelled out.
          return new Intl.DateTimeFormat(i18n.language, {
            year: 'numeric',
            month: 'short',
            day: 'numeric',
            hour: 'numeric',
            minute: '2-digit',
            timeZone,
            timeZoneName: 'short',
          }).format(new Date(instant));
        } catch {
          return instant;
        }
      },
      time: (instant: string, timeZone?: string) => {
        try {
          return new Intl.DateTimeFormat(i18n.language, { timeStyle: 'short', timeZone }).format(new Date(instant));
        } catch {
          return instant;
        }
      },
    };
  }, [i18n.language]);
}
