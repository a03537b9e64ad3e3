import { z } from 'zod';
import { Timestamp } from './common.ts';

/**
 * 物联网: device kinds as typed profiles (payload schemas + default alarm rules), devices on the
 * estate plan or in a consenting household, telemetry, alarm rules and alarms.
 */

export const DeviceKinds = [
  'smoke_alarm',
  'ebike_station',
  'access_gate',
  'water_meter',
  'smart_breaker',
  'door_contact',
  'motion_sensor',
  'indoor_charging_detector',
] as const;
export type DeviceKind = (typeof DeviceKinds)[number];

/** Kinds installed inside a flat: they need the household's recorded consent and an emergency contact. */
export const InHomeKinds: readonly DeviceKind[] = ['water_meter', 'door_contact', 'motion_sensor'];

export const Severities = ['info', 'warning', 'critical'] as const;
export type Severity = (typeof Severities)[number];

export const MessageTypes = ['telemetry', 'event'] as const;
export type MessageType = (typeof MessageTypes)[number];

// ---- payload schemas per kind -------------------------------------------------------------------

const battery = z.number().min(0).max(100).optional();
const rssi = z.number().min(-140).max(0).optional();

const EbikePort = z.object({
  port: z.number().int().min(1).max(32),
  state: z.enum(['idle', 'charging', 'full', 'fault']),
  temperature: z.number().min(-40).max(200),
  currentA: z.number().min(0).max(40).optional(),
  faultCode: z.string().max(20).nullable().optional(),
});

/** What each kind sends: `telemetry` (periodic readings) and `event` (something happened). */
export const PayloadSchemas = {
  smoke_alarm: {
    telemetry: z.object({ smokeDb: z.number().min(0).max(100), temperature: z.number(), battery, rssi }),
    event: z.object({ type: z.enum(['alarm', 'clear', 'test', 'tamper', 'low_battery']) }),
  },
  ebike_station: {
    telemetry: z.object({ ports: z.array(EbikePort).min(1).max(32), powerKw: z.number().min(0).optional() }),
    event: z.object({
      type: z.enum(['fault', 'fault_cleared', 'session_start', 'session_end']),
      port: z.number().int().min(1).max(32).optional(),
      faultCode: z.string().max(20).optional(),
    }),
  },
  access_gate: {
    telemetry: z.object({
      locked: z.boolean(),
      doorOpen: z.boolean(),
      passes: z.number().int().min(0).optional(),
    }),
    event: z.object({
      type: z.enum(['pass', 'forced_open', 'held_open', 'closed', 'denied']),
      method: z.enum(['card', 'face', 'qr', 'key']).optional(),
    }),
  },
  water_meter: {
    /** Cumulative register in m³ (never decreases) */
    telemetry: z.object({ totalM3: z.number().min(0), flowLph: z.number().min(0).optional(), battery }),
    event: z.object({ type: z.enum(['leak', 'reverse_flow', 'tamper', 'low_battery']) }),
  },
  smart_breaker: {
    telemetry: z.object({
      currentA: z.number().min(0).max(1000),
      voltageV: z.number().min(0).max(500),
      leakageMa: z.number().min(0).max(1000).optional(),
      temperature: z.number().optional(),
    }),
    event: z.object({ type: z.enum(['trip', 'reset', 'overcurrent', 'arc_fault']) }),
  },
  door_contact: {
    telemetry: z.object({ open: z.boolean(), battery }),
    event: z.object({ type: z.enum(['opened', 'closed', 'tamper', 'low_battery']) }),
  },
  motion_sensor: {
    telemetry: z.object({ motion: z.boolean(), lux: z.number().min(0).optional(), battery }),
    event: z.object({ type: z.enum(['motion', 'tamper', 'low_battery']) }),
  },
  indoor_charging_detector: {
    telemetry: z.object({ currentA: z.number().min(0).max(100), battery }),
    event: z.object({
      type: z.enum(['ebike_battery_detected', 'cleared', 'tamper']),
      confidence: z.number().min(0).max(1).optional(),
    }),
  },
} as const satisfies Record<DeviceKind, Record<MessageType, z.ZodType>>;

// ---- alarm rules ---------------------------------------------------------------------------------

export const RuleTypes = ['event', 'threshold', 'duration', 'repeat', 'too_little', 'no_data'] as const;
export type RuleType = (typeof RuleTypes)[number];
export const Comparators = ['gt', 'gte', 'lt', 'lte'] as const;

/**
 * Numeric values a rule can watch, read out of a telemetry payload by the server (metrics.ts).
 * `maxPortTemperature` is the hottest port of a charging station.
 */
export const Metrics = [
  'smokeDb',
  'maxPortTemperature',
  'currentA',
  'leakageMa',
  'totalM3',
  'battery',
] as const;
export type Metric = (typeof Metrics)[number];

/**
 * Tunable parameters of a rule. Which ones matter depends on the rule type:
 * event: events (+ clearEvents); threshold: metric/op/value; duration: + readings or seconds;
 * repeat: events, count, windowSeconds; too_little: metric, value, windowSeconds (sweep);
 * no_data: windowSeconds and optionally events (sweep).
 */
export const RuleParams = z.object({
  metric: z.enum(Metrics).optional(),
  op: z.enum(Comparators).optional(),
  value: z.number().optional(),
  readings: z.number().int().min(1).max(100).optional(),
  seconds: z
    .number()
    .int()
    .min(1)
    .max(7 * 86400)
    .optional(),
  count: z.number().int().min(1).max(1000).optional(),
  windowSeconds: z
    .number()
    .int()
    .min(60)
    .max(30 * 86400)
    .optional(),
  events: z.array(z.string().max(40)).max(10).optional(),
  clearEvents: z.array(z.string().max(40)).max(10).optional(),
});
export type RuleParams = z.infer<typeof RuleParams>;

export interface RuleDefinition {
  /** Stable key; also the alarm type (one open alarm per device and key). */
  key: string;
  type: RuleType;
  severity: Severity;
  params: RuleParams;
  /** Only for kinds with consent: elderly living alone. */
  zh: string;
  en: string;
}

export interface DeviceProfile {
  kind: DeviceKind;
  inHome: boolean;
  /** Charging stations have ports (the count is set per device). */
  hasPorts: boolean;
  /** Seconds between telemetry messages in normal operation (for the simulator and offline checks). */
  reportEverySeconds: number;
  rules: readonly RuleDefinition[];
}

export const DeviceProfiles: Record<DeviceKind, DeviceProfile> = {
  smoke_alarm: {
    kind: 'smoke_alarm',
    inHome: false,
    hasPorts: false,
    reportEverySeconds: 300,
    rules: [
      {
        key: 'smoke',
        type: 'event',
        severity: 'critical',
        params: { events: ['alarm'], clearEvents: ['clear'] },
        zh: '烟感报警',
        en: 'Smoke alarm',
      },
      {
        key: 'smoke_level',
        type: 'duration',
        severity: 'warning',
        params: { metric: 'smokeDb', op: 'gte', value: 15, readings: 2 },
        zh: '烟雾浓度持续偏高',
        en: 'Smoke level high for several readings',
      },
      {
        key: 'low_battery',
        type: 'threshold',
        severity: 'info',
        params: { metric: 'battery', op: 'lt', value: 15 },
        zh: '电量低',
        en: 'Low battery',
      },
    ],
  },
  ebike_station: {
    kind: 'ebike_station',
    inHome: false,
    hasPorts: true,
    reportEverySeconds: 60,
    rules: [
      {
        key: 'port_overheat',
        type: 'duration',
        severity: 'critical',
        params: { metric: 'maxPortTemperature', op: 'gt', value: 60, readings: 2 },
        zh: '充电口温度过高（>60°C 连续 2 次）',
        en: 'Charging port overheating (>60 °C for 2 readings)',
      },
      {
        key: 'port_fault',
        type: 'event',
        severity: 'warning',
        params: { events: ['fault'], clearEvents: ['fault_cleared'] },
        zh: '充电口故障',
        en: 'Charging port fault',
      },
      {
        key: 'offline',
        type: 'no_data',
        severity: 'warning',
        params: { windowSeconds: 7200 },
        zh: '充电桩 2 小时无数据',
        en: 'No data from the station for 2 hours',
      },
    ],
  },
  access_gate: {
    kind: 'access_gate',
    inHome: false,
    hasPorts: false,
    reportEverySeconds: 120,
    rules: [
      {
        key: 'forced_open',
        type: 'repeat',
        severity: 'warning',
        params: { events: ['forced_open'], count: 3, windowSeconds: 600 },
        zh: '门禁 10 分钟内被强行打开 3 次',
        en: 'Gate forced open 3 times in 10 minutes',
      },
      {
        key: 'held_open',
        type: 'event',
        severity: 'info',
        params: { events: ['held_open'], clearEvents: ['closed'] },
        zh: '门禁长时间未关',
        en: 'Gate held open',
      },
    ],
  },
  water_meter: {
    kind: 'water_meter',
    inHome: true,
    hasPorts: false,
    reportEverySeconds: 900,
    rules: [
      {
        key: 'no_water',
        type: 'too_little',
        severity: 'critical',
        params: { metric: 'totalM3', value: 0.01, windowSeconds: 12 * 3600 },
        zh: '12 小时用水不足 0.01 m³（独居老人）',
        en: 'Under 0.01 m³ of water in 12 hours (elderly living alone)',
      },
      {
        key: 'leak',
        type: 'event',
        severity: 'warning',
        params: { events: ['leak'] },
        zh: '疑似漏水',
        en: 'Possible leak',
      },
    ],
  },
  smart_breaker: {
    kind: 'smart_breaker',
    inHome: false,
    hasPorts: false,
    reportEverySeconds: 60,
    rules: [
      {
        key: 'overcurrent',
        type: 'duration',
        severity: 'critical',
        params: { metric: 'currentA', op: 'gt', value: 32, readings: 2 },
        zh: '过流（>32 A 连续 2 次）',
        en: 'Overcurrent (>32 A for 2 readings)',
      },
      {
        key: 'leakage',
        type: 'threshold',
        severity: 'critical',
        params: { metric: 'leakageMa', op: 'gt', value: 30 },
        zh: '漏电流超过 30 mA',
        en: 'Leakage current over 30 mA',
      },
      {
        key: 'trips',
        type: 'repeat',
        severity: 'warning',
        params: { events: ['trip'], count: 3, windowSeconds: 3600 },
        zh: '1 小时内跳闸 3 次',
        en: 'Tripped 3 times in an hour',
      },
    ],
  },
  door_contact: {
    kind: 'door_contact',
    inHome: true,
    hasPorts: false,
    reportEverySeconds: 1800,
    rules: [
      {
        key: 'not_opened',
        type: 'no_data',
        severity: 'critical',
        params: { windowSeconds: 24 * 3600, events: ['opened'] },
        zh: '24 小时未开门（独居老人）',
        en: 'Door not opened in 24 hours (elderly living alone)',
      },
    ],
  },
  motion_sensor: {
    kind: 'motion_sensor',
    inHome: true,
    hasPorts: false,
    reportEverySeconds: 1800,
    rules: [
      {
        key: 'no_motion',
        type: 'no_data',
        severity: 'warning',
        params: { windowSeconds: 12 * 3600, events: ['motion'] },
        zh: '12 小时无活动',
        en: 'No movement for 12 hours',
      },
    ],
  },
  indoor_charging_detector: {
    kind: 'indoor_charging_detector',
    inHome: false,
    hasPorts: false,
    reportEverySeconds: 600,
    rules: [
      {
        key: 'indoor_charging',
        type: 'event',
        severity: 'critical',
        params: { events: ['ebike_battery_detected'], clearEvents: ['cleared'] },
        zh: '楼道/室内发现电动车电池充电',
        en: 'E-bike battery charging indoors',
      },
    ],
  },
};

/** MQTT topic layout: gongzhi/{tenantCode}/{kind}/{deviceCode}/up/{telemetry|event} and …/status. */
export function deviceTopic(tenantCode: string, kind: DeviceKind, deviceCode: string, leaf: string): string {
  return `gongzhi/${tenantCode}/${kind}/${deviceCode}/${leaf}`;
}

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
