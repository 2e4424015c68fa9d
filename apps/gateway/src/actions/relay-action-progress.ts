import { publishOrgEvent } from '@berth/bus';
import { withOrgClient } from '@berth/db/sql';
import type { ActionProgressFrame } from '@berth/protocol';
import type { AgentSession } from '../agents/agent-session.js';
import type { GatewayContext } from '../context.js';
import { ACTION_IN_FLIGHT } from './action-sql.js';

type InFlight = { verb: string; containerId: string | null } | null;

/**
 * Passes an agent's progress on a long action to the organisation's browsers as
 * `action.progress`. Only for an action of this host that is still under way (looked up once
 * per action and socket, then remembered): an agent cannot announce progress on another host's
 * action. Nothing is stored — progress is for watching, the result is what is kept.
 */
export function createProgressRelay(ctx: GatewayContext) {
  const known = new WeakMap<AgentSession, Map<string, Promise<InFlight>>>();
  const lookUp = (session: AgentSession, actionId: string): Promise<InFlight> => {
    const actions = known.get(session) ?? new Map<string, Promise<InFlight>>();
    known.set(session, actions);
    let found = actions.get(actionId);
    if (!found) {
      const { orgId, hostId } = session.identity;
      found = withOrgClient(ctx.pool, orgId, async (client) => {
        const row = (
          await client.query<{ verb: string; container_short_id: string | null }>(ACTION_IN_FLIGHT, [
            actionId,
            hostId,
          ])
        ).rows[0];
        return row ? { verb: row.verb, containerId: row.container_short_id?.trim() ?? null } : null;
      });
      actions.set(actionId, found);
      // Bounded: an agent runs a handful of long actions per connection.
      if (actions.size > 100) actions.delete(actions.keys().next().value ?? actionId);
    }
    return found;
  };
  return async (session: AgentSession, frame: ActionProgressFrame): Promise<void> => {
    const action = await lookUp(session, frame.id);
    if (!action) return;
    await publishOrgEvent(ctx.bus, session.identity.orgId, {
      type: 'action.progress',
      actionId: frame.id,
      hostId: session.identity.hostId,
      containerId: action.containerId,
      verb: action.verb,
      stage: frame.stage,
      percent: frame.percent,
      detail: frame.detail ?? null,
      at: new Date().toISOString(),
    });
  };
}
