import { randomBytes } from 'node:crypto';
import { crossTenantBeginSignIn, crossTenantFinishSignIn, hashPassword, verifyPassword } from '@berth/db';
import { AppError } from '@berth/http';
import type { ApiContext } from '../../../context.js';
import { readSignedInUser, type SignedInUser } from '../read-signed-in-user.js';

/** One message for every refusal: it must not tell whether the account exists or is locked. */
export const SIGN_IN_REFUSED =
  'e-mail or password is incorrect, or the account is locked for a while after repeated failures';

let dummyHash: Promise<string> | undefined;

/**
 * E-mail + password → the user and their organisations, or one generic 401. Five
 * consecutive failures lock the account for 15 minutes (counted in the database, before
 * the password is checked — see cross_tenant.begin_sign_in). Unknown and locked accounts
 * still cost one argon2 verification, so timing does not tell them apart either.
 */
export async function signIn(
  ctx: ApiContext,
  input: { email: string; password: string },
): Promise<SignedInUser> {
  const attempt = await crossTenantBeginSignIn(ctx.db, input.email);
  if (!attempt?.allowed || !attempt.passwordHash) {
    dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
    await verifyPassword(await dummyHash, input.password);
    throw new AppError('unauthorised', SIGN_IN_REFUSED);
  }
  if (!(await verifyPassword(attempt.passwordHash, input.password))) {
    throw new AppError('unauthorised', SIGN_IN_REFUSED);
  }
  await crossTenantFinishSignIn(ctx.db, attempt.userId);
  return readSignedInUser(ctx, attempt.userId);
}
