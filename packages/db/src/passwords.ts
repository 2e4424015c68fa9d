import { randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

// Apart from secrets.ts so that the gateway, which handles bearer secrets only, never loads
// the argon2 native module.

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
