import { type LogQuery, queryContainerLogs } from '@berth/db/queries';
import { z } from 'zod';
import type { Principal } from '../../auth/principal.js';
import type { ApiContext } from '../../context.js';
import { inOrg } from '../in-org.js';
import { decodeCursor, pageOf } from '../pagination.js';
import { hostScopeOf } from './host-scope.js';
import { iso } from './iso.js';
import { requireVisibleContainer } from './require-visible.js';

export type LogListInput = Omit<LogQuery, 'orgId' | 'after'> & { cursor?: string | undefined };

const ZLogCursorSchema = z.object({
  o: z.enum(['asc', 'desc']),
  ts: z.iso.datetime(),
  b: z.string().regex(/^\d{1,19}$/),
  l: z.int().min(0),
});

/** A page of a container's stored logs, newest (or oldest) first, dropped-line markers included. */
export async function listContainerLogs(ctx: ApiContext, principal: Principal, input: LogListInput) {
  const cursor = decodeCursor(
    ZLogCursorSchema.refine((c) => c.o === input.order),
    input.cursor,
  );
  const rows = await inOrg(ctx, principal, async (tx) => {
    const scope = await hostScopeOf(tx, principal);
    await requireVisibleContainer(tx, {
      orgId: principal.orgId,
      scope,
      hostId: input.hostId,
      containerId: input.containerId,
    });
    return queryContainerLogs(tx, {
      ...input,
      orgId: principal.orgId,
      after: cursor ? { ts: cursor.ts, batchSeq: cursor.b, lineNo: cursor.l } : null,
    });
  });
  return pageOf(
    rows,
    input.limit,
    (row) => ({ o: input.order, ts: row.key.ts, b: row.key.batchSeq, l: row.key.lineNo }),
    (row) => ({ ts: iso(row.ts), stream: row.stream, line: row.line, dropped: row.dropped }),
  );
}
