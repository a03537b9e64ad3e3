import mqtt, { type MqttClient } from 'mqtt';
import { type DeviceKind } from '../../../contract/iot.kinds.ts';
import { deviceTopic } from '../../../contract/iot.profiles.ts';
import { demoCatalog, faultPlan, Faults, normalMessage, type Fault } from './iot.demo.ts';

/**
 * `gongzhi simulate`: the demo estate's devices publishing realistic telemetry over MQTT, each with
 * an `online` status and a last will `offline`, plus faults on request. The simulator borrows the
 * devices and gives them back as it found them: a clean stop restores each device's retained status
 * from before the run (or clears the one it set), and the last will is not retained — otherwise a
 * single run would leave the demo estate's devices retained `offline` for good.
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
  const statusOf = (d: { kind: DeviceKind; code: string }) =>
    deviceTopic(options.tenantCode, d.kind, d.code, 'status');
  const before = await retainedStatuses(options.url, options.tenantCode, new Set(devices.map(statusOf)));
  // one connection per device (so each has its own last will), up to 300; the rest share one
  const clients = new Map<string, MqttClient>();
  let shared: MqttClient | null = null;
  for (const [i, d] of devices.entries()) {
    const statusTopic = statusOf(d);
    if (i < 300) {
      const client = await mqtt.connectAsync(options.url, {
        clientId: `sim-${d.code}-${process.pid}`,
        clean: true,
        // a lost connection says so now, but leaves nothing behind on the broker
        will: { topic: statusTopic, payload: Buffer.from('offline'), qos: 1, retain: false },
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
  // give the devices back as they were: the retained status from before the run, or none (an
  // empty retained message clears the one this run set; the platform ignores it)
  for (const d of devices)
    await clientOf(d.code).publishAsync(statusOf(d), before.get(statusOf(d)) ?? Buffer.alloc(0), {
      qos: 1,
      retain: true,
    });
  for (const c of clients.values()) await c.endAsync();
  await shared?.endAsync();
  log(`Done: ${sent} messages, ${faultsSent} fault messages.`);
  return { sent, faults: faultsSent };
}

/**
 * The retained status messages of the given topics, as the broker holds them before the run.
 * Retained messages arrive right after the subscription is acknowledged; the read ends once the
 * broker has been quiet for a moment (or after two seconds).
 */
async function retainedStatuses(url: string, tenantCode: string, topics: Set<string>) {
  const found = new Map<string, Buffer>();
  const probe = await mqtt.connectAsync(url, { clientId: `sim-probe-${process.pid}`, clean: true });
  let last = Date.now();
  probe.on('message', (topic, payload, packet) => {
    last = Date.now();
    if (packet.retain && payload.length > 0 && topics.has(topic)) found.set(topic, Buffer.from(payload));
  });
  await probe.subscribeAsync(deviceTopic(tenantCode, '+' as DeviceKind, '+', 'status'), { qos: 1 });
  const started = Date.now();
  last = Date.now();
  while (Date.now() - last < 250 && Date.now() - started < 2000) await new Promise((r) => setTimeout(r, 50));
  await probe.endAsync();
  return found;
}
