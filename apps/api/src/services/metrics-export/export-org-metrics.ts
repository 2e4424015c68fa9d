import type { PrometheusQuery } from '@berth/api-contract';
import {
  countPrometheusContainers,
  type PrometheusSelection,
  queryPrometheusAlertRules,
  queryPrometheusChecks,
  queryPrometheusContainers,
  queryPrometheusHosts,
  queryPrometheusUpdates,
} from '@berth/db/queries';
import { AppError } from '@berth/http';
import type { Principal } from '../../auth/principal.js';
import type { ApiContext } from '../../context.js';
import { hostScopeOf } from '../fleet/host-scope.js';
import { inOrg } from '../in-org.js';
import { SERIES_PER_CHECK } from './check-families.js';
import { SERIES_PER_CONTAINER } from './container-families.js';
import type { ExpositionFormat } from './exposition-format.js';
import { SERIES_PER_FILESYSTEM, SERIES_PER_HOST } from './host-families.js';
import { type Exposition, renderExposition } from './render-exposition.js';
import { resolveGroups } from './resolve-groups.js';

/** Samples older than Prometheus's default lookback (5 min) would show as current: not exported. */
export const FRESH_MS = 5 * 60_000;

/**
 * The caller's organisation (what their host scope lets them see, narrowed by the query's
 * filters) in one tenant transaction: hosts, a count of the containers against the series
 * cap, then the containers with their newest samples — refused with 422 before any container
 * row is read when the cap would be passed.
 */
export async function exportOrgMetrics(
  ctx: ApiContext,
  principal: Principal,
  query: PrometheusQuery,
  format: ExpositionFormat,
  now = Date.now(),
): Promise<Exposition> {
  const maxSeries = ctx.settings.prometheusMaxSeries ?? DEFAULT_MAX_SERIES;
  const input = await inOrg(ctx, principal, async (tx) => {
    const selection: PrometheusSelection = {
      scope: await hostScopeOf(tx, principal),
      hostId: query.host,
      hostLabels: query.host_label,
      groupIds: await resolveGroups(tx, principal.orgId, query.group),
      since: new Date(now - FRESH_MS),
      // The ingest accepts samples up to an hour ahead (clock skew): so does the export.
      until: new Date(now + 3_600_000),
    };
    const hosts = await queryPrometheusHosts(tx, principal.orgId, selection);
    const counts = await countPrometheusContainers(tx, principal.orgId, selection);
    const rules = await queryPrometheusAlertRules(tx, principal.orgId, selection.scope);
    const checks = await queryPrometheusChecks(tx, principal.orgId, selection);
    const updates = await queryPrometheusUpdates(tx, principal.orgId, selection);
    const certificates = checks.filter((check) => check.certExpiresAt !== null).length;
    const filesystems = hosts.reduce((sum, host) => sum + (host.disks?.length ?? 0), 0);
    const series =
      counts.containers * SERIES_PER_CONTAINER +
      hosts.length * SERIES_PER_HOST +
      filesystems * SERIES_PER_FILESYSTEM +
      1 +
      rules.length +
      checks.length * SERIES_PER_CHECK +
      certificates +
      updates.length;
    if (series > maxSeries) throw tooManySeries(maxSeries, series);
    const containers = await queryPrometheusContainers(tx, principal.orgId, selection);
    return { hosts, containers, alertsFiring: counts.alertsFiring, rules, checks, updates };
  });
  return renderExposition(input, format);
}

export const DEFAULT_MAX_SERIES = 500_000;

function tooManySeries(cap: number, series: number): AppError {
  return new AppError(
    'unprocessable',
    `this scrape would return ${series} series, over the organisation's cap of ${cap} (PROMETHEUS_MAX_SERIES): ` +
      'split it into several scrape jobs with ?host_label=key=value, ?group=<group> or ?host=<host id>',
    { cap, series, hint: 'filter by host_label, group or host (docs/prometheus.md, "Sharding")' },
  );
}
