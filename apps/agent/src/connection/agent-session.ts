import {
  type ActionFrame,
  type AgentFrame,
  decodeGatewayFrame,
  type ErrorFrame,
  encodeFrame,
  type GatewayFrame,
  type HelloFrame,
  type SessionLimits,
  type WelcomeFrame,
  ZAgentFrameSchema,
} from '@berth/protocol';
import { WebSocket } from 'ws';
import type { Logger } from '../cli/logger.js';
import type { Spool } from '../spool/spool.js';
import { BatchStreamer } from './batch-streamer.js';
import { clampSessionLimits, DEFAULT_SESSION_LIMITS } from './clamp-session-limits.js';
import { FrameRateLimiter } from './frame-rate-limiter.js';
import { PingMonitor } from './ping-monitor.js';

export type SessionPhase = 'connecting' | 'handshaking' | 'streaming';

/** Why and how one socket ended, for the connection to decide what comes next. */
export type SessionClose = {
  code: number;
  reason: string;
  phase: SessionPhase;
  /** The last `error` frame the gateway sent (it explains a close). */
  errorFrame?: ErrorFrame;
  /** The oldest batch in flight when the socket closed: the suspect of a 4000. */
  suspectSeq?: number;
  window?: number;
  streamedMs: number;
  /** Set when the gateway refused the upgrade with an HTTP status. */
  httpStatus?: number;
};

export type SessionHandlers = {
  onOpen: () => void;
  onWelcome: (welcome: WelcomeFrame, limits: SessionLimits) => void;
  onAck: (seq: number) => void;
  onAction: (frame: ActionFrame) => void;
  onFrame: (frame: GatewayFrame) => void;
  onClose: (close: SessionClose) => void;
};

export type SessionTiming = {
  connectTimeoutMs: number;
  welcomeTimeoutMs: number;
  /** Overrides `welcome.intervals.pingMs` (tests). */
  pingIntervalMs: number | undefined;
  maxMissedPongs: number;
  closeTimeoutMs: number;
};

export type AgentSessionOptions = {
  url: string;
  credential: string;
  userAgent: string;
  hello: HelloFrame;
  spool: Spool;
  log: Logger;
  timing: SessionTiming;
  /** Forces the batch window (1 while probing for a batch the gateway refuses). */
  windowOverride: number | undefined;
  handlers: SessionHandlers;
};

/**
 * Live log frames are best effort: past this much unsent data on the socket (a slow or stalled
 * gateway) they are refused rather than queued in memory without end.
 */
const MAX_BUFFERED_LIVE_BYTES = 1024 * 1024;

/** One WebSocket from open to close: hello → welcome → streaming, liveness, frame dispatch. */
export class AgentSession {
  private readonly ws: WebSocket;
  private readonly limiter = new FrameRateLimiter();
  private phase: SessionPhase = 'connecting';
  private streamer: BatchStreamer | undefined;
  private pinger: PingMonitor | undefined;
  private welcomeTimer: NodeJS.Timeout | undefined;
  private lastError: ErrorFrame | undefined;
  private httpStatus: number | undefined;
  private streamingSince: number | undefined;
  private window: number | undefined;
  private readonly closed: Promise<void>;
  private inbound: Promise<void> = Promise.resolve();

  constructor(private readonly options: AgentSessionOptions) {
    this.ws = new WebSocket(options.url, {
      headers: { Authorization: `Bearer ${options.credential}`, 'User-Agent': options.userAgent },
      handshakeTimeout: options.timing.connectTimeoutMs,
      maxPayload: DEFAULT_SESSION_LIMITS.maxFrameBytes,
    });
    this.closed = new Promise((resolve) => this.ws.once('close', () => resolve()));
    this.ws.on('open', () => this.opened());
    // Frames are handled one after another: applying the welcome waits for the spool, and a
    // frame right behind it (the first action) must not be judged before the session streams.
    this.ws.on('message', (data: Buffer) => {
      this.inbound = this.inbound
        .then(() => this.received(data))
        .catch((error: unknown) => {
          this.options.log.error({ err: error }, 'handling a gateway frame failed');
        });
    });
    this.ws.on('error', (error) => this.failed(error));
    this.ws.once('close', (code, reason) => this.ended(code, reason.toString()));
  }

  /** Sends an agent frame other than hello/batch (those are the session's own). False if not streaming. */
  send(frame: AgentFrame): boolean {
    if (this.phase !== 'streaming' || this.ws.readyState !== WebSocket.OPEN) return false;
    if (frame.type === 'log_lines' && this.ws.bufferedAmount > MAX_BUFFERED_LIVE_BYTES) return false;
    const checked = ZAgentFrameSchema.safeParse(frame);
    if (!checked.success) {
      this.options.log.error(
        { type: frame.type, issues: checked.error.issues },
        'refusing to send an invalid frame',
      );
      return false;
    }
    this.sendText(encodeFrame(frame));
    return true;
  }

  batchSpooled(): void {
    this.streamer?.pump();
  }

  inFlightCount(): number {
    return this.streamer?.inFlightCount() ?? 0;
  }

  /** Resolves true when every spooled batch is acked, false when `timeoutMs` ran out first. */
  async drain(timeoutMs: number): Promise<boolean> {
    const streamer = this.streamer;
    if (!streamer) return true;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
    });
    const idle = streamer.whenIdle().then(() => true);
    const result = await Promise.race([idle, timeout, this.closed.then(() => false)]);
    clearTimeout(timer);
    return result;
  }

  /** Closes with `code` and waits for the close (terminating the socket if the peer does not answer). */
  async close(code: number, reason: string): Promise<void> {
    if (this.ws.readyState === WebSocket.CLOSED) return;
    if (this.ws.readyState === WebSocket.CONNECTING) this.ws.terminate();
    else this.ws.close(code, reason);
    const timer = setTimeout(() => this.ws.terminate(), this.options.timing.closeTimeoutMs);
    await this.closed;
    clearTimeout(timer);
  }

  terminate(): void {
    this.ws.terminate();
  }

  private sendText(text: string): void {
    this.limiter.record();
    this.ws.send(text);
  }

  private opened(): void {
    this.phase = 'handshaking';
    this.options.handlers.onOpen();
    this.sendText(encodeFrame(this.options.hello));
    this.welcomeTimer = setTimeout(() => {
      this.options.log.warn(
        { timeoutMs: this.options.timing.welcomeTimeoutMs },
        'no welcome from the gateway; reconnecting',
      );
      this.ws.terminate();
    }, this.options.timing.welcomeTimeoutMs);
  }

  private async received(data: Buffer): Promise<void> {
    const decoded = decodeGatewayFrame(data);
    if (!decoded.ok) {
      this.options.log.error({ reason: decoded.reason }, 'ignoring an invalid frame from the gateway');
      if (decoded.actionId) this.rejectAction(decoded.actionId, decoded.reason);
      return;
    }
    const frame = decoded.frame;
    switch (frame.type) {
      case 'welcome':
        return this.welcomed(frame);
      case 'ack':
        this.options.handlers.onAck(frame.seq);
        return this.streamer?.ack(frame.seq);
      case 'ping':
        if (this.ws.readyState === WebSocket.OPEN) this.sendText(encodeFrame({ type: 'pong', ts: frame.ts }));
        return;
      case 'pong':
        this.pinger?.pongReceived();
        return;
      case 'error':
        this.lastError = frame;
        this.options.log.warn({ code: frame.code, message: frame.message }, 'gateway reported an error');
        return;
      case 'action':
        if (this.phase === 'streaming') this.options.handlers.onAction(frame);
        return;
      default:
        if (this.phase === 'streaming') this.options.handlers.onFrame(frame);
    }
  }

  /** The gateway re-sends an action it cannot deliver; answering `rejected` ends that loop. */
  private rejectAction(id: string, reason: string): void {
    if (this.phase !== 'streaming') return;
    const output = `the agent could not read this action: ${reason}`.slice(0, 1000);
    this.send({ type: 'action_result', id, status: 'rejected', output });
  }

  private async welcomed(welcome: WelcomeFrame): Promise<void> {
    if (this.phase !== 'handshaking') {
      this.options.log.warn('ignoring a second welcome');
      return;
    }
    const limits = clampSessionLimits(welcome.limits);
    // If this fails, the welcome timer still runs and ends the socket: no half-open session.
    await this.options.spool.resumeFrom(welcome.resumeFromSeq);
    clearTimeout(this.welcomeTimer);
    if (this.ws.readyState !== WebSocket.OPEN) return;
    this.phase = 'streaming';
    this.streamingSince = Date.now();
    this.window = this.options.windowOverride ?? limits.maxUnackedBatches;
    this.streamer = new BatchStreamer({
      spool: this.options.spool,
      window: this.window,
      maxFrameBytes: limits.maxFrameBytes,
      // Leaves a fifth of the frame budget for pings, pongs, action results and live logs.
      batchesPerSecond: Math.max(1, Math.floor(limits.maxFramesPerSecond * 0.8)),
      limiter: this.limiter,
      sendText: (text) => this.sendText(text),
      // Only after a welcome that says so: an older gateway's welcome has no `encodings`.
      columnar: welcome.encodings?.includes('columnar') ?? false,
      log: this.options.log,
    });
    this.startPinging(welcome.intervals.pingMs);
    this.options.handlers.onWelcome(welcome, limits);
    this.streamer.pump();
  }

  private startPinging(announcedMs: number): void {
    const { pingIntervalMs, maxMissedPongs } = this.options.timing;
    this.pinger = new PingMonitor({
      intervalMs: pingIntervalMs ?? announcedMs,
      maxMissed: maxMissedPongs,
      sendPing: (ts) => this.sendText(encodeFrame({ type: 'ping', ts })),
      onDead: (missed) => {
        this.options.log.warn({ missed }, 'gateway stopped answering pings; dropping the socket');
        this.ws.terminate();
      },
    });
    this.pinger.start();
  }

  private failed(error: Error): void {
    const status = /Unexpected server response: (\d+)/.exec(error.message)?.[1];
    if (status) this.httpStatus = Number(status);
    this.options.log.warn({ err: error.message, phase: this.phase }, 'socket error');
  }

  private ended(code: number, reason: string): void {
    clearTimeout(this.welcomeTimer);
    this.pinger?.stop();
    const suspectSeq = this.streamer?.lowestInFlight();
    this.streamer?.stop();
    this.options.handlers.onClose({
      code,
      reason,
      phase: this.phase,
      ...(this.lastError ? { errorFrame: this.lastError } : {}),
      ...(suspectSeq !== undefined ? { suspectSeq } : {}),
      ...(this.window !== undefined ? { window: this.window } : {}),
      ...(this.httpStatus !== undefined ? { httpStatus: this.httpStatus } : {}),
      streamedMs: this.streamingSince === undefined ? 0 : Date.now() - this.streamingSince,
    });
  }
}
