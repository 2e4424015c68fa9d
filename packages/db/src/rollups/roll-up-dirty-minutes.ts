import type pg from 'pg';
import { crossTenantOrgsWithDirtyMinutes } from '../cross-tenant/rollups.js';
import { withOrgClient } from '../with-org-client.js';
import {
  CLAIM_DIRTY_MINUTES,
  LOCK_CLAIMED_HOURS,
  ROLL_CONTAINER_HOURS,
  ROLL_CONTAINER_MINUTES,
  ROLL_HOST_HOURS,
  ROLL_HOST_MINUTES,
} from './rollup-sql.js';

export type RollupOptions = {
  /** Only minutes that started before this are rolled up (default: closed for 30 s). */
  settledBefore?: Date;
  /** Markers claimed per transaction; an organisation with more takes several. */
  batchMinutes?: number;
};

export type RollupRun = { orgs: number; minutes: number };

const SETTLE_MS = 30_000;
const HOUR = 3_600_000;

/** Before this instant a minute is closed and its batches (10 s apart) have most likely arrived. */
export function defaultSettledBefore(now = Date.now()): Date {
  return new Date(now - 60_000 - SETTLE_MS);
}

/**
 * The periodic rollup job: for every organisation with marked minutes, claims them, recomputes
 * their 1-minute rows from the raw samples and their hours from the 1-minute rows, all in one
 * org-scoped transaction per claim. Any number of gateways may run it at once: a marker is
 * claimed by one job (SKIP LOCKED, deleted in the claiming transaction) and hours are recomputed
 * one job at a time (LOCK_CLAIMED_HOURS).
 */
export async function rollUpDirtyMinutes(pool: pg.Pool, options: RollupOptions = {}): Promise<RollupRun> {
  const settledBefore = options.settledBefore ?? defaultSettledBefore();
  const batch = options.batchMinutes ?? 2000;
  const orgs = await crossTenantOrgsWithDirtyMinutes(pool, settledBefore);
  let minutes = 0;
  for (const orgId of orgs) {
    for (;;) {
      const claimed = await withOrgClient(pool, orgId, (client) => rollUpClaim(client, settledBefore, batch));
      minutes += claimed;
      if (claimed < batch) break;
    }
  }
  return { orgs: orgs.length, minutes };
}

async function rollUpClaim(client: pg.PoolClient, settledBefore: Date, batch: number): Promise<number> {
  const claimed = await claimDirtyMinutes(client, settledBefore, batch);
  await rollUpClaimed(client, claimed);
  return claimed.hosts.length;
}

/** Markers claimed in the caller's transaction: parallel arrays of host ids and minutes. */
export type ClaimedMinutes = { hosts: string[]; minutes: Date[] };

/** Deletes (claims) up to `batch` settled markers of the transaction's organisation. */
export async function claimDirtyMinutes(
  client: pg.ClientBase,
  settledBefore: Date,
  batch: number,
): Promise<ClaimedMinutes> {
  const { rows } = await client.query<ClaimedMinutes>(CLAIM_DIRTY_MINUTES, [settledBefore, batch]);
  return rows[0] ?? { hosts: [], minutes: [] };
}

/**
 * Recomputes the claimed minutes and their hours. A separate statement from the claim on
 * purpose: under READ COMMITTED it reads a snapshot taken after the claim, so it sees every
 * batch whose marker the claim had to wait for or found committed.
 */
export async function rollUpClaimed(client: pg.ClientBase, claimed: ClaimedMinutes): Promise<void> {
  if (claimed.hosts.length === 0) return;
  const first = Math.min(...claimed.minutes.map((minute) => minute.getTime()));
  const last = Math.max(...claimed.minutes.map((minute) => minute.getTime()));
  const endOfLastHour = (Math.floor(last / HOUR) + 1) * HOUR;
  const params = [claimed.hosts, claimed.minutes, new Date(first), new Date(endOfLastHour)];
  await client.query(LOCK_CLAIMED_HOURS, params.slice(0, 2));
  // Minutes before hours: the hour statements read the 1-minute rows written just before.
  await client.query(ROLL_CONTAINER_MINUTES, params);
  await client.query(ROLL_HOST_MINUTES, params);
  await client.query(ROLL_CONTAINER_HOURS, params);
  await client.query(ROLL_HOST_HOURS, params);
}
