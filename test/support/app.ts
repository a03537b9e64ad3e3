import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inject } from 'vitest';
import { buildApp, type BuiltApp } from '../../src/server/app.ts';
import { closeDeps, createDeps } from '../../src/server/bootstrap.ts';
import { loadConfig } from '../../src/server/config.ts';
import type { Clock } from '../../src/server/platform/clock.ts';
import type { Deps } from '../../src/server/platform/deps.ts';
import { openTestDatabase, type TestDbKind } from './db.ts';

export const TEST_KEY = '0'.repeat(63) + '1';
let depsCount = 0;
export const TEST_AUDIT_KEY = '0'.repeat(63) + '2';
export const TEST_METRICS_TOKEN = 'test-metrics-token-0123456789';

export interface TestApp extends BuiltApp {
  deps: Deps;
  close(): Promise<void>;
}

export function testDbKind(): TestDbKind {
  return process.env.GZ_TEST_DB === 'postgres' ? 'postgres' : 'pglite';
}

/** Platform dependencies on a private copy of the migrated template database. */
export async function createTestDeps(
  options: { clock?: Clock; env?: Record<string, string> } = {},
): Promise<{ deps: Deps; close: () => Promise<void> }> {
  const { database, drop } = await openTestDatabase(testDbKind(), inject('dbTemplate'));
  const config = loadConfig({
    GONGZHI_ENCRYPTION_KEY: TEST_KEY,
    GONGZHI_AUDIT_KEY: TEST_AUDIT_KEY,
    // each test database its own checkpoints: another file's streets share ids, not hashes
    GONGZHI_AUDIT_CHECKPOINT_DIR: path.join(os.tmpdir(), `gz-checkpoints-${process.pid}-${++depsCount}`),
    GONGZHI_DATA_DIR: '.tmp/unused',
    GONGZHI_METRICS_TOKEN: TEST_METRICS_TOKEN,
    // Tests sign leaders and admins in with a password only; the MFA tests turn the requirement on.
    GONGZHI_MFA_REQUIRED: 'false',
    // Every injected request comes from one address: the rate-limit test sets its own limit.
    GONGZHI_PUBLIC_RATE_LIMIT: '100000',
    LOG_LEVEL: 'silent',
    ...options.env,
  });
  const deps = await createDeps(config, {
    database,
    ...(options.clock ? { clock: options.clock } : {}),
    logLevel: 'silent',
  });
  return {
    deps,
    close: async () => {
      await deps.events.stop();
      await drop();
      fs.rmSync(deps.config.auditCheckpointDir!, { recursive: true, force: true });
    },
  };
}

/** The whole HTTP app over a private test database, driven with `app.inject`. */
export async function createTestApp(
  options: { clock?: Clock; env?: Record<string, string> } = {},
): Promise<TestApp> {
  const { deps, close } = await createTestDeps(options);
  const built = await buildApp(deps);
  return {
    ...built,
    deps,
    close: async () => {
      await built.app.close();
      await close();
    },
  };
}

export { closeDeps };
