import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maintainPartitions } from '../maintain-partitions.js';
import { createTestDatabase, type TestDatabase } from '../testing/index.js';
import {
  copySampleAsOwner,
  insertSampleAs,
  listOpenChildren,
  listStorageChildren,
  mergeSampleAs,
  probeChild,
} from './storage-children.js';
import { createTenant, type Tenant } from './tenant-fixtures.js';

// Plain PostgreSQL: Berth creates native partitions ahead and drops expired ones. TimescaleDB:
// chunks are created on insert, and Berth drops expired ones with drop_chunks where the edition
// runs no retention policy (the Apache-2 edition has none). Each test asserts its engine's truth.

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

function day(at: Date): string {
  return at.toISOString().slice(0, 10).replace(/-/g, '');
}

/** The start of each chunk's range, as the owner sees it in TimescaleDB's catalog. */
async function chunkStarts(table: string): Promise<Date[]> {
  const { rows } = await owner.query<{ start: Date }>(
    `SELECT range_start AS start FROM timescaledb_information.chunks
     WHERE hypertable_schema = 'public' AND hypertable_name = $1 ORDER BY 1`,
    [table],
  );
  return rows.map((row) => row.start);
}

/** The chunks (or partitions) of container_samples that `insert` created. */
async function createdBy(insert: () => Promise<void>): Promise<string[]> {
  const before = await listStorageChildren(owner, 'container_samples');
  await insert();
  return (await listStorageChildren(owner, 'container_samples')).filter((c) => !before.includes(c));
}

describe('time partitions: retention as the runtime role', () => {
  it('creates partitions ahead (plain PostgreSQL; TimescaleDB creates chunks on insert) and drops those past retention', async () => {
    if (database.engine === 'timescaledb') return expectChunkRetention();
    const now = Date.now();
    const later = new Date(now + 20 * DAY);
    const changes = await maintainPartitions(database.pool, later);
    const created = changes.filter((c) => c.operation === 'created').map((c) => c.partition);
    const dropped = changes.filter((c) => c.operation === 'dropped').map((c) => c.partition);
    // Raw samples keep 7 days and premake 3: at now+20d, days now+13 … now+23 exist.
    expect(created).toContain(`container_samples_p${day(new Date(now + 23 * DAY))}`);
    expect(dropped).toContain(`container_samples_p${day(new Date(now))}`);
    const remaining = (await listStorageChildren(owner, 'container_samples')).map((c) => c.slice(7));
    expect(remaining[0]).toBe(`container_samples_p${day(new Date(now + 13 * DAY))}`);
    expect(remaining.at(-1)).toBe(`container_samples_p${day(new Date(now + 23 * DAY))}`);
    // 1-hour rollups keep 400 days: the month of 300 days before `later` stays.
    const month = new Date(now - 280 * DAY).toISOString().slice(0, 7).replace('-', '');
    expect(await listStorageChildren(owner, 'container_samples_1h')).toContain(
      `public.container_samples_1h_p${month}`,
    );
    expect(dropped.filter((name) => name.startsWith('container_samples_1h')).length).toBeLessThanOrEqual(1);
    // A second run at the same time finds nothing to do.
    expect(await maintainPartitions(database.pool, later)).toEqual([]);
  });

  it('plain PostgreSQL refuses a sample outside the partitioned window; TimescaleDB stores it in a new chunk closed to the runtime role', async () => {
    const far = [new Date(Date.now() + 400 * DAY), new Date(Date.now() - 400 * DAY)];
    if (database.engine === 'postgresql') {
      for (const ts of far) {
        await expect(insertSampleAs(app, tenant, ts)).rejects.toThrow(
          /no partition of relation "container_samples" found for row/,
        );
      }
      return;
    }
    const [future, past] = far;
    const futureChunks = await createdBy(() => insertSampleAs(app, tenant, future ?? new Date()));
    const pastChunks = await createdBy(() => insertSampleAs(app, tenant, past ?? new Date()));
    expect([futureChunks.length, pastChunks.length]).toEqual([1, 1]);
    for (const chunk of [...futureChunks, ...pastChunks]) {
      await expect(probeChild(app, tenant.orgId, chunk), chunk).rejects.toMatchObject({ code: '42501' });
    }
    // Retention removes the old one at the next run; the future one waits for its time.
    const changes = await maintainPartitions(database.pool);
    expect(changes.filter((c) => c.operation === 'dropped').map((c) => c.partition)).toEqual(pastChunks);
    expect(await listStorageChildren(owner, 'container_samples')).toEqual(
      expect.arrayContaining(futureChunks),
    );
  });

  it('new partitions and chunks hold no privilege for any role but the owner (made by INSERT, COPY or MERGE)', async () => {
    await maintainPartitions(database.pool, new Date(Date.now() + 40 * DAY));
    const made = await createdBy(async () => {
      await insertSampleAs(app, tenant, new Date(Date.now() + 41 * DAY));
      await copySampleAsOwner(owner, tenant, new Date(Date.now() + 42 * DAY));
      await mergeSampleAs(app, tenant, new Date(Date.now() + 43 * DAY));
    });
    // TimescaleDB made a chunk for each; the partitions were made ahead by maintenance.
    expect(made).toHaveLength(database.engine === 'timescaledb' ? 3 : 0);
    expect(await listOpenChildren(owner)).toEqual([]);
    if (database.engine === 'postgresql') {
      // And native partitions are tenant tables themselves (RLS forced, policy present).
      const { rows } = await owner.query(
        `SELECT relname FROM pg_class c WHERE relispartition AND relkind = 'r'
           AND c.relname ~ '^(container|host)_' AND NOT (relrowsecurity AND relforcerowsecurity)`,
      );
      expect(rows).toEqual([]);
    }
  });
});

/**
 * TimescaleDB: nothing is created ahead; chunks wholly older than the retention are dropped,
 * by drop_chunks from Berth's job where the edition runs no retention policy (the Apache-2
 * edition has none) or by the edition's own policies; a second run finds nothing to do.
 */
async function expectChunkRetention(): Promise<void> {
  const { rows } = await owner.query<{ license: string; policies: number }>(
    `SELECT current_setting('timescaledb.license') AS license,
            (SELECT count(*)::int FROM timescaledb_information.jobs WHERE proc_name = 'policy_retention') AS policies`,
  );
  const berthDrops = rows[0]?.license === 'apache';
  expect(rows[0]?.policies).toBe(berthDrops ? 0 : 8);
  const now = Date.now();
  for (const offset of [-9, -8, -3, 0]) await insertSampleAs(app, tenant, new Date(now + offset * DAY));
  const before = await chunkStarts('container_samples');
  const kept = before.filter((start) => start.getTime() + DAY > now - 7 * DAY);
  expect(before.length - kept.length).toBeGreaterThanOrEqual(2);
  const changes = await maintainPartitions(database.pool, new Date(now));
  expect(changes.filter((c) => c.operation !== 'dropped')).toEqual([]);
  if (!berthDrops) return;
  // Raw samples keep 7 days: chunks ending on or before now − 7 d are gone, the rest stay.
  expect((await chunkStarts('container_samples')).map(day)).toEqual(kept.map(day));
  expect(changes.filter((c) => c.partition.startsWith('_timescaledb_internal.')).length).toBe(changes.length);
  expect(await maintainPartitions(database.pool, new Date(now))).toEqual([]);
}
