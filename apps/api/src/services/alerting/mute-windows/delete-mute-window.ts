import type { FastifyRequest } from 'fastify';
import type { Principal } from '../../../auth/principal.js';
import type { ApiContext } from '../../../context.js';
import { writeAudit } from '../../audit/write-audit.js';
import { inOrg } from '../../in-org.js';
import { findMuteWindow } from './mute-window-view.js';

export async function deleteMuteWindow(
  ctx: ApiContext,
  request: FastifyRequest,
  principal: Principal,
  windowId: string,
): Promise<void> {
  await inOrg(ctx, principal, async (tx) => {
    const row = await findMuteWindow(tx, windowId);
    await tx.alertMuteWindow.delete({ where: { id: windowId } });
    await writeAudit(tx, principal, request, {
      action: 'alert_mute_window.delete',
      targetType: 'alert_mute_window',
      targetId: windowId,
      details: { name: row.name, kind: row.kind },
    });
  });
}
