import type { Tx } from '@berth/db';
import type { ApiContext } from '../../context.js';

/**
 * A transaction scoped to one user and no organisation: what their own rows (users,
 * user_sessions, password_resets) allow under row-level security, and nothing of any tenant.
 */
export function inUser<T>(ctx: ApiContext, userId: string, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return ctx.db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT set_config('app.org_id', '', true), set_config('app.user_id', ${userId}::uuid::text, true)`;
    return fn(tx);
  });
}
