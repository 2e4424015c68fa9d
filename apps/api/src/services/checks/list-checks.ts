import type { ListChecksQuery } from '@berth/api-contract';
import { listChecks as queryChecks } from '@berth/db/queries';
import { z } from 'zod';
import type { Principal } from '../../auth/principal.js';
import type { ApiContext } from '../../context.js';
import { hostScopeOf } from '../fleet/host-scope.js';
import { inOrg } from '../in-org.js';
import { decodeCursor, pageOf } from '../pagination.js';
import { checkView } from './check-view.js';

const ZCheckCursorSchema = z.tuple([z.string().min(1).max(256), z.string().min(1).max(63), z.guid()]);

/** Checks of the organisation (those run in the last 7 days), by container name and check name. */
export async function listChecks(ctx: ApiContext, principal: Principal, query: ListChecksQuery) {
  const after = decodeCursor(ZCheckCursorSchema, query.cursor);
  const rows = await inOrg(ctx, principal, async (tx) =>
    queryChecks(tx, {
      orgId: principal.orgId,
      scope: await hostScopeOf(tx, principal),
      hostId: query.hostId,
      containerName: query.containerName,
      status: query.status,
      now: new Date(),
      after,
      limit: query.limit,
    }),
  );
  return pageOf(rows, query.limit, (row) => [row.containerName, row.name, row.id], checkView);
}
