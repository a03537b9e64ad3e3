/**
 * IoT ingest benchmark (issue 9): N devices publishing over MQTT for D seconds into the platform's
 * pipeline (subscription → validation → batched insert → rules), persisted in PostgreSQL.
 * Prints sustained messages/s persisted and the alarm latency (publish → alarm row committed and
 * live event out) p50/p95.
 *
 *   node scripts/bench-iot.ts [--devices 2000] [--seconds 30] [--rate 4000] [--pglite] [--url mqtt://…]
 *
 * PostgreSQL from BENCH_DATABASE_URL (default postgres://root@127.0.0.1:5432/test): a fresh database
 * is created and dropped. Without --url the embedded broker is used (as a default install runs).
 */
import mqtt, { type MqttClient } from 'mqtt';
import pg from 'pg';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { createDeps } from '../src/server/bootstrap.ts';
import { loadConfig } from '../src/server/config.ts';
import { openDatabase } from '../src/server/db/database.ts';
import { deviceTopic } from '../src/contract/iot.profiles.ts';
import { startIotTransport } from '../src/server/modules/iot/iot.mqtt.ts';

const { values } = parseArgs({
  options: {
    devices: { type: 'string', default: '2000' },
    seconds: { type: 'string', default: '30' },
    rate: { type: 'string', default: '4000' },
    pglite: { type: 'boolean', default: false },
    url: { type: 'string' },
  },
});
const DEVICES = Number(values.devices);
const SECONDS = Number(values.seconds);
const RATE = Number(values.rate);
const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://root@127.0.0.1:5432/test';
const DB_NAME = `gz_bench_iot_${process.pid}`;

async function admin(query: string) {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  await client.query(query);
  await client.end();
}

let dbUrl: string | undefined;
if (!values.pglite) {
  await admin(`drop database if exists ${DB_NAME} with (force)`);
  await admin(`create database ${DB_NAME}`);
  const u = new URL(ADMIN_URL);
  u.pathname = `/${DB_NAME}`;
  dbUrl = u.toString();
}
const config = loadConfig({
  GONGZHI_ENCRYPTION_KEY: 'ab'.repeat(32),
  GONGZHI_AUDIT_KEY: 'derive',
  GONGZHI_DATA_DIR: '.tmp/bench-iot',
  LOG_LEVEL: 'warn',
  DATABASE_POOL_SIZE: '10',
  ...(dbUrl ? { DATABASE_URL: dbUrl } : {}),
});
const database = await openDatabase({ url: dbUrl, poolSize: 10 });
const deps = await createDeps(config, { database, logLevel: 'warn' });
const tenantCode = `bench${process.pid}`;
const tenant = await deps.db
  .insertInto('tenants')
  .values({ code: tenantCode, name: '压测街道' })
  .returning('id')
  .executeTakeFirstOrThrow();
const estate = await deps.db
  .insertInto('estates')
  .values({ tenant_id: tenant.id, name: '压测小区' })
  .returning('id')
  .executeTakeFirstOrThrow();
// a dispatcher to notify, as in a street
await deps.db
  .insertInto('users')
  .values({
    username: `duty-${tenantCode}`,
    display_name: '值班',
    password_hash: 'x',
    role: 'cadre',
    tenant_id: tenant.id,
  })
  .execute();
const codes: string[] = [];
for (let i = 0; i < DEVICES; i += 1000) {
  const rows = [];
  for (let j = i; j < Math.min(DEVICES, i + 1000); j++) {
    const code = `B${process.pid}-${j}`;
    codes.push(code);
    rows.push({
      tenant_id: tenant.id,
      code,
      kind: 'smoke_alarm',
      name: `烟感 ${j}`,
      estate_id: estate.id,
      created_at: new Date(),
    });
  }
  await deps.db.insertInto('iot_devices').values(rows).execute();
}
const ids = new Map(
  (
    await deps.db
      .selectFrom('iot_devices')
      .select(['id', 'code'])
      .where('tenant_id', '=', tenant.id)
      .execute()
  ).map((d) => [d.id, d.code]),
);

const transport = await startIotTransport(
  deps,
  values.url ? { url: values.url, group: `bench${process.pid}`, tenantCode } : { port: 0, host: '127.0.0.1' },
);

// alarm latency: publish time of each alarm event → the live event of the opened alarm
const alarmSentAt = new Map<string, number>();
const latencies: number[] = [];
deps.events.subscribe(tenant.id, (event) => {
  const data = (event as { data?: { change?: string; deviceId?: number } }).data;
  if (event.topic !== 'iot' || data?.change !== 'opened' || data.deviceId === undefined) return;
  const code = ids.get(data.deviceId);
  const sent = code ? alarmSentAt.get(code) : undefined;
  if (sent !== undefined) latencies.push(performance.now() - sent);
});

const CONNECTIONS = Math.min(20, DEVICES);
const clients: MqttClient[] = [];
for (let c = 0; c < CONNECTIONS; c++)
  clients.push(
    await mqtt.connectAsync(transport.brokerUrl, { clientId: `bench-${process.pid}-${c}`, clean: true }),
  );

console.log(
  `IoT ingest: ${DEVICES} devices, ${SECONDS} s, target ${RATE} msg/s over ${CONNECTIONS} connections, broker ${transport.embedded ? 'embedded aedes' : transport.brokerUrl}, database ${dbUrl ? 'PostgreSQL' : 'PGlite'}`,
);
const started = performance.now();
let sent = 0;
let alarms = 0;
let nextAlarm = started + 500;
const alarmDevices = codes.slice(-Math.min(200, Math.floor(DEVICES / 10)));
const normalDevices = codes.slice(0, codes.length - alarmDevices.length);
while (performance.now() - started < SECONDS * 1000) {
  const due = Math.floor(((performance.now() - started) / 1000) * RATE);
  const batch: Array<Promise<unknown>> = [];
  while (sent < due) {
    const code = normalDevices[sent % normalDevices.length]!;
    const payload = JSON.stringify({
      smokeDb: (sent % 30) / 10,
      temperature: 20 + (sent % 50) / 10,
      battery: 90,
    });
    batch.push(
      clients[sent % CONNECTIONS]!.publishAsync(
        deviceTopic(tenantCode, 'smoke_alarm', code, 'up/telemetry'),
        payload,
        { qos: 0 },
      ),
    );
    sent++;
  }
  if (performance.now() >= nextAlarm && alarms < alarmDevices.length) {
    const code = alarmDevices[alarms++]!;
    alarmSentAt.set(code, performance.now());
    batch.push(
      clients[0]!.publishAsync(deviceTopic(tenantCode, 'smoke_alarm', code, 'up/event'), '{"type":"alarm"}', {
        qos: 1,
      }),
    );
    nextAlarm += 250;
  }
  await Promise.all(batch);
  await new Promise((r) => setTimeout(r, 5));
}
const publishSeconds = (performance.now() - started) / 1000;
// let the pipeline drain, then count what is persisted
const drainStart = performance.now();
let stored = 0;
for (let i = 0; i < 600; i++) {
  const row = await deps.db
    .selectFrom('iot_telemetry')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('tenant_id', '=', tenant.id)
    .executeTakeFirstOrThrow();
  stored = Number(row.n);
  if (stored >= sent + alarms) break;
  await new Promise((r) => setTimeout(r, 100));
}
const totalSeconds = (performance.now() - started) / 1000;
const opened = await deps.db
  .selectFrom('iot_alarms')
  .select((eb) => eb.fn.countAll<number>().as('n'))
  .where('tenant_id', '=', tenant.id)
  .executeTakeFirstOrThrow();
latencies.sort((a, b) => a - b);
const q = (p: number) =>
  latencies.length
    ? latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]!.toFixed(0)
    : '—';
console.log(
  `published ${sent + alarms} messages in ${publishSeconds.toFixed(1)} s (${((sent + alarms) / publishSeconds).toFixed(0)} msg/s offered)`,
);
console.log(
  `persisted ${stored} rows; drained ${((performance.now() - drainStart) / 1000).toFixed(1)} s after publishing stopped`,
);
console.log(
  `sustained ingest: ${(stored / totalSeconds).toFixed(0)} msg/s persisted (rows ÷ time from first publish to last row)`,
);
console.log(
  `alarms: ${alarms} sent, ${Number(opened.n)} opened; latency publish → alarm committed + live event: p50 ${q(0.5)} ms, p95 ${q(0.95)} ms (n=${latencies.length})`,
);

for (const c of clients) await c.endAsync();
await transport.stop();
await deps.events.stop();
await database.close();
if (!values.pglite) await admin(`drop database if exists ${DB_NAME} with (force)`);
process.exit(0);
