/** "2+3" mediation on the wire. Types come from the shared contract (type-only). */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  Case as CaseSchema,
  CaseBody,
  CaseSummary as CaseSummarySchema,
  ConfirmationDue as ConfirmationDueSchema,
  DecisionBody,
  FollowupBody,
  LiaisonEntryBody,
  LiaisonOrgs,
  MediationFigures as FiguresSchema,
  MemberBody,
  OutcomeBody,
  PartyBody,
  Reminder as ReminderSchema,
  SessionBody,
  SignBody,
} from '../../../contract/mediation.ts';
import { api, type Page } from '../../api/client.ts';
import { useLiveEvent } from '../../api/live.ts';

export type Case = z.infer<typeof CaseSchema>;
export type CaseSummary = z.infer<typeof CaseSummarySchema>;
export type ConfirmationDue = z.infer<typeof ConfirmationDueSchema>;
export type Reminder = z.infer<typeof ReminderSchema>;
export type Figures = z.infer<typeof FiguresSchema>;

const key = ['mediation'] as const;

export function useCases(atRisk?: boolean) {
  return useQuery({
    queryKey: [...key, 'cases', atRisk],
    queryFn: ({ signal }) =>
      api.get<Page<CaseSummary>>('/mediation/cases', atRisk ? { atRisk: 'true' } : undefined, { signal }),
  });
}

export function useCase(id: number) {
  return useQuery({
    queryKey: [...key, 'case', id],
    queryFn: ({ signal }) => api.get<Case>(`/mediation/cases/${id}`, undefined, { signal }),
  });
}

export function useReminders(enabled: boolean) {
  return useQuery({
    queryKey: [...key, 'reminders'],
    queryFn: ({ signal }) => api.get<Page<Reminder>>('/mediation/reminders', undefined, { signal }),
    enabled,
  });
}

export function useConfirmationDue(enabled: boolean) {
  return useQuery({
    queryKey: [...key, 'due'],
    queryFn: ({ signal }) =>
      api.get<Page<ConfirmationDue>>('/mediation/confirmation-due', undefined, { signal }),
    enabled,
  });
}

export function useFigures(enabled: boolean) {
  return useQuery({
    queryKey: [...key, 'figures'],
    queryFn: ({ signal }) => api.get<Figures>('/mediation/figures', undefined, { signal }),
    enabled,
  });
}

export function useCandidates(enabled: boolean) {
  return useQuery({
    queryKey: [...key, 'candidates'],
    queryFn: ({ signal }) =>
      api.get<Array<{ id: number; name: string; role: string; org: (typeof LiaisonOrgs)[number] | null }>>(
        '/mediation/candidates',
        undefined,
        {
          signal,
        },
      ),
    enabled,
  });
}

function useCaseMutation<B>(fn: (body: B) => Promise<Case>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => queryClient.invalidateQueries({ queryKey: key }) });
}

export const useCreateCase = () =>
  useCaseMutation((body: z.input<typeof CaseBody>) => api.post<Case>('/mediation/cases', body));
export const useDecide = (id: number) =>
  useCaseMutation((body: z.input<typeof DecisionBody>) =>
    api.post<Case>(`/mediation/cases/${id}/decision`, body),
  );
export const useAddMember = (id: number) =>
  useCaseMutation((body: z.input<typeof MemberBody>) =>
    api.post<Case>(`/mediation/cases/${id}/members`, body),
  );
export const useAddSession = (id: number) =>
  useCaseMutation((body: z.input<typeof SessionBody>) =>
    api.post<Case>(`/mediation/cases/${id}/sessions`, body),
  );
export const useOutcome = (id: number) =>
  useCaseMutation((body: z.input<typeof OutcomeBody>) =>
    api.post<Case>(`/mediation/cases/${id}/outcome`, body),
  );
export const useSign = (id: number) =>
  useCaseMutation((body: z.input<typeof SignBody>) =>
    api.post<Case>(`/mediation/cases/${id}/signatures`, body),
  );
export const useFollowup = (id: number) =>
  useCaseMutation((body: z.input<typeof FollowupBody>) =>
    api.post<Case>(`/mediation/cases/${id}/followups`, body),
  );
export const useLiaisonEntry = (id: number) =>
  useCaseMutation((body: z.input<typeof LiaisonEntryBody>) =>
    api.post<Case>(`/mediation/cases/${id}/liaison-entries`, body),
  );
export const useFlagRisk = (id: number) =>
  useCaseMutation((note: string) => api.post<Case>(`/mediation/cases/${id}/risk`, { note }));
export const useSaveParty = (id: number, partyId: number | undefined) =>
  useCaseMutation((body: z.input<typeof PartyBody>) =>
    partyId === undefined
      ? api.post<Case>(`/mediation/cases/${id}/parties`, body)
      : api.put<Case>(`/mediation/cases/${id}/parties/${partyId}`, body),
  );

/** The full phone of a party (each look is audited on the server). */
export const fetchPartyContact = (caseId: number, partyId: number) =>
  api.get<{ contact: string | null }>(`/mediation/cases/${caseId}/parties/${partyId}/contact`);

/** Refreshes the mediation screens when a case changes or is escalated on another screen. */
export function useMediationLive(): void {
  const queryClient = useQueryClient();
  const refresh = () => void queryClient.invalidateQueries({ queryKey: key });
  useLiveEvent('mediation.case', refresh);
  useLiveEvent('mediation.escalation', refresh);
}
