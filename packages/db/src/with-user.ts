import type { Db } from './client.js';
import { POOL_WAIT_MS } from './pool.js';
import { assertUuid, setScope } from './scope-sql.js';
import type { Tx } from './with-org.js';

/**
 * The door to one account's own rows (users, user_sessions, password_resets, identities): a
 * transaction scoped to `userId` and no organisation, so nothing of any tenant is visible.
 */
export async function withUser<T>(db: Db, userId: string, fn: (tx: Tx) => Promise<T>): Promise<T> {
  assertUuid(userId, 'userId');
  return db.$transaction(
    async (tx) => {
      await setScope(tx, { userId });
      return fn(tx);
    },
    { maxWait: POOL_WAIT_MS },
  );
}

/**
 * A user's own security events concern every organisation they belong to: inside the caller's
 * `withUser` transaction, runs `fn` once per org under that org's scope (row-level security
 * checks each row against it), then returns the transaction to the user and no org.
 */
export async function withEachOrgOfUser<M extends { orgId: string }>(
  tx: Tx,
  userId: string,
  memberships: readonly M[],
  fn: (membership: M) => Promise<void>,
): Promise<void> {
  for (const membership of memberships) {
    await setScope(tx, { orgId: membership.orgId, userId });
    await fn(membership);
  }
  await setScope(tx, { userId });
}
