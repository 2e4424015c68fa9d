import { withOrg } from '@berth/db';
import type { ApiContext } from '../../context.js';
import { execServerSettings } from './exec-rules.js';
import type { ExecTicket } from './exec-ticket.js';

export type ExecOutcome = {
  reason: string;
  exitCode: number | null;
  bytesIn: number;
  bytesOut: number;
  /** The recorded transcript lost output (over EXEC_TRANSCRIPT_MAX_BYTES, or a write failed); its chunks are already written. */
  transcriptTruncated: boolean;
};

/**
 * The socket opened with a valid ticket: `pending` → `open`, in SQL against the ticket's TTL, so
 * a session the sweep already ended as `ticket_expired` cannot come back. False: refuse the socket.
 */
export async function claimExecSession(ctx: ApiContext, grant: ExecTicket): Promise<boolean> {
  // The database's clock on both sides, as in the sweep (end_abandoned_exec_sessions).
  const { ticketTtlS } = execServerSettings(ctx.settings);
  const claimed = await withOrg(
    ctx.db,
    grant.orgId,
    (tx) => tx.$executeRaw`
      UPDATE exec_sessions SET status = 'open', heartbeat_at = now()
      WHERE id = ${grant.sessionId}::uuid AND status = 'pending'
        AND created_at > now() - make_interval(secs => ${ticketTtlS}::float8)`,
  );
  return claimed === 1;
}

/** The agent started the process. */
export async function markExecStarted(ctx: ApiContext, grant: ExecTicket): Promise<void> {
  await withOrg(ctx.db, grant.orgId, (tx) =>
    tx.execSession.updateMany({
      where: { id: grant.sessionId, startedAt: null },
      data: { startedAt: new Date() },
    }),
  );
}

/** Records how the session ended (bytes, exit code, transcript) and audits it, in one transaction. */
export async function finishExecSession(
  ctx: ApiContext,
  grant: ExecTicket,
  outcome: ExecOutcome,
): Promise<void> {
  await withOrg(
    ctx.db,
    grant.orgId,
    async (tx) => {
      await tx.execSession.update({
        where: { id: grant.sessionId },
        data: {
          status: 'ended',
          endedAt: new Date(),
          endReason: outcome.reason.slice(0, 1000),
          exitCode: outcome.exitCode,
          bytesIn: BigInt(outcome.bytesIn),
          bytesOut: BigInt(outcome.bytesOut),
          transcriptTruncated: outcome.transcriptTruncated,
        },
      });
      await tx.auditLog.create({
        data: {
          orgId: grant.orgId,
          actorUserId: grant.userId,
          action: 'exec.close',
          targetType: 'container',
          targetId: `${grant.hostId}/${grant.containerId}`,
          details: {
            sessionId: grant.sessionId,
            command: grant.cmd,
            reason: outcome.reason,
            exitCode: outcome.exitCode,
            bytesIn: outcome.bytesIn,
            bytesOut: outcome.bytesOut,
          },
          ip: grant.ip,
          userAgent: grant.userAgent,
        },
      });
    },
    { userId: grant.userId },
  );
}
