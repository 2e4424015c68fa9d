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
