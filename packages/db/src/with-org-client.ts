import type pg from 'pg';
import { assertUuid, beginScopeSql, type Scope } from './scope-sql.js';

/**
 * The org door on node-postgres (the gateway's, and SQL Prisma cannot express: COPY into
 * staging tables, rollup upserts): a transaction on a pooled connection whose first statement
 * scopes it to `orgId`. Commits if `fn` resolves, else rolls back.
 */
export async function withOrgClient<T>(
  pool: pg.Pool,
  orgId: string,
  fn: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  assertUuid(orgId, 'orgId');
  return withScopeClient(pool, { orgId }, fn);
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
  const outcome = await transact(client, { orgId }, fn);
  if ('value' in outcome) return outcome.value;
  throw outcome.error;
}

/**
 * A transaction on a pooled connection that starts in `scope` — `{}` is no tenant at all, for
 * the cross-tenant modules, which switch scope once a SECURITY DEFINER function has named the
 * organisation. Not exported from the package: the org door above is the public one.
 */
export async function withScopeClient<T>(
  pool: pg.Pool,
  scope: Scope,
  fn: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  const outcome = await transact(client, scope, fn);
  // A connection whose ROLLBACK failed is in an unknown state: destroy it, don't reuse it.
  client.release(
    'rollbackError' in outcome && outcome.rollbackError ? asError(outcome.rollbackError) : undefined,
  );
  if ('value' in outcome) return outcome.value;
  throw outcome.error;
}

type Outcome<T> = { value: T } | { error: unknown; rollbackError: unknown };

async function transact<C extends pg.ClientBase, T>(
  client: C,
  scope: Scope,
  fn: (client: C) => Promise<T>,
): Promise<Outcome<T>> {
  try {
    await client.query(beginScopeSql(client, scope));
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
