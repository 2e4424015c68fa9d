import { publishOrgEvent } from '@berth/bus';
import { withOrgClient } from '@berth/db';
import { type ActionFrame, ZActionParamsSchema } from '@berth/protocol';
import type { AgentSession } from '../agents/agent-session.js';
import type { GatewayContext } from '../context.js';
import { CLAIM_PENDING } from './action-sql.js';

type ClaimedRow = {
  id: string;
  verb: ActionFrame['verb'];
  container_short_id: string | null;
  params: unknown;
  deadline: Date;
};

/**
 * Sends a host's still-valid actions to its socket: one (after the API's pub/sub nudge)
 * or all pending ones (on hello — pub/sub loses messages while a host is away, the
 * database does not). Past-deadline actions are never sent; the expiry sweep ends them.
 */
export async function deliverActions(
  ctx: GatewayContext,
  session: AgentSession,
  actionId: string | null = null,
): Promise<number> {
  const { orgId, hostId } = session.identity;
  const rows = await withOrgClient(
    ctx.pool,
    orgId,
    async (client) => (await client.query<ClaimedRow>(CLAIM_PENDING, [hostId, actionId])).rows,
  );
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
