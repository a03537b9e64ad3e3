import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';

/**
 * Browser journeys run against a real server process started exactly as `npm run demo` starts it
 * (fresh database, demo seed), with the web app freshly built. The database is a fresh one on the
 * PostgreSQL of TEST_DATABASE_URL when there is one (CI): it seeds in a third of the time and
 * serves the journeys several requests at once, as a deployed street would; without it, the
 * embedded database `npm run demo` uses. Both databases run every database test either way.
 */
export default async function setup(project: TestProject) {
  const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!fs.existsSync(chromium)) {
    console.warn(
      `\n[e2e] Browser tests SKIPPED: no Chromium at ${chromium} (install Debian's "chromium" or set CHROMIUM_PATH).\n`,
    );
    project.provide('e2e', { chromium: '', baseUrl: '', mqttUrl: '', readyFile: '' });
    return;
  }
  if (process.env.GZ_SKIP_WEB_BUILD !== '1') buildWebUnlessFresh();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gz-e2e-'));
  const database = await freshPostgres();
  // The demo server seeds its street before it serves. Global setups run before any test file, so
  // waiting for it here would keep one core idle for minutes; instead its address is fixed up front
  // and the journeys (which run after the database tests) wait for it in `wait-for-demo.ts`.
  const port = await freePort();
  // the demo server's embedded MQTT broker, on a free port (parallel runs must not share one)
  const mqttPort = await freePort();
  const server = spawn(process.execPath, ['src/server/cli.ts', 'demo'], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      GONGZHI_DATA_DIR: dataDir,
      // every journey signs in from 127.0.0.1, in parallel: not what the per-address limit is for
      GONGZHI_PUBLIC_RATE_LIMIT: '100000',
      LOG_LEVEL: 'warn',
      DATABASE_URL: database?.url ?? '',
      // keys of this run only; with a shared database every process must be given them
      ...(database
        ? {
            GONGZHI_ENCRYPTION_KEY: crypto.randomBytes(32).toString('hex'),
            GONGZHI_AUDIT_KEY: crypto.randomBytes(32).toString('hex'),
          }
        : {}),
      MQTT_URL: '',
      MQTT_PORT: String(mqttPort),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const readyFile = `${dataDir}.ready`;
  waitForUrl(server).then(
    (url) => fs.writeFileSync(readyFile, JSON.stringify({ url })),
    (error: Error) => fs.writeFileSync(readyFile, JSON.stringify({ error: error.message })),
  );
  project.provide('e2e', {
    chromium,
    baseUrl: `http://127.0.0.1:${port}`,
    mqttUrl: `mqtt://127.0.0.1:${mqttPort}`,
    readyFile,
  });
  return async () => {
    if (server.exitCode === null) {
      server.kill('SIGTERM');
      await new Promise((r) => server.once('exit', r));
    }
    await database?.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(readyFile, { force: true });
  };
}

/** A new empty database on TEST_DATABASE_URL's server (GZ_E2E_EMBEDDED=1 keeps the embedded one). */
async function freshPostgres(): Promise<{ url: string; drop: () => Promise<void> } | null> {
  const admin = process.env.TEST_DATABASE_URL;
  if (!admin || process.env.GZ_E2E_EMBEDDED === '1') return null;
  const name = `gz_e2e_${process.pid}_${Date.now()}`;
  const query = async (text: string) => {
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    try {
      await client.query(text);
    } finally {
      await client.end();
    }
  };
  await query(`create database ${name}`);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => query(`drop database if exists ${name} with (force)`) };
}

/** What the built web app is made from: when none of it changed, the last build is reused. */
const WEB_INPUTS = [
  'src/web',
  'src/contract',
  'vite.config.ts',
  'src/server/platform/webBudget.ts',
  'package-lock.json',
];

function buildWebUnlessFresh(): void {
  const outDir = process.env.GZ_WEB_DIST || 'dist/web';
  const stampFile = path.join(outDir, '.inputs-hash');
  const hash = inputsHash();
  if (fs.existsSync(stampFile) && fs.readFileSync(stampFile, 'utf8') === hash) return;
  // Vitest sets NODE_ENV=test, which would give React's and antd's development builds: slower,
  // and not what users get.
  execFileSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'error'], {
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  });
  fs.writeFileSync(stampFile, hash);
}

function inputsHash(): string {
  const digest = crypto.createHash('sha256');
  const visit = (entry: string) => {
    const stat = fs.statSync(entry);
    if (stat.isDirectory()) for (const child of fs.readdirSync(entry).sort()) visit(path.join(entry, child));
    else digest.update(entry).update(fs.readFileSync(entry));
  };
  for (const input of WEB_INPUTS) if (fs.existsSync(input)) visit(input);
  return digest.digest('hex');
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

function waitForUrl(server: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = '';
    // Generous: in CI the database tests run alongside while the demo seeds.
    const timer = setTimeout(() => reject(new Error(`demo server did not start:\n${output}`)), 900_000);
    server.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!.replace('localhost', '127.0.0.1'));
      }
    });
    server.once('exit', (code) => reject(new Error(`demo server exited with ${code}:\n${output}`)));
  });
}

declare module 'vitest' {
  export interface ProvidedContext {
    e2e: { chromium: string; baseUrl: string; mqttUrl: string; readyFile: string };
  }
}
