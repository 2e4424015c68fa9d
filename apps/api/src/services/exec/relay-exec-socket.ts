import { type ExecServerMessage, MAX_EXEC_INPUT_BYTES, ZExecClientMessageSchema } from '@berth/api-contract';
import { channels, type ExecGatewayMessage, keys, ZExecStreamMessageSchema } from '@berth/bus';
import type { WebSocket } from 'ws';
import type { ApiContext } from '../../context.js';
import type { ExecRelays } from './exec-relays.js';
import { ExecSessionJournal } from './exec-session-journal.js';
import type { ExecTicket } from './exec-ticket.js';
import { type ExecOutcome, finishExecSession, markExecStarted } from './finish-exec-session.js';

/** How often the timers (idle, max duration, host presence) are checked, at most. */
const CHECK_MS = 1_000;
/** The gateway ends a session whose API falls silent for a minute; this keeps it alive. */
const KEEP_ALIVE_MS = 15_000;
const PRESENCE_CHECK_MS = 5_000;

/** A gateway message without the ids this socket adds (distributed over the union). */
type Outgoing = ExecGatewayMessage extends infer M
  ? M extends unknown
    ? Omit<M, 'hostId' | 'sessionId'>
    : never
  : never;

/**
 * One browser terminal: relays its socket to the gateway holding the host (bus) and back.
 * Output is forwarded as it comes and counted; the browser's acks (what xterm has drawn) are
 * passed on, capped at what was actually sent to it — so the agent's window bounds what waits in
 * this socket's buffer too. Ends once, for whichever reason comes first (the process exits, the
 * browser leaves, idle, max duration, the host goes), and records the outcome.
 */
export async function relayExecSocket(
  ctx: ApiContext,
  socket: WebSocket,
  grant: ExecTicket,
  relays: ExecRelays,
): Promise<void> {
  const limits = { idleTimeoutS: grant.idleTimeoutS, maxDurationS: grant.maxDurationS };
  const { sessionId, hostId } = grant;
  const journal = new ExecSessionJournal(ctx, grant);
  const startedAt = Date.now();
  let lastInputAt = startedAt;
  let lastKeepAlive = startedAt;
  let lastPresence = startedAt;
  let bytesIn = 0;
  let bytesOut = 0;
  let acked = 0;
  let inputSeq = 0;
  let ended = false;
  let unsubscribe: (() => Promise<void>) | undefined;
  let timer: NodeJS.Timeout | undefined;

  const toBrowser = (message: ExecServerMessage) => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
  };
  // Looked up after the socket's handlers are in place, so a browser leaving meanwhile is seen.
  let gatewayId: string | null = null;
  const toGateway = (message: Outgoing) => {
    if (!gatewayId) return;
    ctx.bus
      .publish(channels.gatewayActions(gatewayId), { ...message, hostId, sessionId })
      .catch((error: unknown) => ctx.log.warn({ err: error, sessionId }, 'could not reach the gateway'));
  };

  const end = (reason: string, exitCode: number | null, tellAgent: boolean) => {
    if (ended) return;
    ended = true;
    clearInterval(timer);
    if (tellAgent) toGateway({ kind: 'exec_close', reason });
    toBrowser({ type: 'closed', reason, exitCode });
    socket.close(1000, reason.slice(0, 120));
    const recorded = (unsubscribe?.() ?? Promise.resolve())
      .then(() => journal.close({ bytesIn, bytesOut }))
      .then(() => {
        const outcome: ExecOutcome = {
          reason,
          exitCode,
          bytesIn,
          bytesOut,
          transcriptTruncated: journal.truncated,
        };
        return finishExecSession(ctx, grant, outcome);
      })
      .catch((error: unknown) =>
        ctx.log.error({ err: error, sessionId }, 'could not record the end of an exec session'),
      );
    relays.ended(sessionId, recorded);
  };
  relays.track(sessionId, (reason) => end(reason, null, true));

  socket.on('close', () => end('the browser closed the terminal', null, true));
  socket.on('error', (error) => ctx.log.debug({ err: error, sessionId }, 'exec socket error'));
  socket.on('message', (data: Buffer, isBinary: boolean) => {
    if (ended) return;
    const parsed = isBinary ? null : ZExecClientMessageSchema.safeParse(safeJson(data.toString('utf8')));
    if (!parsed?.success) {
      end('the browser sent a malformed message', null, true);
      return;
    }
    const message = parsed.data;
    if (message.type === 'input') {
      const bytes = Buffer.from(message.data, 'utf8');
      if (bytes.length > MAX_EXEC_INPUT_BYTES)
        return end('input larger than 64 KiB in one message', null, true);
      bytesIn += bytes.length;
      lastInputAt = Date.now();
      inputSeq += 1;
      toGateway({ kind: 'exec_input', seq: inputSeq, data: bytes.toString('base64') });
    } else if (message.type === 'resize') {
      toGateway({ kind: 'exec_resize', cols: message.cols, rows: message.rows });
    } else {
      // Never more than was sent: a browser claiming to have drawn more would open the window wider.
      const consumed = Math.min(message.consumed, bytesOut);
      if (consumed <= acked) return;
      acked = consumed;
      lastKeepAlive = Date.now();
      toGateway({ kind: 'exec_ack', consumed });
    }
  });

  gatewayId = await ctx.bus.getKey(keys.presence(hostId));
  if (ended) return;
  if (!gatewayId) return end('the host is offline: a terminal needs its agent connected', null, false);
  unsubscribe = await ctx.bus.subscribe(channels.execStream(sessionId), (raw) => {
    const parsed = ZExecStreamMessageSchema.safeParse(raw);
    if (!parsed.success || ended) return;
    const message = parsed.data;
    switch (message.kind) {
      case 'opened':
        markExecStarted(ctx, grant).catch((error: unknown) =>
          ctx.log.warn({ err: error, sessionId }, 'could not mark an exec session open'),
        );
        toBrowser({ type: 'opened', idleTimeoutS: limits.idleTimeoutS, maxDurationS: limits.maxDurationS });
        return;
      case 'output': {
        const bytes = Buffer.from(message.data, 'base64');
        bytesOut += bytes.length;
        journal.output(bytes);
        toBrowser({ type: 'output', data: message.data });
        return;
      }
      case 'error':
        toBrowser({ type: 'error', reason: message.reason });
        return end(message.reason, null, false);
      case 'closed':
        return end(message.reason, message.exitCode, false);
    }
  });
  if (ended) return void unsubscribe();
  timer = setInterval(
    () => {
      const now = Date.now();
      journal.tick({ bytesIn, bytesOut });
      if (now - lastInputAt >= limits.idleTimeoutS * 1000)
        return end(`closed after ${describeSeconds(limits.idleTimeoutS)} without input`, null, true);
      if (now - startedAt >= limits.maxDurationS * 1000)
        return end(
          `closed at the maximum session length (${describeSeconds(limits.maxDurationS)})`,
          null,
          true,
        );
      if (now - lastKeepAlive >= KEEP_ALIVE_MS) {
        lastKeepAlive = now;
        toGateway({ kind: 'exec_ack', consumed: acked });
      }
      if (now - lastPresence >= PRESENCE_CHECK_MS) {
        lastPresence = now;
        ctx.bus.getKey(keys.presence(hostId)).then(
          (holder) => {
            if (holder !== gatewayId) end('the host disconnected from Berth', null, false);
          },
          (error: unknown) =>
            ctx.log.warn({ err: error, sessionId }, 'could not check the host of an exec session'),
        );
      }
    },
    Math.min(CHECK_MS, (limits.idleTimeoutS * 1000) / 2),
  );
  toGateway({
    kind: 'exec_open',
    containerId: grant.containerId,
    cmd: grant.cmd,
    tty: true,
    cols: grant.cols,
    rows: grant.rows,
    ...(grant.user ? { user: grant.user } : {}),
  });
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function describeSeconds(seconds: number): string {
  if (seconds % 3600 === 0) return `${seconds / 3600} h`;
  if (seconds % 60 === 0) return `${seconds / 60} min`;
  return `${seconds} s`;
}
