import { publishLogStream } from '@berth/bus';
import type { AgentSession } from '../agents/agent-session.js';
import type { GatewayContext } from '../context.js';
import { type DeliveryTrigger, deliverActions } from './deliver-actions.js';
import { createDeliveryPasses, type DeliveryPasses } from './delivery-passes.js';
import { recordActionResult } from './record-action-result.js';
import { createProgressRelay } from './relay-action-progress.js';
import { trackLogStreams } from './track-log-streams.js';

/**
 * Wires the control plane into the gateway's sessions: pending actions on every welcome,
 * the API's nudges (a new action, a log stream to start or stop), and the agent's answers.
 * Returns the delivery passes as events.
 */
export function registerActionHandling(ctx: GatewayContext): DeliveryPasses {
  const failed = (what: string, hostId: string) => (error: unknown) =>
    ctx.log.warn({ err: error, hostId }, what);
  const passes = createDeliveryPasses();
  const logStreams = trackLogStreams(ctx);
  ctx.sessions.onClosed((session) => logStreams.closed(session));

  const deliver = (session: AgentSession, trigger: DeliveryTrigger) => {
    deliverActions(ctx, session, trigger).then(
      (sent) => passes.emit({ session, trigger, sent }),
      (error: unknown) => {
        failed('could not deliver actions', session.identity.hostId)(error);
        passes.emit({ session, trigger, sent: 0, error });
      },
    );
  };

  ctx.sessions.onWelcomed((session) => deliver(session, { kind: 'hello' }));

  ctx.sessions.onGatewayMessage((session, message) => {
    switch (message.kind) {
      case 'action':
        deliver(session, { kind: 'nudge', actionId: message.actionId });
        return;
      case 'logs_follow':
        logStreams.followed(session, message.streamId);
        session.send({
          type: 'logs_follow',
          streamId: message.streamId,
          containerId: message.containerId,
          tail: message.tail,
        });
        return;
      case 'logs_stop':
        logStreams.over(session, message.streamId);
        session.send({ type: 'logs_stop', streamId: message.streamId });
        return;
      case 'revoke':
        return; // handled by the registry itself
      case 'config':
        return; // the check config's own listener (check-config/register-check-config.ts)
    }
  });

  // One socket's results are stored in the order they came: `running` then `succeeded` of a
  // quick action would otherwise race in two pooled connections, and the forward-only update
  // would drop `running` if `succeeded` committed first.
  const resultQueues = new WeakMap<AgentSession, Promise<void>>();
  const relayProgress = createProgressRelay(ctx);
  const progressQueues = new WeakMap<AgentSession, Promise<void>>();
  ctx.sessions.onAgentFrame((session, frame) => {
    if (frame.type === 'action_result') {
      const queued = (resultQueues.get(session) ?? Promise.resolve()).then(() =>
        recordActionResult(ctx, session, frame).catch(
          failed('could not record action result', session.identity.hostId),
        ),
      );
      resultQueues.set(session, queued);
    } else if (frame.type === 'action_progress') {
      // In order per socket too: browsers see the stages as the agent went through them.
      const queued = (progressQueues.get(session) ?? Promise.resolve()).then(() =>
        relayProgress(session, frame).catch(
          failed('could not relay action progress', session.identity.hostId),
        ),
      );
      progressQueues.set(session, queued);
    } else if (frame.type === 'log_lines') {
      if (frame.ended) logStreams.over(session, frame.streamId);
      publishLogStream(ctx.bus, frame.streamId, {
        lines: frame.lines,
        end: frame.ended ? { error: frame.error ?? null } : null,
      }).catch(failed('could not relay log lines', session.identity.hostId));
    }
  });
  return passes;
}
