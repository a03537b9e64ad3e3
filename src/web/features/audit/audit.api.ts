import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { api, type Page } from '../../api/client.ts';
import type { AuditEntry, AuditVerifyResult } from '../../api/types.ts';

export interface AuditListParams {
  entityType: string;
  action: string;
  limit: number;
  offset: number;
}

export function useAuditLog(params: AuditListParams) {
  return useQuery({
    queryKey: ['audit', params],
    queryFn: ({ signal }) => api.get<Page<AuditEntry>>('/audit', { ...params }, { signal }),
    placeholderData: keepPreviousData,
  });
}

/** Recomputes the hash chain on the server; a mutation because it is an explicit, possibly slow action. */
export function useVerifyAudit() {
  return useMutation({
    mutationFn: () => api.post<AuditVerifyResult>('/audit/verify'),
  });
}
