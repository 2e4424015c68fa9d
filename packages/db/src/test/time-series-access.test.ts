import { randomBytes } from 'node:crypto';
import { cp, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateDatabase } from '../migrate/migrate-database.js';
import { defaultMigrationsDir } from '../migrate/read-migrations.js';
import { runMigrations } from '../migrate/run-migrations.js';
import { detectStorageEngine, type StorageEngine, testServerUrl, withDatabase } from '../testing/index.js';
import { urlWithUser } from '../urls.js';
import { insertSampleAs, listOpenChildren, listStorageChildren, probeChild } from './storage-children.js';
import { createTenant, type Tenant } from './tenant-fixtures.js';

// Partitions and chunks across a database's life: written before chunks were closed (an
// upgrade), of new time series added by later migrations, and opened again by a GRANT.

const FIRST_FIX = '20261206100000';
const name = `berth_access_${randomBytes(5).toString('hex')}`;
const adminUrl = withDatabase(testServerUrl(), name);
let dir: string;
let owner: pg.Client;
let app: pg.Client;
let engine: StorageEngine;
let a: Tenant;
let b: Tenant;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'berth-access-'));
  await onServer((client) => client.query(`CREATE DATABASE ${name}`));
  owner = new pg.Client({ connectionString: adminUrl });
  await owner.connect();
});

afterAll(async () => {
  await Promise.all([owner?.end(), app?.end()]);
  await onServer((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  await rm(dir, { recursive: true, force: true });
});

describe('partitions and chunks over time, as the runtime role', () => {
  it('closes chunks written before this fix when the database is migrated (an upgrade)', async () => {
    const before = path.join(dir, 'before');
    await cp(defaultMigrationsDir, before, { recursive: true });
    for (const folder of await readdir(before)) {
      if (folder >= FIRST_FIX) await rm(path.join(before, folder), { recursive: true });
    }
    await runMigrations(adminUrl, { migrationsDir: before });
    await grantAsBeforeTheFix();
    engine = await detectStorageEngine(adminUrl);
    a = await createTenant(owner, 'alpha');
    b = await createTenant(owner, 'bravo');
    const [child] = await listStorageChildren(owner, 'container_samples');
    if (engine === 'timescaledb') {
      // The defect of issue 12: one organisation reads both through the chunk.
      expect(await probeChild(app, a.orgId, child ?? '')).toEqual({ rows: 2, orgs: 2 });
    } else {
      await expect(probeChild(app, a.orgId, child ?? '')).rejects.toMatchObject({ code: '42501' });
    }
    await migrateDatabase(adminUrl, { appRole: 'berth_app' });
    expect(await listOpenChildren(owner)).toEqual([]);
    for (const each of await listStorageChildren(owner)) {
      await expect(probeChild(app, a.orgId, each), each).rejects.toMatchObject({ code: '42501' });
    }
    await insertSampleAs(app, b, new Date());
  });

  it('closes the children of a time series added by a later migration from its first row', async () => {
    const later = path.join(dir, 'later');
    await cp(defaultMigrationsDir, later, { recursive: true });
    await mkdir(path.join(later, '29991231000000_probe_series'));
    await writeFile(path.join(later, '29991231000000_probe_series', 'migration.sql'), PROBE_SERIES);
    await migrateDatabase(adminUrl, { appRole: 'berth_app', migrationsDir: later });
    await app.query('SELECT count(*) FROM berth_maintenance.maintain_partitions()');
    const tables = engine === 'timescaledb' ? ['probe_series', 'probe_hypertable'] : ['probe_series'];
    for (const table of tables) {
      for (const tenant of [a, b]) {
        await app.query('BEGIN');
        await app.query("SELECT set_config('app.org_id', $1, true)", [tenant.orgId]);
        await app.query(`INSERT INTO ${table} VALUES ($1, now(), 1)`, [tenant.orgId]);
        await app.query('COMMIT');
      }
      const children = await childrenOf(table);
      expect(children.length, table).toBeGreaterThan(0);
      for (const child of children) {
        await expect(probeChild(app, a.orgId, child), child).rejects.toMatchObject({ code: '42501' });
      }
    }
    expect(await listOpenChildren(owner)).toEqual([]);
  });

  it('a GRANT on a hypertable opens its chunks until maintenance closes them (partitions stay closed)', async () => {
    await owner.query('GRANT SELECT ON container_samples TO berth_app');
    const opened = await listOpenChildren(owner);
    if (engine === 'postgresql') {
      expect(opened).toEqual([]);
      return;
    }
    const children = await listStorageChildren(owner, 'container_samples');
    expect(opened).toEqual(children.map((child) => ({ child, grantee: 'berth_app' })));
    const { rows } = await app.query<{ operation: string; partition_name: string }>(
      'SELECT * FROM berth_maintenance.maintain_partitions()',
    );
    expect(rows.filter((row) => row.operation === 'protected').map((row) => row.partition_name)).toEqual(
      children,
    );
    expect(await listOpenChildren(owner)).toEqual([]);
  });
});

const PROBE_SERIES = `
SELECT berth_internal.create_time_series('probe_series',
  'org_id uuid NOT NULL, ts timestamptz NOT NULL, v integer NOT NULL', 'ts', 'day', interval '7 days');
DO $$
BEGIN
  -- Not through Berth's helper: a hypertable made with TimescaleDB's own function.
  IF berth_internal.timescale_enabled() THEN
    CREATE TABLE probe_hypertable (org_id uuid NOT NULL, ts timestamptz NOT NULL, v integer NOT NULL);
    PERFORM create_hypertable('probe_hypertable', 'ts');
    PERFORM berth_internal.protect_tenant_table('probe_hypertable');
  END IF;
END $$;
`;

async function childrenOf(table: string): Promise<string[]> {
  const { rows } = await owner.query<{ name: string }>(
    `SELECT format('%I.%I', n.nspname, c.relname) AS name FROM pg_inherits i
     JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE i.inhparent = $1::regclass`,
    [table],
  );
  return rows.map((row) => row.name);
}

/** The runtime role's grants as grantAppRole gave them before 20261206100000 (parents only). */
async function grantAsBeforeTheFix(): Promise<void> {
  await owner.query(
    `DO $$ BEGIN CREATE ROLE berth_app LOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$`,
  );
  await owner.query(`GRANT CONNECT ON DATABASE ${name} TO berth_app; GRANT USAGE ON SCHEMA public, berth_maintenance TO berth_app;
    GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA berth_maintenance TO berth_app`);
  const { rows } = await owner.query<{ rel: string }>(`
    SELECT c.oid::regclass::text AS rel FROM pg_class c
    WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p') AND NOT c.relispartition
      AND c.relname <> '_prisma_migrations'`);
  for (const { rel } of rows)
    await owner.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ${rel} TO berth_app`);
  app = new pg.Client({ connectionString: urlWithUser(adminUrl, 'berth_app') });
  await app.connect();
}

async function onServer<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: testServerUrl() });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
