import { type ExecGatewayMessage, type ExecStreamMessage, publishExecStream } from '@berth/bus';
import type { AgentFrame } from '@berth/protocol';
import type { AgentSession } from '../agents/agent-session.js';
import type { GatewayContext } from '../context.js';
import { createExecRelaySessions, type RelayedExec } from './exec-relay-sessions.js';

/** Sessions one agent socket may carry (the agent allows 4; a little slack for closing ones). */
const MAX_SESSIONS_PER_SOCKET = 8;
/** The API keeps a session alive with an ack every few seconds; past this it is gone. */
export const EXEC_API_SILENCE_MS = 60_000;

type AgentExecFrame = Extract<
  AgentFrame,
  { type: 'exec_opened' | 'exec_error' | 'exec_stdout' | 'exec_close' }
>;

/**
 * Relays exec terminals between the API (bus) and the agents' sockets. The gateway holds no
 * output: each frame goes straight on, and an agent that sends more than its window ahead of the
 * API's acks has its session ended — so what is in flight between them stays within the window.
 * A session ends when the agent socket closes (the API hears "the host disconnected") or the API
 * falls silent (the agent is told to close).
 */
export function registerExecRelay(ctx: GatewayContext): { stop(): void } {
  const sessions = createExecRelaySessions(MAX_SESSIONS_PER_SOCKET);
  const tell = (sessionId: string, message: ExecStreamMessage) =>
    publishExecStream(ctx.bus, sessionId, message).catch((error: unknown) =>
      ctx.log.warn({ err: error, sessionId }, 'could not relay exec output'),
    );
  const end = (relayed: RelayedExec, toAgent: string, toApi: string) => {
    sessions.remove(relayed.sessionId);
    relayed.agent.send({ type: 'exec_close', sessionId: relayed.sessionId, reason: toAgent });
    void tell(relayed.sessionId, { kind: 'closed', reason: toApi, exitCode: null });
  };

  ctx.sessions.onGatewayMessage((agent, message) => {
    if (message.kind.startsWith('exec_')) fromApi(agent, message as ExecGatewayMessage);
  });

  function fromApi(agent: AgentSession, message: ExecGatewayMessage): void {
    const { sessionId } = message;
    if (message.kind === 'exec_open') {
      if (!agent.capabilities.includes('exec')) {
        const reason = agent.capabilities.includes('read_only')
          ? 'exec is disabled on this host: the agent runs in read-only mode'
          : 'exec is disabled on this host: start the agent with --allow-exec';
        void tell(sessionId, { kind: 'error', reason });
        return;
      }
      if (!sessions.add(sessionId, agent)) {
        void tell(sessionId, { kind: 'error', reason: 'too many exec sessions on this host' });
        return;
      }
      const { hostId: _h, kind: _k, ...open } = message;
      agent.send({ type: 'exec_open', ...open });
      return;
    }
    const relayed = sessions.get(sessionId);
    if (!relayed || relayed.agent !== agent) return;
    relayed.apiSeenAt = Date.now();
    switch (message.kind) {
      case 'exec_input':
        agent.send({ type: 'exec_stdin', sessionId, seq: message.seq, data: message.data });
        return;
      case 'exec_resize':
        agent.send({ type: 'exec_resize', sessionId, cols: message.cols, rows: message.rows });
        return;
      case 'exec_ack':
        if (message.consumed <= relayed.consumed || message.consumed > relayed.received) return;
        relayed.consumed = message.consumed;
        agent.send({ type: 'exec_ack', sessionId, consumed: message.consumed });
        return;
      case 'exec_close':
        sessions.remove(sessionId);
        agent.send({ type: 'exec_close', sessionId, reason: message.reason });
        return;
    }
  }

  ctx.sessions.onAgentFrame((agent, frame) => {
    if (frame.type.startsWith('exec_')) fromAgent(agent, frame as AgentExecFrame);
  });

  function fromAgent(agent: AgentSession, frame: AgentExecFrame): void {
    const relayed = sessions.get(frame.sessionId);
    // Not opened through this socket (or already over): nothing to relay it to.
    if (!relayed || relayed.agent !== agent) return;
    switch (frame.type) {
      case 'exec_opened':
        relayed.window = frame.window;
        void tell(frame.sessionId, { kind: 'opened', window: frame.window });
        return;
      case 'exec_stdout': {
        const bytes = Buffer.byteLength(frame.data, 'base64');
        relayed.received += bytes;
        if (relayed.window === 0 || relayed.received - relayed.consumed > relayed.window) {
          const why = 'the agent sent more output than its window allows';
          ctx.log.warn({ hostId: agent.identity.hostId, sessionId: frame.sessionId }, why);
          end(relayed, why, why);
          return;
        }
        void tell(frame.sessionId, { kind: 'output', seq: frame.seq, data: frame.data });
        return;
      }
      case 'exec_error':
        sessions.remove(frame.sessionId);
        void tell(frame.sessionId, { kind: 'error', reason: frame.reason });
        return;
      case 'exec_close':
        sessions.remove(frame.sessionId);
        void tell(frame.sessionId, {
          kind: 'closed',
          reason: frame.reason,
          exitCode: frame.exitCode ?? null,
        });
        return;
    }
  }

  ctx.sessions.onClosed((agent) => {
    for (const sessionId of sessions.ofSocket(agent)) {
      sessions.remove(sessionId);
      void tell(sessionId, { kind: 'closed', reason: 'the host disconnected from Berth', exitCode: null });
    }
  });

  const sweeper = setInterval(() => {
    const now = Date.now();
    for (const relayed of sessions.all()) {
      if (now - relayed.apiSeenAt > EXEC_API_SILENCE_MS)
        end(relayed, 'the console went away', 'the console went away');
    }
  }, EXEC_API_SILENCE_MS / 4);
  sweeper.unref();
  return { stop: () => clearInterval(sweeper) };
}
