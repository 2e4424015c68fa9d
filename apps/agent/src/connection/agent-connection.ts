import type {
  ActionFrame,
  AgentFrame,
  Capability,
  Encoding,
  GatewayFrame,
  HelloFrame,
  SessionLimits,
  WelcomeFrame,
} from '@berth/protocol';
import { CLOSE_CODES, PROTOCOL_VERSION } from '@berth/protocol';
import type { Logger } from '../cli/logger.js';
import type { Spool } from '../spool/spool.js';
import { AgentSession, type SessionClose } from './agent-session.js';
import { DEFAULT_SESSION_LIMITS } from './clamp-session-limits.js';
import { classifyClose } from './classify-close.js';
import { computeRetryDelay, type RetryPolicy } from './compute-retry-delay.js';
import { type ConnectionState, canTransition } from './connection-states.js';
import { type ConnectionTiming, resolveTiming } from './connection-timing.js';
import { PoisonBatchTracker } from './poison-batch-tracker.js';

/** What `hello` says about this agent; the connection adds the protocol version and the last ack. */
export type HelloInfo = Pick<HelloFrame, 'agentVersion' | 'host'> & {
  capabilities: Capability[];
  encodings?: Encoding[];
};

export type StateChange = { from: ConnectionState; to: ConnectionState; detail?: Record<string, unknown> };

/** How the connection ended for good. `fatal`: retrying cannot help (credential, revocation, version). */
export type ConnectionStop =
  | { kind: 'shutdown' }
  /** `message` is for the operator; `reason` is the gateway's own close reason. */
  | { kind: 'fatal'; code: number; message: string; reason: string };

export type AgentConnectionOptions = {
  /** `wss://…/agent/v1` (see `toAgentSocketUrl`). */
  url: string;
  credential: string;
  spool: Spool;
  log: Logger;
  /** Called before every connect, so host facts (Docker version…) are current. */
  hello: () => Promise<HelloInfo>;
  /** The host id from enrolment; a different one in `welcome` is logged. */
  expectedHostId?: string;
  onAction?: (frame: ActionFrame) => void;
  /** Frames other than the connection's own (`logs_follow`, `logs_stop`). */
  onFrame?: (frame: GatewayFrame) => void;
  onWelcome?: (welcome: WelcomeFrame) => void;
  onStateChange?: (change: StateChange) => void;
  timing?: Partial<ConnectionTiming>;
  random?: () => number;
};

/**
 * The agent's one outbound connection, as an explicit state machine (see connection-states.ts):
 * it connects, streams the spool, reconnects with jittered backoff, and stops for good on a
 * close code that retrying cannot fix. Every transition is logged.
 */
export class AgentConnection {
  private current: ConnectionState = 'idle';
  private session: AgentSession | undefined;
  private attempt = 0;
  private retryTimer: NodeJS.Timeout | undefined;
  private stopRequested = false;
  private limits: SessionLimits = DEFAULT_SESSION_LIMITS;
  private readonly timing: ConnectionTiming;
  private readonly poison: PoisonBatchTracker;
  private readonly random: () => number;
  private resolveStopped: (stop: ConnectionStop) => void = () => undefined;
  /** Resolves once the connection is `closed`, saying why. */
  readonly stopped: Promise<ConnectionStop>;

  constructor(private readonly options: AgentConnectionOptions) {
    this.timing = resolveTiming(options.timing);
    this.poison = new PoisonBatchTracker(this.timing.badFrameThreshold);
    this.random = options.random ?? Math.random;
    this.stopped = new Promise((resolve) => {
      this.resolveStopped = resolve;
    });
  }

  get state(): ConnectionState {
    return this.current;
  }

  start(): void {
    if (this.current !== 'idle') return;
    this.transition('connecting');
    void this.connect();
  }

  /** The batcher spooled a new batch: send it if connected and the window allows. */
  batchSpooled(): void {
    this.session?.batchSpooled();
  }

  /** For `action_result` and `log_lines`. False when not connected: the caller decides what to keep. */
  send(frame: AgentFrame): boolean {
    return this.current === 'streaming' || this.current === 'draining'
      ? (this.session?.send(frame) ?? false)
      : false;
  }

  /** The gateway's limits for this session (the protocol defaults before the first welcome). */
  sessionLimits(): SessionLimits {
    return this.limits;
  }

  /** Stops reconnecting; if streaming, waits up to `waitForAcksMs` for the acks of spooled batches, then closes with 1000. */
  async shutdown(options: { waitForAcksMs?: number } = {}): Promise<void> {
    this.stopRequested = true;
    clearTimeout(this.retryTimer);
    const session = this.session;
    if (this.current === 'closed' || this.current === 'draining') {
      await this.stopped;
      return;
    }
    if (this.current === 'streaming' && session) {
      this.transition('draining', { inFlight: session.inFlightCount() });
      const drained = await session.drain(options.waitForAcksMs ?? this.timing.shutdownAckWaitMs);
      this.options.log.info(
        { drained, inFlight: session.inFlightCount() },
        'closing the connection for shutdown',
      );
    }
    await session?.close(CLOSE_CODES.normal, 'agent shutting down');
    this.finish({ kind: 'shutdown' });
  }

  private async connect(): Promise<void> {
    let info: HelloInfo;
    try {
      info = await this.options.hello();
    } catch (error) {
      this.options.log.error({ err: error }, 'could not gather host facts for hello');
      this.scheduleRetry('normal');
      return;
    }
    if (this.current !== 'connecting' || this.stopRequested) return;
    const hello: HelloFrame = {
      type: 'hello',
      protocol: PROTOCOL_VERSION,
      ...info,
      lastAckedSeq: this.options.spool.lastAckedSeq,
    };
    const session: AgentSession = new AgentSession({
      url: this.options.url,
      credential: this.options.credential,
      userAgent: `berth-agent/${info.agentVersion}`,
      hello,
      spool: this.options.spool,
      log: this.options.log,
      timing: this.timing,
      windowOverride: this.poison.probing ? 1 : undefined,
      handlers: {
        onOpen: () => this.transition('handshaking'),
        onWelcome: (welcome, limits) => this.welcomed(welcome, limits),
        onAck: (seq) => this.poison.acked(seq),
        onAction: (frame) => this.options.onAction?.(frame),
        onFrame: (frame) => this.options.onFrame?.(frame),
        onClose: (close) => {
          this.sessionClosed(session, close).catch((error: unknown) => {
            this.options.log.error({ err: error }, 'handling a closed socket failed');
          });
        },
      },
    });
    this.session = session;
  }

  private welcomed(welcome: WelcomeFrame, limits: SessionLimits): void {
    this.limits = limits;
    if (this.options.expectedHostId && welcome.hostId !== this.options.expectedHostId) {
      this.options.log.warn(
        { expected: this.options.expectedHostId, got: welcome.hostId },
        'gateway knows this host under another id',
      );
    }
    this.transition('streaming', {
      hostId: welcome.hostId,
      resumeFromSeq: welcome.resumeFromSeq,
      limits,
      probing: this.poison.probing,
    });
    this.options.onWelcome?.(welcome);
  }

  private async sessionClosed(session: AgentSession, close: SessionClose): Promise<void> {
    if (this.session !== session) return;
    this.session = undefined;
    if (this.stopRequested || this.current === 'closed') return;
    if (close.streamedMs >= this.timing.stableAfterMs) this.attempt = 0;
    const decision = classifyClose(close.code, close.reason, close.httpStatus);
    if (decision.kind === 'fatal') {
      this.options.log.fatal({ code: decision.code, reason: close.reason }, decision.message);
      this.finish({ kind: 'fatal', code: decision.code, message: decision.message, reason: close.reason });
      return;
    }
    if (close.code === CLOSE_CODES.badFrame) await this.badFrameClose(close);
    this.scheduleRetry(decision.policy, close);
  }

  /** 4000: the gateway found a frame invalid. Loud, because it means a bug on one side. */
  private async badFrameClose(close: SessionClose): Promise<void> {
    const gatewayError = close.errorFrame?.message;
    this.options.log.error(
      { code: close.code, reason: close.reason, gatewayError, suspectSeq: close.suspectSeq },
      'gateway refused a frame as invalid (4000)',
    );
    // The gateway's message starts with the frame type; a refused action_result is no batch's fault.
    const blamesBatch = gatewayError === undefined || gatewayError.startsWith('batch');
    if (close.suspectSeq === undefined || !blamesBatch) return;
    if (this.poison.badFrameClose(close.suspectSeq, close.window === 1) === 'retry') return;
    const reason = `gateway closed with 4000 ${this.timing.badFrameThreshold} times on this batch: ${gatewayError ?? close.reason}`;
    await this.options.spool.reject(close.suspectSeq, reason);
  }

  private scheduleRetry(policy: RetryPolicy, close?: SessionClose): void {
    const delayMs = computeRetryDelay(policy, this.attempt, this.timing, this.random);
    this.attempt = policy === 'restart' ? 0 : this.attempt + 1;
    this.transition('backing_off', {
      delayMs,
      attempt: this.attempt,
      policy,
      code: close?.code,
      reason: close?.reason,
    });
    this.retryTimer = setTimeout(() => {
      this.transition('connecting');
      void this.connect();
    }, delayMs);
  }

  private finish(stop: ConnectionStop): void {
    clearTimeout(this.retryTimer);
    this.session?.terminate();
    this.session = undefined;
    if (this.current !== 'closed') this.transition('closed', { stop: stop.kind });
    this.resolveStopped(stop);
  }

  private transition(to: ConnectionState, detail?: Record<string, unknown>): void {
    const from = this.current;
    if (from === to) return;
    if (!canTransition(from, to)) {
      this.options.log.error({ from, to }, 'ignoring an impossible connection state transition');
      return;
    }
    this.current = to;
    this.options.log.info({ from, to, ...detail }, `connection ${from} → ${to}`);
    this.options.onStateChange?.({ from, to, ...(detail ? { detail } : {}) });
  }
}
