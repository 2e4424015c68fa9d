import type { Db } from '../client.js';

export type AbandonedExecSession = {
  sessionId: string;
  orgId: string;
  endReason: 'ticket_expired' | 'api_restart';
};

/**
 * Ends the exec sessions of every organisation that nobody will finish: granted more than
 * `ticketTtlMs` ago and never connected, or open without a heartbeat from their API for
 * `orphanAfterMs` (it died); audited, transcripts kept.
 */
export async function crossTenantEndAbandonedExecSessions(
  db: Db,
  ticketTtlMs: number,
  orphanAfterMs: number,
): Promise<AbandonedExecSession[]> {
  const rows = await db.$queryRaw<{ session_id: string; org_id: string; end_reason: string }[]>`
    SELECT * FROM berth_maintenance.end_abandoned_exec_sessions(
      make_interval(secs => ${ticketTtlMs / 1000}::float8), make_interval(secs => ${orphanAfterMs / 1000}::float8))`;
  return rows.map((row) => ({
    sessionId: row.session_id,
    orgId: row.org_id,
    endReason: row.end_reason as AbandonedExecSession['endReason'],
  }));
}
