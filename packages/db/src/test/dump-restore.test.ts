import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { access, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateDatabase } from '../migrate/migrate-database.js';
import { createTestDatabase, type TestDatabase, testServerUrl, withDatabase } from '../testing/index.js';
import { urlWithUser } from '../urls.js';
import { insertSampleAs, listOpenChildren, listStorageChildren, probeChild } from './storage-children.js';
import { createTenant, type Tenant } from './tenant-fixtures.js';

// docs/self-hosting.md's backup and restore (pg_dump -Fc; pg_restore --no-owner
// --no-privileges, inside timescaledb_pre_restore/post_restore on TimescaleDB; then the
// migrations), and a restore that keeps the dump's privileges: partitions and chunks stay
// closed to the runtime role, the old ones and those created after the restore. The restores
// add --single-transaction: the same result, one commit instead of one per object (less than
// half the time with plain PostgreSQL's ~170 partitions).

const run = promisify(execFile);
let source: TestDatabase;
let dir: string;
let dump: string;
let a: Tenant;
const restored: string[] = [];

beforeAll(async () => {
  source = await createTestDatabase();
  const owner = new pg.Client({ connectionString: source.adminUrl });
  await owner.connect();
  a = await createTenant(owner, 'alpha');
  await createTenant(owner, 'bravo');
  await owner.end();
  dir = await mkdtemp(path.join(tmpdir(), 'berth-dump-'));
  dump = path.join(dir, 'berth.dump');
  await run(await binary('pg_dump'), ['-Fc', '-f', dump, '-d', source.adminUrl]);
});

afterAll(async () => {
  await source?.drop();
  await onServer(async (client) => {
    for (const name of restored) await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  });
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('a dump restored into a fresh database', () => {
  it('as documented (without owners and privileges, then the migrations): partitions and chunks stay closed', async () => {
    const url = await restore(['--no-owner', '--no-privileges']);
    await migrateDatabase(url, { appRole: 'berth_app' });
    await expectClosed(url);
  });

  it('keeping the dump’s privileges: closed before the migrations run', async () => {
    const url = await restore([]);
    await expectClosed(url);
  });
});

async function expectClosed(url: string): Promise<void> {
  const owner = new pg.Client({ connectionString: url });
  const app = new pg.Client({ connectionString: urlWithUser(url, 'berth_app') });
  await Promise.all([owner.connect(), app.connect()]);
  try {
    const children = await listStorageChildren(owner);
    expect(children.length).toBeGreaterThanOrEqual(8);
    for (const child of children) {
      await expect(probeChild(app, a.orgId, child), child).rejects.toMatchObject({ code: '42501' });
    }
    // A chunk (TimescaleDB) created after the restore, or a partition of today (plain).
    await insertSampleAs(app, a, new Date(Date.now() + 3_600_000));
    expect(await listOpenChildren(owner)).toEqual([]);
    if (source.engine === 'timescaledb') {
      await expect(app.query('SELECT * FROM timescaledb_information.chunks')).rejects.toMatchObject({
        code: '42501',
      });
    }
  } finally {
    await Promise.all([owner.end(), app.end()]);
  }
}

async function restore(options: string[]): Promise<string> {
  const name = `berth_restored_${randomBytes(5).toString('hex')}`;
  await onServer((client) => client.query(`CREATE DATABASE ${name}`));
  restored.push(name);
  const url = withDatabase(testServerUrl(), name);
  const timescale = source.engine === 'timescaledb';
  if (timescale) await sql(url, 'CREATE EXTENSION timescaledb; SELECT timescaledb_pre_restore()');
  await run(await binary('pg_restore'), ['--single-transaction', ...options, '-d', url, dump]);
  if (timescale) await sql(url, 'SELECT timescaledb_post_restore()');
  return url;
}

/** The server's own major version of a client tool (Debian keeps them apart), else PATH's. */
async function binary(tool: 'pg_dump' | 'pg_restore'): Promise<string> {
  const { rows } = await onServer((client) =>
    client.query<{ major: string }>("SELECT current_setting('server_version_num')::int / 10000 AS major"),
  );
  const debian = `/usr/lib/postgresql/${rows[0]?.major}/bin/${tool}`;
  return access(debian).then(
    () => debian,
    () => tool,
  );
}

async function sql(url: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
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
