import mqtt, { type MqttClient } from 'mqtt';
import { deviceTopic, type DeviceKind } from '../../../contract/iot.ts';
import { demoCatalog, faultPlan, Faults, normalMessage, type Fault } from './iot.demo.ts';

/**
 * `gongzhi simulate`: the demo estate's devices publishing realistic telemetry over MQTT, each with
 * a retained `online` status and a last will `offline`, plus faults on request.
 */

export interface SimulatorOptions {
  url: string;
  tenantCode: string;
  /** code prefix filter, e.g. CY1 (the demo estate 曹杨一村) */
  estate?: string | undefined;
  /** messages per second over all devices */
  rate: number;
  /** seconds; 0 runs until stopped */
  duration: number;
  faults: Fault[];
  devices?: Array<{ code: string; kind: DeviceKind; ports: number | null }>;
  log?: (line: string) => void;
}

export function parseFaults(values: string[] | undefined): Fault[] {
  const out: Fault[] = [];
  for (const v of values ?? [])
    for (const f of v.split(',')) {
      if (!(Faults as readonly string[]).includes(f))
        throw new Error(`Unknown fault "${f}". Known: ${Faults.join(', ')}`);
      out.push(f as Fault);
    }
  return out;
}

export async function simulate(options: SimulatorOptions): Promise<{ sent: number; faults: number }> {
  const log = options.log ?? ((line: string) => console.log(line));
  const devices = (
    options.devices ?? demoCatalog().map((d) => ({ code: d.code, kind: d.kind, ports: d.ports ?? null }))
  ).filter((d) => !options.estate || d.code.startsWith(options.estate));
  if (devices.length === 0) throw new Error('No devices to simulate');
  // one connection per device (so each has its own last will), up to 300; the rest share one
  const clients = new Map<string, MqttClient>();
  let shared: MqttClient | null = null;
  for (const [i, d] of devices.entries()) {
    const statusTopic = deviceTopic(options.tenantCode, d.kind, d.code, 'status');
    if (i < 300) {
      const client = await mqtt.connectAsync(options.url, {
        clientId: `sim-${d.code}-${process.pid}`,
        clean: true,
        will: { topic: statusTopic, payload: Buffer.from('offline'), qos: 1, retain: true },
      });
      clients.set(d.code, client);
      await client.publishAsync(statusTopic, 'online', { qos: 1, retain: true });
    } else {
      shared ??= await mqtt.connectAsync(options.url, { clientId: `sim-shared-${process.pid}`, clean: true });
      await shared.publishAsync(statusTopic, 'online', { qos: 1, retain: true });
    }
  }
  const clientOf = (code: string) => clients.get(code) ?? shared!;
  log(
    `Simulating ${devices.length} devices of ${options.tenantCode} → ${options.url} at ${options.rate} msg/s${options.duration ? ` for ${options.duration} s` : ''}.`,
  );

  // faults: the first device of the kind misbehaves, one message per second
  const faultQueue: Array<{ code: string; kind: DeviceKind; body: string; leaf: string }> = [];
  for (const fault of options.faults) {
    const plan = faultPlan(fault);
    const target = devices.find((d) => d.kind === plan.kind);
    if (!target) {
      log(`  fault ${fault}: no ${plan.kind} to break`);
      continue;
    }
    log(`  fault ${fault} on ${target.code}`);
    for (const m of plan.messages)
      faultQueue.push(
        typeof m === 'string'
          ? { code: target.code, kind: target.kind, leaf: 'event', body: m }
          : { code: target.code, kind: target.kind, leaf: m.leaf, body: JSON.stringify(m.payload) },
      );
  }
  const faulted = new Set(faultQueue.map((f) => f.code));

  let sent = 0;
  let faultsSent = 0;
  let stopped = false;
  const stop = () => {
    stopped = true;
  };
  process.once('SIGINT', stop);
  const started = Date.now();
  const interval = 1000 / Math.max(0.1, options.rate);
  let next = Date.now();
  let tick = Math.floor(Date.now() / 900_000) * 10;
  let lastFault = 0;
  while (!stopped && (!options.duration || Date.now() - started < options.duration * 1000)) {
    if (faultQueue.length && Date.now() - lastFault >= 1000) {
      const f = faultQueue.shift()!;
      await clientOf(f.code).publishAsync(
        deviceTopic(options.tenantCode, f.kind, f.code, `up/${f.leaf}`),
        f.body,
        { qos: 1 },
      );
      faultsSent++;
      lastFault = Date.now();
    }
    const d = devices[sent % devices.length]!;
    if (sent % devices.length === 0) tick++;
    // a broken device does not also report normally while its fault plays
    if (!(faulted.has(d.code) && faultQueue.some((f) => f.code === d.code))) {
      const hour = (new Date().getUTCHours() + 8) % 24;
      const msg = normalMessage(d, tick, hour);
      await clientOf(d.code).publishAsync(
        deviceTopic(options.tenantCode, d.kind, d.code, `up/${msg.leaf}`),
        JSON.stringify(msg.payload),
        { qos: 1 },
      );
    }
    sent++;
    if (sent % Math.max(1, Math.round(options.rate * 10)) === 0)
      log(`  ${sent} messages, ${faultsSent} fault messages`);
    next += interval;
    const wait = next - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  }
  // flush remaining faults so a short run still shows them
  for (const f of faultQueue) {
    await clientOf(f.code).publishAsync(
      deviceTopic(options.tenantCode, f.kind, f.code, `up/${f.leaf}`),
      f.body,
      { qos: 1 },
    );
    faultsSent++;
  }
  process.off('SIGINT', stop);
  // a clean stop says so (the last will only speaks for a lost connection)
  for (const d of devices)
    await clientOf(d.code).publishAsync(
      deviceTopic(options.tenantCode, d.kind, d.code, 'status'),
      'offline',
      { qos: 1, retain: true },
    );
  for (const c of clients.values()) await c.endAsync();
  await shared?.endAsync();
  log(`Done: ${sent} messages, ${faultsSent} fault messages.`);
  return { sent, faults: faultsSent };
}
