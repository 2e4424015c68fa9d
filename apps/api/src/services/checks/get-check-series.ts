import type { CheckSeries, CheckSeriesQuery } from '@berth/api-contract';
import { queryCheckSeries } from '@berth/db/queries';
import type { Principal } from '../../auth/principal.js';
import type { ApiContext } from '../../context.js';
import { hostScopeOf } from '../fleet/host-scope.js';
import { iso } from '../fleet/iso.js';
import { planSeriesWindow, RESOLUTIONS } from '../fleet/plan-series-window.js';
import { inOrg } from '../in-org.js';
import { requireCheck } from './require-check.js';

const DAY_MS = 86_400_000;

/** The check tables' retention bounds an explicit resolution: raw 31 days, 1-minute rows 8. */
const CHECK_RESOLUTIONS: typeof RESOLUTIONS = {
  raw: { ...RESOLUTIONS.raw, maxRangeMs: 31 * DAY_MS },
  '1m': { ...RESOLUTIONS['1m'], maxRangeMs: 8 * DAY_MS },
  '1h': RESOLUTIONS['1h'],
};

/** One check's latency chart over the requested range (resolution chosen from the range). */
export async function getCheckSeries(
  ctx: ApiContext,
  principal: Principal,
  checkId: string,
  query: CheckSeriesQuery,
): Promise<CheckSeries> {
  const window = planSeriesWindow(
    { from: query.from, to: query.to, stepSeconds: query.step, resolution: query.resolution },
    CHECK_RESOLUTIONS,
  );
  const series = await inOrg(ctx, principal, async (tx) => {
    const scope = await hostScopeOf(tx, principal);
    const check = await requireCheck(tx, { orgId: principal.orgId, scope, checkId });
    return queryCheckSeries(tx, { orgId: principal.orgId, hostId: check.hostId, checkId }, window);
  });
  return {
    resolution: window.resolution,
    from: iso(window.from),
    to: iso(window.to),
    stepSeconds: window.binSeconds,
    ...series,
  };
}
