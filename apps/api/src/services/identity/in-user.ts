import { type Tx, withUser } from '@berth/db';
import type { ApiContext } from '../../context.js';

/**
 * A transaction scoped to one user and no organisation: what their own rows (users,
 * user_sessions, password_resets) allow under row-level security, and nothing of any tenant.
 */
export function inUser<T>(ctx: ApiContext, userId: string, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return withUser(ctx.db, userId, fn);
}
