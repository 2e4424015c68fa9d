import { CHECK_RUN_FRESH_S } from '@berth/api-contract';
import type pg from 'pg';
import type { Rule } from './load-rules.js';
import type { ContainerCounts, LogMatchMemory, LogRule } from './log-matches.js';
import type { EventRow, Snapshot } from './read-snapshot.js';

export type { ContainerCounts, LogRule } from './log-matches.js';

export type HostSampleRow = {
  host_id: string;
  cpu_pct: number;
  load1: number;
  load5: number;
  load15: number;
  mem_used: string;
  mem_total: string;
  swap_used: string;
  swap_total: string;
  disks: { mount: string; used: number; total: number }[] | null;
};

export type ContainerSampleRow = {
  host_id: string;
  container_id: string;
  ts: Date;
  cpu_pct: number;
  mem_bytes: string;
  mem_limit: string;
  net_rx: string;
  net_tx: string;
  blk_read: string;
  blk_write: string;
};

/** A health check's newest run (check_results, docs/checks.md). */
export type CheckRunRow = {
  host_id: string;
  container_name: string;
  check_name: string;
  status: string;
  slow: boolean;
  latency_ms: number;
  cert_expiring: boolean;
  cert_expires_at: Date | null;
  error: string | null;
};

/**
 * A live container with its reference's latest image check (container_image_updates, the
 * verdict by the container's own digests) and the newest versions that check found.
 */
export type ImageUpdateRow = {
  host_id: string;
  short_id: string;
  image: string;
  status: string | null;
  newest_patch: string | null;
  newest_minor: string | null;
  newest_major: string | null;
  checked_at: Date | null;
};

/**
 * What the conditions of one evaluation read, each read once for every host the evaluation
 * covers and shared by all its rules (a rule's scope is applied in memory afterwards): the
 * newest host sample, the newest two container samples, container event counts per window,
 * and the log counts of all `log_pattern` rules from one read of the new lines
 * (log-matches.ts). Before, each of an organisation's 50 rules ran its own query
 * (docs/benchmarks.md, "Alerts").
 */
export type Readings = {
  hostSamples(): Promise<Map<string, HostSampleRow>>;
  /** Newest first, at most two per container. */
  containerSamples(): Promise<Map<string, ContainerSampleRow[]>>;
  eventCounts(action: string, from: Date, excludeBerthActions: boolean): Promise<ContainerCounts>;
  logCounts(rule: Rule & { definition: { kind: 'log_pattern' } }): Promise<ContainerCounts>;
  /** Each check's newest run of the last CHECK_RUN_FRESH_S (older: no data, not down). */
  checkRuns(): Promise<CheckRunRow[]>;
  /** Every live container on the hosts whose image reference has been checked. */
  imageUpdates(): Promise<ImageUpdateRow[]>;
};

export type ReadingsScope = {
  client: pg.ClientBase;
  hostIds: readonly string[];
  now: Date;
  /** Readings newer than this are fresh. */
  freshSince: Date;
  orgId: string;
  /** The organisation's `log_pattern` rules (all: the memory keeps their matches per host). */
  logRules: readonly LogRule[];
  logMemory: LogMatchMemory;
  /**
   * What the evaluation's snapshot (read-snapshot.ts) already read for these hosts: a reading
   * there is served from it, one that is not (null, or events outside its window) is read here.
   */
  preloaded?: Pick<Snapshot, 'hostSamples' | 'containerSamples' | 'checkRuns' | 'imageUpdates' | 'events'>;
};

export function createReadings(scope: ReadingsScope): Readings {
  const { client, hostIds, now } = scope;
  const preloaded = scope.preloaded;
  const once = <T>(load: () => Promise<T>) => {
    let loaded: Promise<T> | null = null;
    return () => {
      loaded ??= load();
      return loaded;
    };
  };
  const events = new Map<string, Promise<ContainerCounts>>();
  const logs = once(() => scope.logMemory.count(client, scope.orgId, hostIds, now, scope.logRules));

  return {
    hostSamples: once(async () => {
      const { rows } = preloaded?.hostSamples
        ? { rows: preloaded.hostSamples }
        : await client.query<HostSampleRow>(
            `SELECT DISTINCT ON (host_id) host_id, cpu_pct, load1, load5, load15, mem_used, mem_total, swap_used,
                swap_total, disks
           FROM host_samples WHERE host_id = ANY($1) AND ts > $2 AND ts <= $3
          ORDER BY host_id, ts DESC`,
            [hostIds, scope.freshSince, now],
          );
      return new Map(rows.map((row) => [row.host_id, row]));
    }),
    containerSamples: once(async () => {
      const { rows } = preloaded?.containerSamples
        ? { rows: preloaded.containerSamples }
        : await client.query<ContainerSampleRow>(
            `SELECT host_id, container_id, ts, cpu_pct, mem_bytes, mem_limit, net_rx, net_tx, blk_read, blk_write
           FROM (SELECT s.*, row_number() OVER (PARTITION BY host_id, container_id ORDER BY ts DESC) AS rn
                   FROM container_samples s WHERE host_id = ANY($1) AND ts > $2 AND ts <= $3) x
          WHERE rn <= 2 ORDER BY host_id, container_id, ts DESC`,
            [hostIds, scope.freshSince, now],
          );
      const byContainer = new Map<string, ContainerSampleRow[]>();
      for (const row of rows) {
        const key = `${row.host_id}/${row.container_id}`;
        const list = byContainer.get(key);
        if (list) list.push(row);
        else byContainer.set(key, [row]);
      }
      return byContainer;
    }),
    eventCounts(action, from, excludeBerthActions) {
      const key = `${action}\u0000${from.getTime()}\u0000${excludeBerthActions}`;
      let counts = events.get(key);
      const read = preloaded?.events;
      if (!counts && read && read.actions.has(action) && from.getTime() >= read.fromMs) {
        counts = Promise.resolve(countPreloadedEvents(read.rows, action, from, now, excludeBerthActions));
        events.set(key, counts);
      }
      if (!counts) {
        counts = countEvents(client, hostIds, action, { from, to: now, excludeBerthActions });
        events.set(key, counts);
      }
      return counts;
    },
    checkRuns: once(async () => {
      if (preloaded?.checkRuns) return preloaded.checkRuns;
      const { rows } = await client.query<CheckRunRow>(
        `SELECT DISTINCT ON (check_id) host_id, container_name, check_name, status, slow, latency_ms, cert_expiring,
                cert_expires_at, error
           FROM check_results WHERE host_id = ANY($1) AND ts > $2 AND ts <= $3
          ORDER BY check_id, ts DESC`,
        [hostIds, new Date(now.getTime() - CHECK_RUN_FRESH_S * 1000), now],
      );
      return rows;
    }),
    imageUpdates: once(async () => {
      if (preloaded?.imageUpdates) return preloaded.imageUpdates;
      const { rows } = await client.query<ImageUpdateRow>(
        `SELECT v.host_id, v.short_id, v.image, v.status, u.newest_patch, u.newest_minor, u.newest_major, v.checked_at
           FROM container_image_updates v JOIN image_update_checks u ON u.id = v.check_id
          WHERE v.host_id = ANY($1) AND v.checked_at IS NOT NULL`,
        [hostIds],
      );
      return rows;
    }),
    async logCounts(rule) {
      const counts = (await logs()).get(rule.id);
      if (counts instanceof Error) throw counts;
      return counts ?? new Map();
    },
  };
}

async function countEvents(
  client: pg.ClientBase,
  hostIds: readonly string[],
  action: string,
  window: { from: Date; to: Date; excludeBerthActions: boolean },
): Promise<ContainerCounts> {
  const { rows } = await client.query<{ host_id: string; container_id: string; n: string }>(
    `SELECT e.host_id, e.container_id, sum(e.count)::bigint AS n FROM container_events e
      WHERE e.host_id = ANY($1) AND e.ts > $2 AND e.ts <= $3 AND e.action = $4
        AND NOT ($5 AND EXISTS (
          SELECT 1 FROM actions a
           WHERE a.host_id = e.host_id AND a.container_short_id = e.container_id
             AND a.verb IN ('stop', 'restart', 'kill')
             AND a.created_at <= e.ts + interval '10 seconds'
             AND coalesce(a.finished_at, a.deadline) >= e.ts - interval '10 seconds'))
      GROUP BY e.host_id, e.container_id`,
    [hostIds, window.from, window.to, action, window.excludeBerthActions],
  );
  return new Map(rows.map((row) => [`${row.host_id}/${row.container_id}`, Number(row.n)]));
}

/**
 * countEvents' answer from the snapshot's event rows: the same window (ts > from, ts <= to,
 * compared in microseconds as the column is), the same exclusion, the same sums.
 */
function countPreloadedEvents(
  rows: readonly EventRow[],
  action: string,
  from: Date,
  to: Date,
  excludeBerthActions: boolean,
): ContainerCounts {
  const fromUs = from.getTime() * 1000;
  const toUs = to.getTime() * 1000;
  const counts: ContainerCounts = new Map();
  for (const row of rows) {
    if (row.action !== action || row.ts_us <= fromUs || row.ts_us > toUs) continue;
    if (excludeBerthActions && row.berth) continue;
    const key = `${row.host_id}/${row.container_id}`;
    counts.set(key, (counts.get(key) ?? 0) + row.count);
  }
  return counts;
}
