import { defineConfig } from 'vitest/config';

/**
 * Test tiers (see README): pure rules run once; everything that touches a database runs on the
 * embedded PGlite and, when TEST_DATABASE_URL is set, again on that PostgreSQL; browser journeys last.
 */
const dbTests = ['src/**/*.test.ts', 'test/**/*.test.ts'];
const notDb = ['src/**/*.unit.test.ts', 'test/e2e/**', 'node_modules/**'];
const withPostgres = Boolean(process.env.TEST_DATABASE_URL);

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 120_000,
    projects: [
      { extends: true as const, test: { name: 'unit', include: ['src/**/*.unit.test.ts'] } },
      {
        extends: true as const,
        test: {
          name: 'pglite',
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
