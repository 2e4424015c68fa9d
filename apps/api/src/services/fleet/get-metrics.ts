import { queryContainerSeries, queryHostSeries } from '@berth/db/queries';
import type { Principal } from '../../auth/principal.js';
import type { ApiContext } from '../../context.js';
import { inOrg } from '../in-org.js';
import { hostScopeOf } from './host-scope.js';
import { iso } from './iso.js';
import { type PlannedWindow, planSeriesWindow, type SeriesRequest } from './plan-series-window.js';
import { requireVisibleContainer, requireVisibleHost } from './require-visible.js';

function windowFields(window: PlannedWindow) {
  return {
    resolution: window.resolution,
    from: iso(window.from),
    to: iso(window.to),
    stepSeconds: window.binSeconds,
  };
}

/** One host's chart columns over the requested range (resolution chosen from the range). */
export async function getHostMetrics(
  ctx: ApiContext,
  principal: Principal,
  hostId: string,
  request: SeriesRequest,
) {
  const window = planSeriesWindow(request);
  const series = await inOrg(ctx, principal, async (tx) => {
    await requireVisibleHost(tx, principal.orgId, await hostScopeOf(tx, principal), hostId);
    return queryHostSeries(tx, { orgId: principal.orgId, hostId }, window);
  });
  return { ...windowFields(window), ...series };
}

/** One container's chart columns over the requested range. */
export async function getContainerMetrics(
  ctx: ApiContext,
  principal: Principal,
  target: { hostId: string; containerId: string },
  request: SeriesRequest,
) {
  const window = planSeriesWindow(request);
  const series = await inOrg(ctx, principal, async (tx) => {
    const scope = await hostScopeOf(tx, principal);
    await requireVisibleContainer(tx, { orgId: principal.orgId, scope, ...target });
    return queryContainerSeries(tx, { orgId: principal.orgId, ...target }, window);
  });
  return { ...windowFields(window), ...series };
}
