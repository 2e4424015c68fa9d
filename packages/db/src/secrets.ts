import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Bearer secrets (API tokens, enrolment tokens, host credentials, sign-in device tokens and
 * unlock links): 256 random bits with a
 * recognisable prefix (so secret scanners and people can tell them apart). Only the
 * SHA-256 is stored: the secret has full entropy, so a slow hash would add nothing.
 * Passwords, which are not, are in passwords.ts.
 */
export type SecretKind = 'api' | 'enrol' | 'host' | 'device' | 'unlock';

export type IssuedSecret = { secret: string; hash: string; prefix: string };

export function issueSecret(kind: SecretKind): IssuedSecret {
  const secret = `berth_${kind}_${randomBytes(32).toString('base64url')}`;
  return { secret, hash: hashSecret(secret), prefix: secret.slice(0, `berth_${kind}_`.length + 6) };
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export function secretsEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
