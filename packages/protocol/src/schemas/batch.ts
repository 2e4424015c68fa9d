import * as z from 'zod/mini';
import { LIMITS } from '../limits.js';
import { ZContainerCheckResultSchema } from './checks.js';
import { ZContainerEventSchema, ZHealthResultSchema, ZLogEntrySchema } from './container-records.js';
import { ZInventorySchema } from './inventory.js';
import { ZLogColumnsSchema } from './log-columns.js';
import { boundedInt, ZSeqSchema, ZTimestampSchema } from './primitives.js';
import { ZContainerSampleColumnsSchema } from './sample-columns.js';
import { ZContainerSampleSchema, ZHostSampleSchema } from './samples.js';

/** The agent's spool overflowed and discarded batches `fromSeq`…`toSeq` before they were sent. */
export const ZBatchGapSchema = z
  .object({
    droppedBatches: boundedInt(1),
    fromSeq: ZSeqSchema,
    toSeq: ZSeqSchema,
  })
  .check(
    z.refine((gap) => gap.toSeq - gap.fromSeq + 1 === gap.droppedBatches, {
      message: 'expected droppedBatches = toSeq - fromSeq + 1',
      path: ['droppedBatches'],
    }),
  );
export type BatchGap = z.infer<typeof ZBatchGapSchema>;

const list = <T extends z.ZodMiniType>(item: T) => z.array(item).check(z.maxLength(LIMITS.maxItemsPerBatch));

/** agent→gateway: everything collected in one interval, identified by a per-host `seq`. */
export const ZBatchFrameSchema = z
  .object({
    type: z.literal('batch'),
    seq: ZSeqSchema,
    sentAt: ZTimestampSchema,
    gap: z.optional(ZBatchGapSchema),
    containerSamples: list(ZContainerSampleSchema),
    /**
     * More container samples, as columns (issue 20): only to a gateway whose welcome accepted the
     * `columnar` encoding. Stored as the rows of `containerSamples` are; a batch may carry both.
     */
    containerSampleColumns: z.optional(ZContainerSampleColumnsSchema),
    hostSamples: list(ZHostSampleSchema),
    /** Absent when nothing changed since the last batch. */
    inventory: z.optional(ZInventorySchema),
    events: list(ZContainerEventSchema),
    logs: list(ZLogEntrySchema),
    /**
     * More log entries, as columns (issue 20), under the same rule as `containerSampleColumns`:
     * stored after the rows of `logs`, in order.
     */
    logColumns: z.optional(ZLogColumnsSchema),
    health: list(ZHealthResultSchema),
    /**
     * Runs of label-defined health checks (issue 16). Optional, so batches of agents that predate
     * it stay valid; a gateway that predates it ignores the field (zod strips unknown keys).
     */
    checkResults: z.optional(list(ZContainerCheckResultSchema)),
  })
  .check(
    z.superRefine((batch, ctx) => {
      if (batch.gap && batch.gap.toSeq >= batch.seq) {
        ctx.addIssue({ code: 'custom', message: 'expected gap.toSeq < seq', path: ['gap', 'toSeq'] });
      }
      const items = countBatchItems(batch);
      if (items > LIMITS.maxItemsPerBatch) {
        ctx.addIssue({
          code: 'custom',
          message: `${items} items exceed maxItemsPerBatch ${LIMITS.maxItemsPerBatch}`,
        });
      }
    }),
  );
export type BatchFrame = z.infer<typeof ZBatchFrameSchema>;

type BatchArrays = {
  containerSamples: readonly unknown[];
  containerSampleColumns?: { containerId: readonly unknown[] } | undefined;
  hostSamples: readonly unknown[];
  inventory?: { containers: readonly unknown[]; removed: readonly unknown[] } | undefined;
  events: readonly unknown[];
  logs: readonly unknown[];
  logColumns?: { containerId: readonly unknown[] } | undefined;
  health: readonly unknown[];
  checkResults?: readonly unknown[] | undefined;
};

/** Items counted against `maxItemsPerBatch`: every top-level array, inventory's two included, an item per column entry. */
export function countBatchItems(batch: BatchArrays): number {
  const inventory = batch.inventory ? batch.inventory.containers.length + batch.inventory.removed.length : 0;
  return (
    batch.containerSamples.length +
    (batch.containerSampleColumns?.containerId.length ?? 0) +
    batch.hostSamples.length +
    inventory +
    batch.events.length +
    batch.logs.length +
    (batch.logColumns?.containerId.length ?? 0) +
    batch.health.length +
    (batch.checkResults?.length ?? 0)
  );
}

export const ACK_STATUSES = ['committed', 'duplicate'] as const;

/** gateway→agent, sent only after the batch's transaction committed (or was found committed before). */
export const ZAckFrameSchema = z.object({
  type: z.literal('ack'),
  seq: ZSeqSchema,
  status: z.enum(ACK_STATUSES),
});
export type AckFrame = z.infer<typeof ZAckFrameSchema>;
