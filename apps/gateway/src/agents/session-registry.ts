import { type Bus, channels, type GatewayMessage, keys, ZGatewayMessageSchema } from '@berth/bus';
import { type AgentFrame, CLOSE_CODES } from '@berth/protocol';
import type { GatewayLogger } from '../logger.js';
import type { GatewayMetrics } from '../metrics.js';
import type { AgentSession } from './agent-session.js';

type AgentFrameListener = (session: AgentSession, frame: AgentFrame) => void;
type SessionListener = (session: AgentSession) => void;
type GatewayMessageListener = (session: AgentSession, message: GatewayMessage) => void;

export type SessionRegistry = ReturnType<typeof createSessionRegistry>;

type Options = {
  gatewayId: string;
  bus: Bus;
  log: GatewayLogger;
  metrics: GatewayMetrics;
  pingMs: number;
  helloTimeoutMs: number;
};

/**
 * The sessions of this gateway by host. One timer sweeps them all: reaps sockets that
 * went silent, refreshes presence, and ends handshakes that never said hello.
 */
export function createSessionRegistry(options: Options) {
  const byHost = new Map<string, AgentSession>();
  const pending = new Set<AgentSession>();
  const listeners: AgentFrameListener[] = [];
  const welcomedListeners: SessionListener[] = [];
  const closedListeners: SessionListener[] = [];
  const messageListeners: GatewayMessageListener[] = [];
  /** Messages for a session between its registration and its welcome (see onGatewayMessage). */
  const beforeWelcome = new WeakMap<AgentSession, GatewayMessage[]>();
  let sweeper: NodeJS.Timeout | undefined;
  let unsubscribe: (() => Promise<void>) | undefined;

  async function sweep(): Promise<void> {
    const now = Date.now();
    for (const session of pending) {
      if (now - session.openedAt > options.helloTimeoutMs)
        session.close(CLOSE_CODES.badFrame, 'no hello received in time');
    }
    const refreshes: Promise<unknown>[] = [];
    for (const session of byHost.values()) {
      const { hostId } = session.identity;
      if (now - session.lastFrameAt > options.pingMs * 3) {
        options.log.info({ hostId }, 'agent silent for 3 ping intervals: closing');
        session.socket.terminate();
        continue;
      }
      // The key lives 3 ping intervals; refreshing each once per interval keeps it alive with
      // room to spare, and spreads the Redis calls over the sweeps (every sweep refreshing
      // every host made a burst of tens of thousands of calls that delayed pongs).
      if (now - session.presenceAt < options.pingMs) continue;
      session.presenceAt = now;
      refreshes.push(
        options.bus
          .refreshKeyIf(keys.presence(hostId), options.gatewayId, options.pingMs * 3)
          .then((held) => {
            // Another gateway took the host over (a newer connection): this socket is stale.
            if (!held) session.close(CLOSE_CODES.goingAway, 'host connected to another gateway');
          }),
      );
    }
    await Promise.allSettled(refreshes);
  }

  function onGatewayMessage(message: unknown): void {
    const parsed = ZGatewayMessageSchema.safeParse(message);
    if (!parsed.success) {
      options.log.warn({ message }, 'ignored malformed gateway message');
      return;
    }
    const session = byHost.get(parsed.data.hostId);
    // Not (or no longer) here: the host reconnected elsewhere, or is offline — actions wait
    // in the database for its next hello.
    if (!session) return;
    if (parsed.data.kind === 'revoke') {
      session.close(CLOSE_CODES.revoked, 'host revoked');
      return;
    }
    // Closing: an action stays queued for the next connection's hello; a log stream's caller
    // sees the presence key go and ends.
    if (session.state === 'closed') return;
    // A session is registered (so a newer connection supersedes the old one at once) a moment
    // before its welcome goes out; anything sent then would reach the agent before the welcome,
    // which it ignores. Such messages wait for the welcome instead.
    if (session.state === 'awaiting_hello') {
      const waiting = beforeWelcome.get(session) ?? [];
      waiting.push(parsed.data);
      beforeWelcome.set(session, waiting);
      return;
    }
    dispatch(session, parsed.data);
  }

  function dispatch(session: AgentSession, message: GatewayMessage): void {
    for (const listener of messageListeners) listener(session, message);
  }

  return {
    async start(): Promise<void> {
      unsubscribe = await options.bus.subscribe(channels.gatewayActions(options.gatewayId), onGatewayMessage);
      const interval = Math.min(5000, Math.max(250, Math.floor(options.pingMs / 3)));
      sweeper = setInterval(() => void sweep(), interval);
      sweeper.unref();
    },
    track(session: AgentSession): void {
      pending.add(session);
    },
    register(session: AgentSession): void {
      pending.delete(session);
      const previous = byHost.get(session.identity.hostId);
      // One socket per host: a reconnect replaces a half-dead previous connection.
      if (previous && previous !== session)
        previous.close(CLOSE_CODES.goingAway, 'replaced by a newer connection');
      byHost.set(session.identity.hostId, session);
      // The hello has just set the presence key.
      session.presenceAt = Date.now();
      options.metrics.agentsConnected.set(byHost.size);
    },
    /** Returns true when the session had completed its handshake. */
    unregister(session: AgentSession): boolean {
      pending.delete(session);
      if (byHost.get(session.identity.hostId) !== session) return false;
      byHost.delete(session.identity.hostId);
      options.metrics.agentsConnected.set(byHost.size);
      return true;
    },
    get(hostId: string): AgentSession | undefined {
      return byHost.get(hostId);
    },
    size: () => byHost.size,
    all: () => [...byHost.values(), ...pending],
    /** Called once a session's welcome is sent (pending actions are delivered then). */
    onWelcomed(listener: SessionListener): void {
      welcomedListeners.push(listener);
    },
    welcomed(session: AgentSession): void {
      for (const listener of welcomedListeners) listener(session);
      const waiting = beforeWelcome.get(session);
      beforeWelcome.delete(session);
      for (const message of waiting ?? []) dispatch(session, message);
    },
    /** Called once a session's socket has closed, whatever state it reached. */
    onClosed(listener: SessionListener): void {
      closedListeners.push(listener);
    },
    closed(session: AgentSession): void {
      for (const listener of closedListeners) listener(session);
    },
    onGatewayMessage(listener: GatewayMessageListener): void {
      messageListeners.push(listener);
    },
    onAgentFrame(listener: AgentFrameListener): void {
      listeners.push(listener);
    },
    emitAgentFrame(session: AgentSession, frame: AgentFrame): void {
      for (const listener of listeners) listener(session, frame);
    },
    async stop(): Promise<void> {
      if (sweeper) clearInterval(sweeper);
      await unsubscribe?.();
    },
  };
}
