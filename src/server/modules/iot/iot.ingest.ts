import { DeviceKinds, PayloadSchemas, type DeviceKind } from '../../../contract/iot.kinds.ts';
import { DeviceProfiles } from '../../../contract/iot.profiles.ts';
import type { Deps } from '../../platform/deps.ts';
import { autoClear } from './iot.alarms.ts';
import { effectiveRules, isSweepRule, type EffectiveRule } from './iot.rules.ts';
import { streetDate } from '../../platform/streetTime.ts';
import { messagesTotal, type Buffered, type DeviceInfo } from './iot.ingest.common.ts';
import { applyRule } from './iot.ingest.evaluate.ts';
import { writeBatch } from './iot.ingest.write.ts';

/**
 * The one ingest pipeline behind MQTT and the HTTP webhook: resolve the device, validate the payload
 * against its kind's schema, buffer for a few milliseconds, insert many rows per statement, then
 * evaluate the alarm rules. Malformed messages are counted and logged, never stored, never alarmed.
 */

export interface IncomingMessage {
  tenantCode: string;
  kind: string;
  deviceCode: string;
  /** 'telemetry' | 'event' | 'status' */
  leaf: string;
  body: Buffer | string | Record<string, unknown>;
  via: 'mqtt' | 'webhook';
}

export type IngestOutcome = 'stored' | 'status' | 'malformed' | 'rejected';

const DEVICE_TTL_MS = 15_000;
const RULES_TTL_MS = 10_000;
const FLUSH_DELAY_MS = 5;
const FLUSH_MAX = 1000;

export class IotIngest {
  readonly #deps: Deps;
  readonly #devices = new Map<string, DeviceInfo>();
  readonly #rules = new Map<
    number,
    {
      at: number;
      rows: Array<{ kind: string; key: string; severity: string; enabled: boolean; params: unknown }>;
    }
  >();
  #buffer: Buffered[] = [];
  #waiters: Array<() => void> = [];
  #statusChanges = new Map<string, { device: DeviceInfo; online: boolean; at: Date }>();
  #badByDevice = new Map<string, { device: DeviceInfo; n: number }>();
  #stats = new Map<
    string,
    { tenantId: number; day: string; kind: string; messages: number; malformed: number; rejected: number }
  >();
  #timer: ReturnType<typeof setTimeout> | undefined;
  /** The device codes waiting for the next batched lookup, and its completion. */
  #loading: { codes: Set<string>; done: Promise<void> } | null = null;
  #running: Promise<void> = Promise.resolve();
  #pending = 0;
  #lastWarn = 0;
  #stopped = false;
  #received = 0;
  #deviceLookups = 0;

  /** Device lookups run against the database so far (each loads every device missed meanwhile). */
  get deviceLookups(): number {
    return this.#deviceLookups;
  }

  /** Messages handed to the pipeline so far (tests wait on it). */
  get received(): number {
    return this.#received;
  }

  constructor(deps: Deps) {
    this.#deps = deps;
  }

  /** Forgets a cached device (after an edit, consent withdrawal or secret rotation in this process). */
  invalidateDevice(code?: string): void {
    if (code === undefined) this.#devices.clear();
    else this.#devices.delete(code);
  }

  invalidateRules(tenantId: number): void {
    this.#rules.delete(tenantId);
  }

  /** Resolves once the message is stored (or refused); never throws for a bad message. */
  async accept(msg: IncomingMessage): Promise<IngestOutcome> {
    this.#received++;
    if (this.#stopped) return 'rejected';
    this.#pending++;
    try {
      return await this.#accept(msg);
    } catch (error) {
      this.#deps.log.error({ err: error, device: msg.deviceCode }, 'iot ingest failed');
      return 'rejected';
    } finally {
      this.#pending--;
    }
  }

  async #accept(msg: IncomingMessage): Promise<IngestOutcome> {
    const device = await this.device(msg.deviceCode);
    const kind = (DeviceKinds as readonly string[]).includes(msg.kind) ? (msg.kind as DeviceKind) : null;
    if (!device || !kind || device.kind !== kind || device.tenantCode !== msg.tenantCode) {
      if (device) this.#count(device.tenantId, device.kind, 'rejected');
      messagesTotal.inc({ kind: kind ?? 'unknown', result: 'rejected' });
      this.#schedule();
      this.#warn('iot message for an unknown device or wrong topic', msg);
      return 'rejected';
    }
    if (!device.enabled) {
      this.#count(device.tenantId, kind, 'rejected');
      messagesTotal.inc({ kind, result: 'rejected' });
      this.#schedule();
      return 'rejected';
    }
    const now = this.#deps.clock.now();
    if (msg.leaf === 'status') {
      const text = (
        typeof msg.body === 'object' && !Buffer.isBuffer(msg.body)
          ? JSON.stringify(msg.body)
          : msg.body.toString()
      )
        .trim()
        .replace(/^"|"$/g, '');
      // an empty retained message only clears the broker's copy (a simulator giving a device back)
      if (text === '') return 'status';
      if (text !== 'online' && text !== 'offline')
        return this.#malformed(device, msg, 'status must be online/offline');
      this.#statusChanges.set(device.code, { device, online: text === 'online', at: now });
      await this.#enqueueWait();
      return 'status';
    }
    if (msg.leaf !== 'telemetry' && msg.leaf !== 'event')
      return this.#malformed(device, msg, `unknown topic leaf ${msg.leaf}`);
    let raw: unknown;
    if (typeof msg.body === 'object' && !Buffer.isBuffer(msg.body)) raw = msg.body;
    else {
      try {
        raw = JSON.parse(msg.body.toString());
      } catch {
        return this.#malformed(device, msg, 'not JSON');
      }
    }
    const parsed = PayloadSchemas[kind][msg.leaf].safeParse(raw);
    if (!parsed.success) return this.#malformed(device, msg, parsed.error.issues[0]?.message ?? 'invalid');
    if (device.kind === 'ebike_station' && msg.leaf === 'telemetry') {
      const ports = (parsed.data as { ports: Array<{ port: number }> }).ports;
      if (device.ports !== null && ports.some((p) => p.port > device.ports!))
        return this.#malformed(device, msg, 'port number beyond the station');
    }
    this.#buffer.push({ device, type: msg.leaf, payload: parsed.data, at: now });
    this.#count(device.tenantId, kind, 'messages');
    messagesTotal.inc({ kind, result: 'stored' });
    await this.#enqueueWait();
    return 'stored';
  }

  #malformed(device: DeviceInfo, msg: IncomingMessage, reason: string): IngestOutcome {
    this.#count(device.tenantId, device.kind, 'malformed');
    const bad = this.#badByDevice.get(device.code) ?? { device, n: 0 };
    bad.n++;
    this.#badByDevice.set(device.code, bad);
    messagesTotal.inc({ kind: device.kind, result: 'malformed' });
    this.#warn(`malformed iot message: ${reason}`, msg);
    this.#schedule();
    return 'malformed';
  }

  #warn(text: string, msg: IncomingMessage): void {
    // at most a few lines a second, whatever a broken device sends
    const t = Date.now();
    if (t - this.#lastWarn < 200) return;
    this.#lastWarn = t;
    this.#deps.log.warn(
      { device: msg.deviceCode, tenant: msg.tenantCode, kind: msg.kind, leaf: msg.leaf, via: msg.via },
      text,
    );
  }

  #count(tenantId: number, kind: string, field: 'messages' | 'malformed' | 'rejected'): void {
    const day = streetDate(this.#deps.clock.now());
    const key = `${tenantId}|${day}|${kind}`;
    let s = this.#stats.get(key);
    if (!s) this.#stats.set(key, (s = { tenantId, day, kind, messages: 0, malformed: 0, rejected: 0 }));
    s[field]++;
  }

  #enqueueWait(): Promise<void> {
    return new Promise((resolve) => {
      this.#waiters.push(resolve);
      this.#schedule();
    });
  }

  #schedule(): void {
    if (this.#buffer.length >= FLUSH_MAX) {
      clearTimeout(this.#timer);
      this.#timer = undefined;
      this.#running = this.#running.then(() => this.#flush());
      return;
    }
    if (this.#timer) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#running = this.#running.then(() => this.#flush());
    }, FLUSH_DELAY_MS);
  }

  /** Waits until everything accepted so far is written and its rules evaluated (tests, shutdown). */
  async idle(): Promise<void> {
    for (let i = 0; i < 1000; i++) {
      await this.#running;
      if (this.#pending === 0 && !this.#timer && this.#buffer.length === 0 && this.#stats.size === 0) return;
      await new Promise((r) => setTimeout(r, 5));
    }
  }

  async stop(): Promise<void> {
    await this.idle();
    this.#stopped = true;
    clearTimeout(this.#timer);
  }

  async #flush(): Promise<void> {
    const batch = this.#buffer;
    const waiters = this.#waiters;
    const statuses = [...this.#statusChanges.values()];
    const bad = [...this.#badByDevice.values()];
    const stats = [...this.#stats.values()];
    this.#buffer = [];
    this.#waiters = [];
    this.#statusChanges = new Map();
    this.#badByDevice = new Map();
    this.#stats = new Map();
    try {
      await writeBatch(this.#deps, batch, statuses, bad, stats);
      await this.#evaluate(batch);
    } catch (error) {
      this.#deps.log.error({ err: error, rows: batch.length }, 'iot batch failed');
    } finally {
      for (const w of waiters) w();
    }
  }

  async #rulesFor(tenantId: number, kind: DeviceKind): Promise<EffectiveRule[]> {
    let cached = this.#rules.get(tenantId);
    if (!cached || Date.now() - cached.at > RULES_TTL_MS) {
      const rows = await this.#deps.db
        .selectFrom('iot_rules')
        .select(['kind', 'key', 'severity', 'enabled', 'params'])
        .where('tenant_id', '=', tenantId)
        .execute();
      cached = { at: Date.now(), rows };
      this.#rules.set(tenantId, cached);
    }
    return effectiveRules(kind, cached.rows).filter((r) => r.enabled && !isSweepRule(r));
  }

  async #evaluate(batch: Buffered[]): Promise<void> {
    if (batch.length === 0) return;
    const byDevice = new Map<string, Buffered[]>();
    for (const m of batch) byDevice.set(m.device.code, [...(byDevice.get(m.device.code) ?? []), m]);
    // which of these devices have open alarms (one query for the batch)
    const open = new Set<string>();
    const tenants = [...new Set(batch.map((m) => m.device.tenantId))];
    for (const tenantId of tenants) {
      const ids = [...new Set(batch.filter((m) => m.device.tenantId === tenantId).map((m) => m.device.id))];
      for (let i = 0; i < ids.length; i += 1000) {
        const rows = await this.#deps.db
          .selectFrom('iot_alarms')
          .select(['device_id', 'type'])
          .where('tenant_id', '=', tenantId)
          .where('status', '=', 'active')
          .where('device_id', 'in', ids.slice(i, i + 1000))
          .execute();
        for (const r of rows) open.add(`${tenantId}:${r.device_id}:${r.type}`);
      }
    }
    for (const messages of byDevice.values()) {
      const device = messages[0]!.device;
      const isOpen = (type: string) => open.has(`${device.tenantId}:${device.id}:${type}`);
      const rules = await this.#rulesFor(device.tenantId, device.kind);
      const latest = messages.filter((m) => m.type === 'telemetry').at(-1);
      const events = messages.filter((m) => m.type === 'event');
      for (const rule of rules) {
        try {
          await applyRule(this.#deps, device, rule, latest, events, isOpen(rule.key));
        } catch (error) {
          this.#deps.log.error({ err: error, device: device.code, rule: rule.key }, 'iot rule failed');
        }
      }
      // silence rules clear as soon as the awaited message arrives
      const { rules: all } = DeviceProfiles[device.kind];
      for (const rule of all.filter((r) => r.type === 'no_data')) {
        if (!isOpen(rule.key)) continue;
        const wanted = rule.params.events;
        const heard = wanted
          ? events.some((e) => wanted.includes(String(e.payload.type)))
          : messages.length > 0;
        if (heard) await autoClear(this.#deps, device, rule.key, 'auto: device heard from again');
      }
    }
  }

  /** The device behind a code, cached briefly (many messages, few devices). */
  async device(code: string): Promise<DeviceInfo | null> {
    const cached = this.#devices.get(code);
    if (cached && Date.now() - cached.loadedAt < DEVICE_TTL_MS) return cached;
    await this.#loadSoon(code);
    return this.#devices.get(code) ?? null;
  }

  /**
   * Devices not in the cache are loaded together: every miss of this turn of the event loop joins one
   * query. At start-up (or when many entries expire at once) thousands of devices speak within a
   * second; one query each would queue thousands on the connection pool, ahead of the batch writes
   * and the alarms (this was the seconds-long alarm latency tail of the first benchmark runs).
   */
  #loadSoon(code: string): Promise<void> {
    if (!this.#loading) {
      const codes = new Set<string>();
      const done = new Promise<void>((resolve, reject) =>
        setImmediate(() => {
          this.#loading = null; // later misses form the next batch
          this.#loadDevices([...codes]).then(resolve, reject);
        }),
      );
      this.#loading = { codes, done };
    }
    this.#loading.codes.add(code);
    return this.#loading.done;
  }

  async #loadDevices(codes: string[]): Promise<void> {
    for (let i = 0; i < codes.length; i += 1000) {
      const chunk = codes.slice(i, i + 1000);
      this.#deviceLookups++;
      const rows = await this.#deps.db
        .selectFrom('iot_devices as d')
        .innerJoin('tenants as t', 't.id', 'd.tenant_id')
        .leftJoin('iot_consents as c', (j) =>
          j.onRef('c.tenant_id', '=', 'd.tenant_id').onRef('c.id', '=', 'd.consent_id'),
        )
        .select([
          'd.tenant_id',
          'd.id',
          'd.code',
          'd.name',
          'd.kind',
          'd.household_id',
          'd.consent_id',
          'd.enabled',
          'd.online',
          'd.ports',
          't.code as tenant_code',
          'c.withdrawn_at',
        ])
        .where('d.code', 'in', chunk)
        .execute();
      const found = new Set<string>();
      for (const row of rows) {
        found.add(row.code);
        this.#devices.set(row.code, {
          tenantId: row.tenant_id,
          id: row.id,
          code: row.code,
          name: row.name,
          kind: row.kind as DeviceKind,
          householdId: row.household_id,
          consentId: row.consent_id,
          tenantCode: row.tenant_code,
          // an in-home device without consent in force never feeds the pipeline
          enabled:
            row.enabled &&
            (row.household_id === null || (row.consent_id !== null && row.withdrawn_at === null)),
          online: this.#devices.get(row.code)?.online ?? row.online,
          ports: row.ports,
          loadedAt: Date.now(),
        });
      }
      for (const code of chunk) if (!found.has(code)) this.#devices.delete(code);
    }
  }
}

// Every Deps (server process, test app) gets its own pipeline, created on first use.
const pipelines = new WeakMap<Deps, IotIngest>();

export function ingestFor(deps: Deps): IotIngest {
  let p = pipelines.get(deps);
  if (!p) pipelines.set(deps, (p = new IotIngest(deps)));
  return p;
}
