import {
  type AcceptedInvite,
  type InviteOffer,
  type Me,
  type NewSession,
  type PasswordSignIn,
  type SignedInUser,
  type SignUpInput,
  type UnlockedSignIn,
  ZAcceptedInviteSchema,
  ZCreatedSessionSchema,
  ZInviteOfferSchema,
  ZMeSchema,
  ZNoContentSchema,
  ZOidcLinkedSchema,
  ZPasswordResetAcceptedSchema,
  ZPasswordSignInSchema,
  ZSignedInUserSchema,
  ZUnlockedSignInSchema,
} from '@berth/api-contract';
import type { ApiClient } from './api-client';
import { ApiError } from './api-error';

/**
 * Identity endpoints of the API (sign-in, sessions, sign-up, password reset, invites, the
 * current user). Shapes are the contract's (@berth/api-contract).
 */
export type {
  BerthUser,
  InviteOffer as Invite,
  Me,
  Membership,
  PasswordSignIn,
  Role,
  SignedInUser,
} from '@berth/api-contract';

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
export function unlockSignIn(api: ApiClient, token: string): Promise<UnlockedSignIn | null> {
  return api
    .request({
      method: 'POST',
      path: '/api/v1/auth/sign-in/unlock',
      body: { token },
      schema: ZUnlockedSignInSchema,
    })
    .catch(nullOn<UnlockedSignIn>([400, 410]));
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
      schema: ZOidcLinkedSchema,
    })
    .catch(nullOn<SignedInUser>([401, 403]));
}

/** POST /api/v1/auth/sessions (signed) — the session row whose id the JWT carries as `sid`. */
export function createSession(internalApi: ApiClient, session: NewSession): Promise<{ sessionId: string }> {
  return internalApi.request({
    method: 'POST',
    path: '/api/v1/auth/sessions',
    body: session,
    schema: ZCreatedSessionSchema,
  });
}

/** POST /api/v1/auth/sign-out — ends the API's session row (the `sid` of the cookie sent). */
export async function revokeCurrentSession(api: ApiClient): Promise<void> {
  await api.request({ method: 'POST', path: '/api/v1/auth/sign-out', schema: ZNoContentSchema });
}

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
    schema: ZPasswordResetAcceptedSchema,
  });
}

/** POST /api/v1/auth/password-reset/confirm — sets a new password with the emailed token (once). */
export async function confirmPasswordReset(api: ApiClient, token: string, password: string): Promise<void> {
  await api.request({
    method: 'POST',
    path: '/api/v1/auth/password-reset/confirm',
    body: { token, password },
    schema: ZNoContentSchema,
  });
}

/** GET /api/v1/me — the caller, the org in effect and every membership (org switcher). */
export function getMe(api: ApiClient): Promise<Me> {
  return api.request({ path: '/api/v1/me', schema: ZMeSchema });
}

/** POST /api/v1/invites/inspect — what an invite link offers; null when the token is unknown. */
export function inspectInvite(api: ApiClient, token: string): Promise<InviteOffer | null> {
  return api
    .request({ method: 'POST', path: '/api/v1/invites/inspect', body: { token }, schema: ZInviteOfferSchema })
    .catch(nullOn<InviteOffer>([400, 404]));
}

/** POST /api/v1/invites/accept — joins the signed-in user to the invite's organisation. */
export function acceptInvite(api: ApiClient, token: string): Promise<AcceptedInvite> {
  return api.request({
    method: 'POST',
    path: '/api/v1/invites/accept',
    body: { token },
    schema: ZAcceptedInviteSchema,
  });
}
