import { type Tx, type UserMembership, withEachOrgOfUser } from '@berth/db';
import type { FastifyRequest } from 'fastify';
import { type AuditEntry, writeAudit } from '../audit/write-audit.js';

/**
 * A user's own security events (password, sessions, sign-in links) concern every
 * organisation they belong to: one audit row in each, in the caller's `inUser` transaction,
 * each written under that org's scope (row-level security checks every row).
 */
export async function writeUserAudit(
  tx: Tx,
  userId: string,
  memberships: readonly UserMembership[],
  request: FastifyRequest,
  entry: AuditEntry,
): Promise<void> {
  await withEachOrgOfUser(tx, userId, memberships, ({ orgId, role }) =>
    writeAudit(tx, { kind: 'user', userId, orgId, role }, request, entry),
  );
}
