import type { HostRow } from '@berth/db/queries';
import type { HostView } from '../../routes/fleet/schemas/host-schemas.js';
import { iso, isoOrNull } from './iso.js';

export function toHostView(row: HostRow): HostView {
  return {
    ...row,
    revokedAt: isoOrNull(row.revokedAt),
    lastSeenAt: isoOrNull(row.lastSeenAt),
    createdAt: iso(row.createdAt),
    latest: row.latest ? { ...row.latest, ts: iso(row.latest.ts) } : null,
  };
}
