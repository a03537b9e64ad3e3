/** 物联设施 on the wire: plan, devices, alarms, consents, rules, figures. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { DeviceKind } from '../../../contract/iot.kinds.ts';
import type {
  Alarm as AlarmSchema,
  AlarmListQuery,
  Consent as ConsentSchema,
  ConsentBody,
  CreateDeviceBody,
  CreatedDevice as CreatedDeviceSchema,
  Device as DeviceSchema,
  DeviceDetail as DeviceDetailSchema,
  DeviceListQuery,
  IngestStats as IngestStatsSchema,
  IotFigures as IotFiguresSchema,
  IotPlan as IotPlanSchema,
  Rule as RuleSchema,
  UpdateDeviceBody,
  UpdateRuleBody,
  WebhookSecret as WebhookSecretSchema,
} from '../../../contract/iot.ts';
import { api, type Page } from '../../api/client.ts';

export type Alarm = z.infer<typeof AlarmSchema>;
export type Device = z.infer<typeof DeviceSchema>;
export type DeviceDetail = z.infer<typeof DeviceDetailSchema>;
export type Consent = z.infer<typeof ConsentSchema>;
export type Rule = z.infer<typeof RuleSchema>;
export type IotPlan = z.infer<typeof IotPlanSchema>;
export type IotFigures = z.infer<typeof IotFiguresSchema>;
export type IngestStats = z.infer<typeof IngestStatsSchema>;
export type CreatedDevice = z.infer<typeof CreatedDeviceSchema>;
export type WebhookSecret = z.infer<typeof WebhookSecretSchema>;
export type { DeviceKind };

export const iotKey = ['iot'] as const;

type Query = Record<string, string | number | boolean | undefined>;

export function usePlan(estateId: number | undefined) {
  return useQuery({
    queryKey: [...iotKey, 'plan', estateId ?? null],
    queryFn: ({ signal }) => api.get<IotPlan>('/iot/plan', estateId ? { estateId } : undefined, { signal }),
  });
}

export function useAlarms(query: Partial<z.input<typeof AlarmListQuery>>) {
  return useQuery({
    queryKey: [...iotKey, 'alarms', query],
    queryFn: ({ signal }) => api.get<Page<Alarm>>('/iot/alarms', query as Query, { signal }),
  });
}

export function useDevices(query: Partial<z.input<typeof DeviceListQuery>>) {
  return useQuery({
    queryKey: [...iotKey, 'devices', query],
    queryFn: ({ signal }) => api.get<Page<Device>>('/iot/devices', query as Query, { signal }),
  });
}

export function useDevice(id: number | null) {
  return useQuery({
    queryKey: [...iotKey, 'device', id],
    queryFn: ({ signal }) => api.get<DeviceDetail>(`/iot/devices/${id}`, undefined, { signal }),
    enabled: id !== null,
  });
}

export function useConsents() {
  return useQuery({
    queryKey: [...iotKey, 'consents'],
    queryFn: ({ signal }) => api.get<Page<Consent>>('/iot/consents', undefined, { signal }),
  });
}

export function useRules() {
  return useQuery({
    queryKey: [...iotKey, 'rules'],
    queryFn: ({ signal }) => api.get<Page<Rule>>('/iot/rules', undefined, { signal }),
  });
}

export function useFigures() {
  return useQuery({
    queryKey: [...iotKey, 'figures'],
    queryFn: ({ signal }) => api.get<IotFigures>('/iot/figures', undefined, { signal }),
  });
}

export function useIngestStats() {
  return useQuery({
    queryKey: [...iotKey, 'stats'],
    queryFn: ({ signal }) => api.get<IngestStats>('/iot/stats', undefined, { signal }),
  });
}

function useIotMutation<B, R>(fn: (body: B) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: iotKey }),
  });
}

export const useAcknowledge = () =>
  useIotMutation((id: number) => api.post<Alarm>(`/iot/alarms/${id}/acknowledge`));
export const useClearAlarm = () =>
  useIotMutation(({ id, note }: { id: number; note: string }) =>
    api.post<Alarm>(`/iot/alarms/${id}/clear`, { note }),
  );
export const useCreateDevice = () =>
  useIotMutation((body: z.input<typeof CreateDeviceBody>) => api.post<CreatedDevice>('/iot/devices', body));
export const useUpdateDevice = () =>
  useIotMutation(({ id, ...body }: z.input<typeof UpdateDeviceBody> & { id: number }) =>
    api.patch<Device>(`/iot/devices/${id}`, body),
  );
export const useRotateSecret = () =>
  useIotMutation((id: number) => api.post<WebhookSecret>(`/iot/devices/${id}/webhook-secret`));
export const useRecordConsent = () =>
  useIotMutation((body: z.input<typeof ConsentBody>) => api.post<Consent>('/iot/consents', body));
export const useWithdrawConsent = () =>
  useIotMutation(({ id, reason }: { id: number; reason: string }) =>
    api.post<Consent>(`/iot/consents/${id}/withdraw`, { reason }),
  );
export const useUpdateRule = () =>
  useIotMutation(
    ({ kind, key, ...body }: z.input<typeof UpdateRuleBody> & { kind: DeviceKind; key: string }) =>
      api.patch<Rule>(`/iot/rules/${kind}/${key}`, body),
  );
