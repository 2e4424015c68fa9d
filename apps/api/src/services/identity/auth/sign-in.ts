import { addressBucket } from '@berth/config';
import {
  crossTenantBeginPasswordSignIn,
  crossTenantFinishPasswordSignIn,
  hashPassword,
  hashSecret,
  issueSecret,
  type PasswordSignInAttempt,
  verifyPassword,
} from '@berth/db';
import { AppError } from '@berth/http';
import type { FastifyRequest } from 'fastify';
import type { ApiContext } from '../../../context.js';
import { readSignedInUser, type SignedInUser } from '../read-signed-in-user.js';
import { notifySignInBurst } from './notify-sign-in-burst.js';

/** One message for every wrong answer: it must not tell whether the account exists. */
export const SIGN_IN_REFUSED = 'e-mail or password is incorrect';

/** How long a device token (the console's `berth-device` cookie) keeps a browser known. */
export const DEVICE_TTL_MS = 365 * 86_400_000;

export type PasswordSignIn = SignedInUser & { device: { token: string; expiresAt: string } };

let dummyHash: Promise<string> | undefined;

/** Checked instead when there is no password to check, so the answer takes as long. */
function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword(issueSecret('unlock').secret);
  return dummyHash;
}

/**
 * E-mail + password → the user, their organisations and a fresh device token; or one
 * generic 401; or 429 while the sign-in throttle holds this client back (see
 * cross_tenant.begin_password_sign_in and docs/security.md). Nothing ever locks the
 * account: failures slow down the client that makes them, and clients the account never
 * signed in from share one slow budget, so the owner's own browser or address still gets in.
 * Unknown accounts cost one argon2 verification like known ones, so timing tells nothing.
 */
export async function signIn(
  ctx: ApiContext,
  request: FastifyRequest,
  input: { email: string; password: string; device?: string | undefined },
): Promise<PasswordSignIn> {
  const client = {
    addressKey: addressBucket(request.clientAddress),
    deviceHash: input.device ? hashSecret(input.device) : undefined,
  };
  const unlock = issueSecret('unlock');
  const attempt = await crossTenantBeginPasswordSignIn(ctx.db, input.email, client, unlock.hash);
  if (attempt.status === 'throttled') {
    if (attempt.notify) notifySignInBurst(ctx, request, attempt.notify, unlock.secret);
    throw throttled(attempt);
  }
  const verified = await verifyPassword(attempt.passwordHash ?? (await dummyPasswordHash()), input.password);
  if (!verified || !attempt.userId) throw new AppError('unauthorised', SIGN_IN_REFUSED);
  const device = issueSecret('device');
  await crossTenantFinishPasswordSignIn(
    ctx.db,
    attempt.userId,
    { ...client, known: attempt.known },
    device.hash,
  );
  return {
    ...(await readSignedInUser(ctx, attempt.userId)),
    device: { token: device.secret, expiresAt: new Date(Date.now() + DEVICE_TTL_MS).toISOString() },
  };
}

function throttled(attempt: Extract<PasswordSignInAttempt, { status: 'throttled' }>): AppError {
  const wait = `try again in ${attempt.retryAfterS} s`;
  const message =
    attempt.limitedBy === 'client'
      ? `too many failed sign-ins for this account from this address or browser; ${wait}`
      : `too many sign-ins for this account from unfamiliar places; ${wait}, from a browser or address that signed in before, or with the link e-mailed to the account`;
  return new AppError('rate_limited', message, {
    retryAfterS: attempt.retryAfterS,
    limitedBy: attempt.limitedBy,
  });
}
