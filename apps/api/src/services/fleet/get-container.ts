import { getContainer } from '@berth/db/queries';
import { AppError } from '@berth/http';
import type { Principal } from '../../auth/principal.js';
import type { ApiContext } from '../../context.js';
import { inOrg } from '../in-org.js';
import { hostScopeOf } from './host-scope.js';
import { iso, isoOrNull } from './iso.js';

/** One container's inventory and newest sample; 404 for unknown or invisible ones. */
export async function getContainerView(
  ctx: ApiContext,
  principal: Principal,
  target: { hostId: string; containerId: string },
) {
  const row = await inOrg(ctx, principal, async (tx) =>
    getContainer(tx, { orgId: principal.orgId, scope: await hostScopeOf(tx, principal), ...target }),
  );
  if (!row) throw new AppError('not_found', 'no such container');
  return {
    ...row,
    createdAt: iso(row.createdAt),
    startedAt: isoOrNull(row.startedAt),
    finishedAt: isoOrNull(row.finishedAt),
    removedAt: isoOrNull(row.removedAt),
    updatedAt: iso(row.updatedAt),
    latest: row.latest ? { ...row.latest, ts: iso(row.latest.ts) } : null,
  };
}
