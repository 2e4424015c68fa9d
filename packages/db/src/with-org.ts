import type { Db } from './client.js';
import type { Prisma } from './generated/prisma/client.js';
import { POOL_WAIT_MS } from './pool.js';
import { assertUuid, setScope } from './scope-sql.js';

export type Tx = Prisma.TransactionClient;
export type TenantContext = { userId?: string | undefined };

/**
 * The one door to tenant data through Prisma (the API's): a transaction whose first statement
 * scopes it to `orgId` (and, for audit and ownership checks, the acting user). Its
 * node-postgres twin, for the gateway, is in with-org-client.ts.
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
