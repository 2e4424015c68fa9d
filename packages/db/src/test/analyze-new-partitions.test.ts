import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { analyzeNewPartitions } from '../maintain-partitions.js';
import { createTestDatabase, type TestDatabase } from '../testing/index.js';
import { createTenant, type Tenant } from './tenant-fixtures.js';

// A never-analyzed time partition has no statistics, and reads by host then go through the
// organisation's whole window (docs/benchmarks.md). The maintenance job analyzes each one once
// it has rows; the test server runs autovacuum off, so nothing else does here.

let database: TestDatabase;
let owner: pg.Client;
let app: pg.Client;
let tenant: Tenant;

beforeAll(async () => {
  database = await createTestDatabase();
  owner = new pg.Client({ connectionString: database.adminUrl });
  app = new pg.Client({ connectionString: database.appUrl });
  await Promise.all([owner.connect(), app.connect()]);
  tenant = await createTenant(owner, 'analyze');
});

afterAll(async () => {
  await Promise.all([owner?.end(), app?.end()]);
  await database?.drop();
});

/** `rows` container events now, as the owner; their counts reach the statistics at once. */
async function insertEvents(rows: number): Promise<string> {
  await owner.query('BEGIN');
  const { rows: inserted } = await owner.query<{ child: string }>(
    `INSERT INTO container_events (org_id, host_id, container_id, ts, action)
     SELECT $1, $2, 'abcdef012345', now(), 'die' FROM generate_series(1, $3)
     RETURNING tableoid::regclass::text AS child`,
    [tenant.orgId, tenant.hostId, rows],
  );
  // The session reports its counts when it goes idle after this transaction, not a second later.
  await owner.query('SELECT pg_stat_force_next_flush()');
  await owner.query('COMMIT');
  const child = inserted[0]?.child;
  if (!child) throw new Error('no event inserted');
  return child;
}

const reltuples = async (child: string) =>
  Number(
    (
      await owner.query<{ n: number }>('SELECT reltuples AS n FROM pg_class WHERE oid = $1::regclass', [
        child,
      ])
    ).rows[0]?.n,
  );

it('analyzes a never-analyzed partition once it has min_rows changed rows, as the runtime role, and only once', async () => {
  const child = await insertEvents(10);
  expect(await reltuples(child)).toBe(-1);
  // 10 rows: under the threshold, left alone.
  expect(await analyzeNewPartitions(app, 50)).toEqual([]);
  expect(await reltuples(child)).toBe(-1);

  await insertEvents(60);
  const name = child.replace(/^.*\./, '').replace(/"/g, '');
  expect(await analyzeNewPartitions(app, 50)).toContain(name);
  const { rows } = await owner.query<{ n: string }>(`SELECT count(*) AS n FROM ${child}`);
  expect(await reltuples(child)).toBe(Number(rows[0]?.n));
  // Analyzed: never again by this job (autovacuum keeps it current where it runs).
  await insertEvents(60);
  expect(await analyzeNewPartitions(app, 50)).not.toContain(name);
});
