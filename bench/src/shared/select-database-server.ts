import { readOption } from './read-option.js';

/** The cluster ../shared/timescaledb/install.sh starts (its default port). */
const TIMESCALE_DEFAULT = 'postgres://postgres@127.0.0.1:5434/postgres';

export type DatabaseServer = { engine: 'postgresql' | 'timescaledb'; url: string };

/**
 * `--timescale=1` (or `BENCH_TIMESCALE=1`): the benchmark's databases are created on the
 * TimescaleDB server (`TEST_TIMESCALE_URL`, else 127.0.0.1:5434) instead of `TEST_DATABASE_URL`.
 * Call before creating any database: the test harness reads TEST_DATABASE_URL when it does.
 */
export function selectDatabaseServer(): DatabaseServer {
  if (readOption('timescale', 0) !== 1) {
    return {
      engine: 'postgresql',
      url: process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres',
    };
  }
  const url = process.env.TEST_TIMESCALE_URL ?? TIMESCALE_DEFAULT;
  process.env.TEST_DATABASE_URL = url;
  return { engine: 'timescaledb', url };
}
