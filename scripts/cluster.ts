/**
 * The district topology on one machine, under load, with faults (npm run cluster):
 *   PostgreSQL primary + synchronous hot standby, PgBouncer, three app processes, HAProxy, Mosquitto,
 * all on 127.0.0.1 ports of their own, data under a temporary directory. It measures
 *   1. throughput through HAProxy with three processes and with one (same database, same load);
 *   2. kill -9 of one process under a mixed load with 500 live-event (SSE) clients;
 *   3. the primary stopped and the standby promoted (deploy/postgresql/failover.sh) under load;
 * prints the figures and tears everything down, also on failure or Ctrl-C. Uses the configuration
 * files in deploy/ (with local addresses), so what is measured is what a district deploys.
 *
 * Needs: PostgreSQL 15 binaries (PG_BIN, default /usr/lib/postgresql/15/bin), pgbouncer, haproxy,
 * mosquitto on PATH. Run as root it runs PostgreSQL and PgBouncer as the user postgres.
 * Bounded: CLUSTER_MAX_SECONDS (default 900) stops everything.
 */
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import mqtt from 'mqtt';
import pg from 'pg';
import type { DeviceKind } from '../src/contract/iot.kinds.ts';
import { normalMessage } from '../src/server/modules/iot/iot.demo.ts';
import { DEMO_PASSWORD } from '../src/server/platform/seedKit.ts';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '..');
const DEPLOY = path.join(ROOT, 'deploy');
const PG_BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';
const MAX_SECONDS = Number(process.env.CLUSTER_MAX_SECONDS ?? 900);
const SSE_CLIENTS = Number(process.env.CLUSTER_SSE ?? 500);
const KEY = 'ab'.repeat(32);
const AUDIT_KEY = 'cd'.repeat(32);
const ADMIN_PASSWORD = 'Cluster@2026x';
const asRoot = process.getuid?.() === 0;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const now = () => performance.now();
const log = (line: string) => console.log(`[cluster ${process.uptime().toFixed(0).padStart(4)} s] ${line}`);

// ---- processes and teardown -------------------------------------------------------------------

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'gz-cluster-'));
fs.chmodSync(work, 0o755);
const children = new Set<ChildProcess>();
const pgDirs: string[] = [];
let tornDown = false;

async function teardown(): Promise<void> {
  if (tornDown) return;
  tornDown = true;
  for (const child of children) if (child.exitCode === null && child.pid) killTree(child.pid);
  for (const dir of pgDirs) await pgCtl(['stop', '-m', 'immediate', '-D', dir]).catch(() => undefined);
  await sleep(300);
  if (process.env.CLUSTER_KEEP) console.log(`kept ${work} (CLUSTER_KEEP)`);
  else fs.rmSync(work, { recursive: true, force: true });
}

function killTree(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL'); // its process group: runuser and what it started
  } catch {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }
}

function start(name: string, cmd: string, args: string[], env: NodeJS.ProcessEnv = {}): ChildProcess {
  const out = fs.openSync(path.join(work, `${name}.log`), 'a');
  const child = spawn(cmd, args, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', out, out],
    detached: true, // own process group, so kill -9 reaches the whole tree and nothing else
  });
  children.add(child);
  child.on('exit', () => children.delete(child));
  return child;
}

const asPostgres = (cmd: string, args: string[]) =>
  asRoot ? { cmd: 'runuser', args: ['-u', 'postgres', '--', cmd, ...args] } : { cmd, args };

async function pgCtl(args: string[], env: NodeJS.ProcessEnv = {}): Promise<void> {
  const c = asPostgres(path.join(PG_BIN, 'pg_ctl'), args);
  await run(c.cmd, c.args, { env: { ...process.env, ...env } });
}

async function freePort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as net.AddressInfo).port;
  await new Promise((r) => srv.close(r));
  return port;
}

async function waitFor(what: string, check: () => Promise<boolean>, seconds = 60): Promise<void> {
  const until = Date.now() + seconds * 1000;
  while (Date.now() < until) {
    if (await check().catch(() => false)) return;
    await sleep(200);
  }
  throw new Error(`${what} did not come up within ${seconds} s (logs in ${work})`);
}

const ownedByPostgres = (dir: string) => {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (asRoot) fs.chownSync(dir, pgUid(), pgGid());
};
let ids: { uid: number; gid: number } | null = null;
function pgIds() {
  if (ids) return ids;
  const line = fs
    .readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith('postgres:'));
  if (!line) throw new Error('Running as root needs a "postgres" user to run PostgreSQL');
  const [, , uid, gid] = line.split(':');
  ids = { uid: Number(uid), gid: Number(gid) };
  return ids;
}
const pgUid = () => pgIds().uid;
const pgGid = () => pgIds().gid;

// ---- the topology -----------------------------------------------------------------------------

interface Topology {
  pg1: { port: number; dir: string };
  pg2: { port: number; dir: string };
  pgbouncer: { port: number; ini: string; pidfile: string };
  mqttPort: number;
  apps: Array<{ name: string; port: number; child: ChildProcess | null }>;
  haproxy: { port: number; socket: string };
}

async function pgClient(port: number, database = 'postgres'): Promise<pg.Client> {
  const c = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', database });
  await c.connect();
  return c;
}

async function pgQuery<T extends pg.QueryResultRow>(port: number, text: string, database = 'postgres') {
  const c = await pgClient(port, database);
  try {
    return (await c.query<T>(text)).rows;
  } finally {
    await c.end();
  }
}

/** postgresql.conf = initdb's + deploy/postgresql/*.conf + local overrides (ports, paths, memory). */
function writePgConf(dir: string, port: number, files: string[]): void {
  const local = [
    `port = ${port}`,
    `listen_addresses = '127.0.0.1'`,
    `unix_socket_directories = '${path.join(work, 'sock')}'`,
    // one machine shared by everything: small memory, same settings otherwise
    `shared_buffers = '128MB'`,
    `effective_cache_size = '1GB'`,
    `maintenance_work_mem = '64MB'`,
    `max_wal_size = '1GB'`,
  ];
  const conf = path.join(dir, 'postgresql.conf');
  const includes = files.map((f) => {
    const copy = path.join(work, path.basename(f));
    fs.copyFileSync(f, copy);
    return `include '${copy}'`;
  });
  fs.appendFileSync(conf, `\n# gongzhi cluster\n${includes.join('\n')}\n${local.join('\n')}\n`);
}

async function startPrimary(t: Topology): Promise<void> {
  ownedByPostgres(path.join(work, 'sock'));
  ownedByPostgres(path.join(work, 'wal-archive'));
  ownedByPostgres(path.join(work, 'pglog'));
  const env = { GZ_WAL_ARCHIVE: path.join(work, 'wal-archive') };
  const initdb = asPostgres(path.join(PG_BIN, 'initdb'), [
    '-D',
    t.pg1.dir,
    '-U',
    'postgres',
    '--auth=trust',
    '-E',
    'UTF8',
    '--locale=C.UTF-8',
    '--no-sync',
  ]);
  ownedByPostgres(t.pg1.dir);
  await run(initdb.cmd, initdb.args);
  writePgConf(t.pg1.dir, t.pg1.port, [path.join(DEPLOY, 'postgresql/primary.conf')]);
  fs.writeFileSync(
    path.join(t.pg1.dir, 'pg_hba.conf'),
    'local all all trust\nhost all all 127.0.0.1/32 trust\nhost replication all 127.0.0.1/32 trust\n',
  );
  pgDirs.push(t.pg1.dir);
  await pgCtl(['start', '-w', '-D', t.pg1.dir, '-l', path.join(work, 'pglog/pg1.log')], env);
  // Before the standby exists nothing could commit synchronously: this setup commits locally.
  const setup = await pgClient(t.pg1.port);
  for (const q of [
    'set synchronous_commit = local',
    'create role gongzhi login',
    'create database gongzhi owner gongzhi',
    `select pg_create_physical_replication_slot('gongzhi_standby')`,
  ])
    await setup.query(q);
  await setup.end();
}

/** The demo street, loaded before the standby exists (bulk loads need not wait for it). */
async function seed(t: Topology): Promise<void> {
  const alter = (q: string) => pgQuery(t.pg1.port, `set synchronous_commit = local; ${q}`);
  await alter('alter database gongzhi set synchronous_commit = local');
  await run(process.execPath, ['src/server/cli.ts', 'demo', 'seed'], {
    cwd: ROOT,
    env: {
      ...process.env,
      ...appEnv(t, 0),
      DATABASE_URL: `postgres://gongzhi@127.0.0.1:${t.pg1.port}/gongzhi`,
      DATABASE_LISTEN_URL: '',
      DATABASE_READ_URL: '',
    },
  });
  await alter('alter database gongzhi reset synchronous_commit');
}

async function startStandby(t: Topology): Promise<void> {
  const env = { GZ_WAL_ARCHIVE: path.join(work, 'wal-archive') };
  // The standby: a base backup of the running primary, then streaming from it.
  ownedByPostgres(t.pg2.dir);
  const base = asPostgres(path.join(PG_BIN, 'pg_basebackup'), [
    '-h',
    '127.0.0.1',
    '-p',
    String(t.pg1.port),
    '-U',
    'postgres',
    '-D',
    t.pg2.dir,
    '-X',
    'stream',
    '--slot=gongzhi_standby',
    '--checkpoint=fast',
  ]);
  await run(base.cmd, base.args);
  writePgConf(t.pg2.dir, t.pg2.port, [path.join(DEPLOY, 'postgresql/standby.conf')]);
  fs.appendFileSync(
    path.join(t.pg2.dir, 'postgresql.conf'),
    `primary_conninfo = 'host=127.0.0.1 port=${t.pg1.port} user=postgres application_name=gongzhi_standby'\n`,
  );
  fs.writeFileSync(path.join(t.pg2.dir, 'standby.signal'), '');
  if (asRoot) fs.chownSync(path.join(t.pg2.dir, 'standby.signal'), pgUid(), pgGid());
  pgDirs.push(t.pg2.dir);
  await pgCtl(['start', '-w', '-D', t.pg2.dir, '-l', path.join(work, 'pglog/pg2.log')], env);
  await waitFor('synchronous replication', async () => {
    const rows = await pgQuery<{ sync_state: string }>(
      t.pg1.port,
      `select sync_state from pg_stat_replication where application_name = 'gongzhi_standby'`,
    );
    return rows[0]?.sync_state === 'sync';
  });
}

function startPgbouncer(t: Topology): ChildProcess {
  const dir = path.join(work, 'pgbouncer');
  ownedByPostgres(dir);
  const userlist = path.join(dir, 'userlist.txt');
  fs.writeFileSync(userlist, '"gongzhi" ""\n"postgres" ""\n');
  let ini = fs.readFileSync(path.join(DEPLOY, 'pgbouncer/pgbouncer.ini'), 'utf8');
  ini = ini
    .replace(/host=db1 port=5432/g, `host=127.0.0.1 port=${t.pg1.port}`)
    .replace(/host=db2 port=5432/g, `host=127.0.0.1 port=${t.pg2.port}`);
  const set = (key: string, value: string) => {
    const re = new RegExp(`^${key} *=.*$`, 'm');
    ini = re.test(ini) ? ini.replace(re, `${key} = ${value}`) : `${ini}${key} = ${value}\n`;
  };
  set('listen_addr', '127.0.0.1');
  set('listen_port', String(t.pgbouncer.port));
  set('auth_type', 'trust');
  set('auth_file', userlist);
  set('admin_users', 'postgres');
  set('unix_socket_dir', dir);
  set('pidfile', t.pgbouncer.pidfile);
  set('logfile', path.join(dir, 'pgbouncer.log'));
  fs.writeFileSync(t.pgbouncer.ini, ini);
  for (const f of [userlist, t.pgbouncer.ini]) if (asRoot) fs.chownSync(f, pgUid(), pgGid());
  const c = asPostgres('pgbouncer', [t.pgbouncer.ini]);
  return start('pgbouncer', c.cmd, c.args);
}

function startMosquitto(t: Topology): ChildProcess {
  let conf = fs.readFileSync(path.join(DEPLOY, 'mosquitto/gongzhi.conf'), 'utf8');
  conf = conf
    .replace(/^listener 1883$/m, `listener ${t.mqttPort} 127.0.0.1`)
    .replace(/^allow_anonymous false$/m, 'allow_anonymous true')
    .replace(/^password_file .*$/m, '')
    .replace(/^persistence true$/m, 'persistence false');
  const file = path.join(work, 'mosquitto.conf');
  fs.writeFileSync(file, conf);
  return start('mosquitto', 'mosquitto', ['-c', file]);
}

function appEnv(t: Topology, port: number): NodeJS.ProcessEnv {
  const via = (db: string) => `postgres://gongzhi@127.0.0.1:${t.pgbouncer.port}/${db}`;
  return {
    PORT: String(port),
    HOST: '127.0.0.1',
    DATABASE_URL: via('gongzhi'),
    DATABASE_LISTEN_URL: via('gongzhi_listen'),
    DATABASE_READ_URL: via('gongzhi_ro'),
    DATABASE_POOL_SIZE: '10',
    // PgBouncer 1.18 in transaction pooling cannot keep named prepared statements.
    DATABASE_PREPARED_STATEMENTS: 'false',
    GONGZHI_ENCRYPTION_KEY: KEY,
    GONGZHI_AUDIT_KEY: AUDIT_KEY,
    GONGZHI_ADMIN_PASSWORD: ADMIN_PASSWORD,
    GONGZHI_DATA_DIR: path.join(work, 'app'),
    MQTT_URL: `mqtt://127.0.0.1:${t.mqttPort}`,
    LOG_LEVEL: 'warn',
  };
}

function startApp(t: Topology, i: number): void {
  const app = t.apps[i]!;
  app.child = start(app.name, process.execPath, ['src/server/cli.ts', 'serve'], appEnv(t, app.port));
}

const ready = (port: number) => async () => (await request({ port, path: '/readyz' })).status === 200;

function startHaproxy(t: Topology): ChildProcess {
  return start('haproxy', 'haproxy', ['-db', '-f', path.join(DEPLOY, 'haproxy/haproxy.cfg')], {
    GZ_LISTEN: `127.0.0.1:${t.haproxy.port}`,
    GZ_MAXCONN: '8000', // this machine's file-descriptor limit is lower than a server's
    GZ_STATS: `127.0.0.1:${statsPort}`,
    GZ_HAPROXY_SOCKET: t.haproxy.socket,
    GZ_APP1: `127.0.0.1:${t.apps[0]!.port}`,
    GZ_APP2: `127.0.0.1:${t.apps[1]!.port}`,
    GZ_APP3: `127.0.0.1:${t.apps[2]!.port}`,
  });
}
let statsPort = 0;

async function haproxyCommand(t: Topology, command: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(t.haproxy.socket);
    let out = '';
    socket.on('data', (d) => (out += d.toString()));
    socket.on('end', () => resolve(out));
    socket.on('error', reject);
    socket.write(`${command}\n`);
  });
}

// ---- HTTP load ----------------------------------------------------------------------------------

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

interface Reply {
  status: number;
  body: string;
  cookies: string[];
}

function request(opts: {
  port: number;
  path: string;
  method?: string;
  body?: unknown;
  session?: Session;
}): Promise<Reply> {
  return new Promise((resolve) => {
    const payload = opts.body === undefined ? undefined : JSON.stringify(opts.body);
    const req = http.request(
      {
        host: '127.0.0.1',
        port: opts.port,
        path: opts.path,
        method: opts.method ?? 'GET',
        agent,
        timeout: 30_000,
        headers: {
          ...(payload ? { 'content-type': 'application/json' } : {}),
          ...(opts.session ? { cookie: opts.session.cookie, 'x-csrf-token': opts.session.csrf } : {}),
        },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (body += d));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body, cookies: res.headers['set-cookie'] ?? [] }),
        );
        res.on('error', () => resolve({ status: 0, body, cookies: [] }));
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => resolve({ status: 0, body: '', cookies: [] }));
    req.end(payload);
  });
}

interface Session {
  cookie: string;
  csrf: string;
}

async function login(port: number, username: string): Promise<Session> {
  const res = await request({
    port,
    path: '/api/auth/login',
    method: 'POST',
    body: { username, password: DEMO_PASSWORD },
  });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${res.body.slice(0, 200)}`);
  const pairs = res.cookies.map((c) => c.split(';')[0]!);
  const csrf = pairs.find((p) => p.startsWith('gz_csrf='))?.slice('gz_csrf='.length) ?? '';
  return { cookie: pairs.join('; '), csrf };
}

interface Tally {
  total: number;
  failed: number;
  writesAcked: number;
  readsOk: number;
  failures: Map<string, number>;
}
const newTally = (): Tally => ({ total: 0, failed: 0, writesAcked: 0, readsOk: 0, failures: new Map() });

/** Every write the platform acknowledged (its id), to look for after the faults. */
const acked: number[] = [];
/** When each acknowledged write was sent (performance.now()), to see when writes are served again. */
const ackSentAt: number[] = [];
/** When each acknowledged write's answer arrived. */
const ackedAt: number[] = [];

interface Load {
  port: number;
  staff: Session;
  leader: Session;
  resident: Session;
}

const GETS: Array<{ weight: number; who: keyof Omit<Load, 'port'>; path: string }> = [
  { weight: 30, who: 'staff', path: '/api/households?pageSize=20' },
  { weight: 15, who: 'staff', path: '/api/suggestions?pageSize=20' },
  { weight: 10, who: 'leader', path: '/api/dashboard' },
  { weight: 25, who: 'resident', path: '/api/portal/home' },
];

/** A GET the client may repeat: HAProxy retries it once on another server, the browser would too. */
async function idempotent(load: Load, g: (typeof GETS)[number]): Promise<boolean> {
  for (let attempt = 0; attempt < 4; attempt++) {
    const res = await request({ port: load.port, path: g.path, session: load[g.who] });
    if (res.status === 200) return true;
    if (res.status !== 0 && res.status < 500) return false;
    await sleep(250 * (attempt + 1));
  }
  return false;
}

let writeSeq = 0;
async function write(load: Load): Promise<{ ok: boolean; status: number }> {
  const n = ++writeSeq;
  const sentAt = now();
  const res = await request({
    port: load.port,
    path: '/api/suggestions',
    method: 'POST',
    session: load.staff,
    body: {
      subject: `压测建议 ${n}`,
      reason: '集群故障演练中的写入',
      proposal: `第 ${n} 条：请检查楼道照明`,
      proposerName: '演练',
    },
  });
  if (res.status !== 200) return { ok: false, status: res.status };
  const id = (JSON.parse(res.body) as { id?: number }).id;
  if (typeof id === 'number') {
    acked.push(id);
    ackSentAt.push(sentAt);
    ackedAt.push(now());
  }
  return { ok: true, status: 200 };
}

/** Closed-loop workers for `seconds`; `writeShare` of the requests are writes. */
async function drive(load: Load, workers: number, seconds: number, writeShare: number): Promise<Tally> {
  const tally = newTally();
  const until = now() + seconds * 1000;
  const total = GETS.reduce((s, g) => s + g.weight, 0);
  const pick = () => {
    let r = Math.random() * total;
    for (const g of GETS) if ((r -= g.weight) < 0) return g;
    return GETS[0]!;
  };
  const fail = (what: string) => {
    tally.failed++;
    tally.failures.set(what, (tally.failures.get(what) ?? 0) + 1);
  };
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (now() < until) {
        tally.total++;
        if (Math.random() < writeShare) {
          const w = await write(load);
          if (w.ok) tally.writesAcked++;
          else fail(`POST ${w.status}`);
        } else {
          const g = pick();
          if (await idempotent(load, g)) tally.readsOk++;
          else fail(`GET ${g.path.split('?')[0]}`);
        }
      }
    }),
  );
  return tally;
}

// ---- live-event clients -------------------------------------------------------------------------

interface SseClient {
  connected: boolean;
  droppedAt: number | null;
  reconnects: number[];
  resyncs: number[];
  hellos: number;
  /** the server's `retry:` (EventSource's reconnection delay) */
  retryMs: number;
}

/** Like the browser's EventSource: on a drop, reconnect after the server's `retry:` delay. */
function sseClient(port: number, session: Session, stats: SseClient): void {
  const connect = () => {
    if (tornDown) return;
    const req = http.get(
      { host: '127.0.0.1', port, path: '/api/events', headers: { cookie: session.cookie } },
      (res) => {
        if (res.statusCode !== 200) {
          res.resume();
          return retry();
        }
        res.setEncoding('utf8');
        let buf = '';
        res.on('data', (chunk: string) => {
          buf += chunk;
          let i;
          while ((i = buf.indexOf('\n\n')) >= 0) {
            const frame = buf.slice(0, i);
            buf = buf.slice(i + 2);
            const event = /^event: (.+)$/m.exec(frame)?.[1];
            const retryMs = /^retry: (\d+)$/m.exec(frame)?.[1];
            if (retryMs) stats.retryMs = Number(retryMs);
            if (event === 'hello') {
              stats.hellos++;
              stats.connected = true;
              // The web client re-fetches everything on a hello after a drop (src/web/api/live.ts).
              if (stats.droppedAt !== null) stats.reconnects.push(now() - stats.droppedAt);
              stats.droppedAt = null;
            } else if (event === 'resync') stats.resyncs.push(now());
          }
        });
        res.on('end', retry);
        res.on('error', retry);
      },
    );
    req.on('error', retry);
  };
  let pending = false;
  const retry = () => {
    if (pending) return;
    pending = true;
    stats.connected = false;
    stats.droppedAt ??= now();
    setTimeout(() => {
      pending = false;
      connect();
    }, stats.retryMs);
  };
  connect();
}

// ---- MQTT telemetry -----------------------------------------------------------------------------

async function telemetry(t: Topology, seconds: number, rate: number): Promise<number> {
  const devices = await pgQuery<{ code: string; kind: DeviceKind; ports: number | null }>(
    t.pg1.port,
    `select d.code, d.kind, d.ports from iot_devices d join tenants t on t.id = d.tenant_id
      where t.code = 'caoyang' and d.enabled order by d.id`,
    'gongzhi',
  ).catch(() => []);
  if (devices.length === 0) return 0;
  const client = await mqtt.connectAsync(`mqtt://127.0.0.1:${t.mqttPort}`, {
    clientId: `cluster-${process.pid}`,
  });
  let sent = 0;
  const until = now() + seconds * 1000;
  while (now() < until && !tornDown) {
    const d = devices[sent % devices.length]!;
    const msg = normalMessage(d, Math.floor(sent / devices.length), 10); // what the demo devices send
    const body = JSON.stringify(msg.payload);
    await client.publishAsync(`gongzhi/caoyang/${d.kind}/${d.code}/up/${msg.leaf}`, body, { qos: 1 });
    sent++;
    await sleep(1000 / rate);
  }
  await client.endAsync();
  return sent;
}

// ---- the run ------------------------------------------------------------------------------------

const pct = (a: number, b: number) => (b === 0 ? '0' : ((100 * a) / b).toFixed(3));
const s = (ms: number) => (ms / 1000).toFixed(2);
const median = (xs: number[]) => {
  const v = [...xs].sort((a, b) => a - b);
  return v.length ? v[Math.floor(v.length / 2)]! : 0;
};

async function missingWrites(port: number): Promise<number> {
  const rows = await pgQuery<{ n: number }>(
    port,
    `select count(*)::int as n from suggestions where id = any('{${acked.join(',')}}'::bigint[])`,
    'gongzhi',
  );
  return acked.length - (rows[0]?.n ?? 0);
}

function describeTally(name: string, t: Tally): string {
  const f = [...t.failures].map(([k, v]) => `${k}×${v}`).join(', ');
  return `${name}: ${t.total} requests, ${t.failed} failed (${pct(t.failed, t.total)} %)${f ? ` [${f}]` : ''}, ${t.writesAcked} writes acknowledged`;
}

/** A fresh Debian machine gets the engines from Debian (as .ci/run does for its own needs). */
async function ensureTools(): Promise<void> {
  const has = (cmd: string) =>
    run('sh', ['-c', `command -v ${cmd}`]).then(
      () => true,
      () => false,
    );
  const missing: string[] = [];
  for (const pkg of ['haproxy', 'pgbouncer', 'mosquitto']) if (!(await has(pkg))) missing.push(pkg);
  if (!fs.existsSync(path.join(PG_BIN, 'initdb'))) missing.push('postgresql-15');
  if (missing.length === 0) return;
  if (!asRoot) throw new Error(`Install first: apt-get install ${missing.join(' ')}`);
  log(`installing ${missing.join(' ')} from Debian`);
  await run('apt-get', ['update', '-qq']);
  await run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], {
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
}

async function main(): Promise<void> {
  const started = Date.now();
  await ensureTools();
  statsPort = await freePort();
  const t: Topology = {
    pg1: { port: await freePort(), dir: path.join(work, 'pg1') },
    pg2: { port: await freePort(), dir: path.join(work, 'pg2') },
    pgbouncer: {
      port: await freePort(),
      ini: path.join(work, 'pgbouncer', 'pgbouncer.ini'),
      pidfile: path.join(work, 'pgbouncer', 'pgbouncer.pid'),
    },
    mqttPort: await freePort(),
    apps: [
      { name: 'app1', port: await freePort(), child: null },
      { name: 'app2', port: await freePort(), child: null },
      { name: 'app3', port: await freePort(), child: null },
    ],
    haproxy: { port: await freePort(), socket: path.join(work, 'haproxy.sock') },
  };
  log(`work directory ${work}`);
  await startPrimary(t);
  const seedStarted = Date.now();
  await seed(t);
  log(`PostgreSQL primary :${t.pg1.port}; demo street seeded in ${s(Date.now() - seedStarted)} s`);
  await startStandby(t);
  log(`synchronous standby :${t.pg2.port} streaming`);
  startPgbouncer(t);
  startMosquitto(t);
  await waitFor(
    'PgBouncer',
    async () => (await pgQuery(t.pgbouncer.port, 'show version', 'pgbouncer')).length > 0,
  );
  for (let i = 0; i < 3; i++) startApp(t, i);
  for (const app of t.apps) await waitFor(app.name, ready(app.port), 120);
  startHaproxy(t);
  await waitFor('HAProxy', ready(t.haproxy.port));
  log(
    `3 app processes behind HAProxy :${t.haproxy.port}, PgBouncer :${t.pgbouncer.port}, Mosquitto :${t.mqttPort}`,
  );

  const port = t.haproxy.port;
  const load: Load = {
    port,
    staff: await login(port, 'cadre'),
    leader: await login(port, 'leader'),
    resident: await login(port, 'resident'),
  };
  const results: string[] = [];

  // 1. Throughput, 3 processes vs 1: same read mix, same concurrency, same database.
  await drive(load, 8, 5, 0); // warm-up
  const tpSeconds = Number(process.env.CLUSTER_TP_SECONDS ?? 20);
  const three = await drive(load, 24, tpSeconds, 0);
  for (const name of ['app2', 'app3']) await haproxyCommand(t, `disable server app/${name}`);
  const one = await drive(load, 24, tpSeconds, 0);
  for (const name of ['app2', 'app3']) await haproxyCommand(t, `enable server app/${name}`);
  const rps3 = three.readsOk / tpSeconds;
  const rps1 = one.readsOk / tpSeconds;
  results.push(
    `throughput: 3 processes ${rps3.toFixed(0)} req/s, 1 process ${rps1.toFixed(0)} req/s, ratio ${(rps3 / rps1).toFixed(2)} (${os.cpus().length} cores shared by everything)`,
  );
  log(results.at(-1)!);
  await sleep(2500); // re-enabled servers pass their checks

  // 2. kill -9 of one of three app processes under a mixed load with 500 SSE clients.
  const sessions = [load.staff, load.leader, await login(port, 'committee'), await login(port, 'volunteer')];
  const sse: SseClient[] = Array.from({ length: SSE_CLIENTS }, () => ({
    connected: false,
    droppedAt: null,
    reconnects: [],
    resyncs: [],
    hellos: 0,
    retryMs: 3000, // EventSource's default until the server says otherwise
  }));
  sse.forEach((c, i) => sseClient(port, sessions[i % sessions.length]!, c));
  await waitFor(`${SSE_CLIENTS} SSE clients`, async () => sse.every((c) => c.connected), 60);
  log(`${SSE_CLIENTS} SSE clients connected`);
  const telemetryRun = telemetry(t, 75, 20);
  const killAt = 8_000;
  const killPhase = drive(load, 16, 25, 0.2);
  await sleep(killAt);
  const victim = t.apps[0]!;
  const killedAt = now();
  victim.child!.kill('SIGKILL');
  log(`kill -9 ${victim.name} (pid ${victim.child!.pid})`);
  await sleep(1000); // systemd's RestartSec=1
  startApp(t, 0);
  const kill = await killPhase;
  await waitFor('every SSE client back', async () => sse.every((c) => c.connected), 30);
  const reconnected = sse.filter((c) => c.reconnects.length > 0);
  const reconnectTimes = reconnected.map((c) => c.reconnects.at(-1)!);
  const lostAfterKill = await missingWrites(t.pg1.port);
  results.push(
    describeTally('kill -9 of 1 of 3 processes', kill),
    `  acknowledged writes lost: ${lostAfterKill} of ${acked.length}`,
    `  SSE: ${reconnected.length} of ${SSE_CLIENTS} clients were on the killed process; all ${sse.filter((c) => c.connected).length} connected again; reconnect + re-sync median ${s(median(reconnectTimes))} s, max ${s(Math.max(0, ...reconnectTimes))} s`,
  );
  log(results.slice(-3).join('\n'));
  void killedAt;
  await waitFor('app1 back', ready(victim.port), 60);

  // 3. Stop the primary under load; the standby is promoted by deploy/postgresql/failover.sh.
  const before = acked.length;
  for (const c of sse) c.resyncs = [];
  const failPhase = drive(load, 16, 40, 0.2);
  await sleep(8_000);
  const ackedBeforeStop = acked.length;
  const stopAt = now();
  await pgCtl(['stop', '-m', 'immediate', '-D', t.pg1.dir]);
  log('primary stopped (pg_ctl stop -m immediate)');
  // The monitor: two failed probes 500 ms apart, then promote and repoint PgBouncer.
  let misses = 0;
  while (misses < 2) {
    await sleep(500);
    const up = await run('pg_isready', ['-q', '-h', '127.0.0.1', '-p', String(t.pg1.port), '-t', '1']).then(
      () => true,
      () => false,
    );
    misses = up ? 0 : misses + 1;
  }
  const failoverEnv = {
    ...process.env,
    OLD_PRIMARY: `127.0.0.1:${t.pg1.port}`,
    NEW_PRIMARY: `127.0.0.1:${t.pg2.port}`,
    STANDBY_PGDATA: t.pg2.dir,
    PGBOUNCER_INI: t.pgbouncer.ini,
    PG_CTL: `${asRoot ? 'runuser -u postgres -- ' : ''}${path.join(PG_BIN, 'pg_ctl')}`,
    RELOAD_PGBOUNCER: `kill -HUP ${fs.readFileSync(t.pgbouncer.pidfile, 'utf8').trim()}`,
  };
  await run(path.join(DEPLOY, 'postgresql/failover.sh'), [], { env: failoverEnv });
  const promotedAt = now();
  log(`standby promoted ${s(promotedAt - stopAt)} s after the stop`);
  const fail = await failPhase;
  // A write sent after the stop may wait in PgBouncer's queue until the promotion: count the moment
  // its acknowledgement arrived, not when it was sent.
  const afterStop = ackSentAt.map((sent, i) => ({ sent, at: ackedAt[i]! })).filter((w) => w.sent > stopAt);
  const firstWriteAfter = afterStop.length ? Math.min(...afterStop.map((w) => w.at)) : undefined;
  const lost = await missingWrites(t.pg2.port);
  const resynced = sse.filter((c) => c.resyncs.some((x) => x > stopAt));
  const resyncTimes = sse.flatMap((c) =>
    c.resyncs
      .filter((x) => x > stopAt)
      .slice(0, 1)
      .map((x) => x - stopAt),
  );
  results.push(
    describeTally('primary stopped, standby promoted', fail),
    `  writes served again ${firstWriteAfter ? s(firstWriteAfter - stopAt) : 'NEVER'} s after the stop (first acknowledgement of a write sent after it) (promotion done at ${s(promotedAt - stopAt)} s), no app restart`,
    `  acknowledged writes lost: ${lost} of ${acked.length} (${ackedBeforeStop} before the stop, ${acked.length - before} in this phase)`,
    `  SSE: ${resynced.length} of ${SSE_CLIENTS} clients told to re-fetch (resync) — median ${s(median(resyncTimes))} s, max ${s(Math.max(0, ...resyncTimes))} s after the stop`,
  );
  const sent = await telemetryRun;
  const ingested = await pgQuery<{ n: number }>(
    t.pg2.port,
    `select count(*)::int as n from iot_telemetry`,
    'gongzhi',
  ).catch(() => [{ n: -1 }]);
  results.push(
    `MQTT: ${sent} telemetry messages published (QoS 1, shared subscription), ${ingested[0]?.n} telemetry rows stored`,
  );
  const size = await pgQuery<{ mb: number }>(
    t.pg2.port,
    `select round(pg_database_size('gongzhi') / 1048576.0)::int as mb`,
    'gongzhi',
  ).catch(() => [{ mb: -1 }]);
  const peaks = t.apps.map((a) => `${a.name} ${a.child?.pid ? peakRssMb(a.child.pid) : '?'} MB`);
  results.push(`sizing: database ${size[0]?.mb} MB; app processes' peak RSS (VmHWM) ${peaks.join(', ')}`);
  console.log(`\n==== Gongzhi cluster (${s(Date.now() - started)} s) ====\n${results.join('\n')}\n`);
}

/** A process's own peak resident memory, from the kernel (not the load generator's). */
function peakRssMb(pid: number): number | '?' {
  try {
    const kb = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Math.round(Number(kb) / 1024) : '?';
  } catch {
    return '?';
  }
}

const limit = setTimeout(() => {
  console.error(`cluster: stopped after ${MAX_SECONDS} s (CLUSTER_MAX_SECONDS)`);
  void teardown().finally(() => process.exit(1));
}, MAX_SECONDS * 1000);
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.once(signal, () => void teardown().finally(() => process.exit(130)));

let code = 0;
try {
  await main();
} catch (error) {
  console.error(`cluster failed: ${(error as Error).stack ?? String(error)}`);
  for (const name of ['pglog/pg1', 'pglog/pg2', 'app1', 'app2', 'app3', 'haproxy', 'pgbouncer/pgbouncer']) {
    const file = path.join(work, `${name}.log`);
    if (fs.existsSync(file))
      console.error(`--- ${name}.log (tail)\n${fs.readFileSync(file, 'utf8').slice(-1500)}`);
  }
  code = 1;
} finally {
  clearTimeout(limit);
  await teardown();
  agent.destroy();
}
process.exit(code);
