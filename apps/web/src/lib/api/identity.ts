import { z } from 'zod';
import type { ApiClient } from './api-client';
import { ApiError } from './api-error';

/**
 * Identity endpoints of the API (sign-in, sessions, sign-up, password reset, invites, the
 * current user). Paths and shapes live here only: when the API changes, this file does.
 */

export const ZRoleSchema = z.enum(['owner', 'admin', 'operator', 'viewer']);
export type Role = z.infer<typeof ZRoleSchema>;

export const ZUserSchema = z.object({
  id: z.string().min(1),
  email: z.string(),
  name: z.string().nullable(),
});
export type BerthUser = z.infer<typeof ZUserSchema>;

export const ZMembershipSchema = z.object({
  orgId: z.uuid(),
  orgName: z.string(),
  orgSlug: z.string(),
  role: z.string(),
});
export type Membership = z.infer<typeof ZMembershipSchema>;

export const ZSignedInUserSchema = z.object({ user: ZUserSchema, memberships: z.array(ZMembershipSchema) });
export type SignedInUser = z.infer<typeof ZSignedInUserSchema>;

/** A sign-in device token for this browser (kept in the `berth-device` cookie). */
export const ZDeviceTokenSchema = z.object({ token: z.string(), expiresAt: z.string() });

export const ZPasswordSignInSchema = ZSignedInUserSchema.extend({ device: ZDeviceTokenSchema.optional() });
export type PasswordSignIn = z.infer<typeof ZPasswordSignInSchema>;

function nullOn<T>(statuses: number[]): (error: unknown) => T | null {
  return (error) => {
    if (error instanceof ApiError && statuses.includes(error.status)) return null;
    throw error;
  };
}

/**
 * POST /api/v1/auth/sign-in — null for wrong credentials; 429 (details.limitedBy: `client`,
 * `account`, or none for the per-address limit) and the rest throw.
 */
export function signInWithPassword(
  api: ApiClient,
  credentials: { email: string; password: string; device?: string },
): Promise<PasswordSignIn | null> {
  return api
    .request({
      method: 'POST',
      path: '/api/v1/auth/sign-in',
      body: credentials,
      schema: ZPasswordSignInSchema,
    })
    .catch(nullOn<PasswordSignIn>([400, 401]));
}

/** POST /api/v1/auth/sign-in/unlock — spends an e-mailed link for a device token; null when it is spent or unknown. */
export function unlockSignIn(
  api: ApiClient,
  token: string,
): Promise<{ email: string; device: z.infer<typeof ZDeviceTokenSchema> } | null> {
  return api
    .request({
      method: 'POST',
      path: '/api/v1/auth/sign-in/unlock',
      body: { token },
      schema: z.object({ email: z.string(), device: ZDeviceTokenSchema }),
    })
    .catch(nullOn<{ email: string; device: z.infer<typeof ZDeviceTokenSchema> }>([400, 410]));
}

export type OidcIdentity = {
  email: string;
  name?: string;
  provider: string;
  issuer: string;
  subject: string;
};

/**
 * POST /api/v1/auth/oidc-link (signed, server to server) — finds the user of a known identity,
 * or links / creates the user of an e-mail the provider has verified; null when the API refuses it.
 */
export function linkOidcUser(internalApi: ApiClient, identity: OidcIdentity): Promise<SignedInUser | null> {
  return internalApi
    .request({
      method: 'POST',
      path: '/api/v1/auth/oidc-link',
      body: { ...identity, emailVerified: true },
      schema: ZSignedInUserSchema,
    })
    .catch(nullOn<SignedInUser>([401, 403]));
}

export type NewSession = { userId: string; userAgent?: string; ip?: string; expiresAt: string };

/** POST /api/v1/auth/sessions (signed) — the session row whose id the JWT carries as `sid`. */
export function createSession(internalApi: ApiClient, session: NewSession): Promise<{ sessionId: string }> {
  return internalApi.request({
    method: 'POST',
    path: '/api/v1/auth/sessions',
    body: session,
    schema: z.object({ sessionId: z.string().min(1) }),
  });
}

/** POST /api/v1/auth/sign-out — ends the API's session row (the `sid` of the cookie sent). */
export async function revokeCurrentSession(api: ApiClient): Promise<void> {
  await api.request({ method: 'POST', path: '/api/v1/auth/sign-out', schema: z.unknown() });
}

export type SignUpInput = {
  email: string;
  password: string;
  name?: string;
  orgName?: string;
  inviteToken?: string;
};

/** POST /api/v1/auth/sign-up — a new account with its own organisation, or joining by invite. */
export function signUp(api: ApiClient, input: SignUpInput): Promise<SignedInUser> {
  return api.request({
    method: 'POST',
    path: '/api/v1/auth/sign-up',
    body: input,
    schema: ZSignedInUserSchema,
  });
}

/** POST /api/v1/auth/password-reset — always accepted, whether or not the address exists. */
export async function requestPasswordReset(api: ApiClient, email: string): Promise<void> {
  await api.request({
    method: 'POST',
    path: '/api/v1/auth/password-reset',
    body: { email },
    schema: z.unknown(),
  });
}

/** POST /api/v1/auth/password-reset/confirm — sets a new password with the emailed token (once). */
export async function confirmPasswordReset(api: ApiClient, token: string, password: string): Promise<void> {
  await api.request({
    method: 'POST',
    path: '/api/v1/auth/password-reset/confirm',
    body: { token, password },
    schema: z.unknown(),
  });
}

export const ZMeSchema = z.object({
  kind: z.enum(['user', 'token']),
  userId: z.string().nullable(),
  org: z.object({ id: z.uuid(), role: ZRoleSchema }).nullable(),
  memberships: z.array(ZMembershipSchema),
});
export type Me = z.infer<typeof ZMeSchema>;

/** GET /api/v1/me — the caller, the org in effect and every membership (org switcher). */
export function getMe(api: ApiClient): Promise<Me> {
  return api.request({ path: '/api/v1/me', schema: ZMeSchema });
}

export const ZInviteSchema = z.object({
  orgName: z.string(),
  email: z.string(),
  role: ZRoleSchema,
  status: z.enum(['pending', 'accepted', 'revoked', 'expired']),
  expiresAt: z.string(),
});
export type Invite = z.infer<typeof ZInviteSchema>;

/** POST /api/v1/invites/inspect — what an invite link offers; null when the token is unknown. */
export function inspectInvite(api: ApiClient, token: string): Promise<Invite | null> {
  return api
    .request({ method: 'POST', path: '/api/v1/invites/inspect', body: { token }, schema: ZInviteSchema })
    .catch(nullOn<Invite>([400, 404]));
}

/** POST /api/v1/invites/accept — joins the signed-in user to the invite's organisation. */
export function acceptInvite(api: ApiClient, token: string): Promise<{ orgId: string; orgName: string }> {
  return api.request({
    method: 'POST',
    path: '/api/v1/invites/accept',
    body: { token },
    schema: z.object({ orgId: z.uuid(), orgName: z.string() }),
  });
}
