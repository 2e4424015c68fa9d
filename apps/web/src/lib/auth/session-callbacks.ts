import { AccessDenied } from '@auth/core/errors';
import { headers } from 'next/headers';
import type { Account, Profile, Session, User } from 'next-auth';
import type { JWT } from 'next-auth/jwt';
import { z } from 'zod';
import { createSession, linkOidcUser } from '@/lib/api/identity';
import { getClientAddress, getInternalApi } from '@/lib/api/server-api';

type JwtParams = {
  token: JWT;
  user?: User;
  account?: Account | null;
  profile?: Profile;
  trigger?: 'signIn' | 'signUp' | 'update';
  session?: unknown;
};

const ZOrgSwitchSchema = z.object({ orgId: z.uuid() });

/**
 * Shapes the session JWT. Claims the API relies on: `sub` (Berth user id), `sid` (the API
 * session registered at sign-in), `orgId` (current organisation, optional). Name and email
 * are for display only.
 */
export function createJwtCallback(sessionMaxAgeS: number) {
  return async function jwtCallback({
    token,
    user,
    account,
    profile,
    trigger,
    session,
  }: JwtParams): Promise<JWT> {
    if (trigger === 'signIn' || trigger === 'signUp') {
      const signedIn = account?.provider === 'oidc' ? await linkOidc(profile) : userClaims(user);
      const sid = await registerSession(signedIn.sub, sessionMaxAgeS);
      const next: JWT = { ...token, ...signedIn, sid };
      if (!signedIn.orgId) delete next.orgId;
      return next;
    }
    if (trigger === 'update') {
      // Only the org may change after sign-in; the API still checks membership on every request.
      const parsed = ZOrgSwitchSchema.safeParse(session);
      if (parsed.success) return { ...token, orgId: parsed.data.orgId };
    }
    return token;
  };
}

type SignedInClaims = { sub: string; name?: string | null; email?: string | null; orgId?: string };

function userClaims(user: User | undefined): SignedInClaims {
  if (!user?.id) throw new AccessDenied('sign-in returned no user id');
  return { sub: user.id, name: user.name, email: user.email, ...(user.orgId ? { orgId: user.orgId } : {}) };
}

/** Only addresses the identity provider vouches for may be linked to a Berth account. */
async function linkOidc(profile: Profile | undefined): Promise<SignedInClaims> {
  if (!profile?.email || profile.email_verified !== true) {
    throw new AccessDenied('the identity provider did not send a verified e-mail address');
  }
  // (iss, sub) names the person at the provider for good; the e-mail may change.
  if (typeof profile.iss !== 'string' || !profile.sub) {
    throw new AccessDenied('the identity provider sent no issuer or subject');
  }
  const linked = await linkOidcUser(await getInternalApi(), {
    email: profile.email,
    provider: 'oidc',
    issuer: profile.iss,
    subject: profile.sub,
    ...(typeof profile.name === 'string' && profile.name ? { name: profile.name } : {}),
  });
  if (!linked) throw new AccessDenied('the API refused this identity');
  const orgId = linked.memberships[0]?.orgId;
  return {
    sub: linked.user.id,
    name: linked.user.name,
    email: linked.user.email,
    ...(orgId ? { orgId } : {}),
  };
}

async function registerSession(userId: string, maxAgeS: number): Promise<string> {
  const incoming = await headers();
  const userAgent = incoming.get('user-agent')?.slice(0, 2000);
  // The browser's address under TRUST_PROXY, for "profile → sessions" (never a claimed one).
  const ip = await getClientAddress();
  const { sessionId } = await createSession(await getInternalApi(), {
    userId,
    expiresAt: new Date(Date.now() + maxAgeS * 1000).toISOString(),
    ...(userAgent ? { userAgent } : {}),
    ...(ip ? { ip } : {}),
  });
  return sessionId;
}

/** What client and server components see: the user id and current org, never `sid`. */
export function sessionCallback({ session, token }: { session: Session; token: JWT }): Session {
  const next: Session = { ...session, user: { ...session.user, id: token.sub ?? '' } };
  if (token.orgId) next.orgId = token.orgId;
  return next;
}
