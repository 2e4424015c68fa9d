import { publishOrgEvent } from '@berth/bus';
import { withOrgClient } from '@berth/db/sql';
import { type ActionFrame, ZActionParamsSchema } from '@berth/protocol';
import type { AgentSession } from '../agents/agent-session.js';
import type { GatewayContext } from '../context.js';
import { CLAIM_NUDGED, CLAIM_ON_HELLO } from './action-sql.js';

type ClaimedRow = {
  id: string;
  verb: ActionFrame['verb'];
  container_short_id: string | null;
  params: unknown;
  deadline: Date;
};

/** What started a delivery pass: the session's hello, or the API's nudge for one action. */
export type DeliveryTrigger = { kind: 'hello' } | { kind: 'nudge'; actionId: string };

/**
 * Sends a host's still-valid actions to its socket: all pending ones on hello (pub/sub loses
 * messages while a host is away, the database does not), or the one the API's pub/sub nudge
 * names. Each action goes out once per connection and is announced `sent` once per delivery
 * (see CLAIM_ON_HELLO). Past-deadline actions are never sent; the expiry sweep ends them.
 * Returns how many were sent.
 */
export async function deliverActions(
  ctx: GatewayContext,
  session: AgentSession,
  trigger: DeliveryTrigger,
): Promise<number> {
  const { orgId, hostId } = session.identity;
  const epoch = String(session.connectionEpoch);
  const rows = await withOrgClient(ctx.pool, orgId, async (client) => {
    const claimed =
      trigger.kind === 'hello'
        ? await client.query<ClaimedRow>(CLAIM_ON_HELLO, [hostId, epoch])
        : await client.query<ClaimedRow>(CLAIM_NUDGED, [hostId, trigger.actionId, epoch]);
    return claimed.rows;
  });
  for (const row of rows) {
    const params = ZActionParamsSchema.safeParse(row.params);
    // Announced before the frame leaves: the agent's `running` can then never reach the
    // browsers ahead of `sent`.
    await publishOrgEvent(ctx.bus, orgId, {
      type: 'action.status',
      actionId: row.id,
      hostId,
      containerId: row.container_short_id?.trim() ?? null,
      verb: row.verb,
      status: 'sent',
      output: null,
      at: new Date().toISOString(),
    }).catch((error: unknown) =>
      // Live views only: the action itself must still go out.
      ctx.log.warn({ err: error, actionId: row.id }, 'action sent event not published'),
    );
    session.send({
      type: 'action',
      id: row.id,
      verb: row.verb,
      target: row.container_short_id ? { containerId: row.container_short_id.trim() } : {},
      params: params.success ? params.data : {},
      deadline: row.deadline.toISOString(),
    });
  }
  return rows.length;
}
