import { breaches, containerMetricValue, METRIC_LABELS } from '@berth/api-contract';
import { containerObservation, type Observation } from '../observation.js';
import { type Condition, formatValue, freshSince } from './condition.js';

type SampleRow = {
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

/**
 * A container reading against a threshold: the newest raw sample (rates from the counters of
 * the newest two), or for `restarts` the container's deaths in the window. No fresh sample: no
 * data, the condition is false (so a stopped container's alert resolves).
 */
export const evaluateContainerMetric: Condition<'container_metric'> = async (input) => {
  const { rule, containers, client, now } = input;
  if (containers.length === 0) return [];
  const { params } = rule.definition;
  const hostIds = [...new Set(containers.map((c) => c.host.id))];
  const values = new Map<string, number>();
  if (params.metric === 'restarts') {
    const { rows } = await client.query<{ host_id: string; container_id: string; n: string }>(
      `SELECT host_id, container_id, sum(count)::bigint AS n FROM container_events
        WHERE host_id = ANY($1) AND ts > $2 AND ts <= $3 AND action = 'die'
        GROUP BY host_id, container_id`,
      [hostIds, new Date(now.getTime() - params.windowS * 1000), now],
    );
    for (const row of rows) values.set(`${row.host_id}/${row.container_id}`, Number(row.n));
    // A container without deaths restarted zero times: a `< 1` rule may hold for it.
    for (const { host, container } of containers) {
      const key = `${host.id}/${container.shortId}`;
      if (!values.has(key)) values.set(key, 0);
    }
  } else {
    const { rows } = await client.query<SampleRow>(
      `SELECT host_id, container_id, ts, cpu_pct, mem_bytes, mem_limit, net_rx, net_tx, blk_read, blk_write
         FROM (SELECT s.*, row_number() OVER (PARTITION BY host_id, container_id ORDER BY ts DESC) AS rn
                 FROM container_samples s WHERE host_id = ANY($1) AND ts > $2 AND ts <= $3) x
        WHERE rn <= 2 ORDER BY host_id, container_id, ts DESC`,
      [hostIds, freshSince(input), now],
    );
    const byContainer = new Map<string, SampleRow[]>();
    for (const row of rows) {
      const key = `${row.host_id}/${row.container_id}`;
      byContainer.set(key, [...(byContainer.get(key) ?? []), row]);
    }
    for (const [key, samples] of byContainer) {
      // The one reading rule, shared with the rule preview's replay of stored history.
      const value = containerMetricValue(params.metric, samples);
      if (value !== null) values.set(key, value);
    }
  }
  const { label, unit } = METRIC_LABELS[params.metric];
  const out: Observation[] = [];
  for (const { host, container } of containers) {
    const value = values.get(`${host.id}/${container.shortId}`);
    if (value === undefined || !breaches(params.op, value, params.threshold)) continue;
    out.push(
      containerObservation(rule, host, container, {
        summary: `${label} of ${container.name} on ${host.name} is ${formatValue(value, unit)} (${params.op} ${formatValue(params.threshold, unit)})`,
        value,
      }),
    );
  }
  return out;
};
