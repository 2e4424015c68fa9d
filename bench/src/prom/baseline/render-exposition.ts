import type { PrometheusContainerRow, PrometheusHostRow } from '@berth/db/queries';
import { CONTAINER_FAMILIES } from './container-families.js';
import { type ExpositionFormat, escapeLabelValue, timestampSuffix } from './exposition-format.js';
import { ExpositionWriter } from './exposition-writer.js';
import { HOST_FAMILIES } from './host-families.js';

export type ExpositionInput = {
  hosts: readonly PrometheusHostRow[];
  containers: readonly PrometheusContainerRow[];
  alertsFiring: number;
};

export type Exposition = { chunks: Buffer[]; series: number };

/**
 * The whole exposition, family by family (the format wants a family's samples together).
 * Each row's label set and timestamp are escaped and formatted once, then reused by every
 * family, so the cost per series is one line appended to a chunk.
 */
export function renderExposition(input: ExpositionInput, format: ExpositionFormat): Exposition {
  const out = new ExpositionWriter(format);
  writeContainers(out, input.containers);
  writeHosts(out, input.hosts);
  out.family('berth_alerts_firing', 'gauge', 'Alerts of the organisation that are firing now.');
  out.sample('berth_alerts_firing', '', input.alertsFiring, '');
  return { series: out.series, chunks: out.finish() };
}

function writeContainers(out: ExpositionWriter, rows: readonly PrometheusContainerRow[]): void {
  const labels = rows.map(
    (row) =>
      `{name="${escapeLabelValue(row.name)}",image="${escapeLabelValue(row.image)}",id="/docker/${row.dockerId}",` +
      `host="${escapeLabelValue(row.host)}",instance="${escapeLabelValue(row.host)}"}`,
  );
  const stamps = rows.map((row) => (row.ts === null ? '' : timestampSuffix(out.format, row.ts)));
  for (const family of CONTAINER_FAMILIES) {
    out.family(family.name, family.type, family.help);
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i] as PrometheusContainerRow;
      const value = family.value(row);
      if (value !== null)
        out.sample(
          family.name,
          labels[i] as string,
          value,
          family.source === 'sample' ? (stamps[i] as string) : '',
        );
    }
  }
  out.family(
    'berth_container_health',
    'gauge',
    'The health check state of the container (state label); always 1.',
  );
  for (let i = 0; i < rows.length; i++) {
    const set = labels[i] as string;
    out.sample(
      'berth_container_health',
      `${set.slice(0, -1)},state="${(rows[i] as PrometheusContainerRow).health}"}`,
      1,
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
