import { publishLogStream } from '@berth/bus';
import type { AgentSession } from '../agents/agent-session.js';
import type { GatewayContext } from '../context.js';

/**
 * The live log streams each socket is following. When a socket closes — the agent went away,
 * or a newer connection of the host superseded it — its streams can never send more lines, so
 * each is ended with the reason; otherwise the caller would wait for ever (the host may still be
 * held by this same gateway, so its presence tells the API nothing).
 */
export function trackLogStreams(ctx: GatewayContext) {
  const open = new WeakMap<AgentSession, Set<string>>();
  return {
    followed(session: AgentSession, streamId: string): void {
      const streams = open.get(session) ?? new Set<string>();
      streams.add(streamId);
      open.set(session, streams);
    },
    over(session: AgentSession, streamId: string): void {
      open.get(session)?.delete(streamId);
    },
    closed(session: AgentSession): void {
      const streams = open.get(session);
      open.delete(session);
      for (const streamId of streams ?? []) {
        publishLogStream(ctx.bus, streamId, {
          lines: [],
          end: { error: 'the host disconnected from Berth; follow again once it is back' },
        }).catch((error: unknown) =>
          ctx.log.warn({ err: error, streamId }, 'could not end a live log stream'),
        );
      }
    },
  };
}
