import { AppError } from '@berth/http';
import type { Principal } from '../../auth/principal.js';
import type { ApiContext } from '../../context.js';
import { visibleHostFilter } from '../identity/visible-host-filter.js';
import { inOrg } from '../in-org.js';
import { endAbandonedExecSessions } from './end-abandoned-exec-sessions.js';

/**
 * A recorded session's output, as the terminal received it (bytes, escape sequences included):
 * its chunks in order, written as it ran — so a session its API lost (`api_restart`) still has
 * what was recorded until then. Sessions recorded before chunks existed kept one `transcript`.
 */
export async function readExecTranscript(
  ctx: ApiContext,
  principal: Principal,
  sessionId: string,
): Promise<{ bytes: Buffer; truncated: boolean }> {
  await endAbandonedExecSessions(ctx);
  return inOrg(ctx, principal, async (tx) => {
    const row = await tx.execSession.findFirst({
      where: { id: sessionId, host: await visibleHostFilter(tx, principal) },
      select: { recorded: true, status: true, transcript: true, transcriptTruncated: true },
    });
    if (!row) throw new AppError('not_found', 'no such exec session');
    if (!row.recorded) throw new AppError('not_found', 'this session was not recorded (exec settings)');
    if (row.status !== 'ended') throw new AppError('conflict', 'the session is still open');
    const chunks = await tx.execTranscriptChunk.findMany({
      where: { sessionId },
      orderBy: { seq: 'asc' },
      select: { data: true },
    });
    const parts = [
      ...(row.transcript ? [Buffer.from(row.transcript)] : []),
      ...chunks.map((chunk) => Buffer.from(chunk.data)),
    ];
    return { bytes: Buffer.concat(parts), truncated: row.transcriptTruncated };
  });
}
