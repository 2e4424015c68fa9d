import * as z from 'zod/mini';
import { LIMITS } from '../limits.js';
import { ZLiveLogEntrySchema } from './container-records.js';
import { boundedInt, boundedText, ZContainerRefSchema, ZTimestampSchema, ZUuidSchema } from './primitives.js';

/**
 * gateway→agent: start following one container's logs (only to agents with the `live_logs`
 * capability). Live lines are best effort: not spooled, not acked, gone on reconnect.
 */
export const ZLogsFollowFrameSchema = z.object({
  type: z.literal('logs_follow'),
  streamId: ZUuidSchema,
  containerId: ZContainerRefSchema,
  /** Lines of history to send first (Docker's `tail`); absent means none. */
  tail: z.optional(boundedInt(0, 10_000)),
  /** Only lines at or after this time. */
  since: z.optional(ZTimestampSchema),
});
export type LogsFollowFrame = z.infer<typeof ZLogsFollowFrameSchema>;

/** gateway→agent: stop a stream (the viewer left). Unknown stream ids are ignored. */
export const ZLogsStopFrameSchema = z.object({
  type: z.literal('logs_stop'),
  streamId: ZUuidSchema,
});
export type LogsStopFrame = z.infer<typeof ZLogsStopFrameSchema>;

/** agent→gateway: lines of a followed stream; `ended` once the stream is over, with `error` if it failed. */
export const ZLogLinesFrameSchema = z.object({
  type: z.literal('log_lines'),
  streamId: ZUuidSchema,
  lines: z.array(ZLiveLogEntrySchema).check(z.maxLength(LIMITS.maxItemsPerBatch)),
  ended: z.optional(z.boolean()),
  error: z.optional(boundedText(LIMITS.maxErrorMessageBytes)),
});
export type LogLinesFrame = z.infer<typeof ZLogLinesFrameSchema>;
