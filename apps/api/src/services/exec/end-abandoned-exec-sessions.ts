import { crossTenantEndAbandonedExecSessions } from '@berth/db';
import type { ApiContext } from '../../context.js';
import { execServerSettings } from './exec-rules.js';

/**
 * Ends the sessions nobody will finish (docs/exec.md): granted but never connected once the
 * ticket expired (`ticket_expired`), and open ones whose API stopped its heartbeat
 * (`api_restart`, their recorded chunks kept). Run at start, on a timer and before the list is
 * read, so an audit list never shows a session as running that is not.
 */
export async function endAbandonedExecSessions(ctx: ApiContext): Promise<number> {
  const { ticketTtlS, orphanAfterS } = execServerSettings(ctx.settings);
  const ended = await crossTenantEndAbandonedExecSessions(ctx.db, ticketTtlS * 1000, orphanAfterS * 1000);
  if (ended.length > 0)
    ctx.log.info(
      { sessions: ended.map((session) => `${session.sessionId}:${session.endReason}`) },
      'ended abandoned exec sessions',
    );
  return ended.length;
}
