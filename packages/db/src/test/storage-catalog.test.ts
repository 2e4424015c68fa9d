import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../testing/index.js';
import { listStorageChildren } from './storage-children.js';
import { createTenant } from './tenant-fixtures.js';

// What the runtime role can learn about the time series from catalogs, around row-level
// security. Decided (docs/data-model.md): values of rows and statistics of values reveal other
// organisations' data and must be unreadable; sizes, estimated row counts and the names and
// time ranges of partitions or chunks are fleet-wide totals that PostgreSQL's own catalog shows
// every role for any table, on either engine.

let database: TestDatabase;
let owner: pg.Client;
let app: pg.Client;

beforeAll(async () => {
  database = await createTestDatabase();
  owner = new pg.Client({ connectionString: database.adminUrl });
  app = new pg.Client({ connectionString: database.appUrl });
  await Promise.all([owner.connect(), app.connect()]);
  await createTenant(owner, 'alpha');
  await createTenant(owner, 'bravo');
  await owner.query('ANALYZE container_samples, container_logs');
});

afterAll(async () => {
  await Promise.all([owner?.end(), app?.end()]);
  await database?.drop();
});

const STATS = `SELECT schemaname || '.' || tablename AS name, attname FROM pg_stats
  WHERE tablename = ANY($1::text[]) AND attname IN ('org_id', 'line', 'container_id')`;

describe('catalogs of the time-series storage, as the runtime role', () => {
  it("shows no column statistics (other organisations' values) of parents, partitions or chunks", async () => {
    const children = await listStorageChildren(owner);
    const tables = ['container_samples', 'container_logs', ...children.map((c) => c.split('.')[1] ?? c)];
    // The owner sees most common values and histograms: there is something to hide.
    expect((await owner.query(STATS, [tables])).rows.length).toBeGreaterThan(0);
    expect((await app.query(STATS, [tables])).rows).toEqual([]);
  });

  it("reads none of TimescaleDB's catalog tables, views or job records (none exist on plain PostgreSQL)", async () => {
    const { rows: relations } = await owner.query<{ name: string; readable: boolean }>(`
      SELECT format('%I.%I', n.nspname, c.relname) AS name,
             has_table_privilege('berth_app', c.oid, 'SELECT, INSERT, UPDATE, DELETE') AS readable
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname IN (SELECT nspname FROM pg_namespace WHERE nspname LIKE '%timescaledb%')
        AND c.relkind IN ('r', 'v', 'm', 'S', 'p')`);
    if (database.engine === 'postgresql') {
      expect(relations).toEqual([]);
      return;
    }
    expect(relations.length).toBeGreaterThan(30);
    expect(relations.filter((relation) => relation.readable)).toEqual([]);
    for (const sql of [
      'SELECT * FROM timescaledb_information.chunks',
      'SELECT * FROM timescaledb_information.job_errors',
      'SELECT * FROM _timescaledb_catalog.chunk_column_stats', // per-chunk minima and maxima
      'SELECT * FROM _timescaledb_catalog.dimension_slice',
      'SELECT * FROM _timescaledb_internal.hypertable_chunk_local_size',
      'SELECT get_telemetry_report()',
    ]) {
      await expect(app.query(sql), sql).rejects.toMatchObject({ code: '42501' });
    }
  });

  it('what it can still ask about sizes and row estimates is what pg_class shows of any table', async () => {
    const children = await listStorageChildren(owner, 'container_samples');
    const { rows } = await app.query<{ bytes: string; estimate: string }>(
      `SELECT sum(pg_total_relation_size(c.oid)) AS bytes, sum(greatest(c.reltuples, 0))::bigint AS estimate
       FROM pg_class c WHERE c.oid = ANY($1::regclass[]) OR c.oid = 'container_samples'::regclass`,
      [children],
    );
    // Readable by every role on either engine: the baseline PostgreSQL sets.
    expect(Number(rows[0]?.bytes)).toBeGreaterThan(0);
    if (database.engine === 'postgresql') return;
    const timescale = await app.query<{ bytes: string; estimate: string }>(
      `SELECT hypertable_approximate_size('container_samples') AS bytes,
              _timescaledb_functions.get_approx_row_count('container_samples') AS estimate`,
    );
    expect(timescale.rows[0]).toEqual({ bytes: rows[0]?.bytes, estimate: rows[0]?.estimate });
  });
});
