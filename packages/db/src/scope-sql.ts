import type pg from 'pg';
import type { Tx } from './with-org.js';

// The only statements that set the row-level-security context (`app.org_id`, `app.user_id`;
// the policies of the row_level_security migration read them). Both are transaction-local
// (`set_config(…, true)`), so a pooled connection never carries a scope into its next use.
// Everything outside packages/db goes through the doors built on these (with-org.ts,
// with-user.ts, the cross-tenant modules); a test fails if any other file sets the context.

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function assertUuid(value: string, what: string): void {
  // A malformed id would make every policy's ::uuid cast fail with a confusing SQL error.
  if (!UUID.test(value)) throw new TypeError(`${what} must be a UUID, got ${JSON.stringify(value)}`);
}

/** Which tenant (org), which account (user), or neither, the rest of the transaction acts as. */
export type Scope = { orgId?: string | undefined; userId?: string | undefined };

/** Scopes the caller's open Prisma transaction; an unset part is cleared, not kept. */
export async function setScope(tx: Pick<Tx, '$executeRaw'>, scope: Scope): Promise<void> {
  if (scope.orgId !== undefined) assertUuid(scope.orgId, 'orgId');
  if (scope.userId !== undefined) assertUuid(scope.userId, 'userId');
  await tx.$executeRaw`SELECT set_config('app.org_id', ${scope.orgId ?? ''}, true), set_config('app.user_id', ${scope.userId ?? ''}, true)`;
}

/**
 * BEGIN and the org scope as one simple-protocol query: one round trip, which the ingest
 * path (a transaction per group of batches) counts on. The id is checked and quoted.
 */
export function beginOrgSql(client: pg.ClientBase, orgId: string): string {
  assertUuid(orgId, 'orgId');
  return `BEGIN; SELECT set_config('app.org_id', ${client.escapeLiteral(orgId)}, true), set_config('app.user_id', '', true)`;
}
