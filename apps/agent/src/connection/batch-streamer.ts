import type { Logger } from '../cli/logger.js';
import type { Spool } from '../spool/spool.js';
import { toColumnarBatchText } from './columnar-batch-text.js';
import type { FrameRateLimiter } from './frame-rate-limiter.js';

export type BatchStreamerOptions = {
  spool: Spool;
  /** Batches sent and not yet acked, at most. */
  window: number;
  maxFrameBytes: number;
  /** Batches per second, kept below the gateway's frame limit so control frames still fit. */
  batchesPerSecond: number;
  limiter: FrameRateLimiter;
  sendText: (text: string) => void;
  /** The gateway's welcome accepted `columnar`: container samples and log entries go as columns. */
  columnar?: boolean;
  log: Logger;
};

/**
 * Streams the spool over one connection: sends pending batches in seq order, keeps at most
 * `window` unacked, and deletes a batch from the spool only when its ack arrives. A new
 * connection gets a new streamer, which starts again from the oldest unacked batch.
 */
export class BatchStreamer {
  private readonly inFlight: number[] = [];
  private cursor = 0;
  private running = false;
  private again = false;
  private stopped = false;
  private timer: NodeJS.Timeout | undefined;
  private idleWaiters: (() => void)[] = [];

  constructor(private readonly options: BatchStreamerOptions) {}

  /** Sends what the window allows; call after an append, an ack, or a connect. */
  pump(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    void this.run().finally(() => {
      this.running = false;
      this.notifyIfIdle();
    });
  }

  async ack(seq: number): Promise<void> {
    while (this.inFlight.length > 0 && (this.inFlight[0] ?? 0) <= seq) this.inFlight.shift();
    // Anything up to an ack is committed, even what this connection never sent.
    this.cursor = Math.max(this.cursor, seq);
    await this.options.spool.ack(seq);
    this.pump();
  }

  lowestInFlight(): number | undefined {
    return this.inFlight[0];
  }

  inFlightCount(): number {
    return this.inFlight.length;
  }

  /** Nothing in flight and nothing left to send. */
  isIdle(): boolean {
    return this.inFlight.length === 0 && this.options.spool.nextAfter(this.cursor) === undefined;
  }

  whenIdle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  private async run(): Promise<void> {
    try {
      do {
        this.again = false;
        await this.sendWhatFits();
      } while (this.again && !this.stopped);
    } catch (error) {
      this.options.log.error({ err: error }, 'sending spooled batches failed');
    }
  }

  private async sendWhatFits(): Promise<void> {
    const { spool, window, maxFrameBytes, limiter } = this.options;
    while (!this.stopped && this.inFlight.length < window) {
      const next = spool.nextAfter(this.cursor);
      if (!next) return;
      if (next.bytes > maxFrameBytes) {
        this.cursor = next.seq;
        await spool.reject(
          next.seq,
          `${next.bytes} bytes exceed the gateway's maxFrameBytes ${maxFrameBytes}`,
        );
        continue;
      }
      const wait = limiter.delayFor(this.options.batchesPerSecond);
      if (wait > 0) {
        clearTimeout(this.timer);
        this.timer = setTimeout(() => this.pump(), wait);
        return;
      }
      const text = await spool.read(next.seq);
      if (this.stopped) return;
      this.cursor = Math.max(this.cursor, next.seq);
      if (text === undefined) continue; // acked or dropped while being read
      this.inFlight.push(next.seq);
      limiter.record();
      this.options.sendText(this.options.columnar ? toColumnarBatchText(text, maxFrameBytes) : text);
    }
  }

  private notifyIfIdle(): void {
    if (!this.isIdle() || this.idleWaiters.length === 0) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}
