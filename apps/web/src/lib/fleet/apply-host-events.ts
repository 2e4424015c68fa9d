import type { LiveEvent } from '@/lib/api/live-stream';
import { type HostRow, TREND_POINTS } from './host-rows';

export type HostEventsResult = {
  rows: HostRow[];
  /** Hosts whose container counts changed in a way an event cannot say (refetch them). */
  stale: Set<string>;
  /** A host the table does not know yet went live, or the stream reset: reload everything. */
  reload: boolean;
  /**
   * Events the rows cannot take yet because what they concern is being reloaded: apply them
   * again once the reload lands (a reload's answer may predate them, so none may be dropped).
   */
  deferred: LiveEvent[];
};

/** What is being fetched while events arrive: the whole list, or single hosts. */
export type HostReloads = { all: boolean; hosts: ReadonlySet<string> };
export const NO_RELOADS: HostReloads = { all: false, hosts: new Set() };

function pushTrend(trend: number[], value: number): number[] {
  const next = trend.length >= TREND_POINTS ? trend.slice(trend.length - TREND_POINTS + 1) : trend.slice();
  next.push(value);
  return next;
}

/**
 * Applies a batch of live events to the fleet table in one pass (1,000 hosts send a sample
 * every ~10 s; copying the rows once per batch, not per event, keeps the page idle).
 * Rows an event does not touch keep their identity, so memoised table rows do not re-render.
 */
export function applyHostEvents(
  rows: readonly HostRow[],
  events: readonly LiveEvent[],
  reloads: HostReloads = NO_RELOADS,
): HostEventsResult {
  const index = new Map(rows.map((row, i) => [row.id, i]));
  const next = rows.slice();
  const stale = new Set<string>();
  const deferred: LiveEvent[] = [];
  let reload = false;
  for (const event of events) {
    if (event.type === 'reset') {
      // A reload under way may have begun before the gap: reload again once it lands.
      if (reloads.all) deferred.push(event);
      else reload = true;
      continue;
    }
    // Neither changes a host row (alerts have their own pages and the bell).
    if (event.type === 'action.status' || event.type === 'alert.changed') continue;
    const at = index.get(event.hostId);
    const row = at === undefined ? undefined : next[at];
    if (at === undefined || !row) {
      // A host the list being reloaded has not brought yet: its answer may predate this event.
      if (reloads.all && event.type !== 'samples') deferred.push(event);
      else if (event.type === 'host.status') reload = true;
      continue;
    }
    if (event.type === 'host.status') {
      next[at] = { ...row, status: event.status, lastSeenAt: event.at };
    } else if (event.type === 'container.state') {
      // A fetch of this host already under way may have read its counts before this change.
      if (reloads.all || reloads.hosts.has(event.hostId)) deferred.push(event);
      else stale.add(event.hostId);
    } else if (event.type === 'samples') {
      const sample = event.host;
      next[at] = {
        ...row,
        status: row.revokedAt ? row.status : 'online',
        lastSeenAt: event.at,
        latest: sample
          ? {
              ts: event.at,
              cpuPct: sample.cpuPct,
              load1: sample.load1,
              memUsed: sample.memUsed,
              memTotal: sample.memTotal,
              diskUsed: row.latest?.diskUsed ?? 0,
              diskTotal: row.latest?.diskTotal ?? 0,
            }
          : row.latest,
        cpuTrend: sample ? pushTrend(row.cpuTrend, sample.cpuPct) : row.cpuTrend,
        memTrend:
          sample && sample.memTotal > 0
            ? pushTrend(row.memTrend, (sample.memUsed / sample.memTotal) * 100)
            : row.memTrend,
      };
    }
  }
  return { rows: next, stale, reload, deferred };
}
