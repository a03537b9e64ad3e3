/** The residents' portal on the wire: one summary, plus marking notices read. */
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { PortalHome } from '../../../contract/portal.ts';
import { api } from '../../api/client.ts';

export type { PortalHome, PortalItem } from '../../../contract/portal.ts';

const key = ['portal', 'home'] as const;

export const portalHomeQuery = queryOptions({
  queryKey: key,
  queryFn: ({ signal }) => api.get<PortalHome>('/portal/home', undefined, { signal }),
  // Residents come back to this page often; a minute-old summary is fine, focus refreshes it.
  staleTime: 30_000,
});

export function usePortalHome() {
  return useQuery(portalHomeQuery);
}

/** Marks one in-app notice read. */
export function useMarkNoticeRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api.post<{ ok: true }>(`/notifications/${id}/read`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: key }),
  });
}

export function useMarkAllNoticesRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<{ ok: true }>('/notifications/read-all'),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: key }),
  });
}
