import { configDefaults, defineConfig } from 'vitest/config';

// Everything runs on plain PostgreSQL (TEST_DATABASE_URL, default 127.0.0.1:5432); the
// exactly-once ingest tests run on TimescaleDB too (TEST_TIMESCALE_URL; `bash .ci/run` starts
// one where ../shared/timescaledb exists). Without it the timescaledb project runs only a
// skipped placeholder whose name says why, so the run reports it skipped rather than passing.
const timescale = process.env.TEST_TIMESCALE_URL;
const UNAVAILABLE = 'src/test/timescaledb-unavailable.test.ts';
if (!timescale) console.warn('@berth/gateway: timescaledb project SKIPPED — TEST_TIMESCALE_URL is not set');

export default defineConfig({
  test: {
    testTimeout: 120_000,
    hookTimeout: 120_000,
    projects: [
      // include/exclude per project: a project's arrays would be appended to the root's.
      {
        extends: true,
        test: {
          name: 'postgresql',
          include: ['src/**/*.test.ts'],
          exclude: [...configDefaults.exclude, UNAVAILABLE],
          env: { BERTH_TEST_ENGINE: 'postgresql' },
        },
      },
      timescale
        ? {
            extends: true,
            test: {
              name: 'timescaledb',
              include: ['src/ingest*.test.ts'],
              exclude: [...configDefaults.exclude, UNAVAILABLE],
              env: { TEST_DATABASE_URL: timescale, BERTH_TEST_ENGINE: 'timescaledb' },
            },
          }
        : { extends: true, test: { name: 'timescaledb', include: [UNAVAILABLE] } },
    ],
  },
});
