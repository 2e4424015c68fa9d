import type { BatchFrame } from '@berth/protocol';

/** What one interval collected: a batch frame without its envelope (type, seq, sentAt, gap). */
export type BatchContent = Pick<
  BatchFrame,
  'containerSamples' | 'hostSamples' | 'inventory' | 'events' | 'logs' | 'health' | 'checkResults'
>;

/**
 * Where the batcher takes collected items from (the collectors, or a fake in tests). `drain`
 * returns everything gathered since the previous call and forgets it.
 */
export type BatchSource = {
  drain(): BatchContent | Promise<BatchContent>;
};

/** Told after batches reached the spool (the connection sends them from there). */
export type BatchSink = {
  batchSpooled(): void;
};

export type BatchLimits = { maxItemsPerBatch: number; maxFrameBytes: number };

export function emptyBatchContent(): BatchContent {
  return { containerSamples: [], hostSamples: [], events: [], logs: [], health: [] };
}
