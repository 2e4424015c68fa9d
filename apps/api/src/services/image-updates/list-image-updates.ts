import type { ImageUpdateList, ListImageUpdatesQuery } from '@berth/api-contract';
import { listImageUpdates as queryImageUpdates } from '@berth/db/queries';
import type { Principal } from '../../auth/principal.js';
import type { ApiContext } from '../../context.js';
import { hostScopeOf } from '../fleet/host-scope.js';
import { inOrg } from '../in-org.js';
import { imageUpdateView } from './image-update-view.js';

/** Every image reference the caller's visible hosts run, with its check and containers. */
export async function listImageUpdates(
  ctx: ApiContext,
  principal: Principal,
  query: ListImageUpdatesQuery,
): Promise<ImageUpdateList> {
  const rows = await inOrg(ctx, principal, async (tx) =>
    queryImageUpdates(tx, {
      orgId: principal.orgId,
      scope: await hostScopeOf(tx, principal),
      status: query.status,
    }),
  );
  return { items: rows.map(imageUpdateView) };
}
