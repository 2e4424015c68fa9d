import type { AgentSession } from '../agents/agent-session.js';

/** What the gateway knows of one exec session it relays. */
export type RelayedExec = {
  sessionId: string;
  agent: AgentSession;
  /** The agent's announced credit (bytes); 0 until `exec_opened`. */
  window: number;
  /** Output bytes received from the agent, and acknowledged by the API (cumulative). */
  received: number;
  consumed: number;
  lastStdoutSeq: number;
  /** When the API side last said anything (input, ack or keep-alive). */
  apiSeenAt: number;
};

/** The exec sessions of this gateway, by id and by agent socket. Bounded per socket. */
export function createExecRelaySessions(maxPerSocket: number) {
  const byId = new Map<string, RelayedExec>();
  const bySocket = new WeakMap<AgentSession, Set<string>>();
  return {
    /** False when the socket already carries `maxPerSocket` sessions. */
    add(sessionId: string, agent: AgentSession): RelayedExec | undefined {
      const ids = bySocket.get(agent) ?? new Set<string>();
      if (ids.size >= maxPerSocket || byId.has(sessionId)) return undefined;
      const relayed: RelayedExec = {
        sessionId,
        agent,
        window: 0,
        received: 0,
        consumed: 0,
        lastStdoutSeq: 0,
        apiSeenAt: Date.now(),
      };
      ids.add(sessionId);
      bySocket.set(agent, ids);
      byId.set(sessionId, relayed);
      return relayed;
    },
    get(sessionId: string): RelayedExec | undefined {
      return byId.get(sessionId);
    },
    remove(sessionId: string): void {
      const relayed = byId.get(sessionId);
      if (!relayed) return;
      byId.delete(sessionId);
      bySocket.get(relayed.agent)?.delete(sessionId);
    },
    ofSocket(agent: AgentSession): string[] {
      return [...(bySocket.get(agent) ?? [])];
    },
    all(): RelayedExec[] {
      return [...byId.values()];
    },
  };
}
