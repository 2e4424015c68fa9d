import type { CheckImageUpdates, CheckImageUpdatesResult } from '@berth/api-contract';
import { scheduleImageChecks } from '@berth/db/queries';
import type { FastifyRequest } from 'fastify';
import type { Principal } from '../../auth/principal.js';
import type { ApiContext } from '../../context.js';
import { writeAudit } from '../audit/write-audit.js';
import { hostScopeOf } from '../fleet/host-scope.js';
import { inOrg } from '../in-org.js';

/**
 * "Check now": the checks become due, and each gateway's next sweep (within a minute) sends them
 * to a host that runs the reference. Nothing is asked of a registry from the API itself.
 */
export async function checkImageUpdates(
  ctx: ApiContext,
  principal: Principal,
  request: FastifyRequest,
  body: CheckImageUpdates,
): Promise<CheckImageUpdatesResult> {
  return inOrg(ctx, principal, async (tx) => {
    const scheduled = await scheduleImageChecks(tx, {
      orgId: principal.orgId,
      scope: await hostScopeOf(tx, principal),
      image: body.image,
    });
    await writeAudit(tx, principal, request, {
      action: 'image_updates.check',
      targetType: 'image',
      targetId: null,
      details: { image: body.image ?? null, scheduled },
    });
    return { scheduled };
  });
}
