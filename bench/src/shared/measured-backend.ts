import { withOrgOn } from '@berth/db/sql';
import pg from 'pg';
import { readCpuSeconds } from './read-rss.js';

/** A connection and its PostgreSQL backend's CPU time so far (ms, from /proc): what a statement cost the server. */
export type MeasuredBackend = { client: pg.Client; cpuMs(): number };

export async function connectMeasured(url: string): Promise<MeasuredBackend> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const pid = (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]?.pid;
  if (pid === undefined) throw new Error('no backend pid');
  return { client, cpuMs: () => readCpuSeconds(pid) * 1000 };
}

/** Thrown to roll the measured transaction back through the tenant door. */
class RollBack extends Error {}

/**
 * `write` in a transaction that is rolled back, so a bench can write the same rows again: under
 * the tenant door (`withOrgOn`) for `orgId`, else a plain transaction.
 */
export async function rolledBack(
  client: pg.Client,
  orgId: string | null,
  write: (client: pg.ClientBase) => Promise<void>,
): Promise<void> {
  if (orgId === null) {
    await client.query('BEGIN');
    try {
      await write(client);
    } finally {
      await client.query('ROLLBACK');
    }
    return;
  }
  try {
    await withOrgOn(client, orgId, async (scoped) => {
      await write(scoped);
      throw new RollBack();
    });
  } catch (error) {
    if (!(error instanceof RollBack)) throw error;
  }
}
