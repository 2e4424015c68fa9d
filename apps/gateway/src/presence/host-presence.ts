import { publishOrgEvent } from '@berth/bus';
import { crossTenantMarkStaleHostsOffline, withOrgClient } from '@berth/db/sql';
import type { HelloFrame } from '@berth/protocol';
import type pg from 'pg';
import type { GatewayContext } from '../context.js';
import { MARK_OFFLINE, RECORD_HELLO } from './presence-sql.js';

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
  pool: pg.Pool,
  orgId: string,
  hostId: string,
  hello: HelloFrame,
): Promise<HelloRecord | null> {
  const { host } = hello;
  const rows = await withOrgClient(
    pool,
    orgId,
    async (client) =>
      (
        await client.query<{ last_seq: string; connection_epoch: string }>(RECORD_HELLO, [
          hostId,
          host.hostname,
          hello.agentVersion,
          host.os,
          host.kernel,
          host.arch,
          host.cpus,
          String(host.memTotal),
          host.dockerVersion,
          hello.capabilities,
        ])
      ).rows,
  );
  const row = rows[0];
  // bigint columns arrive as text from node-postgres.
  return row ? { lastSeq: Number(row.last_seq), connectionEpoch: BigInt(row.connection_epoch) } : null;
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
  const changed = await withOrgClient(
    ctx.db,
    orgId,
    async (client) => (await client.query(MARK_OFFLINE, [hostId])).rowCount ?? 0,
  );
  if (changed > 0) {
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
