import * as z from 'zod/mini';
import { LIMITS } from '../limits.js';
import {
  boundedInt,
  boundedRecord,
  boundedText,
  type NumberBounds,
  numberSchema,
  ZExitCodeSchema,
  ZShortContainerIdSchema,
  ZTimestampSchema,
} from './primitives.js';

/** A Docker container event; repeats within one batch may be collapsed into one with a `count`. */
export const ZContainerEventSchema = z.object({
  containerId: ZShortContainerIdSchema,
  ts: ZTimestampSchema,
  /** Docker's action verbatim: "start", "die", "health_status: healthy", "exec_start: sh -c …". */
  action: boundedText(1024, 1),
  attributes: boundedRecord(LIMITS.maxEventAttributes, LIMITS.maxLabelKeyBytes, LIMITS.maxLabelValueBytes),
  count: boundedInt(1),
});
export type ContainerEvent = z.infer<typeof ZContainerEventSchema>;

export const LOG_STREAMS = ['stdout', 'stderr'] as const;
export const ZLogStreamSchema = z.enum(LOG_STREAMS);
export type LogStream = z.infer<typeof ZLogStreamSchema>;

/** A log entry's bounds; the row schema and the columnar form (log-columns.ts) both check these. */
export const LOG_ENTRY_BOUNDS = {
  lineBytes: LIMITS.maxLogLineBytes,
  dropped: { int: true, min: 1, max: Number.MAX_SAFE_INTEGER },
} as const satisfies { lineBytes: number; dropped: NumberBounds };

/** `line` and `dropped` exclude each other, so an entry is never ambiguous. */
const exclusive = z.optional(z.never({ error: 'line and dropped exclude each other' }));
const lineFields = {
  ts: ZTimestampSchema,
  stream: ZLogStreamSchema,
  line: boundedText(LOG_ENTRY_BOUNDS.lineBytes),
  dropped: exclusive,
};
const droppedFields = {
  ts: ZTimestampSchema,
  stream: ZLogStreamSchema,
  /** Lines the agent's per-container rate cap discarded since the previous entry. */
  dropped: numberSchema(LOG_ENTRY_BOUNDS.dropped),
  line: exclusive,
};

/** A log entry is either a line or a marker that lines were dropped: tell them apart with `'line' in entry`. */
export const ZLogEntrySchema = z.union([
  z.object({ containerId: ZShortContainerIdSchema, ...lineFields }),
  z.object({ containerId: ZShortContainerIdSchema, ...droppedFields }),
]);
export type LogEntry = z.infer<typeof ZLogEntrySchema>;

/** Same as a log entry, without the container id (a live stream is for one container). */
export const ZLiveLogEntrySchema = z.union([z.object(lineFields), z.object(droppedFields)]);
export type LiveLogEntry = z.infer<typeof ZLiveLogEntrySchema>;

/** One health-check run, as in Docker's `State.Health.Log`. */
export const ZHealthResultSchema = z.object({
  containerId: ZShortContainerIdSchema,
  ts: ZTimestampSchema,
  status: z.enum(['starting', 'healthy', 'unhealthy']),
  exitCode: ZExitCodeSchema,
  output: boundedText(LIMITS.maxHealthOutputBytes),
});
export type HealthResult = z.infer<typeof ZHealthResultSchema>;
