import { type Tx, withOrg } from '@berth/db';
import type { Principal } from '../auth/principal.js';
import { actingUserId } from '../auth/principal.js';
import type { ApiContext } from '../context.js';

/** A transaction scoped to the caller's organisation (and user, for the users policy). */
export function inOrg<T>(ctx: ApiContext, principal: Principal, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return withOrg(ctx.db, principal.orgId, fn, { userId: actingUserId(principal) ?? undefined });
}
