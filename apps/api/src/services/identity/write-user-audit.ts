import type { Tx, UserMembership } from '@berth/db';
import type { FastifyRequest } from 'fastify';
import { type AuditEntry, writeAudit } from '../audit/write-audit.js';

/**
 * A user's own security events (password, sessions, sign-in links) concern every
 * organisation they belong to: one audit row in each, in the caller's transaction. Each
 * insert runs under that org's context (row-level security checks every row); the
 * transaction is left with no org afterwards.
 */
export async function writeUserAudit(
  tx: Tx,
  userId: string,
  memberships: readonly UserMembership[],
  request: FastifyRequest,
  entry: AuditEntry,
): Promise<void> {
  for (const membership of memberships) {
    await tx.$executeRaw`SELECT set_config('app.org_id', ${membership.orgId}, true)`;
    await writeAudit(
      tx,
      { kind: 'user', userId, orgId: membership.orgId, role: membership.role },
      request,
      entry,
    );
  }
  await tx.$executeRaw`SELECT set_config('app.org_id', '', true)`;
}
