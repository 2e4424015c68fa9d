import type pg from 'pg';
import type { Db } from './client.js';
import type { Prisma } from './generated/prisma/client.js';
import { assertUuid, beginOrgSql, setScope } from './scope-sql.js';

export type Tx = Prisma.TransactionClient;
export type TenantContext = { userId?: string | undefined };

/**
 * How long a transaction may wait for a pooled connection before it fails. Prisma gives up
 * after 2 s by default; a burst (a fleet reconnecting to a restarted gateway) then fails hellos
 * that would have run a moment later, and their retries add to the burst. Short transactions
 * queue instead.
 */
export const POOL_WAIT_MS = 10_000;

/**
 * The one door to tenant data: a transaction whose first statement scopes it to `orgId`
 * (and, for audit and ownership checks, the acting user).
 */
export async function withOrg<T>(
  db: Db,
  orgId: string,
  fn: (tx: Tx) => Promise<T>,
  context: TenantContext = {},
): Promise<T> {
  assertUuid(orgId, 'orgId');
  if (context.userId !== undefined) assertUuid(context.userId, 'userId');
  return db.$transaction(
    async (tx) => {
      await setScope(tx, { orgId, userId: context.userId });
      return fn(tx);
    },
    { maxWait: POOL_WAIT_MS },
  );
}

/**
 * The same scoping on a raw node-postgres client, for SQL Prisma cannot express
 * (COPY into staging tables, rollup upserts). Commits if `fn` resolves, else rolls back.
 */
export async function withOrgClient<T>(
  pool: pg.Pool,
  orgId: string,
  fn: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  assertUuid(orgId, 'orgId');
  const client = await pool.connect();
  const outcome = await transact(client, orgId, fn);
  // A connection whose ROLLBACK failed is in an unknown state: destroy it, don't reuse it.
  client.release(
    'rollbackError' in outcome && outcome.rollbackError ? asError(outcome.rollbackError) : undefined,
  );
  if ('value' in outcome) return outcome.value;
  throw outcome.error;
}

/**
 * The org scope on a client the caller holds (the ingest writer keeps staging tables on its
 * connections): BEGIN and the scope in one round trip, then `fn`, then COMMIT — or ROLLBACK
 * and rethrow. After a failure the caller should release the client with the error (pg then
 * destroys it): if the ROLLBACK failed too, its state is unknown.
 */
export async function withOrgOn<C extends pg.ClientBase, T>(
  client: C,
  orgId: string,
  fn: (client: C) => Promise<T>,
): Promise<T> {
  assertUuid(orgId, 'orgId');
  const outcome = await transact(client, orgId, fn);
  if ('value' in outcome) return outcome.value;
  throw outcome.error;
}

type Outcome<T> = { value: T } | { error: unknown; rollbackError: unknown };

async function transact<C extends pg.ClientBase, T>(
  client: C,
  orgId: string,
  fn: (client: C) => Promise<T>,
): Promise<Outcome<T>> {
  try {
    await client.query(beginOrgSql(client, orgId));
    const value = await fn(client);
    await client.query('COMMIT');
    return { value };
  } catch (error) {
    const rollbackError = await client.query('ROLLBACK').then(
      () => undefined,
      (failed: unknown) => failed ?? new Error('ROLLBACK failed'),
    );
    return { error, rollbackError };
  }
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
