import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../testing/index.js';
import { createTenant, type Tenant } from './tenant-fixtures.js';

let database: TestDatabase;
let owner: pg.Client;
let ingest: pg.Client;
let sweeper: pg.Client;
let busy: Tenant;
let idle: Tenant;

beforeAll(async () => {
  database = await createTestDatabase();
  owner = new pg.Client({ connectionString: database.adminUrl });
  ingest = new pg.Client({ connectionString: database.appUrl });
  sweeper = new pg.Client({ connectionString: database.appUrl });
  await Promise.all([owner.connect(), ingest.connect(), sweeper.connect()]);
  busy = await createTenant(owner, 'busy');
  idle = await createTenant(owner, 'idle');
  await owner.query(
    `UPDATE hosts SET status = 'online', last_seen_at = now() - interval '1 hour' WHERE id = ANY($1::uuid[])`,
    [[busy.hostId, idle.hostId]],
  );
});

afterAll(async () => {
  await Promise.all([owner?.end(), ingest?.end(), sweeper?.end()]);
  await database?.drop();
});

describe('stale-host sweep', () => {
  it('skips a host an ingest transaction holds (no wait, no deadlock) and marks the others offline', async () => {
    // As the gateway's ingest writer does: lock the batch's hosts first, keep them until commit.
    await ingest.query('BEGIN');
    await ingest.query(`SELECT set_config('app.org_id', $1, true)`, [busy.orgId]);
    await ingest.query('SELECT id FROM hosts WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE', [
      [busy.hostId],
    ]);
    await sweeper.query(`SET lock_timeout = '2s'`);
    const swept = await sweeper.query<{ host_id: string; org_id: string }>(
      `SELECT * FROM berth_maintenance.mark_stale_hosts_offline(interval '30 seconds')`,
    );
    expect(swept.rows).toEqual([{ host_id: idle.hostId, org_id: idle.orgId }]);
    await ingest.query(`UPDATE hosts SET last_seen_at = now(), status = 'online' WHERE id = $1`, [
      busy.hostId,
    ]);
    await ingest.query('COMMIT');

    const { rows } = await owner.query<{ id: string; status: string }>(
      'SELECT id, status FROM hosts WHERE id = ANY($1::uuid[])',
      [[busy.hostId, idle.hostId]],
    );
    expect(Object.fromEntries(rows.map((row) => [row.id, row.status]))).toEqual({
      [busy.hostId]: 'online',
      [idle.hostId]: 'offline',
    });
  });
});
