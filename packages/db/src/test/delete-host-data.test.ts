import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deleteHostData } from '../queries/delete-host-data.js';
import { createTestDatabase, type TestDatabase } from '../testing/index.js';
import { withOrg } from '../with-org.js';
import { createTenant, type Tenant } from './tenant-fixtures.js';

let database: TestDatabase;
let owner: pg.Client;
let a: Tenant;
let b: Tenant;

beforeAll(async () => {
  database = await createTestDatabase();
  owner = new pg.Client({ connectionString: database.adminUrl });
  await owner.connect();
  a = await createTenant(owner, 'alpha');
  b = await createTenant(owner, 'bravo');
});

afterAll(async () => {
  await owner?.end();
  await database?.drop();
});

async function seriesRows(hostId: string): Promise<Record<string, number>> {
  const { rows } = await owner.query<{ table_name: string; n: number }>(
    `SELECT table_name, (xpath('/row/n/text()',
       query_to_xml(format('SELECT count(*) AS n FROM %I WHERE host_id = %L', table_name, $1::text), false, true, '')))[1]::text::int AS n
     FROM berth_internal.partition_policies ORDER BY 1`,
    [hostId],
  );
  return Object.fromEntries(rows.map((row) => [row.table_name, row.n]));
}

describe('deleting a host as the runtime role', () => {
  it("removes every time-series row of the host (partitions or hypertables) and nothing of another org's", async () => {
    const before = await seriesRows(b.hostId);
    expect(Object.values(await seriesRows(a.hostId)).every((n) => n === 1)).toBe(true);
    const deleted = await withOrg(database.db, a.orgId, (tx) => deleteHostData(tx, a.orgId, a.hostId));
    expect(deleted).toMatchObject({
      hosts: 1,
      container_samples: 1,
      container_samples_1m: 1,
      host_samples_1h: 1,
    });
    expect(Object.values(await seriesRows(a.hostId)).every((n) => n === 0)).toBe(true);
    expect(await seriesRows(b.hostId)).toEqual(before);
    // Another org's host is invisible: nothing happens.
    const none = await withOrg(database.db, a.orgId, (tx) => deleteHostData(tx, a.orgId, b.hostId));
    expect(none.hosts).toBe(0);
    expect(await seriesRows(b.hostId)).toEqual(before);
  });
});
