import { keys } from '@berth/bus';
import {
  type AgentFrame,
  type BatchFrame,
  boundText,
  CLOSE_CODES,
  decodeAgentFrame,
  type Encoding,
  encodeFrame,
  type GatewayFrame,
  type HelloFrame,
  LIMITS,
  toCloseReason,
} from '@berth/protocol';
import type { WebSocket } from 'ws';
import type { GatewayContext } from '../context.js';
import { isTransientDbError } from '../ingest/classify-db-error.js';
import { ingestBatch } from '../ingest/ingest-batch.js';
import { IngestRefusedError } from '../ingest/ingest-writer.js';
import { announceHostOnline, markHostOffline, recordHello } from '../presence/host-presence.js';
import type { AgentIdentity } from './authenticate-agent.js';
import { type TokenBucket, takeToken } from './token-bucket.js';

export type SessionState = 'awaiting_hello' | 'streaming' | 'closed';

/** The session a socket belongs to, kept on the socket so its listeners can be shared. */
const SESSION = Symbol('berth.agentSession');
type SessionSocket = WebSocket & { [SESSION]: AgentSession };

/**
 * The socket listeners, one function each for every session of the process (`this` is the
 * socket): per-session closures cost a function object and a context each, times the fleet.
 */
function onSocketMessage(this: WebSocket, data: Buffer, isBinary: boolean): void {
  (this as SessionSocket)[SESSION].onMessage(data, isBinary);
}
function onSocketClose(this: WebSocket, code: number): void {
  void (this as SessionSocket)[SESSION].onClose(code);
}
function onSocketError(this: WebSocket, error: Error): void {
  const session = (this as SessionSocket)[SESSION];
  session.ctx.log.debug({ err: error, hostId: session.identity.hostId }, 'agent socket error');
}

const NO_HANDSHAKE: Promise<void> = Promise.resolve();

/** What this gateway reads in a batch; `columnar` is announced only to agents that offered it. */
const ACCEPTED_ENCODINGS: Encoding[] = ['json', 'columnar'];

/**
 * One agent's socket. Kept small (no timers or closures of its own: the registry sweeps all
 * sessions, the socket listeners are shared; the rate limit's bucket is this object's own
 * fields) because a gateway holds tens of thousands of them.
 */
export class AgentSession implements TokenBucket {
  state: SessionState = 'awaiting_hello';
  readonly openedAt = Date.now();
  lastFrameAt = this.openedAt;
  /** When the registry last set or refreshed this host's presence key (0: not yet). */
  presenceAt = 0;
  /** Set by the hello: this connection's place among the host's connections (0 before). */
  connectionEpoch = 0n;
  /** The hello's capabilities: gateway→agent frames of a newer kind go only where announced. */
  capabilities: readonly string[] = [];
  /** The frame rate limit's token bucket (see token-bucket.ts). */
  tokens: number;
  updatedAt = this.openedAt;
  private lastReceivedSeq = 0;
  private unacked = 0;

  constructor(
    readonly socket: WebSocket,
    readonly identity: AgentIdentity,
    readonly ctx: GatewayContext,
  ) {
    this.tokens = ctx.settings.limits.maxFramesPerSecond;
    (socket as SessionSocket)[SESSION] = this;
    socket.on('message', onSocketMessage);
    socket.on('close', onSocketClose);
    socket.on('error', onSocketError);
  }

  send(frame: GatewayFrame): void {
    if (this.socket.readyState === this.socket.OPEN) this.socket.send(encodeFrame(frame));
  }

  /** Closes with a protocol code, telling the agent why first (it logs the error frame). */
  close(code: number, reason: string): void {
    if (this.state === 'closed') return;
    if (code >= 4000) {
      this.ctx.metrics.rejects.inc({ reason: String(code) });
      this.send({ type: 'error', code, message: boundText(reason, LIMITS.maxErrorMessageBytes) });
    }
    this.state = 'closed';
    this.socket.close(code, toCloseReason(reason));
  }

  /** @internal The socket's 'message' listener. */
  onMessage(data: Buffer, isBinary: boolean): void {
    if (this.state === 'closed') return;
    const now = Date.now();
    this.lastFrameAt = now;
    const rate = this.ctx.settings.limits.maxFramesPerSecond;
    if (!takeToken(this, rate, rate, now)) {
      this.close(
        CLOSE_CODES.rateLimited,
        `more than ${this.ctx.settings.limits.maxFramesPerSecond} frames/s`,
      );
      return;
    }
    if (isBinary) {
      this.close(CLOSE_CODES.badFrame, 'binary frames need a negotiated encoding');
      return;
    }
    const decoded = decodeAgentFrame(data, this.ctx.settings.limits);
    if (!decoded.ok) {
      this.close(decoded.closeCode, decoded.reason);
      return;
    }
    this.ctx.metrics.frames.inc({ type: decoded.frame.type });
    this.dispatch(decoded.frame);
  }

  /** Resolves when the hello is handled (welcomed, refused, or abandoned because the socket closed). */
  handshake: Promise<void> = NO_HANDSHAKE;

  private dispatch(frame: AgentFrame): void {
    if (frame.type === 'hello') {
      this.handshake = this.onHello(frame);
      return;
    }
    if (this.state !== 'streaming') {
      this.close(CLOSE_CODES.badFrame, `${frame.type} before hello`);
      return;
    }
    switch (frame.type) {
      case 'batch': {
        this.onBatch(frame);
        return;
      }
      case 'ping': {
        this.send({ type: 'pong', ts: frame.ts });
        return;
      }
      case 'pong':
        return;
      default:
        this.ctx.sessions.emitAgentFrame(this, frame);
    }
  }

  private async onHello(frame: HelloFrame): Promise<void> {
    if (this.state !== 'awaiting_hello') {
      this.close(CLOSE_CODES.badFrame, 'hello sent twice');
      return;
    }
    const { hostId, orgId } = this.identity;
    try {
      const hello = await recordHello(this.ctx.db, orgId, hostId, frame);
      if (hello === null) {
        this.close(CLOSE_CODES.revoked, 'host revoked');
        return;
      }
      this.connectionEpoch = hello.connectionEpoch;
      this.capabilities = frame.capabilities;
      // The agent may have given up on this socket while the hello was stored (its welcome
      // timeout under load) and be connecting again: a closed session must not be registered,
      // or it would supersede the new one and linger.
      if (this.isClosed()) return;
      this.ctx.sessions.register(this);
      await this.ctx.bus.setKey(keys.presence(hostId), this.ctx.gatewayId, this.ctx.settings.pingMs * 3);
      if (this.isClosed()) return;
      this.state = 'streaming';
      this.send({
        type: 'welcome',
        hostId,
        serverTime: new Date().toISOString(),
        intervals: { batchMs: this.ctx.settings.batchMs, pingMs: this.ctx.settings.pingMs },
        limits: this.ctx.settings.limits,
        resumeFromSeq: hello.lastSeq,
        currentAgentVersion: this.ctx.settings.currentAgentVersion,
        // Only an agent that offered it may send columnar samples; an older agent sees no new field.
        ...(frame.encodings?.includes('columnar') ? { encodings: ACCEPTED_ENCODINGS } : {}),
      });
      this.ctx.sessions.welcomed(this);
      // Live views only; the session does not depend on it.
      announceHostOnline(this.ctx, orgId, hostId).catch((error: unknown) =>
        this.ctx.log.warn({ err: error, hostId }, 'host online event not published'),
      );
    } catch (error) {
      this.ctx.log.error({ err: error, hostId }, 'hello failed');
      this.socket.close(CLOSE_CODES.serverError, 'server error');
    }
  }

  /** A method, so the checks after each await are not narrowed away by TypeScript. */
  private isClosed(): boolean {
    return this.state === 'closed';
  }

  private onBatch(frame: BatchFrame): void {
    // Within one connection seqs only grow; after a reconnect, replays of committed
    // batches are answered 'duplicate' by the writer from the database's mark.
    if (frame.seq <= this.lastReceivedSeq) {
      this.close(
        CLOSE_CODES.badFrame,
        `batch.seq ${frame.seq} went backwards (last ${this.lastReceivedSeq})`,
      );
      return;
    }
    if (this.unacked >= this.ctx.settings.limits.maxUnackedBatches) {
      this.close(
        CLOSE_CODES.rateLimited,
        `more than ${this.ctx.settings.limits.maxUnackedBatches} unacked batches`,
      );
      return;
    }
    this.lastReceivedSeq = frame.seq;
    this.unacked += 1;
    ingestBatch(this.ctx, this.identity, frame).then(
      (outcome) => {
        this.unacked -= 1;
        if (outcome === 'revoked') {
          this.close(CLOSE_CODES.revoked, 'host revoked');
          return;
        }
        this.send({ type: 'ack', seq: frame.seq, status: outcome });
      },
      (error: unknown) => {
        this.unacked -= 1;
        if (error instanceof IngestRefusedError) return; // draining: the socket closes with 1012
        if (isTransientDbError(error))
          return this.socket.close(CLOSE_CODES.tryAgainLater, 'database unavailable, try again');
        this.ctx.log.error(
          { err: error, hostId: this.identity.hostId, seq: frame.seq },
          'batch could not be stored',
        );
        this.close(CLOSE_CODES.badFrame, `batch ${frame.seq} could not be stored`);
      },
    );
  }

  /** @internal The socket's 'close' listener. */
  async onClose(code: number): Promise<void> {
    const wasStreaming = this.ctx.sessions.unregister(this);
    this.state = 'closed';
    this.ctx.sessions.closed(this);
    if (!wasStreaming) return;
    const { hostId, orgId } = this.identity;
    await this.ctx.bus.deleteKeyIf(keys.presence(hostId), this.ctx.gatewayId).catch(() => false);
    // A clean close means the agent stopped on purpose; otherwise it may be reconnecting
    // elsewhere, and the stale-host sweep marks it offline if it does not come back.
    if (code === CLOSE_CODES.normal) {
      await markHostOffline(this.ctx, orgId, hostId).catch((error: unknown) =>
        this.ctx.log.warn({ err: error, hostId }, 'could not mark host offline'),
      );
    }
  }
}
