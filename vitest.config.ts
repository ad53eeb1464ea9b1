import { defineConfig } from 'vitest/config';

/**
 * Unit and integration tests. Integration tests run on PGlite by default and on a real
 * PostgreSQL server when TEST_DATABASE_URL is set (npm test does both).
 */
export default defineConfig({
  test: {
    include: process.env.TEST_DATABASE_URL ? ['src/server/**/*.test.ts', 'src/cli/**/*.test.ts'] : ['src/**/*.test.ts', 'src/**/*.test.tsx'],
    globalSetup: ['src/server/test/global-setup.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: 2,
    env: { TZ: 'UTC' },
  },
});
