import type { Silence } from '@berth/api-contract';
import { AppError } from '@berth/http';
import type { FastifyRequest } from 'fastify';
import { actingUserId, type Principal } from '../../../auth/principal.js';
import type { ApiContext } from '../../../context.js';
import { writeAudit } from '../../audit/write-audit.js';
import { inOrg } from '../../in-org.js';
import { namesOf } from '../alerts/alert-view.js';
import { openAlertLabels, silenceNotFound, silenceState, silenceView } from './silence-view.js';

/**
 * Ends a silence now (kept, with who ended it, for the record). A pending one never started:
 * its start moves back to now as well, so the row still has end after start.
 */
export async function expireSilence(
  ctx: ApiContext,
  request: FastifyRequest,
  principal: Principal,
  silenceId: string,
): Promise<Silence> {
  return inOrg(ctx, principal, async (tx) => {
    const row = await tx.alertSilence.findUnique({ where: { id: silenceId } });
    if (!row) throw silenceNotFound();
    const now = new Date();
    if (silenceState(row, now) === 'expired')
      throw new AppError('conflict', 'this silence has already ended');
    const updated = await tx.alertSilence.update({
      where: { id: silenceId },
      data: {
        startsAt: row.startsAt < now ? row.startsAt : new Date(now.getTime() - 1),
        endsAt: now,
        expiredBy: actingUserId(principal),
      },
    });
    await writeAudit(tx, principal, request, {
      action: 'alert_silence.expire',
      targetType: 'alert_silence',
      targetId: silenceId,
      details: { matchers: row.matchers ?? [], plannedEnd: row.endsAt.toISOString() },
    });
    const [openLabels, people] = await Promise.all([openAlertLabels(tx), namesOf(tx, [row.createdBy])]);
    return silenceView(updated, { now, openLabels, people });
  });
}
