import type pg from 'pg';
import type { Rule } from './load-rules.js';

type LogPatternParams = Extract<Rule['definition'], { kind: 'log_pattern' }>['params'];

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

/** Counts keyed `hostId/containerShortId`. */
export type ContainerCounts = Map<string, number>;

/**
 * What the conditions of one evaluation read, each read once for every host the evaluation
 * covers and shared by all its rules (a rule's scope is applied in memory afterwards): the
 * newest host sample, the newest two container samples, container event counts per window,
 * and the log counts of all `log_pattern` rules in one scan of the lines. Before, each of an
 * organisation's 50 rules ran its own query (docs/benchmarks.md, "Alerts").
 */
export type Readings = {
  hostSamples(): Promise<Map<string, HostSampleRow>>;
  /** Newest first, at most two per container. */
  containerSamples(): Promise<Map<string, ContainerSampleRow[]>>;
  eventCounts(action: string, from: Date, excludeBerthActions: boolean): Promise<ContainerCounts>;
  logCounts(rule: Rule & { definition: { kind: 'log_pattern' } }): Promise<ContainerCounts>;
};

export type ReadingsScope = {
  client: pg.ClientBase;
  hostIds: readonly string[];
  now: Date;
  /** Readings newer than this are fresh. */
  freshSince: Date;
  /** The evaluation's `log_pattern` rules with containers in scope: counted in one query. */
  logRules: readonly LogRule[];
};

export type LogRule = { id: string; params: LogPatternParams };

export function createReadings(scope: ReadingsScope): Readings {
  const { client, hostIds, now } = scope;
  const once = <T>(load: () => Promise<T>) => {
    let loaded: Promise<T> | null = null;
    return () => {
      loaded ??= load();
      return loaded;
    };
  };
  const events = new Map<string, Promise<ContainerCounts>>();
  const logs = once(() => countLogLines(client, hostIds, now, scope.logRules));

  return {
    hostSamples: once(async () => {
      const { rows } = await client.query<HostSampleRow>(
        `SELECT DISTINCT ON (host_id) host_id, cpu_pct, load1, load5, load15, mem_used, mem_total, swap_used,
                swap_total, disks
           FROM host_samples WHERE host_id = ANY($1) AND ts > $2 AND ts <= $3
          ORDER BY host_id, ts DESC`,
        [hostIds, scope.freshSince, now],
      );
      return new Map(rows.map((row) => [row.host_id, row]));
    }),
    containerSamples: once(async () => {
      const { rows } = await client.query<ContainerSampleRow>(
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
      if (!counts) {
        counts = countEvents(client, hostIds, action, { from, to: now, excludeBerthActions });
        events.set(key, counts);
      }
      return counts;
    },
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

/** LIKE's own metacharacters taken literally (the default escape is the backslash). */
export function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, '\\$&');
}

/**
 * How a pattern is tested, as the CASE of the counting query spells it: `~` / `~*` for regular
 * expressions, position() / ILIKE for text.
 */
function matchMode(params: LogPatternParams): { mode: 're' | 're_i' | 'text' | 'text_i'; pattern: string } {
  if (params.match === 'regex')
    return { mode: params.caseSensitive ? 're' : 're_i', pattern: params.pattern };
  return params.caseSensitive
    ? { mode: 'text', pattern: params.pattern }
    : { mode: 'text_i', pattern: likeLiteral(params.pattern) };
}

/**
 * Matching lines per rule and container, every rule's window and stream applied per line: one
 * scan of the hosts' lines in the widest window for all the rules. Lines the agent's rate cap
 * dropped (dropped > 0, empty line) are not lines. A pattern PostgreSQL rejects fails the whole
 * statement: it runs under a savepoint, and on failure the rules are counted one by one, so
 * only the bad rule fails (and the evaluation's transaction goes on).
 */
async function countLogLines(
  client: pg.ClientBase,
  hostIds: readonly string[],
  now: Date,
  rules: readonly LogRule[],
): Promise<Map<string, ContainerCounts | Error>> {
  const out = new Map<string, ContainerCounts | Error>();
  if (rules.length === 0 || hostIds.length === 0) return out;
  const underSavepoint = async (batch: readonly LogRule[]) => {
    await client.query('SAVEPOINT log_counts');
    try {
      const counts = await countLogLinesOnce(client, hostIds, now, batch);
      await client.query('RELEASE SAVEPOINT log_counts');
      for (const rule of batch) out.set(rule.id, counts.get(rule.id) ?? new Map());
      return true;
    } catch (error) {
      await client.query('ROLLBACK TO SAVEPOINT log_counts; RELEASE SAVEPOINT log_counts');
      if (batch.length === 1 && batch[0]) out.set(batch[0].id, error as Error);
      return false;
    }
  };
  if (rules.length > 1 && (await underSavepoint(rules))) return out;
  for (const rule of rules) await underSavepoint([rule]);
  return out;
}

async function countLogLinesOnce(
  client: pg.ClientBase,
  hostIds: readonly string[],
  now: Date,
  rules: readonly LogRule[],
): Promise<Map<string, ContainerCounts>> {
  const modes = rules.map((rule) => matchMode(rule.params));
  const widestS = Math.max(...rules.map((rule) => rule.params.windowS));
  const { rows } = await client.query<{ i: number; host_id: string; container_id: string; n: string }>(
    `SELECT p.i::int AS i, l.host_id, l.container_id, count(*) AS n
       FROM container_logs l
       JOIN unnest($4::text[], $5::text[], $6::text[], $7::float8[]) WITH ORDINALITY AS p(mode, pattern, stream, window_s, i)
         ON l.ts > $3::timestamptz - make_interval(secs => p.window_s)
        AND (p.stream IS NULL OR l.stream = p.stream)
        AND CASE p.mode WHEN 're' THEN l.line ~ p.pattern
                        WHEN 're_i' THEN l.line ~* p.pattern
                        WHEN 'text' THEN position(p.pattern in l.line) > 0
                        ELSE l.line ILIKE '%' || p.pattern || '%' END
      WHERE l.host_id = ANY($1) AND l.ts > $2 AND l.ts <= $3 AND l.dropped = 0
      GROUP BY p.i, l.host_id, l.container_id`,
    [
      hostIds,
      new Date(now.getTime() - widestS * 1000),
      now,
      modes.map((m) => m.mode),
      modes.map((m) => m.pattern),
      rules.map((rule) => (rule.params.stream === 'any' ? null : rule.params.stream)),
      rules.map((rule) => rule.params.windowS),
    ],
  );
  const out = new Map<string, ContainerCounts>();
  for (const row of rows) {
    const rule = rules[row.i - 1];
    if (!rule) continue;
    const counts = out.get(rule.id) ?? new Map<string, number>();
    counts.set(`${row.host_id}/${row.container_id}`, Number(row.n));
    out.set(rule.id, counts);
  }
  return out;
}
