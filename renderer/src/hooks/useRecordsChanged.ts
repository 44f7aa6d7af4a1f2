import { useEffect, useRef } from 'react';
import type { RecordsChanged } from '../../../shared/api/contract';
import type { Kind } from '../../../shared/records/kinds';
import { useAppState } from '../api/state';

/** The kinds a plan's page shows: the plan, its outline, consultations and snapshots. */
export const NAP_KINDS: readonly Kind[] = ['nap', 'nap.objective', 'nap.action', 'nap.indicator', 'nap.consultation', 'nap.snapshot'];

/**
 * Calls `onChange` whenever the core says records of these kinds changed ('any': of any kind),
 * whoever changed them: this window, another window or tab, an import, the team folder. The core
 * announces every change it makes, so no page reloads by hand after its own edits.
 */
export function useRecordsChanged(kinds: readonly Kind[] | 'any', onChange: (change: RecordsChanged) => void): void {
  const { api } = useAppState();
  const latest = useRef(onChange);
  useEffect(() => {
    latest.current = onChange;
  });
  const key = kinds === 'any' ? 'any' : [...kinds].sort().join(' ');
  useEffect(() => {
    const wanted = key === 'any' ? null : new Set(key.split(' '));
    return api.on('records.changed', (change) => {
      if (!wanted || change.kinds.some((kind) => wanted.has(kind))) latest.current(change);
    });
  }, [api, key]);
}
