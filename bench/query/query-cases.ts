import type { Prisma } from '@berth/db';
import {
  containerSeriesSql,
  fleetOverviewSql,
  listContainersSql,
  type SeriesWindow,
} from '@berth/db/queries';

/** One measured request: the API call and the SQL the API runs for it (the baseline). */
export type QueryCase = {
  name: string;
  url: string;
  /** The statement of the same query; charts take the window the API planned (from a response). */
  sql(plan: unknown): Prisma.Sql;
};

export type SampledContainer = { hostId: string; containerId: string };

const DAY = 86_400_000;

type MetricsResponse = {
  resolution: SeriesWindow['resolution'];
  from: string;
  to: string;
  stepSeconds: number;
};

function chartCase(
  name: string,
  orgId: string,
  target: SampledContainer,
  spanMs: number,
  now: Date,
): QueryCase {
  const from = new Date(now.getTime() - spanMs).toISOString();
  return {
    name,
    url: `/api/v1/hosts/${target.hostId}/containers/${target.containerId}/metrics?from=${from}&to=${now.toISOString()}`,
    sql(plan) {
      // The API's plan for this span (resolution and bin width), aligned the same way.
      const { resolution, stepSeconds } = plan as MetricsResponse;
      const binMs = stepSeconds * 1000;
      return containerSeriesSql(
        { orgId, ...target },
        {
          resolution,
          from: new Date(Math.floor((now.getTime() - spanMs) / binMs) * binMs),
          to: now,
          binSeconds: stepSeconds,
        },
      );
    },
  };
}

export function chart24hCase(orgId: string, target: SampledContainer, now: Date): QueryCase {
  return chartCase('chart24h', orgId, target, DAY, now);
}

export function chart30dCase(orgId: string, target: SampledContainer, now: Date): QueryCase {
  return chartCase('chart30d', orgId, target, 30 * DAY, now);
}

export function overviewCase(orgId: string): QueryCase {
  return { name: 'overview', url: '/api/v1/overview', sql: () => fleetOverviewSql(orgId, null) };
}

export function listCase(orgId: string, label: string, sort: 'name' | 'cpu'): QueryCase {
  const [key, value] = label.split('=');
  return {
    name: sort === 'name' ? 'list' : `list_by_${sort}`,
    url: `/api/v1/containers?label=${encodeURIComponent(label)}&sort=${sort}&limit=50`,
    sql: () =>
      listContainersSql({
        orgId,
        scope: null,
        filters: { labels: [{ key: key ?? '', value }] },
        sort,
        order: sort === 'name' ? 'asc' : 'desc',
        after: null,
        limit: 50,
      }),
  };
}
