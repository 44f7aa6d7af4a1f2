import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiClient } from '../../../shared/api/client';
import { localDay, type ActionSummary } from '../../../shared/records/action-points';
import type { RecordView } from '../../../shared/records/codec';
import { isActionLate } from '../../../shared/naps/late';
import { progressOverview, type IndicatorStatus } from '../../../shared/naps/progress';
import { useAppState } from '../api/state';
import { useRecordsChanged } from './useRecordsChanged';

export type PlanProgress = { nap: RecordView; counts: Record<IndicatorStatus, number>; total: number; late: number };
export type DashboardData = { summary: ActionSummary; meetings: RecordView[]; plans: PlanProgress[]; at: number };

/** Each plan still in use, with how its indicators stand (on track, off track, no data). */
async function planProgress(api: ApiClient): Promise<PlanProgress[]> {
  const { records } = await api.call('records.query', { kind: 'nap', limit: 200, sort: { by: 'updated', direction: 'desc' } });
  const live = records.filter((nap) => nap.fields.status !== 'archived').slice(0, 6);
  return Promise.all(
    live.map(async (nap) => {
      const { children } = await api.call('records.get', { id: nap.id, children: true });
      const indicators = children.filter((c) => c.kind === 'nap.indicator').map((c) => c.fields);
      const late = children.filter((c) => c.kind === 'nap.action' && !c.deleted && isActionLate(c.fields, localDay())).length;
      return { nap, counts: progressOverview(indicators), total: indicators.length, late };
    }),
  );
}

/** What the dashboard shows, read again whenever records change (here, in another window, an import). */
export function useDashboard(): { data: DashboardData | null; error: unknown; reload(): void } {
  const { api } = useAppState();
  const [data, setData] = useState<DashboardData | null>(null);
  const [error, setError] = useState<unknown>(null);
  // Changes come in bursts (an import, a colleague's round): only the latest answer is shown.
  const latest = useRef(0);
  const load = useCallback(() => {
    const ticket = ++latest.current;
    Promise.all([
      api.call('actions.summary', { today: localDay(), limit: 8 }),
      api.call('records.query', { kind: 'meeting', limit: 10_000 }),
      planProgress(api),
    ]).then(
      ([summary, meetings, plans]) => {
        if (ticket !== latest.current) return;
        setError(null);
        setData({ summary, meetings: meetings.records, plans, at: Date.now() });
      },
      (e: unknown) => {
        if (ticket === latest.current) setError(e);
      },
    );
  }, [api]);
  useEffect(load, [load]);
  useRecordsChanged('any', load);
  return { data, error, reload: load };
}
