/**
 * Background jobs (reports) from the web side: start one with the module's own endpoint, then
 * follow it here. Progress arrives live (topic `job`); polling every few seconds covers a missed event.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { Job } from '../../contract/background.ts';
import { api } from './client.ts';
import { useLiveEvent } from './live.ts';

export const jobQueryKey = (id: number) => ['job', id] as const;

export function useJob(jobId: number | null) {
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: jobQueryKey(jobId ?? 0),
    queryFn: ({ signal }) => api.get<Job>(`/jobs/${jobId}`, undefined, { signal }),
    enabled: jobId !== null,
    refetchInterval: (q) =>
      q.state.data && ['done', 'failed'].includes(q.state.data.status) ? false : 3_000,
  });
  useLiveEvent('job', (data) => {
    const event = data as { jobId?: number } | undefined;
    if (jobId !== null && event?.jobId === jobId)
      void queryClient.invalidateQueries({ queryKey: jobQueryKey(jobId) });
  });
  return query;
}
