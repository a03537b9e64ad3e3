import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { NotificationList } from '../../../contract/background.ts';
import { api } from '../../api/client.ts';
import { useLiveEvent } from '../../api/live.ts';
import { useMe } from '../../app/session.ts';

const key = ['notifications'] as const;

/**
 * My notifications; refreshed live when one addressed to me is delivered. `topic` keeps those of
 * one module (a prefix such as `mediation.`), for that module's own page.
 */
export function useNotifications({
  unreadOnly = false,
  topic,
  enabled = true,
}: { unreadOnly?: boolean; topic?: string; enabled?: boolean } = {}) {
  const queryClient = useQueryClient();
  const me = useMe();
  useLiveEvent('notification', (data) => {
    if ((data as { userId?: number } | undefined)?.userId === me.id)
      void queryClient.invalidateQueries({ queryKey: key });
  });
  return useQuery({
    queryKey: [...key, unreadOnly, topic ?? ''],
    queryFn: ({ signal }) =>
      api.get<NotificationList>('/notifications', { unreadOnly, topic, limit: 50 }, { signal }),
    // Only for the street the user is working in; a district user without one has none.
    enabled: enabled && me.tenant !== null,
    refetchInterval: 60_000,
  });
}

export function useMarkRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number | 'all') =>
      id === 'all' ? api.post('/notifications/read-all') : api.post(`/notifications/${id}/read`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: key }),
  });
}
