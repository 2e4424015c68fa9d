import type { PrometheusContainerRow, PrometheusHostRow } from '@berth/db/queries';
import { CONTAINER_FAMILIES } from '../../services/metrics-export/container-families.js';
import {
  type ExpositionFormat,
  escapeLabelValue,
  formatValue,
  timestampSuffix,
} from '../../services/metrics-export/exposition-format.js';
import { HOST_FAMILIES } from '../../services/metrics-export/host-families.js';

/** The families the export had before issue 18 added them (the reference leaves them out). */
export const ADDED_FAMILIES = [
  'container_cpu_usage_seconds_total',
  'berth_rule_alerts_firing',
  'berth_check_up',
  'berth_check_duration_seconds',
  'berth_check_certificate_expiry_timestamp_seconds',
  'berth_container_update_available',
];

/**
 * The exposition as the export wrote it before it rendered into buffers: every line a string,
 * joined. A test oracle only: the body the API sends must equal this byte for byte once the
 * families added since are taken out (render-exposition.test.ts).
 */
export function referenceExposition(
  input: {
    hosts: readonly PrometheusHostRow[];
    containers: readonly PrometheusContainerRow[];
    alertsFiring: number;
  },
  format: ExpositionFormat,
): string {
  const lines: string[] = [];
  const family = (name: string, type: 'gauge' | 'counter', help: string) => {
    const familyName = format === 'openmetrics' && type === 'counter' ? name.slice(0, -6) : name;
    lines.push(`# HELP ${familyName} ${help}`, `# TYPE ${familyName} ${type}`);
  };
  const sample = (name: string, labels: string, value: number, timestamp: string): void => {
    lines.push(`${name}${labels} ${formatValue(value)}${timestamp}`);
  };
  const stampOf = (ts: number | null) => (ts === null ? '' : timestampSuffix(format, ts));

  const containers = input.containers;
  const labels = containers.map(
    (row) =>
      `{name="${escapeLabelValue(row.name)}",image="${escapeLabelValue(row.image)}",id="/docker/${row.dockerId}",` +
      `host="${escapeLabelValue(row.host)}",instance="${escapeLabelValue(row.host)}"}`,
  );
  for (const f of CONTAINER_FAMILIES.filter((f) => !ADDED_FAMILIES.includes(f.name))) {
    family(f.name, f.type, f.help);
    containers.forEach((row, i) => {
      const value = f.value(row);
      if (value !== null)
        sample(f.name, labels[i] as string, value, f.source === 'sample' ? stampOf(row.ts) : '');
    });
  }
  family(
    'berth_container_health',
    'gauge',
    'The health check state of the container (state label); always 1.',
  );
  containers.forEach((row, i) => {
    sample('berth_container_health', `${(labels[i] as string).slice(0, -1)},state="${row.health}"}`, 1, '');
  });

  const hostLabels = input.hosts.map((row) => {
    const name = escapeLabelValue(row.name);
    return `{host="${name}",instance="${name}",host_id="${row.id}"}`;
  });
  for (const f of HOST_FAMILIES) {
    family(f.name, f.type, f.help);
    input.hosts.forEach((row, i) => {
      const value = f.value(row);
      if (value !== null)
        sample(f.name, hostLabels[i] as string, value, f.source === 'sample' ? stampOf(row.ts) : '');
    });
  }
  const filesystems = [
    [
      'node_filesystem_size_bytes',
      'Filesystem size in bytes.',
      (d: { total: number; used: number }) => d.total,
    ],
    [
      'node_filesystem_free_bytes',
      'Free space in bytes (including blocks reserved for root).',
      (d: { total: number; used: number }) => d.total - d.used,
    ],
  ] as const;
  for (const [name, help, value] of filesystems) {
    family(name, 'gauge', help);
    input.hosts.forEach((row, i) => {
      for (const disk of row.disks ?? [])
        sample(
          name,
          `${(hostLabels[i] as string).slice(0, -1)},mountpoint="${escapeLabelValue(disk.mount)}"}`,
          value(disk),
          stampOf(row.ts),
        );
    });
  }
  family('berth_alerts_firing', 'gauge', 'Alerts of the organisation that are firing now.');
  sample('berth_alerts_firing', '', input.alertsFiring, '');
  if (format === 'openmetrics') lines.push('# EOF');
  return `${lines.join('\n')}\n`;
}
