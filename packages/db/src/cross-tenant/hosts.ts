import type { Db } from '../client.js';
import { setScope } from '../scope-sql.js';

export type HostIdentity = { hostId: string; orgId: string; revoked: boolean; lastSeq: bigint };

/** A host credential's hash → its host and organisation (revoked ones too, to refuse them by name). */
export async function crossTenantAuthenticateHost(
  db: Db,
  credentialHash: string,
): Promise<HostIdentity | null> {
  const rows = await db.$queryRaw<{ host_id: string; org_id: string; revoked: boolean; last_seq: bigint }[]>`
    SELECT * FROM cross_tenant.authenticate_host(${credentialHash})`;
  const row = rows[0];
  return row ? { hostId: row.host_id, orgId: row.org_id, revoked: row.revoked, lastSeq: row.last_seq } : null;
}
export type EnrollmentOutcome =
  | { status: 'ok'; tokenId: string; orgId: string; labels: Record<string, string> }
  | { status: 'unknown' | 'expired' | 'revoked' | 'exhausted' };

/** Takes one use of an enrolment token inside the caller's transaction (`db` may be a tx). */
export async function crossTenantConsumeEnrollmentToken(
  db: Pick<Db, '$queryRaw'>,
  tokenHash: string,
): Promise<EnrollmentOutcome> {
  const rows = await db.$queryRaw<
    {
      status: string;
      token_id: string | null;
      org_id: string | null;
      labels: Record<string, string> | null;
    }[]
  >`SELECT * FROM cross_tenant.consume_enrollment_token(${tokenHash})`;
  const row = rows[0];
  if (row?.status === 'ok' && row.token_id && row.org_id) {
    return { status: 'ok', tokenId: row.token_id, orgId: row.org_id, labels: row.labels ?? {} };
  }
  const status = row?.status;
  return {
    status: status === 'expired' || status === 'revoked' || status === 'exhausted' ? status : 'unknown',
  };
}

export type EnrolHostData = {
  name: string;
  hostname: string;
  agentVersion?: string | undefined;
  os?: string | undefined;
  kernel?: string | undefined;
  arch?: string | undefined;
  cpus?: number | undefined;
  memTotal?: bigint | undefined;
  dockerVersion?: string | null | undefined;
  credentialHash: string;
};

export type EnrolHostOutcome =
  | { status: 'ok'; hostId: string; orgId: string }
  | { status: 'unknown' | 'expired' | 'revoked' | 'exhausted' };

/**
 * Exchanges an enrolment token for a host, in one transaction: the token's use is taken
 * only if the host row is created, and the host lands in the token's organisation with
 * the token's labels.
 */
export async function crossTenantEnrolHost(
  db: Db,
  tokenHash: string,
  host: EnrolHostData,
): Promise<EnrolHostOutcome> {
  return db.$transaction(async (tx) => {
    const outcome = await crossTenantConsumeEnrollmentToken(tx, tokenHash);
    if (outcome.status !== 'ok') return { status: outcome.status };
    await setScope(tx, { orgId: outcome.orgId });
    const created = await tx.host.create({
      data: { ...host, orgId: outcome.orgId, labels: outcome.labels, enrollmentTokenId: outcome.tokenId },
      select: { id: true },
    });
    return { status: 'ok', hostId: created.id, orgId: outcome.orgId };
  });
}
