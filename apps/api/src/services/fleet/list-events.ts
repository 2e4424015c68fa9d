import { type EventQuery, queryContainerEvents } from '@berth/db/queries';
import { z } from 'zod';
import type { Principal } from '../../auth/principal.js';
import type { ApiContext } from '../../context.js';
import { inOrg } from '../in-org.js';
import { decodeCursor, pageOf } from '../pagination.js';
import { hostScopeOf } from './host-scope.js';
import { iso } from './iso.js';

export type EventListInput = Omit<EventQuery, 'orgId' | 'scope' | 'after'> & { cursor?: string | undefined };

const ZEventCursorSchema = z.tuple([
  z.iso.datetime(),
  z.uuid(),
  z.string().max(64),
  z.string().max(1000),
  z.string().regex(/^[0-9a-f]{32}$/),
]);

/** Container events of the organisation, newest first (other orgs' ids simply match nothing). */
export async function listEvents(ctx: ApiContext, principal: Principal, input: EventListInput) {
  const after = decodeCursor(ZEventCursorSchema, input.cursor);
  const rows = await inOrg(ctx, principal, async (tx) =>
    queryContainerEvents(tx, {
      ...input,
      orgId: principal.orgId,
      scope: await hostScopeOf(tx, principal),
      after: after
        ? { ts: after[0], hostId: after[1], containerId: after[2], action: after[3], digest: after[4] }
        : null,
    }),
  );
  return pageOf(
    rows,
    input.limit,
    (row) => [row.key.ts, row.key.hostId, row.key.containerId, row.key.action, row.key.digest],
    ({ key: _key, ts, ...row }) => ({ ...row, ts: iso(ts) }),
  );
}
