import { publishOrgEvent } from '@berth/bus';
import { crossTenantMarkStaleHostsOffline, type Db, withOrg } from '@berth/db';
import type { HelloFrame } from '@berth/protocol';
import type { GatewayContext } from '../context.js';

export type HelloRecord = {
  /** The host's committed batch seq (the agent resumes after it). */
  lastSeq: number;
  /** This connection's place in the host's connections (see deliver-actions.ts). */
  connectionEpoch: bigint;
};

/**
 * Stores what the agent said about its host, marks it online and numbers the connection.
 * Returns null when the host was revoked meanwhile.
 */
export async function recordHello(
  db: Db,
  orgId: string,
  hostId: string,
  hello: HelloFrame,
): Promise<HelloRecord | null> {
  const { host } = hello;
  const updated = await withOrg(db, orgId, (tx) =>
    tx.host.updateManyAndReturn({
      where: { id: hostId, revokedAt: null },
      data: {
        hostname: host.hostname,
        agentVersion: hello.agentVersion,
        os: host.os,
        kernel: host.kernel,
        arch: host.arch,
        cpus: host.cpus,
        memTotal: BigInt(host.memTotal),
        dockerVersion: host.dockerVersion,
        capabilities: hello.capabilities,
        status: 'online',
        lastSeenAt: new Date(),
        // The row lock orders concurrent hellos of one host (on any gateway): a later
        // connection always gets a higher epoch.
        connectionEpoch: { increment: 1 },
      },
      select: { lastSeq: true, connectionEpoch: true },
    }),
  );
  const row = updated[0];
  return row ? { lastSeq: Number(row.lastSeq), connectionEpoch: row.connectionEpoch } : null;
}

/** Live views learn that a host (re)connected: the empty fleet shows its first host this way. */
export async function announceHostOnline(ctx: GatewayContext, orgId: string, hostId: string): Promise<void> {
  await publishOrgEvent(ctx.bus, orgId, {
    type: 'host.status',
    hostId,
    status: 'online',
    at: new Date().toISOString(),
  });
}

export async function markHostOffline(ctx: GatewayContext, orgId: string, hostId: string): Promise<void> {
  const changed = await withOrg(ctx.db, orgId, (tx) =>
    tx.host.updateMany({ where: { id: hostId, status: 'online' }, data: { status: 'offline' } }),
  );
  if (changed.count > 0) {
    await publishOrgEvent(ctx.bus, orgId, {
      type: 'host.status',
      hostId,
      status: 'offline',
      at: new Date().toISOString(),
    });
  }
}

/** Hosts without a batch for `staleAfterMs` go offline, whichever gateway held them. */
export async function sweepStaleHosts(ctx: GatewayContext, staleAfterMs: number): Promise<number> {
  const stale = await crossTenantMarkStaleHostsOffline(ctx.db, staleAfterMs);
  const at = new Date().toISOString();
  await Promise.allSettled(
    stale.map(({ orgId, hostId }) =>
      publishOrgEvent(ctx.bus, orgId, { type: 'host.status', hostId, status: 'offline', at }),
    ),
  );
  return stale.length;
}
