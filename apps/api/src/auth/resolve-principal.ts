import {
  crossTenantAuthenticateApiToken,
  crossTenantTouchUserSession,
  crossTenantUserMemberships,
  type Db,
  hashSecret,
  type UserMembership,
} from '@berth/db';
import type { FastifyRequest } from 'fastify';
import type { Principal } from './principal.js';
import { readSessionCookie } from './session-cookie.js';

const BEARER = /^Bearer (berth_api_[A-Za-z0-9_-]{20,100})$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type Caller =
  | { kind: 'anonymous' }
  /** A bearer header was sent but is not a live token: refused even on public routes. */
  | { kind: 'bad_token' }
  | { kind: 'token'; principal: Principal }
  /** `principal` is null when the user has no membership in the org asked for (or none at all). */
  | {
      kind: 'user';
      userId: string;
      /** The user_sessions row behind the cookie (revocable from "profile → sessions"). */
      sessionId: string;
      memberships: UserMembership[];
      principal: Principal | null;
    };

/**
 * An API token (`Authorization: Bearer berth_api_…`, scoped to one org and role) or the
 * console's session cookie (whose `sid` must name a live user_sessions row). A session
 * user acts in the org named by the `x-berth-org` header, else the session's, else their
 * first. Membership is read on every request, so a removed member loses access at once.
 */
export async function resolveCaller(db: Db, request: FastifyRequest, authSecret: string): Promise<Caller> {
  const authorization = request.headers.authorization;
  if (authorization) {
    const secret = BEARER.exec(authorization)?.[1];
    const token = secret ? await crossTenantAuthenticateApiToken(db, hashSecret(secret)) : null;
    return token ? { kind: 'token', principal: { kind: 'token', ...token } } : { kind: 'bad_token' };
  }
  const session = await readSessionCookie(request.cookies, authSecret);
  const sessionId = session?.sessionId;
  // A cookie without a live sid (signed out, revoked, expired, or never registered) is no session.
  if (!session || !sessionId || !(await crossTenantTouchUserSession(db, sessionId, session.userId))) {
    return { kind: 'anonymous' };
  }
  const memberships = await crossTenantUserMemberships(db, session.userId);
  const header = request.headers['x-berth-org'];
  const wanted = typeof header === 'string' && UUID.test(header) ? header : session.orgId;
  const membership =
    memberships.find((m) => m.orgId === wanted) ?? (wanted === undefined ? memberships[0] : undefined);
  const principal: Principal | null = membership
    ? { kind: 'user', userId: session.userId, orgId: membership.orgId, role: membership.role }
    : null;
  return { kind: 'user', userId: session.userId, sessionId, memberships, principal };
}
