import { mkdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import * as z from 'zod/mini';
import { isNotFound } from '../spool/spool-meta.js';
import { writeFileAtomic } from '../spool/write-file-atomic.js';
import { EnrolmentError } from './enrolment-error.js';

export const CREDENTIALS_FILE = 'credentials.json';
export const REVOKED_FILE = 'revoked.json';

export const ZStoredCredentialsSchema = z.object({
  hostId: z.uuid(),
  credential: z.string().check(z.minLength(1)),
  server: z.string().check(z.minLength(1)),
  enrolledAt: z.string(),
});
export type StoredCredentials = z.infer<typeof ZStoredCredentialsSchema>;

export const ZRevocationSchema = z.object({
  hostId: z.optional(z.string()),
  revokedAt: z.string(),
  /** The gateway's close reason. */
  reason: z.string(),
});
export type Revocation = z.infer<typeof ZRevocationSchema>;

export async function readCredentials(stateDir: string): Promise<StoredCredentials | undefined> {
  const path = join(stateDir, CREDENTIALS_FILE);
  const text = await readIfExists(path);
  if (text === undefined) return undefined;
  const parsed = ZStoredCredentialsSchema.safeParse(safeJson(text));
  if (!parsed.success) {
    throw new EnrolmentError(
      'corrupt_credentials',
      `${path} is unreadable; remove it and enrol again with a new enrolment token`,
    );
  }
  return parsed.data;
}

/** Mode 0600 from the moment the file exists: the credential is as good as a password. */
export async function writeCredentials(stateDir: string, credentials: StoredCredentials): Promise<void> {
  await mkdir(stateDir, { recursive: true, mode: 0o700 });
  await writeFileAtomic(join(stateDir, CREDENTIALS_FILE), `${JSON.stringify(credentials, null, 2)}\n`, {
    mode: 0o600,
  });
}

/** True when others than the owner can read the credential file. */
export async function credentialsTooOpen(stateDir: string): Promise<boolean> {
  const info = await stat(join(stateDir, CREDENTIALS_FILE));
  return (info.mode & 0o077) !== 0;
}

/**
 * Remembers that the gateway revoked this host (4003), so a restart does not quietly re-enrol it
 * with a still-valid token from the environment. Only an operator removing the file undoes it.
 */
export async function recordRevocation(stateDir: string, revocation: Revocation): Promise<void> {
  await mkdir(stateDir, { recursive: true, mode: 0o700 });
  await writeFileAtomic(join(stateDir, REVOKED_FILE), `${JSON.stringify(revocation, null, 2)}\n`, {
    mode: 0o600,
  });
}

export async function readRevocation(stateDir: string): Promise<Revocation | undefined> {
  const text = await readIfExists(join(stateDir, REVOKED_FILE));
  if (text === undefined) return undefined;
  const parsed = ZRevocationSchema.safeParse(safeJson(text));
  return parsed.success ? parsed.data : { revokedAt: 'unknown', reason: 'unreadable record' };
}

async function readIfExists(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
