import type { DeviceKind } from '../../../contract/iot.kinds.ts';

/**
 * The demo estate's devices (曹杨一村), shared by the seed and the simulator: the simulator knows
 * them without opening the demo's embedded database, which the running server holds.
 */
export interface DemoDevice {
  code: string;
  kind: DeviceKind;
  name: string;
  /** index into the estate's buildings (sorted), for devices in or at a building */
  building?: number;
  /** index into the estate's elderly-living-alone households, for in-home devices */
  household?: number;
  placeName?: string;
  x?: number;
  y?: number;
  ports?: number;
  webhook?: boolean;
}

const pad = (n: number) => String(n).padStart(2, '0');

export const DEMO_ELDERLY_HOMES = 12;

export function demoCatalog(): DemoDevice[] {
  const out: DemoDevice[] = [];
  // smoke alarms in the stairwells of the first 16 buildings
  for (let b = 0; b < 16; b++)
    out.push({
      code: `CY1-SMK-${pad(b + 1)}`,
      kind: 'smoke_alarm',
      name: `${b + 1}号楼楼道烟感`,
      building: b,
      placeName: '楼道 2 层',
    });
  // e-bike charging stations in the flower beds between the rows (fan centre 500,980)
  const beds: Array<[number, number, string]> = [
    [330, 560, '一排花坛西'],
    [430, 540, '一排花坛中'],
    [570, 540, '一排花坛东'],
    [670, 560, '一排花坛端头'],
    [300, 430, '三排花坛西'],
    [500, 400, '三排花坛中'],
    [700, 430, '三排花坛东'],
    [500, 250, '五排花坛'],
  ];
  beds.forEach(([x, y, place], i) =>
    out.push({
      code: `CY1-EBK-${pad(i + 1)}`,
      kind: 'ebike_station',
      name: `电动自行车充电桩 ${i + 1} 号`,
      placeName: place,
      x,
      y,
      ports: 10,
      // the vendor of the second lot pushes over HTTP
      webhook: i >= 6,
    }),
  );
  const gates: Array<[number, number, string]> = [
    [500, 930, '花溪路南门'],
    [120, 720, '枣阳路西门'],
    [880, 720, '东门'],
    [500, 120, '北门'],
  ];
  gates.forEach(([x, y, place], i) =>
    out.push({
      code: `CY1-GATE-${pad(i + 1)}`,
      kind: 'access_gate',
      name: `${place}门禁`,
      placeName: place,
      x,
      y,
    }),
  );
  for (let i = 0; i < 4; i++)
    out.push({
      code: `CY1-BRK-${pad(i + 1)}`,
      kind: 'smart_breaker',
      name: `充电棚配电箱 ${i + 1}`,
      placeName: '充电棚配电箱',
      x: [360, 640, 330, 670][i]!,
      y: [600, 600, 470, 470][i]!,
    });
  for (let i = 0; i < 6; i++)
    out.push({
      code: `CY1-ICD-${pad(i + 1)}`,
      kind: 'indoor_charging_detector',
      name: `${20 + i * 4}号楼楼道充电探测`,
      building: 19 + i * 4,
      placeName: '一楼楼道',
    });
  for (let h = 0; h < DEMO_ELDERLY_HOMES; h++) {
    out.push({ code: `CY1-WM-${pad(h + 1)}`, kind: 'water_meter', name: '智能水表', household: h });
    out.push({ code: `CY1-DC-${pad(h + 1)}`, kind: 'door_contact', name: '入户门磁', household: h });
  }
  return out;
}

/** Deterministic noise for a device and a tick. */
function noise(code: string, tick: number): number {
  let h = 2166136261;
  for (const c of `${code}:${tick}`) h = Math.imul(h ^ c.charCodeAt(0), 16777619);
  return ((h >>> 0) % 10_000) / 10_000;
}

export interface DemoMessage {
  leaf: 'telemetry' | 'event';
  payload: Record<string, unknown>;
}

/**
 * A realistic normal message of a device at tick `tick` (one tick ≈ one report), with the
 * cumulative state (water register) derived from the tick so runs continue smoothly.
 */
export function normalMessage(
  d: { code: string; kind: DeviceKind; ports?: number | null },
  tick: number,
  hourOfDay: number,
): DemoMessage {
  const r = noise(d.code, tick);
  switch (d.kind) {
    case 'smoke_alarm':
      return {
        leaf: 'telemetry',
        payload: {
          smokeDb: Math.round(r * 40) / 10,
          temperature: Math.round((18 + r * 6) * 10) / 10,
          battery: 70 + Math.round(r * 25),
          rssi: -70 - Math.round(r * 20),
        },
      };
    case 'ebike_station': {
      const ports = Array.from({ length: d.ports ?? 10 }, (_, i) => {
        const p = noise(d.code, tick * 31 + i);
        const evening = hourOfDay >= 18 || hourOfDay < 7;
        const charging = p < (evening ? 0.7 : 0.3);
        return {
          port: i + 1,
          state: charging ? (p < 0.05 ? 'full' : 'charging') : 'idle',
          temperature: Math.round((charging ? 32 + p * 14 : 20 + p * 5) * 10) / 10,
          currentA: charging ? Math.round((1.5 + p * 1.5) * 100) / 100 : 0,
        };
      });
      return {
        leaf: 'telemetry',
        payload: { ports, powerKw: Math.round(ports.reduce((s, p) => s + p.currentA * 0.22, 0) * 100) / 100 },
      };
    }
    case 'access_gate':
      return r < 0.6
        ? { leaf: 'event', payload: { type: 'pass', method: r < 0.3 ? 'face' : 'card' } }
        : {
            leaf: 'telemetry',
            payload: { locked: true, doorOpen: false, passes: Math.floor(tick * 3 + r * 3) },
          };
    case 'water_meter': {
      // about 0.12 m³ a day, mostly in the morning and evening
      const total = 30 + tick * 0.0045 + (hourOfDay >= 6 && hourOfDay <= 21 ? r * 0.002 : 0);
      return {
        leaf: 'telemetry',
        payload: {
          totalM3: Math.round(total * 1000) / 1000,
          flowLph: r < 0.3 ? Math.round(r * 300) : 0,
          battery: 80 + Math.round(r * 15),
        },
      };
    }
    case 'smart_breaker':
      return {
        leaf: 'telemetry',
        payload: {
          currentA: Math.round((4 + r * 14) * 10) / 10,
          voltageV: Math.round((220 + r * 10) * 10) / 10,
          leakageMa: Math.round(r * 80) / 10,
          temperature: Math.round((25 + r * 10) * 10) / 10,
        },
      };
    case 'door_contact':
      return r < 0.5
        ? { leaf: 'event', payload: { type: r < 0.25 ? 'opened' : 'closed' } }
        : { leaf: 'telemetry', payload: { open: false, battery: 75 + Math.round(r * 20) } };
    case 'motion_sensor':
      return { leaf: 'telemetry', payload: { motion: r < 0.4, lux: Math.round(r * 300), battery: 80 } };
    case 'indoor_charging_detector':
      return { leaf: 'telemetry', payload: { currentA: 0, battery: 85 + Math.round(r * 10) } };
  }
}

export const Faults = [
  'smoke',
  'ebike-overheat',
  'ebike-fault',
  'no-water',
  'leak',
  'door',
  'gate-forced',
  'breaker-overcurrent',
  'indoor-charging',
  'malformed',
] as const;
export type Fault = (typeof Faults)[number];

/** Which device a fault happens on, and the messages that make it (sent one per tick). */
export function faultPlan(fault: Fault): { kind: DeviceKind; messages: Array<DemoMessage | string> } {
  switch (fault) {
    case 'smoke':
      return {
        kind: 'smoke_alarm',
        messages: [
          { leaf: 'telemetry', payload: { smokeDb: 18.5, temperature: 31, battery: 80 } },
          { leaf: 'event', payload: { type: 'alarm' } },
          { leaf: 'telemetry', payload: { smokeDb: 26.2, temperature: 38, battery: 80 } },
        ],
      };
    case 'ebike-overheat': {
      const hot = (t: number) => ({
        leaf: 'telemetry' as const,
        payload: { ports: [{ port: 3, state: 'charging', temperature: t, currentA: 3.4 }] },
      });
      return { kind: 'ebike_station', messages: [hot(58), hot(63), hot(68), hot(71)] };
    }
    case 'ebike-fault':
      return {
        kind: 'ebike_station',
        messages: [{ leaf: 'event', payload: { type: 'fault', port: 5, faultCode: 'E07' } }],
      };
    case 'no-water':
      // the register stops moving; the sweep raises it once 12 hours have passed without use
      return {
        kind: 'water_meter',
        messages: [{ leaf: 'telemetry', payload: { totalM3: 30, flowLph: 0, battery: 80 } }],
      };
    case 'leak':
      return { kind: 'water_meter', messages: [{ leaf: 'event', payload: { type: 'leak' } }] };
    case 'door':
      return {
        kind: 'door_contact',
        messages: [{ leaf: 'telemetry', payload: { open: false, battery: 70 } }],
      };
    case 'gate-forced':
      return {
        kind: 'access_gate',
        messages: [1, 2, 3].map(() => ({ leaf: 'event' as const, payload: { type: 'forced_open' } })),
      };
    case 'breaker-overcurrent':
      return {
        kind: 'smart_breaker',
        messages: [38.5, 41.2, 40.1].map((a) => ({
          leaf: 'telemetry' as const,
          payload: { currentA: a, voltageV: 221, leakageMa: 4 },
        })),
      };
    case 'indoor-charging':
      return {
        kind: 'indoor_charging_detector',
        messages: [{ leaf: 'event', payload: { type: 'ebike_battery_detected', confidence: 0.94 } }],
      };
    case 'malformed':
      return { kind: 'smoke_alarm', messages: ['{"smokeDb": "lots"', JSON.stringify({ type: 'kaboom' })] };
  }
}
