import { breaches, hostMetricReadings, METRIC_LABELS } from '@berth/api-contract';
import { hostObservation, type Observation } from '../observation.js';
import { type Condition, formatValue, freshSince } from './condition.js';

type HostRow = {
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

/** A host reading against a threshold: the newest fresh raw sample; disks one alert per mount. */
export const evaluateHostMetric: Condition<'host_metric'> = async (input) => {
  const { rule, hosts, client, now } = input;
  if (hosts.length === 0) return [];
  const { params } = rule.definition;
  const { rows } = await client.query<HostRow>(
    `SELECT DISTINCT ON (host_id) host_id, cpu_pct, load1, load5, load15, mem_used, mem_total, swap_used,
            swap_total, disks
       FROM host_samples WHERE host_id = ANY($1) AND ts > $2 AND ts <= $3
      ORDER BY host_id, ts DESC`,
    [hosts.map((h) => h.id), freshSince(input), now],
  );
  const latest = new Map(rows.map((row) => [row.host_id, row]));
  const { label, unit } = METRIC_LABELS[params.metric];
  const out: Observation[] = [];
  for (const host of hosts) {
    const row = latest.get(host.id);
    if (!row) continue;
    // The one reading rule, shared with the rule preview's replay of stored history.
    for (const reading of hostMetricReadings(params.metric, row, params.mount)) {
      if (!breaches(params.op, reading.value, params.threshold)) continue;
      const where = reading.mount === undefined ? host.name : `${reading.mount} on ${host.name}`;
      out.push(
        hostObservation(rule, host, {
          summary: `${label} of ${where} is ${formatValue(reading.value, unit)} (${params.op} ${formatValue(params.threshold, unit)})`,
          value: reading.value,
          ...(reading.mount === undefined ? {} : { mount: reading.mount }),
        }),
      );
    }
  }
  return out;
};
