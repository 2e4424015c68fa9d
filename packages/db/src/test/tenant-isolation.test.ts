import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../testing/index.js';
import { listStorageChildren } from './storage-children.js';
import { listTenantTables, listUnprotectedTenantTables } from './tenant-catalog.js';
import { createTenant, type Tenant, tenantFixtures } from './tenant-fixtures.js';

let database: TestDatabase;
let owner: pg.Client;
let app: pg.Client;
let a: Tenant;
let b: Tenant;
let tables: { table: string; orgColumn: string }[];

beforeAll(async () => {
  database = await createTestDatabase();
  owner = new pg.Client({ connectionString: database.adminUrl });
  app = new pg.Client({ connectionString: database.appUrl });
  await Promise.all([owner.connect(), app.connect()]);
  a = await createTenant(owner, 'alpha');
  b = await createTenant(owner, 'bravo');
  tables = await listTenantTables(owner);
});

afterAll(async () => {
  await Promise.all([owner?.end(), app?.end()]);
  await database?.drop();
});

async function asOrg<T>(orgId: string | null, fn: () => Promise<T>): Promise<T> {
  await app.query('BEGIN');
  try {
    if (orgId) await app.query("SELECT set_config('app.org_id', $1, true)", [orgId]);
    return await fn();
  } finally {
    await app.query('ROLLBACK');
  }
}

async function count(client: pg.Client, sql: string, params: unknown[] = []): Promise<number> {
  const { rows } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM (${sql}) q`, params);
  return Number(rows[0]?.n);
}

describe('tenant tables (found in the catalog)', () => {
  it('every table with an org column is covered by a fixture', () => {
    const missing = tables.map((t) => t.table).filter((table) => !(table in tenantFixtures));
    expect(missing, 'add fixtures for these tables in tenant-fixtures.ts').toEqual([]);
    expect(tables.length).toBeGreaterThanOrEqual(Object.keys(tenantFixtures).length);
  });

  it('every tenant table and partition has ENABLE + FORCE row-level security and an app.org_id policy; every chunk is closed', async () => {
    // The check covers the children that hold the time series (chunks exist once written).
    expect((await listStorageChildren(owner)).length).toBeGreaterThanOrEqual(8);
    expect(await listUnprotectedTenantTables(owner)).toEqual([]);
  });

  it('the protection check fails for a table with an org column and no policy', async () => {
    await owner.query('BEGIN');
    try {
      await owner.query('CREATE TABLE sneaky (org_id uuid NOT NULL)');
      await owner.query('CREATE TABLE half_done (org_id uuid NOT NULL)');
      await owner.query('ALTER TABLE half_done ENABLE ROW LEVEL SECURITY'); // no FORCE, no policy
      expect((await listUnprotectedTenantTables(owner)).map((t) => t.table).sort()).toEqual([
        'half_done',
        'sneaky',
      ]);
    } finally {
      await owner.query('ROLLBACK');
    }
  });

  it('the protection check fails for a chunk opened to the runtime role, or a partition without FORCE', async () => {
    const [child] = await listStorageChildren(owner, 'container_logs');
    const name = child?.split('.')[1];
    await owner.query('BEGIN');
    try {
      if (database.engine === 'timescaledb') {
        await owner.query(`GRANT SELECT ON ${child} TO berth_app`);
        expect(await listUnprotectedTenantTables(owner)).toEqual([
          { table: name, problem: 'chunk open to berth_app' },
        ]);
      } else {
        await owner.query(`ALTER TABLE ${child} NO FORCE ROW LEVEL SECURITY`);
        expect(await listUnprotectedTenantTables(owner)).toEqual([
          { table: name, problem: 'RLS not forced' },
        ]);
      }
    } finally {
      await owner.query('ROLLBACK');
    }
  });
});

describe('isolation as the runtime role', () => {
  it('with no organisation set, every tenant table shows zero rows', async () => {
    for (const { table } of tables) {
      expect(await asOrg(null, () => count(app, `SELECT 1 FROM ${table}`)), table).toBe(0);
    }
  });

  it("with org A set, only A's rows are visible, updatable and deletable", async () => {
    for (const { table, orgColumn } of tables) {
      const ownedByA = await count(owner, `SELECT 1 FROM ${table} WHERE ${orgColumn} = $1`, [a.orgId]);
      expect(ownedByA, `${table} has fixture rows for A`).toBeGreaterThan(0);
      await asOrg(a.orgId, async () => {
        expect(await count(app, `SELECT 1 FROM ${table}`), `${table} visible`).toBe(ownedByA);
        expect(await count(app, `SELECT 1 FROM ${table} WHERE ${orgColumn} = $1`, [b.orgId]), table).toBe(0);
        const updated = await app.query(`UPDATE ${table} SET ${orgColumn} = ${orgColumn}`);
        expect(updated.rowCount, `${table} updatable`).toBe(ownedByA);
        await app.query('SAVEPOINT s');
        const deleted = await app.query(`DELETE FROM ${table}`);
        expect(deleted.rowCount, `${table} deletable`).toBe(ownedByA);
        await app.query('ROLLBACK TO SAVEPOINT s');
      });
    }
    // Nothing of B changed while A deleted "everything" (the deletes were rolled back anyway).
    for (const { table, orgColumn } of tables) {
      expect(
        await count(owner, `SELECT 1 FROM ${table} WHERE ${orgColumn} = $1`, [b.orgId]),
        table,
      ).toBeGreaterThan(0);
    }
  });

  it('with org A set, writing a row of org B is refused by WITH CHECK', async () => {
    for (const { table, orgColumn } of tables) {
      const insertForB = `INSERT INTO ${table}
        SELECT (jsonb_populate_record(NULL::${table}, to_jsonb(t) || jsonb_build_object('${orgColumn}', $1::text))).*
        FROM ${table} t LIMIT 1`;
      await asOrg(a.orgId, async () => {
        await expect(app.query(insertForB, [b.orgId]), `${table} insert`).rejects.toMatchObject({
          code: '42501',
        });
      });
      await asOrg(a.orgId, async () => {
        await expect(
          app.query(`UPDATE ${table} SET ${orgColumn} = $1`, [b.orgId]),
          `${table} move to B`,
        ).rejects.toMatchObject({ code: '42501' });
      });
    }
  });
});
