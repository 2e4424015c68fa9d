import { publishOrgEvent } from '@berth/bus';
import { withOrgClient } from '@berth/db/sql';
import type { ActionResultFrame } from '@berth/protocol';
import type { AgentSession } from '../agents/agent-session.js';
import type { GatewayContext } from '../context.js';
import { RECORD_RESULT } from './action-sql.js';

/** Stores an agent's report on an action of its own host and tells the org's browsers. */
export async function recordActionResult(
  ctx: GatewayContext,
  session: AgentSession,
  frame: ActionResultFrame,
): Promise<void> {
  const { orgId, hostId } = session.identity;
  const rows = await withOrgClient(
    ctx.pool,
    orgId,
    async (client) =>
      (
        await client.query<{ verb: string; container_short_id: string | null; output: string | null }>(
          RECORD_RESULT,
          [frame.id, hostId, frame.status, frame.output, frame.startedAt ?? null, frame.finishedAt ?? null],
        )
      ).rows,
  );
  const row = rows[0];
  // No row: another host's action id, unknown, or already final — nothing to change.
  if (!row) return;
  await publishOrgEvent(ctx.bus, orgId, {
    type: 'action.status',
    actionId: frame.id,
    hostId,
    containerId: row.container_short_id?.trim() ?? null,
    verb: row.verb,
    status: frame.status,
    output: row.output,
    at: new Date().toISOString(),
  });
}
