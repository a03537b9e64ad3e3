import { z } from 'zod';
import { Timestamp } from './common.ts';
import { DeviceKinds, MessageTypes, Severities } from './iot.kinds.ts';
import { RuleParams, RuleTypes } from './iot.profiles.ts';

/** 物联网 API bodies and answers: devices, consents, telemetry, rules, alarms, figures, the plan. */
// ---- API bodies and answers ----------------------------------------------------------------------

export const DeviceCode = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{1,63}$/, 'letters, digits, - and _');

export const CreateDeviceBody = z.object({
  code: DeviceCode,
  kind: z.enum(DeviceKinds),
  name: z.string().trim().min(1).max(100),
  estateId: z.number().int().positive(),
  buildingId: z.number().int().positive().optional(),
  householdId: z.number().int().positive().optional(),
  placeName: z.string().trim().max(100).optional(),
  x: z.number().min(0).max(10000).optional(),
  y: z.number().min(0).max(10000).optional(),
  ports: z.number().int().min(1).max(32).optional(),
  /** Vendors that push over HTTP get a webhook secret (shown once). */
  webhook: z.boolean().default(false),
});

export const UpdateDeviceBody = z.object({
  name: z.string().trim().min(1).max(100).optional(),
  placeName: z.string().trim().max(100).nullable().optional(),
  x: z.number().min(0).max(10000).nullable().optional(),
  y: z.number().min(0).max(10000).nullable().optional(),
  enabled: z.boolean().optional(),
});

export const DeviceListQuery = z.object({
  kind: z.enum(DeviceKinds).optional(),
  status: z.enum(['online', 'offline', 'alarm', 'disabled']).optional(),
  estateId: z.coerce.number().int().positive().optional(),
  buildingId: z.coerce.number().int().positive().optional(),
  q: z.string().trim().max(100).optional(),
});

export const Device = z.object({
  id: z.number(),
  code: z.string(),
  kind: z.enum(DeviceKinds),
  name: z.string(),
  estateId: z.number(),
  buildingId: z.number().nullable(),
  buildingNumber: z.string().nullable(),
  householdId: z.number().nullable(),
  /** "12号 301室" for in-home devices; the head's name is not shown here. */
  householdLabel: z.string().nullable(),
  placeName: z.string().nullable(),
  x: z.number().nullable(),
  y: z.number().nullable(),
  ports: z.number().nullable(),
  enabled: z.boolean(),
  online: z.boolean(),
  lastSeenAt: Timestamp.nullable(),
  openAlarms: z.number(),
  messages: z.number(),
  malformed: z.number(),
  hasWebhook: z.boolean(),
  createdAt: Timestamp,
});

export const TelemetryPoint = z.object({
  at: Timestamp,
  type: z.enum(MessageTypes),
  payload: z.record(z.string(), z.unknown()),
});

export const Consent = z.object({
  id: z.number(),
  householdId: z.number(),
  householdLabel: z.string(),
  consentedBy: z.string(),
  relation: z.string().nullable(),
  consentedAt: Timestamp,
  scope: z.array(z.enum(DeviceKinds)),
  recordedBy: z.string(),
  contactName: z.string(),
  /** masked: 138****5678 */
  contactPhone: z.string(),
  withdrawnAt: Timestamp.nullable(),
  withdrawnBy: z.string().nullable(),
  withdrawReason: z.string().nullable(),
  devices: z.number(),
});

export const DeviceDetail = Device.extend({
  latest: TelemetryPoint.nullable(),
  history: z.array(TelemetryPoint),
  consent: Consent.nullable(),
  alarms: z.array(z.lazy(() => Alarm)),
});

export const CreatedDevice = z.object({
  device: Device,
  /** Only when the device pushes over HTTP: shown once, never again. */
  webhookSecret: z.string().nullable(),
  webhookUrl: z.string().nullable(),
});

export const WebhookSecret = z.object({ webhookSecret: z.string(), webhookUrl: z.string() });

export const ConsentBody = z.object({
  householdId: z.number().int().positive(),
  consentedBy: z.string().trim().min(1).max(50),
  relation: z.string().trim().max(20).optional(),
  consentedAt: z.iso.datetime({ offset: true }),
  scope: z.array(z.enum(DeviceKinds)).min(1).max(8),
  contactName: z.string().trim().min(1).max(50),
  contactPhone: z
    .string()
    .trim()
    .regex(/^[0-9+\- ]{7,20}$/),
});

export const WithdrawConsentBody = z.object({ reason: z.string().trim().min(1).max(500) });

export const ConsentListQuery = z.object({
  householdId: z.coerce.number().int().positive().optional(),
  active: z.enum(['true', 'false']).optional(),
});

export const AlarmStatuses = ['active', 'cleared'] as const;

export const Alarm = z.object({
  id: z.number(),
  deviceId: z.number(),
  deviceCode: z.string(),
  deviceName: z.string(),
  kind: z.enum(DeviceKinds),
  type: z.string(),
  title: z.string(),
  severity: z.enum(Severities),
  status: z.enum(AlarmStatuses),
  acknowledged: z.boolean(),
  acknowledgedAt: Timestamp.nullable(),
  acknowledgedBy: z.string().nullable(),
  openedAt: Timestamp,
  lastAt: Timestamp,
  count: z.number(),
  lastValue: z.unknown(),
  clearedAt: Timestamp.nullable(),
  clearedBy: z.string().nullable(),
  clearNote: z.string().nullable(),
  estateId: z.number(),
  buildingNumber: z.string().nullable(),
  placeName: z.string().nullable(),
  householdLabel: z.string().nullable(),
  x: z.number().nullable(),
  y: z.number().nullable(),
});
export type AlarmItem = z.infer<typeof Alarm>;

export const AlarmListQuery = z.object({
  status: z.enum(['open', 'cleared', 'all']).default('open'),
  kind: z.enum(DeviceKinds).optional(),
  severity: z.enum(Severities).optional(),
  deviceId: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});

export const ClearAlarmBody = z.object({ note: z.string().trim().min(1).max(500) });

export const Rule = z.object({
  kind: z.enum(DeviceKinds),
  key: z.string(),
  type: z.enum(RuleTypes),
  title: z.string(),
  severity: z.enum(Severities),
  enabled: z.boolean(),
  params: RuleParams,
  defaults: RuleParams,
  customised: z.boolean(),
});

export const UpdateRuleBody = z.object({
  severity: z.enum(Severities).optional(),
  enabled: z.boolean().optional(),
  params: RuleParams.optional(),
});
export const RuleParamsPath = z.object({ kind: z.enum(DeviceKinds), key: z.string().max(40) });

export const IngestStats = z.object({
  since: Timestamp,
  messages: z.number(),
  malformed: z.number(),
  rejected: z.number(),
  byKind: z.array(
    z.object({
      kind: z.enum(DeviceKinds),
      messages: z.number(),
      malformed: z.number(),
      rejected: z.number(),
    }),
  ),
  devices: z.object({ total: z.number(), online: z.number(), disabled: z.number() }),
});

export const IotFigures = z.object({
  openAlarms: z.number(),
  unacknowledged: z.number(),
  alarmsLast30Days: z.number(),
  byKind: z.array(z.object({ kind: z.enum(DeviceKinds), total: z.number(), open: z.number() })),
  bySeverity: z.array(z.object({ severity: z.enum(Severities), total: z.number() })),
  /** mean minutes from opening to acknowledgement, alarms of the last 30 days; null without any */
  meanMinutesToAcknowledge: z.number().nullable(),
  perDay: z.array(z.object({ day: z.string(), total: z.number() })),
});

export const PlanQuery = z.object({ estateId: z.coerce.number().int().positive().optional() });

/** The estate plan for the live page: building outlines plus device markers. */
export const IotPlan = z.object({
  estates: z.array(z.object({ id: z.number(), name: z.string() })),
  estateId: z.number().nullable(),
  sitePlan: z.object({ width: z.number(), height: z.number() }),
  buildings: z.array(
    z.object({
      id: z.number(),
      number: z.string(),
      outline: z.array(z.tuple([z.number(), z.number()])).nullable(),
    }),
  ),
  devices: z.array(
    z.object({
      id: z.number(),
      code: z.string(),
      name: z.string(),
      kind: z.enum(DeviceKinds),
      x: z.number(),
      y: z.number(),
      state: z.enum(['online', 'offline', 'alarm', 'disabled']),
    }),
  ),
});

/** Webhook body: one message as the MQTT topic would have carried it. */
export const WebhookBody = z.object({
  type: z.enum(MessageTypes),
  payload: z.record(z.string(), z.unknown()),
});
