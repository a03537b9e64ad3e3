/** 平安六防 on the wire: work orders, photos, patrols, registers, figures. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  AlarmPrefill as AlarmPrefillSchema,
  Assignee as AssigneeSchema,
  BuildingRisk as BuildingRiskSchema,
  BuildingRiskBody,
  ChargingSite as ChargingSiteSchema,
  ChargingSiteBody,
  Merchant as MerchantSchema,
  MerchantBody,
  PatrolPlan as PatrolPlanSchema,
  PatrolPlanBody,
  PatrolRecord as PatrolRecordSchema,
  PatrolRecordBody,
  RentalCheckFacts,
  RentalFlat as RentalFlatSchema,
  RentalFlatBody,
  RentalNoticeBody,
  SafetyFigures as SafetyFiguresSchema,
  SlaSettings as SlaSettingsSchema,
  WorkOrder as WorkOrderSchema,
  WorkOrderDetail as WorkOrderDetailSchema,
} from '../../../contract/safety.ts';
import { api, ApiError, type Page } from '../../api/client.ts';
import { currentLanguage, languageTag } from '../../i18n/index.ts';

export type WorkOrder = z.infer<typeof WorkOrderSchema>;
export type WorkOrderDetail = z.infer<typeof WorkOrderDetailSchema>;
export type AlarmPrefill = z.infer<typeof AlarmPrefillSchema>;
export type Assignee = z.infer<typeof AssigneeSchema>;
export type PatrolPlan = z.infer<typeof PatrolPlanSchema>;
export type PatrolRecord = z.infer<typeof PatrolRecordSchema>;
export type BuildingRisk = z.infer<typeof BuildingRiskSchema>;
export type RentalFlat = z.infer<typeof RentalFlatSchema>;
export type Merchant = z.infer<typeof MerchantSchema>;
export type ChargingSite = z.infer<typeof ChargingSiteSchema>;
export type SafetyFigures = z.infer<typeof SafetyFiguresSchema>;
export type SlaSettings = z.infer<typeof SlaSettingsSchema>;
export type OrderAction = WorkOrderDetail['actions'][number];

export const safetyKey = ['safety'] as const;

export function useWorkOrders(query: { mine?: boolean } = {}) {
  return useQuery({
    queryKey: [...safetyKey, 'orders', query],
    queryFn: ({ signal }) =>
      api.get<Page<WorkOrder>>(
        '/safety/work-orders',
        { mine: query.mine ? 'true' : undefined, limit: 300 },
        { signal },
      ),
  });
}

export function useWorkOrder(id: number) {
  return useQuery({
    queryKey: [...safetyKey, 'order', id],
    queryFn: ({ signal }) => api.get<WorkOrderDetail>(`/safety/work-orders/${id}`, undefined, { signal }),
  });
}

export function useAlarmPrefill(alarmId: number | null) {
  return useQuery({
    queryKey: [...safetyKey, 'prefill', alarmId],
    queryFn: ({ signal }) =>
      api.get<AlarmPrefill>(`/safety/alarms/${alarmId}/prefill`, undefined, { signal }),
    enabled: alarmId !== null,
  });
}

export function useAssignees(enabled = true) {
  return useQuery({
    queryKey: [...safetyKey, 'assignees'],
    queryFn: ({ signal }) => api.get<Page<Assignee>>('/safety/assignees', undefined, { signal }),
    enabled,
  });
}

/** Any change: refresh every safety query (lists, details, figures). */
export function useSafetyMutation<TBody, TResult>(fn: (body: TBody) => Promise<TResult>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => qc.invalidateQueries({ queryKey: safetyKey }),
  });
}

export const orderAction = (id: number, action: string, body: unknown) =>
  api.post<WorkOrderDetail>(`/safety/work-orders/${id}/${action}`, body);

export function usePlans() {
  return useQuery({
    queryKey: [...safetyKey, 'plans'],
    queryFn: ({ signal }) => api.get<Page<PatrolPlan>>('/safety/patrol-plans', undefined, { signal }),
  });
}

export function usePlan(id: number) {
  return useQuery({
    queryKey: [...safetyKey, 'plan', id],
    queryFn: ({ signal }) => api.get<PatrolPlan>(`/safety/patrol-plans/${id}`, undefined, { signal }),
  });
}

export function useRecords() {
  return useQuery({
    queryKey: [...safetyKey, 'records'],
    queryFn: ({ signal }) => api.get<Page<PatrolRecord>>('/safety/patrol-records', undefined, { signal }),
  });
}

export type PlanBody = z.input<typeof PatrolPlanBody>;
export type RecordBody = z.input<typeof PatrolRecordBody>;

export function useRegister<T>(path: string, enabled = true) {
  return useQuery({
    queryKey: [...safetyKey, 'register', path],
    queryFn: ({ signal }) => api.get<Page<T>>(`/safety/registers/${path}`, undefined, { signal }),
    enabled,
  });
}

export type BuildingRiskInput = z.input<typeof BuildingRiskBody>;
export type RentalFlatInput = z.input<typeof RentalFlatBody>;
export type RentalCheckInput = z.input<typeof RentalCheckFacts>;
export type RentalNoticeInput = z.input<typeof RentalNoticeBody>;
export type MerchantInput = z.input<typeof MerchantBody>;
export type ChargingSiteInput = z.input<typeof ChargingSiteBody>;

export function useSla() {
  return useQuery({
    queryKey: [...safetyKey, 'sla'],
    queryFn: ({ signal }) => api.get<SlaSettings>('/safety/sla', undefined, { signal }),
  });
}

export function useFigures(days: number) {
  return useQuery({
    queryKey: [...safetyKey, 'figures', days],
    queryFn: ({ signal }) => api.get<SafetyFigures>('/safety/figures', { days }, { signal }),
  });
}

function csrf(): string | null {
  for (const part of document.cookie.split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === 'gz_csrf') return decodeURIComponent(rest.join('='));
  }
  return null;
}

/** Uploads one photo (checked by content on the server) and answers its file id. */
export async function uploadSafetyPhoto(file: File): Promise<number> {
  const form = new FormData();
  form.append('file', file);
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'Accept-Language': languageTag(currentLanguage()),
  };
  const token = csrf();
  if (token) headers['x-csrf-token'] = token;
  const response = await fetch('/api/safety/photos', {
    method: 'POST',
    body: form,
    headers,
    credentials: 'same-origin',
  });
  const body = (await response.json().catch(() => ({}))) as {
    fileId?: number;
    code?: ApiError['code'];
    message?: string;
  };
  if (!response.ok || !body.fileId)
    throw new ApiError({
      status: response.status,
      code: body.code ?? 'bad_request',
      message: body.message ?? '',
    });
  return body.fileId;
}

export const photoUrl = (fileId: number) => `/api/safety/photos/${fileId}`;
