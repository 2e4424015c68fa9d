import type { Db } from '../client.js';

// Password sign-in across tenants (cross_tenant functions of the sign_in_throttling
// migration). The throttle's limits live in that SQL, as constants; docs/security.md explains them.

export type SignInRecord = { userId: string; passwordHash: string | null };

/** The account of an e-mail (any case) and its password hash; null when there is none. */
export async function crossTenantFindUserForSignIn(db: Db, email: string): Promise<SignInRecord | null> {
  const rows = await db.$queryRaw<{ user_id: string; password_hash: string | null }[]>`
    SELECT * FROM cross_tenant.find_user_for_sign_in(${email})`;
  const row = rows[0];
  return row ? { userId: row.user_id, passwordHash: row.password_hash } : null;
}

export type PasswordSignInClient = {
  /** The client address's bucket (IPv4 address or IPv6 /64), as resolved under TRUST_PROXY. */
  addressKey: string;
  /** SHA-256 of the device token the browser presented, if any. */
  deviceHash?: string | undefined;
};

export type PasswordSignInAttempt =
  | {
      status: 'check';
      /** Null when no account has this e-mail (the caller still spends a password check). */
      userId: string | null;
      passwordHash: string | null;
      /** Whether the client is an address or device this account signed in from before. */
      known: boolean;
    }
  | {
      status: 'throttled';
      retryAfterS: number;
      /** `client`: this client's own failures; `account`: the ceiling for unfamiliar clients. */
      limitedBy: 'client' | 'account';
      /** Set when the account's owner should be told of the burst (the unlock link is stored). */
      notify: { email: string; name: string | null } | null;
    };

/**
 * Sign-in, step 1: throttles, or counts the attempt as a failure up front and returns the
 * hash to check. `unlockHash` is stored (valid 1 hour) only if this attempt triggers the
 * burst e-mail; the caller mails the matching secret.
 */
export async function crossTenantBeginPasswordSignIn(
  db: Db,
  email: string,
  client: PasswordSignInClient,
  unlockHash: string,
): Promise<PasswordSignInAttempt> {
  const rows = await db.$queryRaw<
    {
      user_id: string | null;
      password_hash: string | null;
      known: boolean;
      retry_after_s: number | null;
      limited_by: string | null;
      notify_email: string | null;
      notify_name: string | null;
    }[]
  >`SELECT * FROM cross_tenant.begin_password_sign_in(${email}, ${client.addressKey}, ${client.deviceHash ?? null}, ${unlockHash})`;
  const row = rows[0];
  if (!row) throw new Error('begin_password_sign_in returned no row');
  if (row.retry_after_s === null) {
    return { status: 'check', userId: row.user_id, passwordHash: row.password_hash, known: row.known };
  }
  return {
    status: 'throttled',
    retryAfterS: Math.max(1, row.retry_after_s),
    limitedBy: row.limited_by === 'account' ? 'account' : 'client',
    notify: row.notify_email ? { email: row.notify_email, name: row.notify_name } : null,
  };
}

/**
 * Sign-in, step 2, after the password verified: clears this client's failures, remembers the
 * address, and replaces the presented device token with `newDeviceHash`.
 */
export async function crossTenantFinishPasswordSignIn(
  db: Db,
  userId: string,
  client: PasswordSignInClient & { known: boolean },
  newDeviceHash: string,
): Promise<void> {
  await db.$executeRaw`SELECT cross_tenant.finish_password_sign_in(${userId}::uuid, ${client.addressKey}, ${client.deviceHash ?? null}, ${newDeviceHash}, ${client.known})`;
}

export type SignInUnlockOutcome =
  | { status: 'ok'; userId: string; email: string }
  | { status: 'unknown' | 'used' | 'expired' };

/** Spends a mailed unlock link; on success `deviceHash` becomes a known device of its user. */
export async function crossTenantConsumeSignInUnlock(
  db: Db,
  tokenHash: string,
  deviceHash: string,
): Promise<SignInUnlockOutcome> {
  const rows = await db.$queryRaw<{ status: string; user_id: string | null; email: string | null }[]>`
    SELECT * FROM cross_tenant.consume_sign_in_unlock(${tokenHash}, ${deviceHash})`;
  const row = rows[0];
  if (row?.status === 'ok' && row.user_id && row.email) {
    return { status: 'ok', userId: row.user_id, email: row.email };
  }
  const status = row?.status;
  return { status: status === 'used' || status === 'expired' ? status : 'unknown' };
}
