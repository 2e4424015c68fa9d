import type pg from 'pg';

// The only statements that set the row-level-security context (`app.org_id`, `app.user_id`;
// the policies of the row_level_security migration read them). Both are transaction-local
// (`set_config(…, true)`), so a pooled connection never carries a scope into its next use.
// Everything outside packages/db goes through the doors built on these (with-org.ts,
// with-org-client.ts, with-user.ts, the cross-tenant modules); a test fails if any other file
// sets the context. This module stays free of Prisma: the gateway's entry (sql.ts) uses it.

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function assertUuid(value: string, what: string): void {
  // A malformed id would make every policy's ::uuid cast fail with a confusing SQL error.
  if (!UUID.test(value)) throw new TypeError(`${what} must be a UUID, got ${JSON.stringify(value)}`);
}

/** Which tenant (org), which account (user), or neither, the rest of the transaction acts as. */
export type Scope = { orgId?: string | undefined; userId?: string | undefined };

/** What setScope needs of a Prisma transaction (structural, so this file never imports Prisma). */
export type RawExecutor = {
  $executeRaw(query: TemplateStringsArray, ...values: unknown[]): PromiseLike<number>;
};

function checkScope(scope: Scope): void {
  if (scope.orgId !== undefined) assertUuid(scope.orgId, 'orgId');
  if (scope.userId !== undefined) assertUuid(scope.userId, 'userId');
}

/** Scopes the caller's open Prisma transaction; an unset part is cleared, not kept. */
export async function setScope(tx: RawExecutor, scope: Scope): Promise<void> {
  checkScope(scope);
  await tx.$executeRaw`SELECT set_config('app.org_id', ${scope.orgId ?? ''}, true), set_config('app.user_id', ${scope.userId ?? ''}, true)`;
}

/** The same on a node-postgres client inside its open transaction. */
export async function setScopeOn(client: pg.ClientBase, scope: Scope): Promise<void> {
  checkScope(scope);
  await client.query("SELECT set_config('app.org_id', $1, true), set_config('app.user_id', $2, true)", [
    scope.orgId ?? '',
    scope.userId ?? '',
  ]);
}

/**
 * BEGIN and a scope as one simple-protocol query: one round trip, which the ingest path (a
 * transaction per group of batches) counts on. The ids are checked and quoted.
 */
export function beginScopeSql(client: pg.ClientBase, scope: Scope): string {
  checkScope(scope);
  const orgId = client.escapeLiteral(scope.orgId ?? '');
  const userId = client.escapeLiteral(scope.userId ?? '');
  return `BEGIN; SELECT set_config('app.org_id', ${orgId}, true), set_config('app.user_id', ${userId}, true)`;
}
