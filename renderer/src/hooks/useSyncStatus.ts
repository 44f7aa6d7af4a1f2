import { useCallback, useEffect, useRef, useState } from 'react';
import type { SyncStatus } from '../../../shared/team/format';
import { useAppState } from '../api/state';

export interface SyncStatusState {
  /** Null until the first answer (or when it failed: see `error`). */
  status: SyncStatus | null;
  /** Why the status could not be read; cleared by the next status that arrives. */
  error: unknown;
  /** Asks the core again (after a failure). */
  reload(): void;
  /** A status an operation answered with (sync.configure, sync.now), shown at once. */
  accept(status: SyncStatus): void;
}

/**
 * The team folder's status: read once, then kept current by the core's `sync.status` event (a
 * round started by the timer, by another window or by the command line shows here without a
 * reload). A status that arrives by event is newer than an answer to a call made before it, so
 * such a late answer is dropped.
 */
export function useSyncStatus(): SyncStatusState {
  const { api } = useAppState();
  const [status, setStatus] = useState<SyncStatus | null>(null);
  const [error, setError] = useState<unknown>(null);
  const generation = useRef(0);

  const accept = useCallback((next: SyncStatus) => {
    generation.current += 1;
    setStatus(next);
    setError(null);
  }, []);

  useEffect(() => api.on('sync.status', accept), [api, accept]);

  const reload = useCallback(() => {
    const asked = generation.current;
    api.call('sync.status', {}).then(
      (next) => {
        if (generation.current === asked) accept(next);
      },
      (failure: unknown) => {
        if (generation.current === asked) setError(failure);
      },
    );
  }, [api, accept]);
  useEffect(reload, [reload]);

  return { status, error, reload, accept };
}
