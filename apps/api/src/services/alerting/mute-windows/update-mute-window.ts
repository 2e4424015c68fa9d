import type { MuteWindow, ZMuteWindowChangeSchema } from '@berth/api-contract';
import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { Principal } from '../../../auth/principal.js';
import type { ApiContext } from '../../../context.js';
import { writeAudit } from '../../audit/write-audit.js';
import { isUniqueViolation } from '../../identity/is-unique-violation.js';
import { inOrg } from '../../in-org.js';
import { findMuteWindow, muteWindowNameTaken, muteWindowView } from './mute-window-view.js';

type MuteWindowChange = z.output<typeof ZMuteWindowChangeSchema>;

/** Changes any subset of a window; its kind stays. */
export async function updateMuteWindow(
  ctx: ApiContext,
  request: FastifyRequest,
  principal: Principal,
  windowId: string,
  change: MuteWindowChange,
): Promise<MuteWindow> {
  try {
    return await inOrg(ctx, principal, async (tx) => {
      await findMuteWindow(tx, windowId);
      const data = Object.fromEntries(Object.entries(change).filter(([, value]) => value !== undefined));
      const updated = await tx.alertMuteWindow.update({
        where: { id: windowId },
        data: {
          ...data,
          ...(change.weekdays ? { weekdays: [...new Set(change.weekdays)].sort((x, y) => x - y) } : {}),
          updatedAt: new Date(),
        },
      });
      await writeAudit(tx, principal, request, {
        action: 'alert_mute_window.update',
        targetType: 'alert_mute_window',
        targetId: windowId,
        details: { name: updated.name, ...data },
      });
      return muteWindowView(updated);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw muteWindowNameTaken();
    throw error;
  }
}
