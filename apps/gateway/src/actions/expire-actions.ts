import { publishOrgEvent } from '@berth/bus';
import { crossTenantExpireActions } from '@berth/db/sql';
import type { GatewayContext } from '../context.js';

/** Ends actions past their deadline (all organisations) and announces each. */
export async function expireActions(ctx: GatewayContext, runningGraceMs: number): Promise<number> {
  const expired = await crossTenantExpireActions(ctx.db, runningGraceMs);
  const at = new Date().toISOString();
  await Promise.allSettled(
    expired.map((action) =>
      publishOrgEvent(ctx.bus, action.orgId, {
        type: 'action.status',
        actionId: action.actionId,
        hostId: action.hostId,
        containerId: action.containerShortId,
        verb: action.verb,
        status: 'timed_out',
        output: action.output,
        at,
      }),
    ),
  );
  return expired.length;
}
