import { type Alert, type ZAlertListQuerySchema, ZTimeUuidCursorSchema } from '@berth/api-contract';
import type { Prisma } from '@berth/db';
import type { z } from 'zod';
import type { Principal } from '../../../auth/principal.js';
import type { ApiContext } from '../../../context.js';
import { inOrg } from '../../in-org.js';
import { decodeCursor, type Page, pageOf } from '../../pagination.js';
import { visibleAlertFilter } from './alert-scope.js';
import { ALERT_RULE_SELECT, alertContextOf, alertView } from './alert-view.js';

type ListQuery = z.output<typeof ZAlertListQuerySchema>;

/**
 * Alerts newest first by when they began (pending_since, id), open ones (pending + firing)
 * unless `state` says otherwise; keyset pages like every other list.
 */
export async function listAlerts(
  ctx: ApiContext,
  principal: Principal,
  query: ListQuery,
): Promise<Page<Alert>> {
  const after = decodeCursor(ZTimeUuidCursorSchema, query.cursor);
  const states = query.state.length > 0 ? query.state : (['pending', 'firing'] as const);
  const where: Prisma.AlertWhereInput[] = [{ state: { in: [...states] } }];
  if (query.severity.length > 0) where.push({ severity: { in: [...query.severity] } });
  if (query.ruleId) where.push({ ruleId: query.ruleId });
  if (query.hostId) where.push({ hostId: query.hostId });
  if (query.containerName) where.push({ containerName: query.containerName });
  if (after) {
    const pendingSince = new Date(after[0]);
    where.push({ OR: [{ pendingSince: { lt: pendingSince } }, { pendingSince, id: { lt: after[1] } }] });
  }
  return inOrg(ctx, principal, async (tx) => {
    const rows = await tx.alert.findMany({
      where: { AND: [...where, await visibleAlertFilter(tx, principal)] },
      include: ALERT_RULE_SELECT,
      orderBy: [{ pendingSince: 'desc' }, { id: 'desc' }],
      take: query.limit + 1,
    });
    const context = await alertContextOf(tx, rows.slice(0, query.limit));
    return pageOf(
      rows,
      query.limit,
      (row) => [row.pendingSince.toISOString(), row.id],
      (row) => alertView(row, context),
    );
  });
}
