import { join } from 'node:path';
import type { HostFacts } from '@berth/protocol';
import type { Logger } from '../cli/logger.js';
import {
  CREDENTIALS_FILE,
  credentialsTooOpen,
  REVOKED_FILE,
  readCredentials,
  readRevocation,
  writeCredentials,
} from './credentials-store.js';
import { enrolHost } from './enrol-host.js';
import { EnrolmentError } from './enrolment-error.js';

export type EnsureEnrolledOptions = {
  stateDir: string;
  /** From --server; needed only for the first start, optional later. */
  server: string | undefined;
  /** From --token; used once, ignored once the host has a credential. */
  token: string | undefined;
  hostFacts: () => Promise<HostFacts>;
  agentVersion: string;
  log: Logger;
  timeoutMs?: number;
  fetch?: typeof fetch;
};

export type Enrolment = {
  hostId: string;
  credential: string;
  /** The server to connect to: --server if given, else the one the host enrolled with. */
  server: string;
  source: 'stored' | 'enrolled';
};

/**
 * The host's credential: the stored one if this host already enrolled, otherwise a new one
 * obtained with the enrolment token and stored (0600) in the state directory.
 */
export async function ensureEnrolled(options: EnsureEnrolledOptions): Promise<Enrolment> {
  const { stateDir, log } = options;
  const revocation = await readRevocation(stateDir);
  if (revocation) {
    throw new EnrolmentError(
      'revoked',
      `this host was revoked by an administrator at ${revocation.revokedAt} (${revocation.reason || 'no reason given'}); to enrol it again, delete ${join(stateDir, REVOKED_FILE)} and ${join(stateDir, CREDENTIALS_FILE)} and start with a new enrolment token`,
    );
  }
  const stored = await readCredentials(stateDir);
  if (stored) {
    if (options.token) log.info({ hostId: stored.hostId }, 'already enrolled; ignoring the enrolment token');
    if (await credentialsTooOpen(stateDir))
      log.warn({ stateDir }, `${CREDENTIALS_FILE} is readable by other users; chmod 600 it`);
    const server = options.server ?? stored.server;
    if (options.server && options.server !== stored.server) {
      log.warn(
        { enrolledWith: stored.server, server: options.server },
        'connecting to another server than the one this host enrolled with',
      );
    }
    return { hostId: stored.hostId, credential: stored.credential, server, source: 'stored' };
  }
  if (!options.server || !options.token) {
    throw new EnrolmentError(
      'not_enrolled',
      `this host is not enrolled yet (no ${join(stateDir, CREDENTIALS_FILE)}): pass --server and --token (or BERTH_SERVER and BERTH_TOKEN) from the console's "Add host" command`,
    );
  }
  const host = await options.hostFacts();
  const response = await enrolHost({
    server: options.server,
    token: options.token,
    host,
    userAgent: `berth-agent/${options.agentVersion}`,
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  await writeCredentials(stateDir, {
    hostId: response.hostId,
    credential: response.credential,
    server: options.server,
    enrolledAt: new Date().toISOString(),
  });
  log.info({ hostId: response.hostId, server: options.server }, 'enrolled this host');
  return {
    hostId: response.hostId,
    credential: response.credential,
    server: options.server,
    source: 'enrolled',
  };
}
