import { AppError } from '@berth/http';
import type { Principal } from '../../auth/principal.js';
import type { ApiContext } from '../../context.js';
import { visibleHostFilter } from '../identity/visible-host-filter.js';
import { inOrg } from '../in-org.js';

/** A recorded session's output, as the terminal received it (bytes, escape sequences included). */
export async function readExecTranscript(
  ctx: ApiContext,
  principal: Principal,
  sessionId: string,
): Promise<{ bytes: Buffer; truncated: boolean }> {
  const row = await inOrg(ctx, principal, async (tx) =>
    tx.execSession.findFirst({
      where: { id: sessionId, host: await visibleHostFilter(tx, principal) },
      select: { recorded: true, status: true, transcript: true, transcriptTruncated: true },
    }),
  );
  if (!row) throw new AppError('not_found', 'no such exec session');
  if (!row.recorded) throw new AppError('not_found', 'this session was not recorded (exec settings)');
  if (row.status !== 'ended') throw new AppError('conflict', 'the session is still open');
  return { bytes: Buffer.from(row.transcript ?? new Uint8Array()), truncated: row.transcriptTruncated };
}
