import type { MuteWindow, ZNewMuteWindowSchema } from '@berth/api-contract';
import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { actingUserId, type Principal } from '../../../auth/principal.js';
import type { ApiContext } from '../../../context.js';
import { writeAudit } from '../../audit/write-audit.js';
import { isUniqueViolation } from '../../identity/is-unique-violation.js';
import { inOrg } from '../../in-org.js';
import { muteWindowNameTaken, muteWindowView } from './mute-window-view.js';

type NewMuteWindowParsed = z.output<typeof ZNewMuteWindowSchema>;

/** A recurring window (maintenance or quiet hours); names are unique (409 `name`). */
export async function createMuteWindow(
  ctx: ApiContext,
  request: FastifyRequest,
  principal: Principal,
  input: NewMuteWindowParsed,
): Promise<MuteWindow> {
  try {
    return await inOrg(ctx, principal, async (tx) => {
      const row = await tx.alertMuteWindow.create({
        data: {
          orgId: principal.orgId,
          ...input,
          weekdays: [...new Set(input.weekdays)].sort((x, y) => x - y),
          createdBy: actingUserId(principal),
        },
      });
      await writeAudit(tx, principal, request, {
        action: 'alert_mute_window.create',
        targetType: 'alert_mute_window',
        targetId: row.id,
        details: { ...input },
      });
      return muteWindowView(row);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw muteWindowNameTaken();
    throw error;
  }
}
