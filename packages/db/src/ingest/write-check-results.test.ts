import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type SeededOrg, seedOrg, type TestDatabase } from '../testing/index.js';
import { withOrgOn } from '../with-org-client.js';
import { CheckResultColumns, WRITE_CHECK_RESULTS, WRITE_CHECK_RESULTS_NAME } from './index.js';

// The gateway's check-results statement as the runtime role would run it (RLS applies), on
// plain PostgreSQL and on TimescaleDB (the vitest projects).

let database: TestDatabase;
let owner: pg.Client;
let tenant: SeededOrg;
let other: SeededOrg;

beforeAll(async () => {
  database = await createTestDatabase();
  owner = new pg.Client({ connectionString: database.adminUrl });
  await owner.connect();
  tenant = await seedOrg(database.db);
  other = await seedOrg(database.db);
});

afterAll(async () => {
  await owner?.end();
  await database?.drop();
});

async function write(orgId: string, columns: CheckResultColumns): Promise<void> {
  const client = await database.pool.connect();
  try {
    await withOrgOn(client, orgId, (tx) =>
      tx.query({ name: WRITE_CHECK_RESULTS_NAME, text: WRITE_CHECK_RESULTS, values: columns.params(orgId) }),
    );
  } finally {
    client.release();
  }
}

const NUL = String.fromCharCode(0);
const at = (secondsAgo: number) => new Date(Date.now() - secondsAgo * 1000).toISOString();

describe('WRITE_CHECK_RESULTS', () => {
  it('stores every field exactly, absent ones as NULL, under a check id derived from host and names', async () => {
    const columns = new CheckResultColumns();
    const host = columns.host(tenant.hostId);
    columns.result(host, {
      containerName: 'web',
      containerId: 'abcdef012345',
      name: 'default',
      kind: 'http',
      ts: at(20)
        .replace('Z', '')
        .replace(/\.\d+$/, '.123456Z'),
      status: 'up',
      latencyMs: 12,
      slow: true,
      statusCode: 200,
      certExpiresAt: '2027-01-01T00:00:00.000Z',
      certExpiring: false,
      target: 'https://127.0.0.1:8443/health?a="b",c={d}\\',
    });
    columns.result(host, {
      containerName: 'web',
      name: 'labels',
      ts: at(10),
      status: 'down',
      latencyMs: 0,
      slow: false,
      certExpiring: false,
      error: `label berth.check.x: "quoted", {braced}, back\\slash, NULL, nul${NUL}`,
      target: '',
    });
    await write(tenant.orgId, columns);
    const { rows } = await owner.query(
      `SELECT check_id::text, md5($1 || '/web/' || check_name)::uuid::text AS expected, container_id, kind,
         to_char(ts AT TIME ZONE 'UTC', 'SS.US') AS us, status, latency_ms, slow, status_code, cert_expires_at,
         cert_expiring, error, target
       FROM check_results WHERE host_id = $1::uuid ORDER BY ts`,
      [tenant.hostId],
    );
    expect(rows).toHaveLength(2);
    for (const row of rows) expect(row.check_id).toBe(row.expected);
    expect(rows[0]).toMatchObject({
      container_id: 'abcdef012345',
      kind: 'http',
      us: expect.stringMatching(/\.123456$/),
      status: 'up',
      latency_ms: 12,
      slow: true,
      status_code: 200,
      cert_expires_at: new Date('2027-01-01T00:00:00.000Z'),
      error: null,
      target: 'https://127.0.0.1:8443/health?a="b",c={d}\\',
    });
    expect(rows[1]).toMatchObject({
      container_id: null,
      kind: null,
      status_code: null,
      cert_expires_at: null,
      error: 'label berth.check.x: "quoted", {braced}, back\\slash, NULL, nul\uFFFD',
      target: '',
    });
  });

  it("refuses rows for another organisation's scope (RLS WITH CHECK), writing none", async () => {
    const wrongOrg = new CheckResultColumns();
    wrongOrg.result(wrongOrg.host(other.hostId), {
      containerName: 'db',
      name: 'default',
      ts: at(5),
      status: 'up',
      latencyMs: 1,
      slow: false,
      certExpiring: false,
      target: 'x:1',
    });
    const second = await database.pool.connect();
    try {
      await expect(
        withOrgOn(second, tenant.orgId, (tx) =>
          tx.query({ text: WRITE_CHECK_RESULTS, values: wrongOrg.params(other.orgId) }),
        ),
      ).rejects.toMatchObject({ code: '42501' });
    } finally {
      second.release();
    }
    const { rows } = await owner.query('SELECT org_id FROM check_results WHERE org_id = $1', [other.orgId]);
    expect(rows).toEqual([]);
  });
});
