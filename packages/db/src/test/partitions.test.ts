import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maintainPartitions } from '../maintain-partitions.js';
import { createTestDatabase, type TestDatabase } from '../testing/index.js';
import { createTenant, type Tenant } from './tenant-fixtures.js';

let database: TestDatabase;
let owner: pg.Client;
let app: pg.Client;
let tenant: Tenant;
const DAY = 86_400_000;

beforeAll(async () => {
  database = await createTestDatabase();
  owner = new pg.Client({ connectionString: database.adminUrl });
  app = new pg.Client({ connectionString: database.appUrl });
  await Promise.all([owner.connect(), app.connect()]);
  tenant = await createTenant(owner, 'alpha');
});

afterAll(async () => {
  await Promise.all([owner?.end(), app?.end()]);
  await database?.drop();
});

async function partitionsOf(table: string): Promise<string[]> {
  const { rows } = await owner.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
     WHERE i.inhparent = $1::regclass ORDER BY 1`,
    [table],
  );
  return rows.map((row) => row.name);
}

function day(at: Date): string {
  return at.toISOString().slice(0, 10).replace(/-/g, '');
}

describe('partition maintenance', () => {
  it('creates partitions ahead and drops those past retention, as the runtime role', async () => {
    const now = Date.now();
    const later = new Date(now + 20 * DAY);
    const changes = await maintainPartitions(database.db, later);
    const created = changes.filter((c) => c.operation === 'created').map((c) => c.partition);
    const dropped = changes.filter((c) => c.operation === 'dropped').map((c) => c.partition);
    // Raw samples keep 7 days and premake 3: at now+20d, days now+13 … now+23 exist.
    expect(created).toContain(`container_samples_p${day(new Date(now + 23 * DAY))}`);
    expect(dropped).toContain(`container_samples_p${day(new Date(now))}`);
    const remaining = await partitionsOf('container_samples');
    expect(remaining[0]).toBe(`container_samples_p${day(new Date(now + 13 * DAY))}`);
    expect(remaining.at(-1)).toBe(`container_samples_p${day(new Date(now + 23 * DAY))}`);
    // 1-hour rollups keep 400 days: the month of 300 days before `later` stays.
    const month = new Date(now - 280 * DAY).toISOString().slice(0, 7).replace('-', '');
    expect(await partitionsOf('container_samples_1h')).toContain(`container_samples_1h_p${month}`);
    expect(dropped.filter((name) => name.startsWith('container_samples_1h')).length).toBeLessThanOrEqual(1);
    // A second run at the same time finds nothing to do.
    expect(await maintainPartitions(database.db, later)).toEqual([]);
  });

  it('refuses a sample outside the partitioned window with a clear error instead of losing it', async () => {
    await app.query('BEGIN');
    await app.query("SELECT set_config('app.org_id', $1, true)", [tenant.orgId]);
    const insert = (ts: Date) =>
      app.query(`INSERT INTO container_samples VALUES ($1, $2, 'abcdef012345', $3, 1, 1, 1, 1, 1, 1, 1, 1)`, [
        tenant.orgId,
        tenant.hostId,
        ts,
      ]);
    await app.query('SAVEPOINT s');
    await expect(insert(new Date(Date.now() + 400 * DAY))).rejects.toThrow(
      /no partition of relation "container_samples" found for row/,
    );
    await app.query('ROLLBACK TO SAVEPOINT s');
    await expect(insert(new Date(Date.now() - 400 * DAY))).rejects.toThrow(/no partition of relation/);
    await app.query('ROLLBACK');
  });

  it('new partitions are tenant tables too (RLS forced, policy present)', async () => {
    const { rows } = await owner.query(
      `SELECT relname FROM pg_class c WHERE relispartition AND relkind = 'r'
         AND c.relname ~ '^(container|host)_' AND NOT (relrowsecurity AND relforcerowsecurity)`,
    );
    expect(rows).toEqual([]);
  });
});
