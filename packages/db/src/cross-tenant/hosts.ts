import type pg from 'pg';
import type { Queryable } from '../queryable.js';
import { setScopeOn } from '../scope-sql.js';
import { withScopeClient } from '../with-org-client.js';

// On node-postgres, not Prisma: the gateway calls these and never loads the Prisma client.

export type HostIdentity = { hostId: string; orgId: string; revoked: boolean; lastSeq: bigint };

/** A host credential's hash → its host and organisation (revoked ones too, to refuse them by name). */
export async function crossTenantAuthenticateHost(
  db: Queryable,
  credentialHash: string,
): Promise<HostIdentity | null> {
  const { rows } = await db.query<{ host_id: string; org_id: string; revoked: boolean; last_seq: string }>(
    'SELECT * FROM cross_tenant.authenticate_host($1)',
    [credentialHash],
  );
  const row = rows[0];
  // bigint arrives as text from node-postgres.
  return row
    ? { hostId: row.host_id, orgId: row.org_id, revoked: row.revoked, lastSeq: BigInt(row.last_seq) }
    : null;
}

export type EnrollmentOutcome =
  | { status: 'ok'; tokenId: string; orgId: string; labels: Record<string, string> }
  | { status: 'unknown' | 'expired' | 'revoked' | 'exhausted' };

/** Takes one use of an enrolment token inside the caller's transaction (or on its own). */
export async function crossTenantConsumeEnrollmentToken(
  db: Queryable,
  tokenHash: string,
): Promise<EnrollmentOutcome> {
  const { rows } = await db.query<{
    status: string;
    token_id: string | null;
    org_id: string | null;
    labels: Record<string, string> | null;
  }>('SELECT * FROM cross_tenant.consume_enrollment_token($1)', [tokenHash]);
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

const INSERT_HOST = `
  INSERT INTO hosts (org_id, enrollment_token_id, labels, name, hostname, agent_version, os, kernel,
    arch, cpus, mem_total, docker_version, credential_hash)
  VALUES ($1, $2, $3::jsonb, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
  RETURNING id`;

/**
 * Exchanges an enrolment token for a host, in one transaction: the token's use is taken
 * only if the host row is created, and the host lands in the token's organisation with
 * the token's labels.
 */
export async function crossTenantEnrolHost(
  pool: pg.Pool,
  tokenHash: string,
  host: EnrolHostData,
): Promise<EnrolHostOutcome> {
  return withScopeClient(pool, {}, async (client) => {
    const outcome = await crossTenantConsumeEnrollmentToken(client, tokenHash);
    if (outcome.status !== 'ok') return { status: outcome.status };
    await setScopeOn(client, { orgId: outcome.orgId });
    const { rows } = await client.query<{ id: string }>(INSERT_HOST, [
      outcome.orgId,
      outcome.tokenId,
      JSON.stringify(outcome.labels),
      host.name,
      host.hostname,
      host.agentVersion ?? null,
      host.os ?? null,
      host.kernel ?? null,
      host.arch ?? null,
      host.cpus ?? null,
      host.memTotal === undefined ? null : String(host.memTotal),
      host.dockerVersion ?? null,
      host.credentialHash,
    ]);
    const created = rows[0];
    if (!created) throw new Error('INSERT INTO hosts returned no row');
    return { status: 'ok', hostId: created.id, orgId: outcome.orgId };
  });
}
