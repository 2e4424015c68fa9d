import * as z from 'zod/mini';
import { LIMITS } from '../limits.js';
import { boundedInt, boundedText, ZContainerRefSchema, ZTimestampSchema, ZUuidSchema } from './primitives.js';

export const ACTION_VERBS = [
  'start',
  'stop',
  'restart',
  'pause',
  'unpause',
  'kill',
  'refresh',
  'ping',
  'update',
] as const;
export const ZActionVerbSchema = z.enum(ACTION_VERBS);
export type ActionVerb = z.infer<typeof ZActionVerbSchema>;

/** Verbs that act on one container and need `target.containerId`. */
export const CONTAINER_VERBS = [
  'start',
  'stop',
  'restart',
  'pause',
  'unpause',
  'kill',
] as const satisfies readonly ActionVerb[];
/** Verbs a caller asks of a host or its agent (the API's host actions). */
export const HOST_VERBS = ['refresh', 'ping', 'update'] as const satisfies readonly ActionVerb[];
const containerVerbs: readonly ActionVerb[] = CONTAINER_VERBS;
/** Verbs that act on the host or agent and must not name a container (`refresh` may: it re-inspects one). */
const HOST_ONLY_VERBS: readonly ActionVerb[] = ['ping', 'update'];
const TIMEOUT_VERBS: readonly ActionVerb[] = ['stop', 'restart'];

/** Strict: an agent refuses a target it does not fully understand instead of guessing. */
export const ZActionTargetSchema = z.strictObject({
  containerId: z.optional(ZContainerRefSchema),
});
export type ActionTarget = z.infer<typeof ZActionTargetSchema>;

/** Strict: an unknown parameter (say a future `force`) must not be silently ignored by an older agent. */
export const ZActionParamsSchema = z.strictObject({
  /** Seconds Docker waits before SIGKILL on stop/restart. */
  timeoutS: z.optional(boundedInt(0, 3600)),
  /** For `kill`, e.g. SIGTERM, SIGHUP. */
  signal: z.optional(
    z.string().check(z.maxLength(16), z.regex(/^SIG[A-Z0-9]+$/, 'expected a signal name like SIGTERM')),
  ),
});
export type ActionParams = z.infer<typeof ZActionParamsSchema>;

/** gateway→agent: run an allow-listed verb before `deadline`. Delivered at least once; dedupe by `id`. */
export const ZActionFrameSchema = z
  .object({
    type: z.literal('action'),
    id: ZUuidSchema,
    verb: ZActionVerbSchema,
    target: ZActionTargetSchema,
    params: ZActionParamsSchema,
    deadline: ZTimestampSchema,
  })
  .check(
    z.superRefine((action, ctx) => {
      const hasContainer = action.target.containerId !== undefined;
      if (containerVerbs.includes(action.verb) && !hasContainer) {
        ctx.addIssue({
          code: 'custom',
          message: `${action.verb} needs a container`,
          path: ['target', 'containerId'],
        });
      }
      if (HOST_ONLY_VERBS.includes(action.verb) && hasContainer) {
        ctx.addIssue({
          code: 'custom',
          message: `${action.verb} takes no container`,
          path: ['target', 'containerId'],
        });
      }
      if (action.params.signal !== undefined && action.verb !== 'kill') {
        ctx.addIssue({ code: 'custom', message: 'signal is only for kill', path: ['params', 'signal'] });
      }
      if (action.params.timeoutS !== undefined && !TIMEOUT_VERBS.includes(action.verb)) {
        ctx.addIssue({
          code: 'custom',
          message: 'timeoutS is only for stop and restart',
          path: ['params', 'timeoutS'],
        });
      }
    }),
  );
export type ActionFrame = z.infer<typeof ZActionFrameSchema>;

export const ACTION_STATUSES = ['running', 'succeeded', 'failed', 'rejected', 'timed_out'] as const;
export const ZActionStatusSchema = z.enum(ACTION_STATUSES);
export type ActionStatus = z.infer<typeof ZActionStatusSchema>;

/**
 * agent→gateway. `running` may be sent first for long actions; exactly one final status follows.
 * `rejected`: not allowed (read-only agent, unknown verb, past deadline) and nothing was run.
 */
export const ZActionResultFrameSchema = z.object({
  type: z.literal('action_result'),
  id: ZUuidSchema,
  status: ZActionStatusSchema,
  /** Combined output or error text, truncated by the agent to the limit. */
  output: boundedText(LIMITS.maxActionOutputBytes),
  startedAt: z.optional(ZTimestampSchema),
  finishedAt: z.optional(ZTimestampSchema),
});
export type ActionResultFrame = z.infer<typeof ZActionResultFrameSchema>;
