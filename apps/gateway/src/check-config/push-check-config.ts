import { createHash } from 'node:crypto';
import { type HostCheckConfigRow, readHostCheckConfig, withOrgClient } from '@berth/db/sql';
import {
  type ConfigFrame,
  type ConfiguredAutoheal,
  type ConfiguredCheck,
  ZConfiguredAutohealSchema,
  ZConfiguredCheckSchema,
} from '@berth/protocol';
import type { AgentSession } from '../agents/agent-session.js';
import type { GatewayContext } from '../context.js';

/**
 * A configured check's runner id: derived from the host, the container name and the check name,
 * so it is the same check on every push (the agent keeps its timer while the revision holds).
 * Shaped as an RFC 9562 version-8 uuid, which the protocol's uuid fields require.
 */
export function configuredCheckId(hostId: string, containerName: string, name: string): string {
  const hex = createHash('sha256').update(`${hostId}/${containerName}/${name}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * The host's config as a `config` frame: its resolved checks and auto-restart policies at its
 * current version. A stored
 * spec the protocol refuses (it was valid when the API wrote it; limits only grow) is left out
 * and logged rather than failing the host's whole config. Null when the host is not visible.
 */
export async function readConfigFrame(
  ctx: GatewayContext,
  session: AgentSession,
): Promise<ConfigFrame | null> {
  const { orgId, hostId } = session.identity;
  const config = await withOrgClient(ctx.pool, orgId, (client) => readHostCheckConfig(client, hostId));
  if (!config) return null;
  const checks: ConfiguredCheck[] = [];
  for (const row of config.checks) {
    const parsed = ZConfiguredCheckSchema.safeParse(toConfiguredCheck(hostId, row));
    if (parsed.success) checks.push(parsed.data);
    else
      ctx.log.warn(
        { hostId, definitionId: row.definitionId, issues: parsed.error.issues },
        'stored check definition does not fit the protocol; not pushed',
      );
  }
  const autoheal: ConfiguredAutoheal[] = [];
  for (const row of config.autoheal) {
    const parsed = ZConfiguredAutohealSchema.safeParse({
      containerName: row.containerName,
      mode: row.mode,
      maxAttempts: row.maxAttempts,
      windowMs: row.windowS * 1000,
      backoffMs: row.backoffInitialS * 1000,
      backoffMaxMs: row.backoffCapS * 1000,
    });
    if (parsed.success) autoheal.push(parsed.data);
    else
      ctx.log.warn(
        { hostId, issues: parsed.error.issues },
        'stored auto-restart policy does not fit the protocol',
      );
  }
  return { type: 'config', version: config.version, checks, ...(autoheal.length > 0 ? { autoheal } : {}) };
}

function toConfiguredCheck(hostId: string, row: HostCheckConfigRow): unknown {
  return {
    ...(row.spec as object),
    id: configuredCheckId(hostId, row.containerName, row.name),
    version: row.revision,
    containerName: row.containerName,
    name: row.name,
  };
}
