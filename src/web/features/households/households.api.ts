/**
 * 一户一档 on the wire: queries and mutations of estates, households, visits, concerns, the battle
 * map, 包干 and the ledger import. Types come from the shared contract (type-only).
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  HouseholdRecords,
  AddOrgMemberBody,
  AssignBody,
  Building as BuildingSchema,
  BuildingGrid as BuildingGridSchema,
  Concern as ConcernSchema,
  CreateBuildingBody,
  CreateConcernBody,
  CreateEstateBody,
  CreateOrgUnitBody,
  CreateVisitBody,
  Estate as EstateSchema,
  EstateMap as EstateMapSchema,
  HouseholdFile as HouseholdFileSchema,
  HouseholdSummary,
  ImportPreview as ImportPreviewSchema,
  ImportReport,
  Member as MemberSchema,
  MyWork as MyWorkSchema,
  OrgUnit as OrgUnitSchema,
  RevealedId as RevealedIdSchema,
  SitePlanBody,
  Stage,
  StaffOption as StaffOptionSchema,
  UpdateConcernBody,
  UpdateHouseholdBody,
  Visit as VisitSchema,
} from '../../../contract/households.ts';
import { api, isApiError, type Page } from '../../api/client.ts';

export type Estate = z.infer<typeof EstateSchema>;
export type Building = z.infer<typeof BuildingSchema>;
export type HouseholdFile = z.infer<typeof HouseholdFileSchema>;
export type Member = z.infer<typeof MemberSchema>;
export type Visit = z.infer<typeof VisitSchema>;
export type Concern = z.infer<typeof ConcernSchema>;
export type EstateMap = z.infer<typeof EstateMapSchema>;
export type BuildingGrid = z.infer<typeof BuildingGridSchema>;
export type MyWork = z.infer<typeof MyWorkSchema>;
export type OrgUnit = z.infer<typeof OrgUnitSchema>;
export type StaffOption = z.infer<typeof StaffOptionSchema>;
export type ImportPreview = z.infer<typeof ImportPreviewSchema>;
export type RevealedId = z.infer<typeof RevealedIdSchema>;
export type { HouseholdSummary, ImportReport, Stage };

/** Every household query starts with this key, so one invalidation refreshes lists, files and maps. */
export const householdsKey = ['households'] as const;
const estatesKey = ['estates'] as const;
const orgKey = ['org-units'] as const;

export type HouseholdRecord = (typeof HouseholdRecords)[number];

export interface HouseholdFilters {
  estateId?: number | undefined;
  buildingId?: number | undefined;
  stage?: Stage | undefined;
  q?: string | undefined;
  mine?: boolean | undefined;
  overdue?: boolean | undefined;
  /** Only households whose records hold this (reached from a dashboard figure). */
  has?: HouseholdRecord | undefined;
}

/** Query string of a filter set (false toggles are left out rather than sent as `false`). */
export function filterQuery(filters: HouseholdFilters) {
  return {
    estateId: filters.estateId,
    buildingId: filters.buildingId,
    stage: filters.stage,
    q: filters.q,
    mine: filters.mine ? true : undefined,
    overdue: filters.overdue ? true : undefined,
    has: filters.has,
  };
}

// ---- estates and buildings -------------------------------------------------------------------

export function useEstates(enabled = true) {
  return useQuery({
    queryKey: estatesKey,
    queryFn: ({ signal }) => api.get<Page<Estate>>('/estates', undefined, { signal }),
    enabled,
  });
}

/** Estate names by id, for lists that span estates (addresses like 21号101 repeat across estates). */
export function useEstateNames(): (id: number) => string {
  const estates = useEstates();
  const names = new Map((estates.data?.items ?? []).map((e) => [e.id, e.name]));
  return (id) => names.get(id) ?? '';
}

export function useEstate(id: number) {
  return useQuery({
    queryKey: [...estatesKey, id],
    queryFn: ({ signal }) => api.get<Estate>(`/estates/${id}`, undefined, { signal }),
  });
}

export function useBuildings(estateId: number | undefined) {
  return useQuery({
    queryKey: [...estatesKey, estateId, 'buildings'],
    queryFn: ({ signal }) => api.get<Page<Building>>(`/estates/${estateId}/buildings`, undefined, { signal }),
    enabled: estateId !== undefined,
  });
}

export function useCreateEstate() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: z.input<typeof CreateEstateBody>) => api.post<{ id: number }>('/estates', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: estatesKey }),
  });
}

export function useCreateBuilding(estateId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: z.input<typeof CreateBuildingBody>) =>
      api.post<Building>(`/estates/${estateId}/buildings`, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: estatesKey }),
  });
}

/** Saves the outlines drawn on the site plan; the battle map of the estate is drawn anew. */
export function useSaveSitePlan(estateId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: z.input<typeof SitePlanBody>) =>
      api.put<Page<Building>>(`/estates/${estateId}/site-plan`, body),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: estatesKey });
      await queryClient.invalidateQueries({ queryKey: estateMapKey(estateId) });
    },
  });
}

/** Battle-map query key of one estate (all stages), for live invalidation. */
export function estateMapKey(estateId: number) {
  return [...householdsKey, 'map', estateId] as const;
}

/** The battle map; without a stage the server picks the one the estate is at. */
export function useEstateMap(estateId: number, stage: Stage | null) {
  return useQuery({
    queryKey: [...estateMapKey(estateId), stage ?? 'current'],
    queryFn: ({ signal }) =>
      api.get<EstateMap>(`/estates/${estateId}/map`, stage ? { stage } : undefined, { signal }),
    placeholderData: keepPreviousData,
  });
}

export function useBuildingGrid(buildingId: number | null) {
  return useQuery({
    queryKey: [...householdsKey, 'grid', buildingId],
    queryFn: ({ signal }) => api.get<BuildingGrid>(`/buildings/${buildingId}/grid`, undefined, { signal }),
    enabled: buildingId !== null,
  });
}

// ---- households --------------------------------------------------------------------------------

export function useHouseholds(filters: HouseholdFilters & { limit: number; offset: number }, enabled = true) {
  return useQuery({
    queryKey: [...householdsKey, 'list', filters],
    queryFn: ({ signal }) =>
      api.get<Page<HouseholdSummary>>(
        '/households',
        { ...filterQuery(filters), limit: filters.limit, offset: filters.offset },
        { signal },
      ),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useHousehold(id: number) {
  return useQuery({
    queryKey: [...householdsKey, 'file', id],
    queryFn: ({ signal }) => api.get<HouseholdFile>(`/households/${id}`, undefined, { signal }),
  });
}

function useHouseholdMutation<TVars, TResult>(fn: (vars: TVars) => Promise<TResult>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: householdsKey }),
  });
}

export function useUpdateHousehold(id: number) {
  return useHouseholdMutation((body: z.input<typeof UpdateHouseholdBody>) =>
    api.patch<HouseholdFile>(`/households/${id}`, body),
  );
}

export function useRevealId(id: number) {
  return useMutation({
    mutationFn: (reason: string) => api.post<RevealedId>(`/households/${id}/reveal-id`, { reason }),
  });
}

export function useRecordVisit(id: number) {
  return useHouseholdMutation((body: z.input<typeof CreateVisitBody>) =>
    api.post<Visit>(`/households/${id}/visits`, body),
  );
}

export function useAddConcern(id: number) {
  return useHouseholdMutation((body: z.input<typeof CreateConcernBody>) =>
    api.post<Concern>(`/households/${id}/concerns`, body),
  );
}

export function useUpdateConcern() {
  return useHouseholdMutation(({ id, body }: { id: number; body: z.input<typeof UpdateConcernBody> }) =>
    api.patch<Concern>(`/concerns/${id}`, body),
  );
}

/** My work, or without a signal the copy kept on the phone (offline/device.ts), marked as such. */
async function fetchMyWork(signal: AbortSignal): Promise<MyWork & { offlineCopy?: boolean }> {
  try {
    return await api.get<MyWork>('/my-work', undefined, { signal });
  } catch (error) {
    if (!isApiError(error, 'network_error')) throw error;
    const kept = await (await import('../../offline/device.ts')).loadMyWork();
    if (!kept) throw error;
    return { ...kept, offlineCopy: true };
  }
}

export function useMyWork() {
  return useQuery({
    queryKey: [...householdsKey, 'my-work'],
    queryFn: ({ signal }) => fetchMyWork(signal),
    networkMode: 'always',
  });
}

// ---- organisation and 包干 -----------------------------------------------------------------------

export function useOrgUnits() {
  return useQuery({
    queryKey: orgKey,
    queryFn: ({ signal }) => api.get<Page<OrgUnit>>('/org-units', undefined, { signal }),
  });
}

export function useStaff() {
  return useQuery({
    queryKey: ['staff'],
    queryFn: ({ signal }) => api.get<Page<StaffOption>>('/staff', undefined, { signal }),
  });
}

export function useCreateOrgUnit() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: z.input<typeof CreateOrgUnitBody>) => api.post<OrgUnit>('/org-units', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: orgKey }),
  });
}

export function useAddOrgMember() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ unitId, body }: { unitId: number; body: z.input<typeof AddOrgMemberBody> }) =>
      api.post<OrgUnit>(`/org-units/${unitId}/members`, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: orgKey }),
  });
}

export function useAssign() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: z.input<typeof AssignBody>) => api.post<{ assigned: number }>('/assignments', body),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: orgKey });
      await queryClient.invalidateQueries({ queryKey: householdsKey });
    },
  });
}

export function useUnassign(householdId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (userId: number) =>
      api.delete<{ ok: true }>(`/households/${householdId}/assignees/${userId}`),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: orgKey });
      await queryClient.invalidateQueries({ queryKey: householdsKey });
    },
  });
}
