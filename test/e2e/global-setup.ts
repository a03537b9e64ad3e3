import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

/**
 * Browser journeys run against a real server process started exactly as `npm run demo` starts it
 * (fresh embedded database, demo seed), with the web app freshly built.
 */
export default async function setup(project: TestProject) {
  const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!fs.existsSync(chromium)) {
    console.warn(
      `\n[e2e] Browser tests SKIPPED: no Chromium at ${chromium} (install Debian's "chromium" or set CHROMIUM_PATH).\n`,
    );
    project.provide('e2e', { chromium: '', baseUrl: '', mqttUrl: '' });
    return;
  }
  if (process.env.GZ_SKIP_WEB_BUILD !== '1') {
    // Vitest sets NODE_ENV=test, which would give React's and antd's development builds: slower,
    // and not what users get.
    execFileSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'error'], {
      stdio: 'inherit',
      env: { ...process.env, NODE_ENV: 'production' },
    });
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gz-e2e-'));
  // the demo server's embedded MQTT broker, on a free port (parallel runs must not share one)
  const mqttPort = await freePort();
  const server = spawn(process.execPath, ['src/server/cli.ts', 'demo'], {
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      GONGZHI_DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      DATABASE_URL: '',
      MQTT_URL: '',
      MQTT_PORT: String(mqttPort),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const baseUrl = await waitForUrl(server);
  project.provide('e2e', { chromium, baseUrl, mqttUrl: `mqtt://127.0.0.1:${mqttPort}` });
  return async () => {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
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
    const timer = setTimeout(() => reject(new Error(`demo server did not start:\n${output}`)), 480_000);
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
    e2e: { chromium: string; baseUrl: string; mqttUrl: string };
  }
}
