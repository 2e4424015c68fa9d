import { publishOrgEvent } from '@berth/bus';
import { withOrgClient } from '@berth/db/sql';
import type { ActionResultFrame } from '@berth/protocol';
import type { AgentSession } from '../agents/agent-session.js';
import type { GatewayContext } from '../context.js';
import { RECORD_RESULT, RECORD_UPDATE_OUTCOME } from './action-sql.js';

type RecordedRow = {
  verb: string;
  container_short_id: string | null;
  output: string | null;
  params: Record<string, unknown> | null;
};
const FINAL = new Set(['succeeded', 'failed', 'timed_out', 'rejected']);

/** Stores an agent's report on an action of its own host and tells the org's browsers. */
export async function recordActionResult(
  ctx: GatewayContext,
  session: AgentSession,
  frame: ActionResultFrame,
): Promise<void> {
  const { orgId, hostId } = session.identity;
  const rows = await withOrgClient(ctx.pool, orgId, async (client) => {
    const recorded = await client.query<RecordedRow>(RECORD_RESULT, [
      frame.id,
      hostId,
      frame.status,
      frame.output,
      frame.startedAt ?? null,
      frame.finishedAt ?? null,
    ]);
    const row = recorded.rows[0];
    const containerId = row?.container_short_id?.trim();
    if (row?.verb === 'container.update' && containerId && FINAL.has(frame.status)) {
      const succeeded = frame.status === 'succeeded';
      await client.query(RECORD_UPDATE_OUTCOME, [
        orgId,
        hostId,
        containerId,
        succeeded ? 'update_succeeded' : 'update_failed',
        JSON.stringify({
          actionId: frame.id,
          image: String(row.params?.image ?? ''),
          status: frame.status,
          // The agent's account: the new digest, or the failure and whether it rolled back.
          output: frame.output.slice(0, 1000),
        }),
      ]);
    }
    return recorded.rows;
  });
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
