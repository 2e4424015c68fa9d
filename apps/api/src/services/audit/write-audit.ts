import type { Prisma, Tx } from '@berth/db';
import type { FastifyRequest } from 'fastify';
import { actingUserId, type Principal } from '../../auth/principal.js';

export type AuditEntry = {
  action: string;
  targetType: string;
  targetId?: string | null;
  details?: Prisma.InputJsonValue;
};

/** Every state-changing call records who, what, target, when and from where — in the same transaction. */
export async function writeAudit(
  tx: Tx,
  principal: Principal,
  request: FastifyRequest,
  entry: AuditEntry,
): Promise<void> {
  await tx.auditLog.create({
    data: {
      orgId: principal.orgId,
      actorUserId: actingUserId(principal),
      actorToken: principal.kind === 'token' ? principal.tokenId : null,
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId ?? null,
      details: entry.details ?? {},
      ip: request.clientAddress || null,
      userAgent: request.headers['user-agent']?.slice(0, 512) ?? null,
    },
  });
}
