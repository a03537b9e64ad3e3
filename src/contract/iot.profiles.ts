import { z } from 'zod';
import { type DeviceKind, type Severity } from './iot.kinds.ts';

/** 物联网 device profiles: what each kind measures and its default alarm rules; the MQTT topic layout. */
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
