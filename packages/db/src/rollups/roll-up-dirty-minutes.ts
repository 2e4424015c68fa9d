import type pg from 'pg';
import { crossTenantOrgsWithDirtyMinutes } from '../cross-tenant/rollups.js';
import { withOrgClient } from '../with-org-client.js';
import {
  CLAIM_DIRTY_HOURS,
  CLAIM_DIRTY_MINUTES,
  MARK_DIRTY_HOURS,
  ROLL_CHECK_HOURS,
  ROLL_CHECK_MINUTES,
  ROLL_CONTAINER_HOURS,
  ROLL_CONTAINER_MINUTES,
  ROLL_HOST_HOURS,
  ROLL_HOST_MINUTES,
} from './rollup-sql.js';

export type RollupOptions = {
  /** Only minutes that started before this (hours that ended by it) are rolled up (default: closed for 30 s). */
  settledBefore?: Date;
  /** Markers claimed per transaction; an organisation with more takes several. */
  batchMinutes?: number;
};

export type RollupRun = { orgs: number; minutes: number; hours: number };

const SETTLE_MS = 30_000;
const MINUTE = 60_000;
const HOUR = 3_600_000;

/** Before this instant a minute is closed and its batches (10 s apart) have most likely arrived. */
export function defaultSettledBefore(now = Date.now()): Date {
  return new Date(now - MINUTE - SETTLE_MS);
}

/**
 * The periodic rollup job: for every organisation with marked minutes or hours, claims settled
 * minutes, recomputes their 1-minute rows from the raw samples and marks their hours; claims
 * closed marked hours and recomputes them from the 1-minute rows — in one org-scoped transaction
 * per claim. Any number of gateways may run it at once: a marker is claimed by one job (SKIP
 * LOCKED, deleted in the claiming transaction), so no minute or hour is computed twice at once.
 */
export async function rollUpDirtyMinutes(pool: pg.Pool, options: RollupOptions = {}): Promise<RollupRun> {
  const settledBefore = options.settledBefore ?? defaultSettledBefore();
  const batch = options.batchMinutes ?? 2000;
  const orgs = await crossTenantOrgsWithDirtyMinutes(pool, settledBefore);
  const run = { orgs: orgs.length, minutes: 0, hours: 0 };
  for (const orgId of orgs) {
    for (;;) {
      const done = await withOrgClient(pool, orgId, (client) => rollUpClaim(client, settledBefore, batch));
      run.minutes += done.minutes;
      run.hours += done.hours;
      if (done.minutes < batch && done.hours < batch) break;
    }
  }
  return run;
}

async function rollUpClaim(
  client: pg.PoolClient,
  settledBefore: Date,
  batch: number,
): Promise<{ minutes: number; hours: number }> {
  const minutes = await claimDirtyMinutes(client, settledBefore, batch);
  await rollUpClaimed(client, minutes);
  const hours = await claimDirtyHours(client, settledBefore, batch);
  await rollUpClaimedHours(client, hours);
  return { minutes: minutes.hosts.length, hours: hours.hosts.length };
}

/** Markers claimed in the caller's transaction: parallel arrays of host ids and minutes (hours). */
export type ClaimedMinutes = { hosts: string[]; minutes: Date[] };
export type ClaimedHours = { hosts: string[]; hours: Date[] };

/** Deletes (claims) up to `batch` settled minute markers of the transaction's organisation. */
export async function claimDirtyMinutes(
  client: pg.ClientBase,
  settledBefore: Date,
  batch: number,
): Promise<ClaimedMinutes> {
  const { rows } = await client.query<ClaimedMinutes>(CLAIM_DIRTY_MINUTES, [settledBefore, batch]);
  return rows[0] ?? { hosts: [], minutes: [] };
}

/** Deletes (claims) up to `batch` hour markers of hours closed by `settledBefore`. */
export async function claimDirtyHours(
  client: pg.ClientBase,
  settledBefore: Date,
  batch: number,
): Promise<ClaimedHours> {
  const { rows } = await client.query<ClaimedHours>(CLAIM_DIRTY_HOURS, [settledBefore, batch]);
  return rows[0] ?? { hosts: [], hours: [] };
}

/**
 * Recomputes the claimed minutes and marks their hours. A separate statement from the claim on
 * purpose: under READ COMMITTED it reads a snapshot taken after the claim, so it sees every
 * batch whose marker the claim had to wait for or found committed.
 */
export async function rollUpClaimed(client: pg.ClientBase, claimed: ClaimedMinutes): Promise<void> {
  if (claimed.hosts.length === 0) return;
  const params = [
    claimed.hosts,
    claimed.minutes,
    ...bounds(claimed.minutes, MINUTE),
    ends(claimed.minutes, MINUTE),
  ];
  await client.query(ROLL_CONTAINER_MINUTES, params);
  await client.query(ROLL_HOST_MINUTES, params);
  await client.query(ROLL_CHECK_MINUTES, params);
  await client.query(MARK_DIRTY_HOURS, params.slice(0, 2));
}

/** Recomputes the claimed hours from their 1-minute rows (after their claim, like minutes). */
export async function rollUpClaimedHours(client: pg.ClientBase, claimed: ClaimedHours): Promise<void> {
  if (claimed.hosts.length === 0) return;
  const params = [claimed.hosts, claimed.hours, ...bounds(claimed.hours, HOUR), ends(claimed.hours, HOUR)];
  await client.query(ROLL_CONTAINER_HOURS, params);
  await client.query(ROLL_HOST_HOURS, params);
  await client.query(ROLL_CHECK_HOURS, params);
}

/** Each claimed minute's (hour's) end, beside its start: $5 of the rollup statements. */
function ends(starts: readonly Date[], width: number): Date[] {
  return starts.map((start) => new Date(start.getTime() + width));
}

/** [first start, last end): constants the planner prunes partitions (chunks) by. */
function bounds(starts: readonly Date[], width: number): [Date, Date] {
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  for (const start of starts) {
    first = Math.min(first, start.getTime());
    last = Math.max(last, start.getTime());
  }
  return [new Date(first), new Date(last + width)];
}
