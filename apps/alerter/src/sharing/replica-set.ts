import { createHash } from 'node:crypto';
import { crossTenantAlerterHeartbeat, crossTenantAlerterLeave } from '@berth/db/alerting';
import type pg from 'pg';

/** This replica's place among the live ones: it evaluates the events of hosts of its rank. */
export type ReplicaView = { rank: number; size: number };

/** The rank whose replica evaluates `hostId`'s events: a hash of the id mod the live count. */
export function hostRank(hostId: string, size: number): number {
  return createHash('sha256').update(hostId).digest().readUInt32BE(0) % size;
}

/**
 * The live alerters (a heartbeat row each, berth_internal.alerter_replicas) and this one's
 * rank among them. Deciding whether an event is ours costs nothing per event: the view is
 * re-read with each heartbeat. While views disagree (a replica just joined or died) a host
 * may be evaluated twice (harmless: transitions are single statements) or by no one until
 * the next heartbeat or periodic pass (the backstop, which visits every host).
 */
export class ReplicaSet {
  // Alone until the first heartbeat says otherwise: every host is ours.
  private view: ReplicaView = { rank: 0, size: 1 };

  constructor(
    private readonly pool: pg.Pool,
    readonly replicaId: string,
    private readonly ttlMs: number,
  ) {}

  async heartbeat(at: Date): Promise<ReplicaView> {
    const live = await crossTenantAlerterHeartbeat(this.pool, {
      replicaId: this.replicaId,
      at,
      ttlMs: this.ttlMs,
    });
    const rank = live.indexOf(this.replicaId);
    // The row was renewed until at + ttl in that very statement, so it is live; should it not
    // be listed anyway, taking every host beats taking none.
    this.view = rank < 0 ? { rank: 0, size: 1 } : { rank, size: live.length };
    return this.view;
  }

  current(): ReplicaView {
    return this.view;
  }

  owns(hostId: string): boolean {
    return this.view.size <= 1 || hostRank(hostId, this.view.size) === this.view.rank;
  }

  leave(): Promise<void> {
    return crossTenantAlerterLeave(this.pool, this.replicaId);
  }
}
