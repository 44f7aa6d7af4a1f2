import { useEffect, useState } from 'react';
import { useAppState } from '../api/state';

/** The latest progress the core reported for a long export or import while `active`, or null. */
export function useProgress(task: 'export' | 'import' | 'document', active: boolean) {
  const { api } = useAppState();
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  useEffect(() => {
    if (!active) return;
    return api.on('progress', (event) => {
      if (event.task === task) setProgress({ done: event.done, total: event.total });
    });
  }, [api, task, active]);
  return active ? progress : null;
}
