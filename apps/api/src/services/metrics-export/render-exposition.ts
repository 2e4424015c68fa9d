import type {
  PrometheusCheckRow,
  PrometheusContainerRow,
  PrometheusHostRow,
  PrometheusRuleRow,
  PrometheusUpdateRow,
} from '@berth/db/queries';
import { writeChecks, writeUpdates } from './check-families.js';
import { CONTAINER_FAMILIES } from './container-families.js';
import { type ExpositionFormat, escapeLabelValue, timestampSuffix } from './exposition-format.js';
import { ExpositionWriter, isAscii } from './exposition-writer.js';
import { HOST_FAMILIES } from './host-families.js';

export type ExpositionInput = {
  hosts: readonly PrometheusHostRow[];
  containers: readonly PrometheusContainerRow[];
  alertsFiring: number;
  /** Firing alerts per rule and severity (berth_rule_alerts_firing). */
  rules: readonly PrometheusRuleRow[];
  /** Health checks' newest runs (berth_check_*). */
  checks: readonly PrometheusCheckRow[];
  /** Containers' image update verdicts (berth_container_update_available). */
  updates: readonly PrometheusUpdateRow[];
};

export type Exposition = { chunks: Buffer[]; series: number };

/**
 * The whole exposition, family by family (the format wants a family's samples together).
 * Each row's label set and timestamp are escaped and formatted once, then reused by every
 * family, so the cost per series is one short line written into the body's buffer.
 */
export function renderExposition(input: ExpositionInput, format: ExpositionFormat): Exposition {
  const out = new ExpositionWriter(format);
  writeContainers(out, input.containers);
  writeHosts(out, input.hosts);
  out.family('berth_alerts_firing', 'gauge', 'Alerts of the organisation that are firing now.');
  out.sample('berth_alerts_firing', '', input.alertsFiring, '');
  writeRules(out, input.rules);
  writeChecks(out, input.checks);
  writeUpdates(out, input.updates);
  return { series: out.series, chunks: out.finish() };
}

/** The label set of a container's series, escaped, without the closing brace. */
function containerLabels(row: PrometheusContainerRow): string {
  const host = escapeLabelValue(row.host);
  return (
    `{name="${escapeLabelValue(row.name)}",image="${escapeLabelValue(row.image)}",id="/docker/${row.dockerId}",` +
    `host="${host}",instance="${host}"`
  );
}

function writeContainers(out: ExpositionWriter, rows: readonly PrometheusContainerRow[]): void {
  const open = rows.map(containerLabels);
  const labels = open.map((set) => `${set}}`);
  const ascii = open.map(isAscii);
  const stamps = rows.map((row) => (row.ts === null ? '' : timestampSuffix(out.format, row.ts)));
  for (const family of CONTAINER_FAMILIES) {
    out.family(family.name, family.type, family.help);
    const sampled = family.source === 'sample';
    for (let i = 0; i < rows.length; i++) {
      const value = family.value(rows[i] as PrometheusContainerRow);
      if (value !== null)
        out.sample(
          family.name,
          labels[i] as string,
          value,
          sampled ? (stamps[i] as string) : '',
          ascii[i] as boolean,
        );
    }
  }
  out.family(
    'berth_container_health',
    'gauge',
    'The health check state of the container (state label); always 1.',
  );
  for (let i = 0; i < rows.length; i++) {
    out.sample(
      'berth_container_health',
      `${open[i] as string},state="${(rows[i] as PrometheusContainerRow).health}"}`,
      1,
      '',
      ascii[i] as boolean,
    );
  }
}

function writeRules(out: ExpositionWriter, rows: readonly PrometheusRuleRow[]): void {
  out.family(
    'berth_rule_alerts_firing',
    'gauge',
    "Alerts of the rule firing now, by the alerts' severity (0 for an enabled rule with none).",
  );
  for (const row of rows) {
    out.sample(
      'berth_rule_alerts_firing',
      `{rule="${escapeLabelValue(row.name)}",rule_id="${row.ruleId}",severity="${row.severity}"}`,
      row.firing,
      '',
    );
  }
}

function writeHosts(out: ExpositionWriter, rows: readonly PrometheusHostRow[]): void {
  const labels = rows.map((row) => {
    const name = escapeLabelValue(row.name);
    return `{host="${name}",instance="${name}",host_id="${row.id}"}`;
  });
  const stamps = rows.map((row) => (row.ts === null ? '' : timestampSuffix(out.format, row.ts)));
  for (const family of HOST_FAMILIES) {
    out.family(family.name, family.type, family.help);
    for (let i = 0; i < rows.length; i++) {
      const value = family.value(rows[i] as PrometheusHostRow);
      if (value !== null)
        out.sample(
          family.name,
          labels[i] as string,
          value,
          family.source === 'sample' ? (stamps[i] as string) : '',
        );
    }
  }
  writeFilesystems(out, rows, labels, stamps);
}

function writeFilesystems(
  out: ExpositionWriter,
  rows: readonly PrometheusHostRow[],
  labels: readonly string[],
  stamps: readonly string[],
): void {
  const metrics = [
    ['node_filesystem_size_bytes', 'Filesystem size in bytes.', (disk: { total: number }) => disk.total],
    [
      'node_filesystem_free_bytes',
      'Free space in bytes (including blocks reserved for root).',
      (disk: { total: number; used: number }) => disk.total - disk.used,
    ],
  ] as const;
  for (const [name, help, value] of metrics) {
    out.family(name, 'gauge', help);
    for (let i = 0; i < rows.length; i++) {
      const set = (labels[i] as string).slice(0, -1);
      for (const disk of (rows[i] as PrometheusHostRow).disks ?? []) {
        out.sample(
          name,
          `${set},mountpoint="${escapeLabelValue(disk.mount)}"}`,
          value(disk),
          stamps[i] as string,
        );
      }
    }
  }
}
