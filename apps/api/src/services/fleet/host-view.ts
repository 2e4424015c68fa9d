import type { Host as HostView } from '@berth/api-contract';
import { AGENT_RELEASE_VERSION } from '@berth/config';
import type { HostRow } from '@berth/db/queries';
import { compareSemver } from '@berth/protocol';
import type { ApiContext } from '../../context.js';
import { iso, isoOrNull } from './iso.js';

/** The agent version hosts should run: BERTH_AGENT_VERSION, the same value gateways send in welcome. */
export function latestAgentVersion(ctx: Pick<ApiContext, 'settings'>): string {
  return ctx.settings.currentAgentVersion ?? AGENT_RELEASE_VERSION;
}

/** True only when the host's version is known and older than `latest` (unknown is not outdated). */
export function isAgentOutdated(agentVersion: string | null, latest: string): boolean {
  return agentVersion !== null && compareSemver(agentVersion, latest) === -1;
}

export function toHostView(row: HostRow, latest: string): HostView {
  return {
    ...row,
    revokedAt: isoOrNull(row.revokedAt),
    lastSeenAt: isoOrNull(row.lastSeenAt),
    createdAt: iso(row.createdAt),
    latest: row.latest ? { ...row.latest, ts: iso(row.latest.ts) } : null,
    latestAgentVersion: latest,
    agentUpdateAvailable: isAgentOutdated(row.agentVersion, latest),
  };
}
