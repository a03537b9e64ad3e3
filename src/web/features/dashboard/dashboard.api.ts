/** Whole-process dashboards on the wire: the dashboard, the comparison of streets, report jobs. */
import { useRef } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Comparison, Dashboard, ReportBody } from '../../../contract/dashboard.ts';
import { api } from '../../api/client.ts';
import { useLiveEvents } from '../../api/live.ts';

const key = ['dashboard'] as const;
/** A slow periodic refresh on top of the live events (records changed by a sweep, a missed event). */
const REFRESH_MS = 60_000;

export interface DashboardScope {
  estateId?: number | undefined;
  tenantId?: number | undefined;
}

export function useDashboard(scope: DashboardScope) {
  return useQuery({
    queryKey: [...key, 'board', scope.tenantId ?? null, scope.estateId ?? null],
    queryFn: ({ signal }) =>
      api.get<Dashboard>('/dashboard', { estateId: scope.estateId, tenantId: scope.tenantId }, { signal }),
    refetchInterval: REFRESH_MS,
    placeholderData: (previous) => previous,
  });
}

export function useComparison(enabled: boolean) {
  return useQuery({
    queryKey: [...key, 'compare'],
    queryFn: ({ signal }) => api.get<Comparison>('/dashboard/compare', undefined, { signal }),
    enabled,
    refetchInterval: REFRESH_MS,
  });
}

export function useRequestReport() {
  return useMutation({
    mutationFn: (body: ReportBody) => api.post<{ jobId: number }>('/dashboard/reports', body),
  });
}

/** Topics the modules publish when their records change; any of them may move a dashboard figure. */
export const LIVE_TOPICS = [
  'household',
  'round',
  'legislation',
  'suggestions',
  'suggestion_projects',
  'suggestion_topics',
  'council.project',
  'council.sign_in',
  'mediation.escalation',
  'safety.work_orders',
  'safety.patrols',
  'iot',
  'antifraud',
] as const;

/**
 * Refetches the dashboards when any module reports a change. Bursts (an import, a seeded batch) are
 * folded into one refetch a short moment after the last event.
 */
export function useLiveDashboard(onEvent?: () => void): void {
  const queryClient = useQueryClient();
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const refresh = () => {
    onEvent?.();
    clearTimeout(timer.current);
    timer.current = setTimeout(() => void queryClient.invalidateQueries({ queryKey: key }), 300);
  };
  useLiveEvents(LIVE_TOPICS, refresh);
}
