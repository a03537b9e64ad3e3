/**
 * 成套改造 on the wire: rounds and their progress, plans, drawings, construction, acceptance,
 * outcome figures and resident activation. Types come from the shared contract (type-only).
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  Acceptance as AcceptanceSchema,
  AcceptanceBody,
  ActivateBody,
  BuildingPhases,
  BuildingSchedule as BuildingScheduleSchema,
  ConfirmBody,
  CreateLayoutOptionBody,
  CreateRoundBody,
  Decisions,
  DrawingSet as DrawingSetSchema,
  Holdouts as HoldoutsSchema,
  HouseholdRound as HouseholdRoundSchema,
  LayoutOption as LayoutOptionSchema,
  Outcome as OutcomeSchema,
  Plan as PlanSchema,
  PlanBody,
  Progress as ProgressSchema,
  PublicBoard as PublicBoardSchema,
  ResponseBody,
  ResponseHistoryEntry as ResponseHistoryEntrySchema,
  ResponseRecord as ResponseRecordSchema,
  RenewalSettings as RenewalSettingsSchema,
  RenewalSettingsBody,
  Round as RoundSchema,
  RoundKinds,
} from '../../../contract/renewal.ts';
import type {
  AllowanceRule as AllowanceRuleSchema,
  AllowanceRuleBody,
  ComputedAllowances as ComputedAllowancesSchema,
} from '../../../contract/allowances.ts';
import { api, type Page } from '../../api/client.ts';
import { householdsKey } from '../households/households.api.ts';

export type Round = z.infer<typeof RoundSchema>;
export type Progress = z.infer<typeof ProgressSchema>;
export type Holdouts = z.infer<typeof HoldoutsSchema>;
export type PublicBoard = z.infer<typeof PublicBoardSchema>;
export type Plan = z.infer<typeof PlanSchema>;
export type DrawingSet = z.infer<typeof DrawingSetSchema>;
export type LayoutOption = z.infer<typeof LayoutOptionSchema>;
export type Acceptance = z.infer<typeof AcceptanceSchema>;
export type Outcome = z.infer<typeof OutcomeSchema>;
export type BuildingSchedule = z.infer<typeof BuildingScheduleSchema>;
export type ResponseHistoryEntry = z.infer<typeof ResponseHistoryEntrySchema>;
export type ResponseRecord = z.infer<typeof ResponseRecordSchema>;
export type RoundKind = (typeof RoundKinds)[number];
export type Decision = (typeof Decisions)[number];
export type Phase = (typeof BuildingPhases)[number];
export type RenewalSettings = z.infer<typeof RenewalSettingsSchema>;

export type HouseholdRound = z.infer<typeof HouseholdRoundSchema>;

export const PHASES: readonly Phase[] = [
  'moved_out',
  'started',
  'structure_done',
  'completed',
  'accepted',
  'moved_back',
];

/** Every renewal query starts with this key, so one invalidation refreshes all of them. */
export const renewalKey = ['renewal'] as const;
const roundKey = (id: number) => [...renewalKey, 'round', id] as const;
const householdKey = (id: number) => [...renewalKey, 'household', id] as const;

/** Invalidates renewal data and household files (stages change with confirmations and answers). */
function useInvalidate() {
  const queryClient = useQueryClient();
  return async () => {
    await queryClient.invalidateQueries({ queryKey: renewalKey });
    await queryClient.invalidateQueries({ queryKey: householdsKey });
  };
}

function useRenewalMutation<TVars, TResult>(fn: (vars: TVars) => Promise<TResult>) {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: fn, onSuccess: invalidate });
}

// ---- the order of steps -----------------------------------------------------------------------

export function useRenewalSettings() {
  return useQuery({
    queryKey: [...renewalKey, 'settings'],
    queryFn: ({ signal }) => api.get<RenewalSettings>('/renewal-settings', undefined, { signal }),
  });
}

export function useUpdateRenewalSettings() {
  return useRenewalMutation((body: z.input<typeof RenewalSettingsBody>) =>
    api.put<RenewalSettings>('/renewal-settings', body),
  );
}

// ---- rounds ------------------------------------------------------------------------------------

export function useRounds(estateId?: number) {
  return useQuery({
    queryKey: [...renewalKey, 'rounds', estateId ?? null],
    queryFn: ({ signal }) => api.get<Page<Round>>('/rounds', { estateId }, { signal }),
  });
}

export function useRound(id: number) {
  return useQuery({
    queryKey: [...roundKey(id), 'meta'],
    queryFn: ({ signal }) => api.get<Round>(`/consultations/${id}`, undefined, { signal }),
  });
}

export function useProgress(id: number, enabled = true) {
  return useQuery({
    queryKey: [...roundKey(id), 'progress'],
    queryFn: ({ signal }) => api.get<Progress>(`/consultations/${id}/progress`, undefined, { signal }),
    enabled,
  });
}

export function useHoldouts(id: number, enabled = true) {
  return useQuery({
    queryKey: [...roundKey(id), 'holdouts'],
    queryFn: ({ signal }) =>
      api.get<Holdouts>(`/consultations/${id}/holdouts`, { limit: 200, offset: 0 }, { signal }),
    enabled,
  });
}

export function useBoard(id: number) {
  return useQuery({
    queryKey: [...roundKey(id), 'board'],
    queryFn: ({ signal }) => api.get<PublicBoard>(`/consultations/${id}/board`, undefined, { signal }),
  });
}

export function useResponseHistory(roundId: number, householdId: number | null) {
  return useQuery({
    queryKey: [...roundKey(roundId), 'history', householdId],
    queryFn: ({ signal }) =>
      api.get<Page<ResponseHistoryEntry>>(
        `/consultations/${roundId}/responses/${householdId}/history`,
        undefined,
        { signal },
      ),
    enabled: householdId !== null,
  });
}

/** The query key of one round: a live event for that round invalidates it. */
export function roundQueryKey(id: number) {
  return roundKey(id);
}

export function useCreateRound() {
  return useRenewalMutation(
    ({ estateId, body }: { estateId: number; body: z.input<typeof CreateRoundBody> }) =>
      api.post<{ id: number }>(`/estates/${estateId}/consultations`, body),
  );
}

export function useCloseRound() {
  return useRenewalMutation((id: number) => api.post<Round>(`/consultations/${id}/close`));
}

export function useRespond(roundId: number) {
  return useRenewalMutation((body: z.input<typeof ResponseBody>) =>
    api.post<ResponseRecord>(`/consultations/${roundId}/responses`, body),
  );
}

export function useHouseholdRounds(householdId: number) {
  return useQuery({
    queryKey: [...householdKey(householdId), 'rounds'],
    queryFn: ({ signal }) =>
      api.get<HouseholdRound[]>(`/households/${householdId}/rounds`, undefined, { signal }),
  });
}

// ---- plans ---------------------------------------------------------------------------------------

export function useLayoutOptions(estateId: number | undefined) {
  return useQuery({
    queryKey: [...renewalKey, 'layouts', estateId],
    queryFn: ({ signal }) =>
      api.get<Page<LayoutOption>>(`/estates/${estateId}/layout-options`, undefined, { signal }),
    enabled: estateId !== undefined,
  });
}

export function useCreateLayoutOption(estateId: number) {
  return useRenewalMutation((body: z.input<typeof CreateLayoutOptionBody>) =>
    api.post<LayoutOption>(`/estates/${estateId}/layout-options`, body),
  );
}

export function usePlans(householdId: number) {
  return useQuery({
    queryKey: [...householdKey(householdId), 'plans'],
    queryFn: ({ signal }) => api.get<Page<Plan>>(`/households/${householdId}/plans`, undefined, { signal }),
  });
}

export function useCreatePlan(householdId: number) {
  return useRenewalMutation((body: z.input<typeof PlanBody>) =>
    api.post<Plan>(`/households/${householdId}/plans`, body),
  );
}

export function useConfirmPlan(householdId: number) {
  return useRenewalMutation(({ version, body }: { version: number; body: z.input<typeof ConfirmBody> }) =>
    api.post<Plan>(`/households/${householdId}/plans/${version}/confirm`, body),
  );
}

// ---- drawings ------------------------------------------------------------------------------------

export function useDrawings(householdId: number) {
  return useQuery({
    queryKey: [...householdKey(householdId), 'drawings'],
    queryFn: ({ signal }) =>
      api.get<DrawingSet>(`/households/${householdId}/drawings`, undefined, { signal }),
  });
}

export function useConfirmDrawing(householdId: number) {
  return useRenewalMutation(({ version, body }: { version: number; body: z.input<typeof ConfirmBody> }) =>
    api.post<DrawingSet>(`/households/${householdId}/drawings/${version}/confirm`, body),
  );
}

export function useRequestDrawingChange(householdId: number) {
  return useRenewalMutation((content: string) =>
    api.post<DrawingSet>(`/households/${householdId}/drawing-changes`, { content }),
  );
}

/** Called after an XHR upload so every view of the household refreshes. */
export function useAfterUpload() {
  return useInvalidate();
}

// ---- construction and acceptance ---------------------------------------------------------------

export function useConstruction(estateId: number) {
  return useQuery({
    queryKey: [...renewalKey, 'construction', estateId],
    queryFn: ({ signal }) =>
      api.get<Page<BuildingSchedule>>(`/estates/${estateId}/construction`, undefined, { signal }),
  });
}

export function useRecordPhase() {
  return useRenewalMutation(({ buildingId, phase, on }: { buildingId: number; phase: Phase; on: string }) =>
    api.post<BuildingSchedule>(`/buildings/${buildingId}/phases`, { phase, on }),
  );
}

export function useOutcome(estateId: number) {
  return useQuery({
    queryKey: [...renewalKey, 'outcome', estateId],
    queryFn: ({ signal }) => api.get<Outcome>(`/estates/${estateId}/outcome`, undefined, { signal }),
  });
}

export function useAcceptance(householdId: number) {
  return useQuery({
    queryKey: [...householdKey(householdId), 'acceptance'],
    queryFn: ({ signal }) =>
      api.get<{ acceptance: Acceptance | null; standardChecklist: string[] }>(
        `/households/${householdId}/acceptance`,
        undefined,
        { signal },
      ),
  });
}

export function useInspect(householdId: number) {
  return useRenewalMutation((body: z.input<typeof AcceptanceBody>) =>
    api.post<Acceptance>(`/households/${householdId}/acceptance`, body),
  );
}

export function useCloseDefect() {
  return useRenewalMutation((id: number) => api.post<Acceptance>(`/defects/${id}/close`));
}

// ---- residents -----------------------------------------------------------------------------------

export function useActivate() {
  return useMutation({
    mutationFn: (body: z.input<typeof ActivateBody>) => api.post<{ username: string }>('/activate', body),
  });
}

// ---- allowance rules -------------------------------------------------------------------------------

export type AllowanceRule = z.infer<typeof AllowanceRuleSchema>;
export type ComputedAllowances = z.infer<typeof ComputedAllowancesSchema>;
export type AllowanceRuleInput = z.input<typeof AllowanceRuleBody>;

export function useAllowanceRules(estateId: number | undefined) {
  return useQuery({
    queryKey: [...renewalKey, 'allowance-rules', estateId ?? null],
    enabled: estateId !== undefined,
    queryFn: ({ signal }) =>
      api.get<Page<AllowanceRule>>(`/estates/${estateId}/allowance-rules`, undefined, { signal }),
  });
}

export function useSaveAllowanceRule(estateId: number) {
  return useRenewalMutation(({ id, body }: { id: number | null; body: AllowanceRuleInput }) =>
    id === null
      ? api.post<AllowanceRule>(`/estates/${estateId}/allowance-rules`, body)
      : api.put<AllowanceRule>(`/allowance-rules/${id}`, body),
  );
}

export function useDeleteAllowanceRule() {
  return useRenewalMutation((id: number) => api.delete<{ ok: true }>(`/allowance-rules/${id}`));
}

/** What the estate's rules come to for this household from its file (按规则计算). */
export function useComputedAllowances(householdId: number) {
  return useQuery({
    queryKey: [...householdKey(householdId), 'allowances-computed'],
    queryFn: ({ signal }) =>
      api.get<ComputedAllowances>(`/households/${householdId}/allowances/computed`, undefined, { signal }),
  });
}
