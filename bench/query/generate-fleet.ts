import { randomUUID } from 'node:crypto';
import { promoteStaged, STAGING_DDL } from '@berth/db/ingest';
import { rollUpDirtyMinutes } from '@berth/db/sql';
import pg from 'pg';
import { runBounded } from '../src/shared/run-bounded.js';
import {
  CREATE_CONTAINERS,
  CREATE_HOSTS,
  CREATE_META,
  CREATE_ORG,
  CREATE_SHAPES,
  HOURLY_DAY,
  STAGE_SLICE,
} from './fleet-sql.js';

export type FleetShape = {
  hosts: number;
  containersPerHost: number;
  /** Raw samples (and the 1-minute / 1-hour rollups they produce) for this many hours up to now. */
  rawHours: number;
  intervalS: number;
  /** Further days of 1-hour rollups before the raw window (the 30-day chart's data). */
  hourlyDays: number;
  connections: number;
};

export type Fleet = { orgId: string; userId: string; rawTo: Date; shape: FleetShape };

const HOUR = 3_600_000;
const PROMOTE = promoteStaged(new Set(['container_samples', 'host_samples']));

/** The benchmark's data set, in a database of its own, as the owner. Returns rows per table. */
export async function generateFleet(adminUrl: string, shape: FleetShape): Promise<Fleet> {
  const orgId = randomUUID();
  const userId = randomUUID();
  const rawTo = nextMinute();
  const rawFrom = new Date(rawTo.getTime() - shape.rawHours * HOUR);
  const origin = new Date(rawFrom.getTime() - (shape.hourlyDays + 1) * 24 * HOUR);
  await withClient(adminUrl, async (client) => {
    await client.query(CREATE_ORG, [orgId, userId]);
    await client.query(CREATE_HOSTS, [orgId, shape.hosts]);
    await client.query(CREATE_CONTAINERS, [orgId, shape.containersPerHost]);
    await client.query(CREATE_SHAPES);
    await client.query(CREATE_META);
    await client.query('INSERT INTO bench_query_meta VALUES ($1, $2, $3, $4, $5)', [
      orgId,
      userId,
      origin,
      rawFrom,
      JSON.stringify(shape),
    ]);
  });
  await generateRaw(adminUrl, shape, origin, rawFrom, rawTo);
  const hourlyStart = new Date(Math.floor(rawFrom.getTime() / HOUR) * HOUR - shape.hourlyDays * 24 * HOUR);
  const days = Array.from(
    { length: shape.hourlyDays },
    (_, i) => new Date(hourlyStart.getTime() + i * 24 * HOUR),
  );
  await inSessions(adminUrl, shape.connections, days, async (client, from) => {
    const to = new Date(from.getTime() + 24 * HOUR);
    for (const sql of HOURLY_DAY) await client.query(sql, [from, to, origin, 3600 / shape.intervalS]);
    progress(`1h rollups of ${from.toISOString().slice(0, 10)}`);
  });
  await withClient(adminUrl, async (client) => {
    process.stdout.write('\n  VACUUM ANALYZE …');
    await client.query('VACUUM ANALYZE');
  });
  process.stdout.write('\n');
  return { orgId, userId, rawTo, shape };
}

/** A kept database from an earlier run, with raw samples (and rollups) added up to now. */
export async function topUpFleet(adminUrl: string): Promise<Fleet> {
  const meta = await withClient(adminUrl, async (client) => {
    const result = await client.query<{
      org_id: string;
      user_id: string;
      origin: Date;
      raw_to: Date;
      shape: FleetShape;
    }>('SELECT * FROM bench_query_meta');
    return result.rows[0];
  });
  if (!meta) throw new Error('not a bench:query database (no bench_query_meta)');
  const rawTo = nextMinute();
  if (rawTo.getTime() - meta.raw_to.getTime() > 6 * HOUR) {
    throw new Error(
      `the kept data ends at ${meta.raw_to.toISOString()}, too long ago to top up; generate afresh`,
    );
  }
  await generateRaw(adminUrl, meta.shape, meta.origin, meta.raw_to, rawTo);
  process.stdout.write('\n');
  return { orgId: meta.org_id, userId: meta.user_id, rawTo, shape: meta.shape };
}

/** Raw samples and their rollups for [from, to), an hour per transaction, time-major. */
async function generateRaw(
  adminUrl: string,
  shape: FleetShape,
  origin: Date,
  from: Date,
  to: Date,
): Promise<void> {
  // Slices end on hour boundaries, so no two concurrent transactions upsert the same
  // 1-hour bucket (they deadlocked when they did).
  const slices: [Date, Date][] = [];
  for (let start = from.getTime(); start < to.getTime(); ) {
    const end = Math.min((Math.floor(start / HOUR) + 1) * HOUR, to.getTime());
    slices.push([new Date(start), new Date(end)]);
    start = end;
  }
  await inSessions(adminUrl, shape.connections, slices, async (client, [sliceFrom, sliceTo]) => {
    // One transaction like the gateway's: the staging tables empty on commit.
    await client.query(STAGING_DDL);
    await client.query('BEGIN');
    for (const sql of STAGE_SLICE) await client.query(sql, [sliceFrom, sliceTo, origin, shape.intervalS]);
    await client.query(PROMOTE);
    await client.query('COMMIT');
    progress(`raw samples of ${sliceFrom.toISOString().slice(0, 16)}`);
  });
  // The gateway leaves rollups to the rollup job: run it over everything just written.
  const pool = new pg.Pool({ connectionString: adminUrl, max: 1 });
  try {
    const run = await rollUpDirtyMinutes(pool, { settledBefore: new Date(Date.now() + 24 * HOUR) });
    progress(`rolled up ${run.minutes} host-minutes and ${run.hours} host-hours`);
  } finally {
    await pool.end();
  }
  await withClient(adminUrl, (client) => client.query('UPDATE bench_query_meta SET raw_to = $1', [to]));
}

const COUNTED = [
  'hosts',
  'containers',
  'container_samples',
  'container_samples_1m',
  'container_samples_1h',
  'host_samples',
  'host_samples_1m',
  'host_samples_1h',
] as const;

/** Rows per table (estimates from the statistics, which VACUUM ANALYZE just refreshed). */
export async function countRows(adminUrl: string): Promise<Record<string, number>> {
  return withClient(adminUrl, async (client) => {
    const rows: Record<string, number> = {};
    for (const table of COUNTED) {
      const result = await client.query<{ n: string }>(
        `SELECT coalesce(sum(greatest(c.reltuples, 0)), 0)::bigint AS n FROM pg_class c
         WHERE (c.oid = $1::regclass AND c.relkind = 'r')
            OR c.oid IN (SELECT inhrelid FROM pg_inherits WHERE inhparent = $1::regclass)`,
        [table],
      );
      rows[table] = Number(result.rows[0]?.n ?? 0);
    }
    return rows;
  });
}

function nextMinute(): Date {
  return new Date(Math.floor(Date.now() / 60_000) * 60_000 + 60_000);
}

function progress(what: string): void {
  process.stdout.write(`\r  generated ${what}   `);
}

async function inSessions<T>(
  adminUrl: string,
  sessions: number,
  items: readonly T[],
  task: (client: pg.Client, item: T) => Promise<void>,
): Promise<void> {
  const clients = await Promise.all(
    Array.from({ length: sessions }, async () => {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query("SET work_mem = '256MB'; SET synchronous_commit = off");
      return client;
    }),
  );
  const idle = [...clients];
  try {
    await runBounded(items, sessions, async (item) => {
      const client = idle.pop();
      if (!client) throw new Error('no idle session');
      try {
        await task(client, item);
      } finally {
        idle.push(client);
      }
    });
  } finally {
    await Promise.all(clients.map((client) => client.end()));
  }
}

export async function withClient<T>(adminUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
