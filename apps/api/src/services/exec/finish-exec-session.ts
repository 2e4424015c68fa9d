import { withOrg } from '@berth/db';
import type { ApiContext } from '../../context.js';
import type { ExecTicket } from './exec-ticket.js';

export type ExecOutcome = {
  reason: string;
  exitCode: number | null;
  bytesIn: number;
  bytesOut: number;
  transcript: { bytes: Buffer; truncated: boolean } | null;
};

/** The socket opened and the agent started the process: `pending` → `open`. */
export async function markExecStarted(ctx: ApiContext, grant: ExecTicket): Promise<void> {
  await withOrg(ctx.db, grant.orgId, (tx) =>
    tx.execSession.updateMany({
      where: { id: grant.sessionId, status: 'pending' },
      data: { status: 'open', startedAt: new Date() },
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
          ...(outcome.transcript
            ? {
                transcript: new Uint8Array(outcome.transcript.bytes),
                transcriptTruncated: outcome.transcript.truncated,
              }
            : {}),
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
