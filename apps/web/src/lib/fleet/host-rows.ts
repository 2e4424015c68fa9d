import type { Host, Overview } from '@berth/api-contract';
import { type LabelSelector, matchesLabels } from './label-selector';

/** Points kept per host for the table's sparklines (samples arrive every ~10 s: 10 minutes). */
export const TREND_POINTS = 60;

/** A host as the fleet table shows it: the API's host plus the recent trend from the live stream. */
export type HostRow = Host & { cpuTrend: number[]; memTrend: number[] };

export type HostStatus = 'online' | 'offline' | 'pending' | 'revoked';

export function hostStatus(host: Pick<Host, 'status' | 'revokedAt'>): HostStatus {
  return host.revokedAt ? 'revoked' : host.status;
}

export function toHostRow(host: Host, previous?: HostRow): HostRow {
  const seed = (value: number | undefined) => (value === undefined ? [] : [value]);
  return {
    ...host,
    cpuTrend: previous?.cpuTrend ?? seed(host.latest?.cpuPct),
    memTrend: previous?.memTrend ?? seed(memPercent(host)),
  };
}

/** Memory in use as a share of the host's memory, or undefined without a reading. */
export function memPercent(host: Pick<Host, 'latest'>): number | undefined {
  const latest = host.latest;
  if (!latest || latest.memTotal <= 0) return undefined;
  return (latest.memUsed / latest.memTotal) * 100;
}

export type HostFilter = { words: string[]; labels: LabelSelector[]; status: HostStatus | 'all' };

export function filterHosts<T extends HostRow>(hosts: readonly T[], filter: HostFilter): readonly T[] {
  if (!filter.words.length && !filter.labels.length && filter.status === 'all') return hosts;
  return hosts.filter((host) => {
    if (filter.status !== 'all' && hostStatus(host) !== filter.status) return false;
    if (!matchesLabels(host.labels, filter.labels)) return false;
    if (!filter.words.length) return true;
    const text = `${host.name} ${host.hostname} ${host.agentVersion ?? ''}`.toLowerCase();
    return filter.words.every((word) => text.includes(word));
  });
}

export const HOST_SORTS = ['name', 'status', 'cpu', 'memory', 'containers', 'lastSeen', 'agent'] as const;
export type HostSort = (typeof HOST_SORTS)[number];
export type SortOrder = 'asc' | 'desc';

const STATUS_RANK: Record<HostStatus, number> = { offline: 0, pending: 1, online: 2, revoked: 3 };

function sortValue(host: HostRow, key: HostSort): number | string | null {
  switch (key) {
    case 'name':
      return host.name.toLowerCase();
    case 'status':
      return STATUS_RANK[hostStatus(host)];
    case 'cpu':
      return host.latest?.cpuPct ?? null;
    case 'memory':
      return memPercent(host) ?? null;
    case 'containers':
      return host.containers.total;
    case 'lastSeen':
      return host.lastSeenAt ? Date.parse(host.lastSeenAt) : null;
    case 'agent':
      return host.agentVersion;
  }
}

/** A sorted copy; hosts without a value go last in either order, ties by name. */
export function sortHosts<T extends HostRow>(hosts: readonly T[], key: HostSort, order: SortOrder): T[] {
  const sign = order === 'asc' ? 1 : -1;
  return hosts
    .map((host) => ({ host, value: sortValue(host, key) }))
    .sort((a, b) => {
      if (a.value === null || b.value === null) {
        if (a.value !== b.value) return a.value === null ? 1 : -1;
      } else if (a.value !== b.value) {
        return (a.value < b.value ? -1 : 1) * sign;
      }
      return a.host.name.localeCompare(b.host.name);
    })
    .map((entry) => entry.host);
}

export type FleetTotals = {
  hosts: Record<HostStatus | 'total', number>;
  containers: Record<'total' | 'running' | 'paused' | 'restarting' | 'exited' | 'other', number>;
  /** Hosts whose agent has a newer version available. */
  outdatedAgents: number;
};

/** The numbers at the top of the fleet page, from the hosts themselves (so they move live). */
export function fleetTotals(hosts: readonly HostRow[]): FleetTotals {
  const totals: FleetTotals = {
    hosts: { total: 0, online: 0, offline: 0, pending: 0, revoked: 0 },
    containers: { total: 0, running: 0, paused: 0, restarting: 0, exited: 0, other: 0 },
    outdatedAgents: 0,
  };
  for (const host of hosts) {
    totals.hosts.total++;
    totals.hosts[hostStatus(host)]++;
    if (host.agentUpdateAvailable) totals.outdatedAgents++;
    const counts = host.containers;
    totals.containers.total += counts.total;
    totals.containers.running += counts.running;
    totals.containers.paused += counts.paused;
    totals.containers.restarting += counts.restarting;
    totals.containers.exited += counts.exited;
    totals.containers.other += counts.created + counts.dead + counts.removing;
  }
  return totals;
}

/** The same numbers from GET /api/v1/overview, shown while the hosts are still loading. */
export function overviewTotals(overview: Pick<Overview, 'hosts' | 'containers'>): FleetTotals {
  const state = (name: string) => overview.containers.byState[name] ?? 0;
  const running = state('running');
  const paused = state('paused');
  const restarting = state('restarting');
  const exited = state('exited');
  return {
    hosts: { ...overview.hosts },
    containers: {
      total: overview.containers.total,
      running,
      paused,
      restarting,
      exited,
      other: Math.max(0, overview.containers.total - running - paused - restarting - exited),
    },
    outdatedAgents: 0,
  };
}
