import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

/**
 * Bearer secrets (API tokens, enrolment tokens, host credentials, sign-in device tokens and
 * unlock links): 256 random bits with a
 * recognisable prefix (so secret scanners and people can tell them apart). Only the
 * SHA-256 is stored: the secret has full entropy, so a slow hash would add nothing.
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

/** Passwords are low-entropy: argon2id with OWASP's minimum (19 MiB, t=2, p=1). */
export function hashPassword(password: string): Promise<string> {
  return hash(password, { memoryCost: 19_456, timeCost: 2, parallelism: 1 });
}

export function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  return verify(passwordHash, password).catch(() => false);
}

/** A human-typable generated password (e.g. the embedded demo admin's). */
export function generatePassword(): string {
  return randomBytes(18).toString('base64url');
}
