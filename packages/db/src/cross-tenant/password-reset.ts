import type { Db } from '../client.js';
import { POOL_WAIT_MS } from '../pool.js';
import { setScope } from '../scope-sql.js';
import type { Tx } from '../with-org.js';

export type PasswordResetRecipient = { userId: string; email: string; name: string | null };

/** Stores a reset link (hash, valid 1 hour) for the account of `email`; null when there is none. */
export async function crossTenantIssuePasswordReset(
  db: Db,
  email: string,
  tokenHash: string,
  ip: string | null,
): Promise<PasswordResetRecipient | null> {
  const rows = await db.$queryRaw<{ user_id: string; email: string; name: string | null }[]>`
    SELECT * FROM cross_tenant.issue_password_reset(${email}, ${tokenHash}, ${ip})`;
  const row = rows[0];
  return row ? { userId: row.user_id, email: row.email, name: row.name } : null;
}

export type PasswordResetOutcome =
  | { status: 'ok'; userId: string }
  | { status: 'unknown' | 'used' | 'expired' };

/** Spends a reset link (and the user's other outstanding ones) inside the caller's transaction. */
export async function crossTenantConsumePasswordReset(
  db: Pick<Db, '$queryRaw'>,
  tokenHash: string,
): Promise<PasswordResetOutcome> {
  const rows = await db.$queryRaw<{ status: string; user_id: string | null }[]>`
    SELECT * FROM cross_tenant.consume_password_reset(${tokenHash})`;
  const row = rows[0];
  if (row?.status === 'ok' && row.user_id) return { status: 'ok', userId: row.user_id };
  const status = row?.status;
  return { status: status === 'used' || status === 'expired' ? status : 'unknown' };
}

/**
 * Spends a reset link and, only if it was valid, runs `fn` in the same transaction scoped to the
 * link's user (their rows, no organisation): the link is used up exactly when the new password
 * is stored. Unknown, used and expired links return their status and run nothing.
 */
export async function crossTenantResetPassword<T>(
  db: Db,
  tokenHash: string,
  fn: (tx: Tx, userId: string) => Promise<T>,
): Promise<{ status: 'ok'; userId: string; value: T } | { status: 'unknown' | 'used' | 'expired' }> {
  return db.$transaction(
    async (tx) => {
      const outcome = await crossTenantConsumePasswordReset(tx, tokenHash);
      if (outcome.status !== 'ok') return { status: outcome.status };
      await setScope(tx, { userId: outcome.userId });
      return { status: 'ok' as const, userId: outcome.userId, value: await fn(tx, outcome.userId) };
    },
    { maxWait: POOL_WAIT_MS },
  );
}
