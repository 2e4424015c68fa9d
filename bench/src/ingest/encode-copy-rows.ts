import type { BatchFrame } from '@berth/protocol';

/** COPY text lines per time-series table; column order is the tables' own (no column list). */
export type CopyRows = {
  container_samples: string[];
  host_samples: string[];
  container_events: string[];
  container_logs: string[];
};

export const COPY_TABLES = [
  'container_samples',
  'host_samples',
  'container_events',
  'container_logs',
] as const;
export type CopyTable = (typeof COPY_TABLES)[number];

const SPECIAL = /[\\\t\n\r]/;
const SPECIAL_ALL = /[\\\t\n\r]/g;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

function field(value: string | number | null): string {
  // COPY's text format spells NULL as \N.
  if (value === null) return '\\N';
  if (typeof value !== 'string') return String(value);
  return SPECIAL.test(value) ? value.replace(SPECIAL_ALL, (char) => ESCAPES[char] ?? char) : value;
}

const row = (values: (string | number | null)[]): string => `${values.map(field).join('\t')}\n`;

/**
 * The rows a batch becomes in the database — the same rows the gateway's ingest writer
 * stores (health results are stored as events; log markers as lines with `dropped`), so
 * the owner's raw COPY baseline writes exactly what the gateway writes.
 */
export function appendCopyRows(into: CopyRows, orgId: string, hostId: string, batch: BatchFrame): void {
  for (const s of batch.containerSamples) {
    const values: (string | number | null)[] = [orgId, hostId, s.containerId, s.ts, s.cpuPct, s.memBytes];
    values.push(s.memLimit, s.netRx, s.netTx, s.blkRead, s.blkWrite, s.pids, s.cpuSeconds ?? null);
    into.container_samples.push(row(values));
  }
  for (const s of batch.hostSamples) {
    const used = s.disks.reduce((sum, disk) => sum + disk.used, 0);
    const total = s.disks.reduce((sum, disk) => sum + disk.total, 0);
    const values = [orgId, hostId, s.ts, s.cpuPct, s.load1, s.load5, s.load15, s.memUsed, s.memTotal];
    values.push(s.swapUsed, s.swapTotal, used, total, s.netRx, s.netTx, JSON.stringify(s.disks));
    into.host_samples.push(row(values));
  }
  for (const e of batch.events) {
    into.container_events.push(
      row([orgId, hostId, e.containerId, e.ts, e.action, JSON.stringify(e.attributes), e.count]),
    );
  }
  for (const h of batch.health) {
    const attributes = JSON.stringify({ exitCode: String(h.exitCode), output: h.output });
    into.container_events.push(
      row([orgId, hostId, h.containerId, h.ts, `health_check: ${h.status}`, attributes, 1]),
    );
  }
  batch.logs.forEach((entry, lineNo) => {
    const line = 'line' in entry && entry.line !== undefined ? entry.line : '';
    const dropped = 'dropped' in entry && entry.dropped !== undefined ? entry.dropped : 0;
    into.container_logs.push(
      row([orgId, hostId, entry.containerId, entry.ts, entry.stream, line, dropped, batch.seq, lineNo]),
    );
  });
}

/** Rows a batch stores over the four tables (what its 'committed' ack stands for). */
export function countBatchRows(batch: BatchFrame): number {
  const { containerSamples, hostSamples, events, health, logs } = batch;
  return containerSamples.length + hostSamples.length + events.length + health.length + logs.length;
}
