import { crossTenantAuthenticateHost, hashSecret, type Queryable } from '@berth/db/sql';

export type AgentIdentity = { hostId: string; orgId: string; lastSeq: number };
export type AgentAuthResult =
  | { ok: true; identity: AgentIdentity }
  | { ok: false; reason: 'unauthorised' | 'revoked' };

const BEARER = /^Bearer ([A-Za-z0-9_-]{16,256})$/;

/** The host credential from `Authorization: Bearer …`, looked up by its hash. */
export async function authenticateAgent(
  db: Queryable,
  authorization: string | undefined,
): Promise<AgentAuthResult> {
  const secret = authorization ? BEARER.exec(authorization)?.[1] : undefined;
  if (!secret) return { ok: false, reason: 'unauthorised' };
  const host = await crossTenantAuthenticateHost(db, hashSecret(secret));
  if (!host) return { ok: false, reason: 'unauthorised' };
  if (host.revoked) return { ok: false, reason: 'revoked' };
  return { ok: true, identity: { hostId: host.hostId, orgId: host.orgId, lastSeq: Number(host.lastSeq) } };
}
