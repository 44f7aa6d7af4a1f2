import { createContext, useCallback, useContext, useEffect, useRef, useState } from 'react';
import { ApiCallError, apiError } from '../../../../shared/api/errors';
import type { RecordView } from '../../../../shared/records/codec';
import { useAppState } from '../../api/state';
import { NAP_KINDS, useRecordsChanged } from '../../hooks/useRecordsChanged';

export type NapState =
  | { status: 'loading' }
  | { status: 'error'; error: unknown }
  | { status: 'ready'; nap: RecordView; children: RecordView[] };

/**
 * A plan and everything in it, kept fresh: reloaded whenever a plan's records change (our own
 * edits, an import, another window, the team folder). A reload keeps what is on screen until the new state arrives.
 */
export function useNapData(id: string): NapState & { reload(): Promise<void> } {
  const { api } = useAppState();
  const [state, setState] = useState<NapState>({ status: 'loading' });
  const latest = useRef(0);
  const reload = useCallback((): Promise<void> => {
    const ticket = ++latest.current;
    return api.call('records.get', { id, children: true }).then(
      ({ record, children }) => {
        if (ticket !== latest.current) return;
        if (record.deleted || record.kind !== 'nap') setState({ status: 'error', error: new ApiCallError(apiError('gone', 'not a plan')) });
        else setState({ status: 'ready', nap: record, children });
      },
      (error: unknown) => {
        if (ticket === latest.current) setState({ status: 'error', error });
      },
    );
  }, [api, id]);
  useEffect(() => {
    void reload();
  }, [reload]);
  useRecordsChanged(NAP_KINDS, () => void reload());
  return { ...state, reload };
}

export interface NapContextValue {
  nap: RecordView;
  children: RecordView[];
  reload(): Promise<void>;
  /** Delete a record with an Undo offered. */
  remove(record: RecordView): Promise<void>;
}

export const NapContext = createContext<NapContextValue | null>(null);

export function useNap(): NapContextValue {
  const value = useContext(NapContext);
  if (!value) throw new Error('useNap outside a plan');
  return value;
}
