import type { UserMembership } from '@berth/db';
import { AppError } from '@berth/http';
import type { Caller } from '../../auth/resolve-principal.js';

/** A console user (session cookie), whichever organisation they act in, if any. */
export type SignedInCaller = { userId: string; sessionId: string; memberships: UserMembership[] };

/** The console user behind a `signed-in` route's request; API tokens are refused. */
export function signedInCallerOf(request: { caller: Caller }): SignedInCaller {
  const caller = request.caller;
  if (caller.kind !== 'user')
    throw new AppError('forbidden', 'this endpoint is for signed-in users, not API tokens');
  return { userId: caller.userId, sessionId: caller.sessionId, memberships: caller.memberships };
}
