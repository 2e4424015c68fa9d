import { defineConfig } from 'vitest/config';

// Real PostgreSQL (TEST_DATABASE_URL, default 127.0.0.1:5432) and Redis (REDIS_URL, default
// 127.0.0.1:6379) for the two-alerter test.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
