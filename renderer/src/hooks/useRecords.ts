import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { QueryRequest } from '../../../shared/records/api';
import type { RecordView } from '../../../shared/records/codec';
import type { Kind } from '../../../shared/records/kinds';
import { useAppState } from '../api/state';
import { useRecordsChanged } from './useRecordsChanged';

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
  // Reloads overlap when changes come in bursts: an older answer never replaces a newer one.
  const latest = useRef(0);
  const reload = useCallback(() => {
    const ticket = ++latest.current;
    const request = { kind, limit: 10_000, ...(JSON.parse(key) as Partial<QueryRequest>) };
    api.call('records.query', request).then(
      (r) => {
        if (ticket !== latest.current) return;
        setData(r.records);
        setError(null);
      },
      (e: unknown) => {
        if (ticket === latest.current) setError(e);
      },
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

/** A load as three states, for pages that show a loader, an error or what came (`ready` carries it under its own name). */
export function loadState<T, R extends object>(
  loaded: Loaded<T>,
  ready: (data: T) => R,
): { status: 'loading' } | { status: 'error'; error: unknown } | ({ status: 'ready' } & R) {
  if (loaded.error !== null && loaded.error !== undefined) return { status: 'error', error: loaded.error };
  if (loaded.data === null) return { status: 'loading' };
  return { status: 'ready', ...ready(loaded.data) };
}
