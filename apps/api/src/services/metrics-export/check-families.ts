import type { PrometheusCheckRow, PrometheusUpdateRow } from '@berth/db/queries';
import { escapeLabelValue, timestampSuffix } from './exposition-format.js';
import type { ExpositionWriter } from './exposition-writer.js';

/**
 * Health checks (docs/checks.md) in the blackbox exporter's terms where the meaning matches:
 * up as 1/0, the probe's duration in seconds, the certificate's expiry as a Unix time (what
 * `probe_ssl_earliest_cert_expiry` dashboards subtract `time()` from).
 */
export const SERIES_PER_CHECK = 2;

export function writeChecks(out: ExpositionWriter, rows: readonly PrometheusCheckRow[]): void {
  const labels = rows.map((row) => {
    const host = escapeLabelValue(row.host);
    return (
      `{check="${escapeLabelValue(row.check)}",check_id="${row.checkId}",name="${escapeLabelValue(row.name)}",` +
      `host="${host}",instance="${host}",kind="${row.kind ?? ''}"}`
    );
  });
  const stamps = rows.map((row) => timestampSuffix(out.format, row.ts));
  out.family(
    'berth_check_up',
    'gauge',
    "1 when the check's newest run passed (a check still in its start period counts as up), 0 when it failed.",
  );
  rows.forEach((row, i) => {
    out.sample('berth_check_up', labels[i] as string, row.status === 'down' ? 0 : 1, stamps[i] as string);
  });
  out.family('berth_check_duration_seconds', 'gauge', "How long the check's newest run took, in seconds.");
  rows.forEach((row, i) => {
    out.sample(
      'berth_check_duration_seconds',
      labels[i] as string,
      row.latencyMs / 1000,
      stamps[i] as string,
    );
  });
  out.family(
    'berth_check_certificate_expiry_timestamp_seconds',
    'gauge',
    'When the TLS certificate the check saw expires, as a Unix time (checks over TLS only).',
  );
  rows.forEach((row, i) => {
    if (row.certExpiresAt !== null)
      out.sample(
        'berth_check_certificate_expiry_timestamp_seconds',
        labels[i] as string,
        row.certExpiresAt,
        stamps[i] as string,
      );
  });
}

/**
 * Image updates (docs/image-updates.md): 1 when the container's image reference has a newer
 * digest than the one it runs, 0 when it runs the current one. No sample time: the verdict holds
 * until the next check, not at one instant.
 */
export function writeUpdates(out: ExpositionWriter, rows: readonly PrometheusUpdateRow[]): void {
  out.family(
    'berth_container_update_available',
    'gauge',
    "1 when the registry has a newer digest under the container's image reference, 0 when it runs the current one.",
  );
  for (const row of rows) {
    const host = escapeLabelValue(row.host);
    out.sample(
      'berth_container_update_available',
      `{name="${escapeLabelValue(row.name)}",image="${escapeLabelValue(row.image)}",host="${host}",instance="${host}"}`,
      row.outdated ? 1 : 0,
      '',
    );
  }
}
