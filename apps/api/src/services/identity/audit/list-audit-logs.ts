import type { AuditEntry } from '@berth/api-contract';
import type { Prisma } from '@berth/db';
import { z } from 'zod';
import type { Principal } from '../../../auth/principal.js';
import type { ApiContext } from '../../../context.js';
import { inOrg } from '../../in-org.js';
import { decodeCursor, type Page, type PageQuery, pageOf } from '../../pagination.js';

export type AuditFilter = {
  action?: string | undefined;
  actorUserId?: string | undefined;
  actorTokenId?: string | undefined;
  targetType?: string | undefined;
  targetId?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
};

export type AuditLogView = AuditEntry;

const ZAuditCursorSchema = z.tuple([z.string().regex(/^\d{1,19}$/)]);

/**
 * The organisation's audit log, newest first (by id: rows are numbered in commit order
 * closely enough, and the id is unique). `action` ending in `.*` matches a family
 * (`member.*`); `from` is inclusive, `to` exclusive.
 */
export async function listAuditLogs(
  ctx: ApiContext,
  principal: Principal,
  query: PageQuery & AuditFilter,
): Promise<Page<AuditLogView>> {
  const after = decodeCursor(ZAuditCursorSchema, query.cursor);
  const where: Prisma.AuditLogWhereInput = {
    ...(query.action
      ? query.action.endsWith('.*')
        ? { action: { startsWith: query.action.slice(0, -1) } }
        : { action: query.action }
      : {}),
    ...(query.actorUserId ? { actorUserId: query.actorUserId } : {}),
    ...(query.actorTokenId ? { actorToken: query.actorTokenId } : {}),
    ...(query.targetType ? { targetType: query.targetType } : {}),
    ...(query.targetId ? { targetId: query.targetId } : {}),
    ...(query.from || query.to ? { createdAt: { gte: query.from, lt: query.to } } : {}),
    ...(after ? { id: { lt: BigInt(after[0]) } } : {}),
  };
  const rows = await inOrg(ctx, principal, (tx) =>
    tx.auditLog.findMany({ where, orderBy: { id: 'desc' }, take: query.limit + 1 }),
  );
  return pageOf(
    rows,
    query.limit,
    (row) => [row.id.toString()],
    (row) => ({
      id: row.id.toString(),
      action: row.action,
      actorUserId: row.actorUserId,
      actorTokenId: row.actorToken,
      targetType: row.targetType,
      targetId: row.targetId,
      details: row.details,
      ip: row.ip,
      userAgent: row.userAgent,
      createdAt: row.createdAt.toISOString(),
    }),
  );
}
