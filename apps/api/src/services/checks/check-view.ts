import type { CheckSummary } from '@berth/api-contract';
import type { CheckRow } from '@berth/db/queries';
import { iso, isoOrNull } from '../fleet/iso.js';

/** A check row as the API shows it (times ISO, percentages and percentiles rounded). */
export function checkView(row: CheckRow): CheckSummary {
  return {
    ...row,
    lastCheckedAt: iso(row.lastCheckedAt),
    certExpiresAt: isoOrNull(row.certExpiresAt),
    uptime24h: round(row.uptime24h, 3),
    uptime7d: round(row.uptime7d, 3),
    uptime30d: round(row.uptime30d, 3),
    latencyP50Ms: round(row.latencyP50Ms, 1),
    latencyP95Ms: round(row.latencyP95Ms, 1),
  };
}

function round(value: number | null, digits: number): number | null {
  if (value === null) return null;
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}
