import { createHash, randomBytes } from 'node:crypto';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultMigrationsDir } from '../migrate/read-migrations.js';
import { MigrationError, runMigrations } from '../migrate/run-migrations.js';
import { testServerUrl } from '../testing/index.js';

const server = testServerUrl();
const created: string[] = [];
let migrationsDir: string;

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: server });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

async function emptyDatabase(): Promise<string> {
  const name = `berth_mig_${randomBytes(5).toString('hex')}`;
  await admin((client) => client.query(`CREATE DATABASE ${name}`));
  created.push(name);
  const url = new URL(server);
  url.pathname = `/${name}`;
  return url.toString();
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

beforeEach(async () => {
  migrationsDir = await mkdtemp(path.join(tmpdir(), 'berth-migrations-'));
  await cp(defaultMigrationsDir, migrationsDir, { recursive: true });
});
afterEach(() => rm(migrationsDir, { recursive: true, force: true }));
afterAll(() =>
  admin(async (client) => {
    for (const name of created) await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }),
);

describe('migration runner', () => {
  it("applies every migration once and keeps Prisma's bookkeeping (sha256 checksums)", async () => {
    const url = await emptyDatabase();
    const first = await runMigrations(url, { migrationsDir });
    const second = await runMigrations(url, { migrationsDir });
    expect(first.applied.length).toBeGreaterThanOrEqual(4);
    expect(second.applied).toEqual([]);
    expect(second.upToDate).toEqual(first.applied.map((m) => m.name));
    const rows = await query<{ migration_name: string; checksum: string; finished_at: Date | null }>(
      url,
      'SELECT migration_name, checksum, finished_at FROM _prisma_migrations ORDER BY migration_name',
    );
    const firstName = rows[0]?.migration_name ?? '';
    const sql = await readFile(path.join(migrationsDir, firstName, 'migration.sql'));
    expect(rows[0]?.checksum).toBe(createHash('sha256').update(sql).digest('hex'));
    expect(rows.every((row) => row.finished_at instanceof Date)).toBe(true);
  });

  it('turns the time series into hypertables on TimescaleDB (any edition) or partitioned tables', async () => {
    const url = await emptyDatabase();
    await runMigrations(url, { migrationsDir });
    const [state] = await query<{ timescale: boolean; license: string | null; shim: boolean }>(
      url,
      `SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'timescaledb') AS timescale,
              current_setting('timescaledb.license', true) AS license,
              to_regprocedure('public.add_retention_policy(regclass, interval)') IS NOT NULL AS shim`,
    );
    // The Apache edition's add_retention_policy raises; the runner's stand-in for the
    // migration that calls it lives only inside that migration's transaction.
    expect(state?.shim).toBe(false);
    const kinds = await query<{ relkind: string }>(
      url,
      `SELECT DISTINCT c.relkind FROM berth_internal.partition_policies p
       JOIN pg_class c ON c.oid = format('public.%I', p.table_name)::regclass`,
    );
    if (!state?.timescale) {
      expect(kinds).toEqual([{ relkind: 'p' }]);
      return;
    }
    expect(kinds).toEqual([{ relkind: 'r' }]);
    const [counts] = await query<{ hypertables: number; policies: number; triggers: number }>(
      url,
      `SELECT (SELECT count(*)::int FROM timescaledb_information.hypertables) AS hypertables,
              (SELECT count(*)::int FROM timescaledb_information.jobs WHERE proc_name = 'policy_retention') AS policies,
              (SELECT count(*)::int FROM pg_trigger WHERE tgname = 'berth_revoke_chunk_grants') AS triggers`,
    );
    expect(counts).toEqual({ hypertables: 11, policies: state.license === 'apache' ? 0 : 11, triggers: 11 });
  });

  it('refuses an applied migration whose file was edited', async () => {
    const url = await emptyDatabase();
    await runMigrations(url, { migrationsDir });
    const [firstName] = first(
      await query<{ migration_name: string }>(
        url,
        'SELECT migration_name FROM _prisma_migrations ORDER BY 1',
      ),
    );
    const file = path.join(migrationsDir, firstName, 'migration.sql');
    await writeFile(file, `${await readFile(file, 'utf8')}\n-- edited\n`);
    await expect(runMigrations(url, { migrationsDir })).rejects.toThrow(/was edited after it was applied/);
  });

  it('rolls a failing migration back entirely and names it and the line', async () => {
    const url = await emptyDatabase();
    await runMigrations(url, { migrationsDir });
    const broken = path.join(migrationsDir, '29991231000000_broken');
    await mkdir(broken);
    await writeFile(
      path.join(broken, 'migration.sql'),
      'CREATE TABLE half_applied (id int);\nSELECT no_such_column FROM hosts;\n',
    );
    const error = await runMigrations(url, { migrationsDir }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MigrationError);
    expect((error as MigrationError).message).toMatch(
      /29991231000000_broken failed at line 2: .*no_such_column.*nothing was applied/,
    );
    expect(await query(url, "SELECT to_regclass('half_applied') IS NULL AS gone")).toEqual([{ gone: true }]);
    expect(await query(url, "SELECT 1 FROM _prisma_migrations WHERE migration_name LIKE '%broken'")).toEqual(
      [],
    );
  });

  it('serialises concurrent runners so each migration is applied exactly once', async () => {
    const url = await emptyDatabase();
    const reports = await Promise.all([1, 2, 3].map(() => runMigrations(url, { migrationsDir })));
    const appliedCounts = reports.map((report) => report.applied.length).sort();
    expect(appliedCounts[0]).toBe(0);
    expect(appliedCounts[1]).toBe(0);
    const rows = await query<{ n: string }>(url, 'SELECT count(*) AS n FROM _prisma_migrations');
    expect(Number(rows[0]?.n)).toBe(appliedCounts[2]);
  });
});

function first<T extends { migration_name: string }>(rows: T[]): [string] {
  const name = rows[0]?.migration_name;
  if (!name) throw new Error('no migrations recorded');
  return [name];
}
