import { Aedes } from 'aedes';
import mqtt from 'mqtt';
import net from 'node:net';
import os from 'node:os';
import type { Deps } from '../../platform/deps.ts';
import { ingestFor } from './iot.ingest.ts';

/**
 * MQTT in and out of the platform. Devices publish to
 *   gongzhi/{tenantCode}/{kind}/{deviceCode}/up/{telemetry|event}   and the retained …/status.
 * With an external broker (MQTT_URL) every server process subscribes through the shared
 * subscription group `$share/gongzhi/…`, so the broker hands each message to one process only.
 * Without MQTT_URL an embedded aedes broker starts inside the process. aedes (1.x) does not
 * implement MQTT 5 / `$share` shared subscriptions — a `$share/…` filter would be taken as a
 * literal topic and match nothing — so on the embedded broker the platform subscribes plainly;
 * there is only one process then anyway.
 */

export const UP_FILTER = 'gongzhi/+/+/+/up/+';
export const STATUS_FILTER = 'gongzhi/+/+/+/status';
export const SHARE_GROUP = '$share/gongzhi/';

export interface IotTransport {
  /** mqtt://host:port devices (and the simulator) publish to */
  brokerUrl: string;
  embedded: boolean;
  /** Device messages this process's subscription has been handed (of a shared group: its share). */
  readonly received: number;
  stop(): Promise<void>;
}

/** Splits a device topic; null for anything that is not ours. */
export function parseTopic(
  topic: string,
): { tenantCode: string; kind: string; deviceCode: string; leaf: string } | null {
  const parts = topic.split('/');
  if (parts[0] !== 'gongzhi') return null;
  if (parts.length === 6 && parts[4] === 'up')
    return { tenantCode: parts[1]!, kind: parts[2]!, deviceCode: parts[3]!, leaf: parts[5]! };
  if (parts.length === 5 && parts[4] === 'status')
    return { tenantCode: parts[1]!, kind: parts[2]!, deviceCode: parts[3]!, leaf: 'status' };
  return null;
}

export async function startIotTransport(
  deps: Deps,
  options: {
    url?: string | undefined;
    port?: number;
    host?: string;
    /** Shared-subscription group (external broker); tests use their own so parallel runs never split. */
    group?: string;
    /** Only this street's topics (tests on the shared Mosquitto). */
    tenantCode?: string;
  } = {},
): Promise<IotTransport> {
  const ingest = ingestFor(deps);
  let broker: Aedes | null = null;
  let server: net.Server | null = null;
  let url = options.url;
  if (!url) {
    broker = await Aedes.createBroker({ maxClientsIdLength: 128, heartbeatInterval: 600_000 });
    const b = broker;
    server = net.createServer((socket) => b.handle(socket));
    const srv = server;
    await new Promise<void>((resolve, reject) => {
      srv.once('error', reject);
      srv.listen(options.port ?? 1884, options.host ?? '0.0.0.0', () => {
        srv.off('error', reject);
        resolve();
      });
    });
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : (options.port ?? 1884);
    url = `mqtt://127.0.0.1:${port}`;
  }
  const embedded = broker !== null;
  const client = mqtt.connect(url, {
    clientId: `gongzhi-${os.hostname().slice(0, 20)}-${process.pid}-${Math.random().toString(36).slice(2, 8)}`,
    clean: true,
    reconnectPeriod: 2000,
    connectTimeout: 10_000,
  });
  const prefix = embedded ? '' : options.group ? `$share/${options.group}/` : SHARE_GROUP;
  const scope = (filter: string) =>
    options.tenantCode ? filter.replace('gongzhi/+/', `gongzhi/${options.tenantCode}/`) : filter;
  const filters = {
    [prefix + scope(UP_FILTER)]: { qos: 1 as const },
    [prefix + scope(STATUS_FILTER)]: { qos: 1 as const },
  };
  // A clean session subscribes again on every (re)connect; the first one is awaited (briefly).
  const subscribed = new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => resolve(false), 10_000);
    client.on('connect', () => {
      client
        .subscribeAsync(filters)
        .then(() => {
          clearTimeout(timer);
          resolve(true);
        })
        .catch((error: unknown) => deps.log.error({ err: error }, 'mqtt subscribe failed'));
    });
  });
  let received = 0;
  client.on('message', (topic, body) => {
    const parsed = parseTopic(topic);
    if (!parsed) return;
    received++;
    void ingest.accept({ ...parsed, body, via: 'mqtt' });
  });
  client.on('error', (error) => deps.log.warn({ err: error }, 'mqtt client error'));
  if (await subscribed) deps.log.info({ url, embedded }, 'iot: subscribed to device topics');
  else deps.log.error({ url }, 'iot: MQTT broker not reachable yet; retrying in the background');

  return {
    brokerUrl: url,
    embedded,
    get received() {
      return received;
    },
    async stop() {
      await client.endAsync().catch(() => undefined);
      await ingest.stop();
      if (broker) await new Promise<void>((resolve) => broker.close(() => resolve()));
      if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
