import type pg from 'pg';
import type { Db } from './client.js';
import type { Prisma } from './generated/prisma/client.js';

export type Tx = Prisma.TransactionClient;
export type TenantContext = { userId?: string | undefined };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function assertUuid(value: string, what: string): void {
  // A malformed id would make every policy's ::uuid cast fail with a confusing SQL error.
  if (!UUID.test(value)) throw new TypeError(`${what} must be a UUID, got ${JSON.stringify(value)}`);
}

/**
 * The one door to tenant data: a transaction whose first statement scopes it to `orgId`
 * (transaction-local, so a pooled connection never carries it into the next use).
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
      await tx.$executeRaw`SELECT set_config('app.org_id', ${orgId}, true), set_config('app.user_id', ${context.userId ?? ''}, true)`;
      return fn(tx);
    },
    // Prisma gives up after 2 s without a pooled connection; a burst (a fleet reconnecting
    // to a restarted gateway) then fails hellos that would have run a moment later, and
    // their retries add to the burst. Short transactions queue instead.
    { maxWait: POOL_WAIT_MS },
  );
}

/** How long a transaction may wait for a pooled connection before it fails. */
const POOL_WAIT_MS = 10_000;

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
  let broken: unknown;
  try {
    await client.query('BEGIN');
    await client.query("SELECT set_config('app.org_id', $1, true), set_config('app.user_id', '', true)", [
      orgId,
    ]);
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    broken = await client.query('ROLLBACK').then(
      () => undefined,
      (rollbackError: unknown) => rollbackError,
    );
    throw error;
  } finally {
    // A connection whose ROLLBACK failed is in an unknown state: destroy it, don't reuse it.
    client.release(broken instanceof Error ? broken : undefined);
  }
}
