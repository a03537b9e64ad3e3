import os from 'node:os';
import { defineConfig } from 'vitest/config';

/**
 * Test tiers (see README): pure rules run once; everything that touches a database runs on the
 * embedded PGlite and, when TEST_DATABASE_URL is set, again on that PostgreSQL; browser journeys last.
 */
const dbTests = ['src/**/*.test.ts', 'test/**/*.test.ts'];
const notDb = ['src/**/*.unit.test.ts', 'test/e2e/**', 'node_modules/**'];
const withPostgres = Boolean(process.env.TEST_DATABASE_URL);
// Vitest's default is cores - 1 workers: a single one on a 2-core CI machine, which leaves a core idle
// while database test files wait on PostgreSQL. Each file has its own database, broker topics and
// ports, so files may run side by side; the browser journeys still run one at a time, last.
const workers = Number(process.env.GZ_TEST_WORKERS) || Math.max(2, os.availableParallelism() - 1);

export default defineConfig({
  test: {
    testTimeout: 30_000,
    maxWorkers: workers,
    hookTimeout: 120_000,
    projects: [
      { extends: true as const, test: { name: 'unit', include: ['src/**/*.unit.test.ts'] } },
      {
        extends: true as const,
        test: {
          name: 'pglite',
          isolate: false,
          include: dbTests,
          exclude: notDb,
          env: { GZ_TEST_DB: 'pglite' },
          globalSetup: ['test/support/global-setup.ts'],
        },
      },
      ...(withPostgres
        ? [
            {
              extends: true as const,
              test: {
                name: 'postgres',
                isolate: false,
                include: dbTests,
                exclude: notDb,
                env: { GZ_TEST_DB: 'postgres' },
                globalSetup: ['test/support/global-setup.ts'],
              },
            },
          ]
        : []),
      {
        extends: true as const,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.e2e.test.ts'],
          fileParallelism: false,
          testTimeout: 120_000,
          globalSetup: ['test/e2e/global-setup.ts'],
          setupFiles: ['test/e2e/wait-for-demo.ts'],
        },
      },
    ],
  },
});
