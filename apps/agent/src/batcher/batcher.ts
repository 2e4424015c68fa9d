import { type BatchFrame, encodeFrame, LIMITS } from '@berth/protocol';
import type { Logger } from '../cli/logger.js';
import type { Spool } from '../spool/spool.js';
import type { BatchContent, BatchLimits, BatchSink, BatchSource } from './batch-source.js';
import { prepareBatches } from './prepare-batches.js';

export const DEFAULT_BATCH_INTERVAL_MS = 10_000;

export type BatcherOptions = {
  source: BatchSource;
  spool: Spool;
  sink: BatchSink;
  log: Logger;
  intervalMs?: number;
  /** The session's limits (`connection.sessionLimits()`); the protocol's defaults otherwise. */
  limits?: () => BatchLimits;
  now?: () => Date;
};

/**
 * Every interval: drain the source, cut the content into valid batches, append each to the
 * spool (durably, first) and then tell the sink. Nothing is spooled when nothing was collected,
 * which only happens when the collectors produced no host sample either.
 */
export class Batcher {
  private intervalMs: number;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number[]> = Promise.resolve([]);
  private stopped = false;

  constructor(private readonly options: BatcherOptions) {
    this.intervalMs = options.intervalMs ?? DEFAULT_BATCH_INTERVAL_MS;
  }

  start(): void {
    this.stopped = false;
    this.schedule(this.intervalMs);
  }

  /** Takes effect from the next interval (e.g. the gateway's `welcome.intervals.batchMs`). */
  setIntervalMs(ms: number): void {
    this.intervalMs = ms;
  }

  /** One interval's work; runs after any tick in progress. Resolves with the seqs spooled. */
  tick(): Promise<number[]> {
    const next = this.running.then(() => this.collectAndSpool());
    this.running = next.catch(() => []);
    return next;
  }

  /** Stops the timer and spools a final batch of whatever was collected since the last tick. */
  async stop(): Promise<number[]> {
    this.stopped = true;
    clearTimeout(this.timer);
    return this.tick();
  }

  private schedule(delayMs: number): void {
    this.timer = setTimeout(() => {
      const started = Date.now();
      void this.tick().then(() => {
        if (!this.stopped) this.schedule(Math.max(0, this.intervalMs - (Date.now() - started)));
      });
    }, delayMs);
  }

  private async collectAndSpool(): Promise<number[]> {
    const { log } = this.options;
    const seqs: number[] = [];
    try {
      const content = await this.options.source.drain();
      const parts = prepareBatches(content, this.limits(), log);
      const sentAt = (this.options.now?.() ?? new Date()).toISOString();
      for (const part of parts) {
        const { seq, droppedBatches } = await this.options.spool.append(({ seq, gap }) =>
          encodeFrame(toFrame(part, seq, sentAt, gap)),
        );
        seqs.push(seq);
        // What each seq holds, so a fault test can count rows produced against rows stored.
        log.debug(
          {
            seq,
            containerSamples: part.containerSamples.length,
            hostSamples: part.hostSamples.length,
            events: part.events.length,
            health: part.health.length,
            checkResults: part.checkResults?.length ?? 0,
            logs: part.logs.length,
          },
          'batch spooled',
        );
        if (droppedBatches > 0) log.warn({ seq, droppedBatches }, 'spool was full; oldest batches dropped');
      }
    } catch (error) {
      log.error({ err: error, spooled: seqs }, 'batching failed; this interval is lost');
    }
    if (seqs.length > 0) this.options.sink.batchSpooled();
    return seqs;
  }

  private limits(): BatchLimits {
    const limits = this.options.limits?.();
    return {
      maxItemsPerBatch: Math.min(
        limits?.maxItemsPerBatch ?? LIMITS.maxItemsPerBatch,
        LIMITS.maxItemsPerBatch,
      ),
      maxFrameBytes: Math.min(limits?.maxFrameBytes ?? LIMITS.maxFrameBytes, LIMITS.maxFrameBytes),
    };
  }
}

function toFrame(content: BatchContent, seq: number, sentAt: string, gap: BatchFrame['gap']): BatchFrame {
  return { type: 'batch', seq, sentAt, ...(gap ? { gap } : {}), ...content };
}
