import type { ExecSession } from '@berth/api-contract';
import type { Principal } from '../../auth/principal.js';
import type { ApiContext } from '../../context.js';
import { visibleHostFilter } from '../identity/visible-host-filter.js';
import { inOrg } from '../in-org.js';
import { type Page, type PageQuery, pageByCreation } from '../pagination.js';
import { endAbandonedExecSessions } from './end-abandoned-exec-sessions.js';
import { EXEC_SESSION_COLUMNS, toExecSessionView } from './exec-session-view.js';

/** The org's exec sessions on hosts the caller may see, newest first. */
export async function listExecSessions(
  ctx: ApiContext,
  principal: Principal,
  query: PageQuery & { hostId?: string | undefined },
): Promise<Page<ExecSession>> {
  await endAbandonedExecSessions(ctx);
  const paging = pageByCreation(query, 'desc');
  const rows = await inOrg(ctx, principal, async (tx) =>
    tx.execSession.findMany({
      where: {
        ...paging.where,
        ...(query.hostId ? { hostId: query.hostId } : {}),
        host: await visibleHostFilter(tx, principal),
      },
      orderBy: paging.orderBy,
      take: paging.take,
      select: EXEC_SESSION_COLUMNS,
    }),
  );
  return paging.page(rows, toExecSessionView);
}
