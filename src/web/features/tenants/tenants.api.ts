import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type Page } from '../../api/client.ts';
import type { CreateTenantBody, Tenant } from '../../api/types.ts';
import { meQueryKey } from '../../app/session.ts';

const tenantsKey = ['tenants'] as const;

/** All streets. Small by nature (a district has tens), so not paged; `enabled` skips it for non-admins. */
export function useTenants({ enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: tenantsKey,
    queryFn: ({ signal }) => api.get<Page<Tenant>>('/tenants', undefined, { signal }),
    enabled,
  });
}

export function useCreateTenant() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateTenantBody) => api.post<Tenant>('/tenants', body),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: tenantsKey }),
        // A system administrator may switch to the new street: refresh the header's street list.
        queryClient.invalidateQueries({ queryKey: meQueryKey }),
      ]),
  });
}
