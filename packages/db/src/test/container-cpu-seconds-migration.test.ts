import { randomBytes } from 'node:crypto';
import { cp, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BatchColumns, WRITE_BATCH_ROWS } from '../ingest/index.js';
import { migrateDatabase } from '../migrate/migrate-database.js';
import { defaultMigrationsDir } from '../migrate/read-migrations.js';
import { runMigrations } from '../migrate/run-migrations.js';
import { testServerUrl, withDatabase } from '../testing/index.js';
import { urlWithUser } from '../urls.js';
import { withOrgOn } from '../with-org-client.js';
import { listStorageChildren } from './storage-children.js';
import { createTenant, type Tenant } from './tenant-fixtures.js';

// The upgrade that adds container_samples.cpu_seconds (container_cpu_usage_seconds_total) to
// a database that already holds samples in partitions (plain PostgreSQL) or chunks (TimescaleDB).

const MIGRATION = '20261209100000';
const name = `berth_cpu_seconds_${randomBytes(5).toString('hex')}`;
const adminUrl = withDatabase(testServerUrl(), name);
let dir: string;
let owner: pg.Client;
let app: pg.Client | undefined;
let tenant: Tenant;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'berth-cpu-seconds-'));
  await onServer((client) => client.query(`CREATE DATABASE ${name}`));
  owner = new pg.Client({ connectionString: adminUrl });
  await owner.connect();
});

afterAll(async () => {
  await Promise.all([owner?.end(), app?.end()]);
  await onServer((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  await rm(dir, { recursive: true, force: true });
});

describe('migration 20261209100000_container_cpu_seconds', () => {
  it('adds a nullable column to every existing partition or chunk, old rows null, new rows stored', async () => {
    const before = path.join(dir, 'before');
    await cp(defaultMigrationsDir, before, { recursive: true });
    for (const folder of await readdir(before)) {
      if (folder >= MIGRATION) await rm(path.join(before, folder), { recursive: true });
    }
    await runMigrations(adminUrl, { migrationsDir: before });
    await owner.query('SELECT count(*) FROM berth_maintenance.maintain_partitions()');
    tenant = await createTenant(owner, 'alpha');
    const children = await listStorageChildren(owner, 'container_samples');
    expect(children.length).toBeGreaterThan(0);
    const { rows: stored } = await owner.query('SELECT count(*)::int AS n FROM container_samples');
    expect(stored[0].n).toBeGreaterThan(0);

    await owner.query(
      `DO $$ BEGIN CREATE ROLE berth_app LOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$`,
    );
    await migrateDatabase(adminUrl, { appRole: 'berth_app' });

    const { rows: columns } = await owner.query<{ rel: string; type: string; notnull: boolean }>(
      `SELECT a.attrelid::regclass::text AS rel, format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull AS notnull
       FROM pg_attribute a
       WHERE a.attname = 'cpu_seconds' AND NOT a.attisdropped
         AND a.attrelid = ANY (SELECT unnest($1::text[])::regclass UNION SELECT 'container_samples'::regclass)`,
      [children],
    );
    expect(columns).toHaveLength(children.length + 1);
    expect(columns.every((column) => column.type === 'double precision' && !column.notnull)).toBe(true);
    const { rows: old } = await owner.query(
      'SELECT count(*)::int AS n, count(cpu_seconds)::int AS with_seconds FROM container_samples',
    );
    expect(old[0]).toEqual({ n: stored[0].n, with_seconds: 0 });

    // The runtime role writes it through the gateway's statement and reads it back under RLS.
    app = new pg.Client({ connectionString: urlWithUser(adminUrl, 'berth_app') });
    await app.connect();
    const columnsOfBatch = new BatchColumns();
    const host = columnsOfBatch.host(tenant.hostId);
    columnsOfBatch.containerSample(
      host,
      {
        containerId: 'fedcba987654',
        cpuPct: 1,
        memBytes: 1,
        memLimit: 1,
        netRx: 1,
        netTx: 1,
        blkRead: 1,
        blkWrite: 1,
        pids: 1,
        cpuSeconds: 98.765,
      },
      Date.now() * 1000,
    );
    await withOrgOn(app, tenant.orgId, (tx) =>
      tx.query(WRITE_BATCH_ROWS, columnsOfBatch.params(tenant.orgId)),
    );
    const read = await withOrgOn(app, tenant.orgId, (tx) =>
      tx.query("SELECT cpu_seconds FROM container_samples WHERE container_id = 'fedcba987654'"),
    );
    expect(read.rows).toEqual([{ cpu_seconds: 98.765 }]);
  });
});

async function onServer<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: testServerUrl() });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
