import { recordHostConfigAck, withOrgClient } from '@berth/db/sql';
import type { AgentSession } from '../agents/agent-session.js';
import type { GatewayContext } from '../context.js';
import { readConfigFrame } from './push-check-config.js';

/** The `hello` capability of agents that apply `config` frames (docs/protocol.md). */
export const CHECK_CONFIG_CAPABILITY = 'check_config';

/**
 * Pushes console-defined checks to the agents that understand them: the host's whole config on
 * every welcome (so a reconnect or a missed nudge is healed), and again on the API's `config`
 * nudge when the version moved past what this connection was sent. Records the agent's ack.
 * Older agents (no capability) are never sent the frame.
 */
export function registerCheckConfig(ctx: GatewayContext): void {
  /** The newest version sent on each connection; pushes are serialised per connection. */
  const sent = new WeakMap<AgentSession, number>();
  const queues = new WeakMap<AgentSession, Promise<void>>();

  const push = (session: AgentSession) => {
    if (!session.capabilities.includes(CHECK_CONFIG_CAPABILITY)) return;
    const next = (queues.get(session) ?? Promise.resolve()).then(async () => {
      const frame = await readConfigFrame(ctx, session);
      if (!frame || session.state === 'closed') return;
      const previous = sent.get(session);
      if (previous !== undefined && frame.version <= previous) return;
      sent.set(session, frame.version);
      session.send(frame);
    });
    queues.set(
      session,
      next.catch((error: unknown) =>
        ctx.log.warn({ err: error, hostId: session.identity.hostId }, 'could not push the check config'),
      ),
    );
  };

  ctx.sessions.onWelcomed(push);
  ctx.sessions.onGatewayMessage((session, message) => {
    if (message.kind === 'config') push(session);
  });
  ctx.sessions.onAgentFrame((session, frame) => {
    if (frame.type !== 'config_ack') return;
    const { orgId, hostId } = session.identity;
    withOrgClient(ctx.pool, orgId, (client) => recordHostConfigAck(client, hostId, frame.version)).catch(
      (error: unknown) => ctx.log.warn({ err: error, hostId }, 'could not record the config ack'),
    );
  });
}
