import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, expectedStorageEngine, type TestDatabase } from '../testing/index.js';

let database: TestDatabase;
let owner: pg.Client;

beforeAll(async () => {
  database = await createTestDatabase();
  owner = new pg.Client({ connectionString: database.adminUrl });
  await owner.connect();
});

afterAll(async () => {
  await owner?.end();
  await database?.drop();
});

describe('the test databases', () => {
  it('run on the storage engine their vitest project names', async () => {
    expect(database.engine).toBe(expectedStorageEngine());
    const { rows } = await owner.query<{ hypertables: number; partitioned: number }>(`
      SELECT count(*) FILTER (WHERE c.relkind = 'r')::int AS hypertables,
             count(*) FILTER (WHERE c.relkind = 'p')::int AS partitioned
      FROM berth_internal.partition_policies p JOIN pg_class c ON c.oid = format('public.%I', p.table_name)::regclass`);
    expect(rows[0]).toEqual(
      database.engine === 'timescaledb'
        ? { hypertables: 11, partitioned: 0 }
        : { hypertables: 0, partitioned: 11 },
    );
  });

  it('carry the same indexes on both engines: none on the time column alone (TimescaleDB adds one by default)', async () => {
    const indexes = `
      SELECT p.table_name, count(*)::int AS indexes,
        count(*) FILTER (WHERE i.indnatts = 1 AND a.attname = p.time_column)::int AS time_only
      FROM berth_internal.partition_policies p
      JOIN pg_index i ON i.indrelid = format('public.%I', p.table_name)::regclass
      LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]
      GROUP BY p.table_name ORDER BY p.table_name`;
    const { rows } = await owner.query<{ table_name: string; indexes: number; time_only: number }>(indexes);
    expect(rows).toHaveLength(11);
    expect(rows.filter((row) => row.time_only > 0)).toEqual([]);
    // The same count per table on either engine (the series, host, organisation and key indexes).
    expect(Object.fromEntries(rows.map((row) => [row.table_name, row.indexes]))).toEqual({
      check_results: 4,
      check_results_1h: 2,
      check_results_1m: 2,
      container_events: 2,
      container_logs: 2,
      container_samples: 2,
      container_samples_1h: 1,
      container_samples_1m: 3,
      host_samples: 1,
      host_samples_1h: 1,
      host_samples_1m: 2,
    });
    // A time series made later gets none either.
    await owner.query('BEGIN');
    try {
      await owner.query(`SELECT berth_internal.create_time_series('index_probe',
        'org_id uuid NOT NULL, ts timestamptz NOT NULL', 'ts', 'day', interval '7 days')`);
      const probe = await owner.query(
        "SELECT 1 FROM pg_index WHERE indrelid = 'public.index_probe'::regclass",
      );
      expect(probe.rowCount).toBe(0);
    } finally {
      await owner.query('ROLLBACK');
    }
  });

  it("are cloned from a template that refuses connections, also while TimescaleDB's scheduler runs", async () => {
    const { rows } = await owner.query<{ datallowconn: boolean }>(
      'SELECT datallowconn FROM pg_database WHERE datname = $1',
      [database.template],
    );
    expect(rows).toEqual([{ datallowconn: false }]);
    const launcher = await owner.query(
      "SELECT 1 FROM pg_stat_activity WHERE backend_type = 'TimescaleDB Background Worker Launcher'",
    );
    expect(launcher.rowCount).toBe(database.engine === 'timescaledb' ? 1 : 0);
    // Another clone while this database (with the extension) is in use and the scheduler runs.
    const second = await createTestDatabase();
    expect(second.engine).toBe(database.engine);
    await second.drop();
  });
});
