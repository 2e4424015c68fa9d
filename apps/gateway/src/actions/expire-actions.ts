import { publishOrgEvent } from '@berth/bus';
import type { GatewayContext } from '../context.js';

type Expired = {
  action_id: string;
  org_id: string;
  host_id: string;
  container_short_id: string | null;
  verb: string;
  output: string;
};

/** Ends actions past their deadline (all organisations) and announces each. */
export async function expireActions(ctx: GatewayContext, runningGraceMs: number): Promise<number> {
  const rows = await ctx.db.$queryRaw<Expired[]>`
    SELECT * FROM berth_maintenance.expire_actions(make_interval(secs => ${runningGraceMs / 1000}))`;
  const at = new Date().toISOString();
  await Promise.allSettled(
    rows.map((row) =>
      publishOrgEvent(ctx.bus, row.org_id, {
        type: 'action.status',
        actionId: row.action_id,
        hostId: row.host_id,
        containerId: row.container_short_id?.trim() ?? null,
        verb: row.verb,
        status: 'timed_out',
        output: row.output,
        at,
      }),
    ),
  );
  return rows.length;
}
