import { queryFleetOverview } from '@berth/db/queries';
import type { Principal } from '../../auth/principal.js';
import type { ApiContext } from '../../context.js';
import { inOrg } from '../in-org.js';
import { hostScopeOf } from './host-scope.js';

/** Counts, the busiest containers and totals of the caller's (visible) fleet. */
export async function getOverview(ctx: ApiContext, principal: Principal) {
  const overview = await inOrg(ctx, principal, async (tx) =>
    queryFleetOverview(tx, principal.orgId, await hostScopeOf(tx, principal)),
  );
  const top = (rows: typeof overview.topCpu) =>
    rows.map((row) => ({ ...row, sampledAt: new Date(row.sampledAt).toISOString() }));
  return { ...overview, topCpu: top(overview.topCpu), topMemory: top(overview.topMemory) };
}
