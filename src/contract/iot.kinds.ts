import { z } from 'zod';

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
