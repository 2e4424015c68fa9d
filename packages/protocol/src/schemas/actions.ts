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
  'container.update',
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
const TIMEOUT_VERBS: readonly ActionVerb[] = ['stop', 'restart', 'container.update'];
/** Verbs that need a container without being offered by the generic container-action API. */
const OTHER_CONTAINER_VERBS: readonly ActionVerb[] = ['container.update'];

/**
 * An image reference as `docker pull` takes it: `[registry[:port]/]repo[:tag][@sha256:…]`,
 * lowercase path components (Docker's grammar, simplified to what a pull needs).
 */
export const ZImageReferenceSchema = z
  .string()
  .check(
    z.maxLength(512),
    z.regex(
      /^[a-z0-9]+(?:[._-][a-z0-9]+)*(?::[0-9]{1,5})?(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(?:@sha256:[0-9a-f]{64})?$/,
      'expected an image reference like registry:5000/team/app:1.2 or app@sha256:<64 hex>',
    ),
  );

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
  /** For `container.update`: the image to recreate the container from (pulled first). */
  image: z.optional(ZImageReferenceSchema),
  /** For `container.update`: how long the new container may take to become healthy (or stay up). */
  healthTimeoutS: z.optional(boundedInt(5, 1800)),
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
      const needsContainer =
        containerVerbs.includes(action.verb) || OTHER_CONTAINER_VERBS.includes(action.verb);
      if (needsContainer && !hasContainer) {
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
          message: 'timeoutS is only for stop, restart and container.update',
          path: ['params', 'timeoutS'],
        });
      }
      const isUpdate = action.verb === 'container.update';
      if (isUpdate && action.params.image === undefined) {
        ctx.addIssue({
          code: 'custom',
          message: 'container.update needs an image',
          path: ['params', 'image'],
        });
      }
      for (const key of ['image', 'healthTimeoutS'] as const) {
        if (!isUpdate && action.params[key] !== undefined) {
          ctx.addIssue({
            code: 'custom',
            message: `${key} is only for container.update`,
            path: ['params', key],
          });
        }
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

/** Steps of a `container.update`, in order (`rolling_back` only when a step after `stopping` failed). */
export const UPDATE_STAGES = [
  'pulling',
  'stopping',
  'creating',
  'starting',
  'waiting_healthy',
  'rolling_back',
  'cleaning_up',
] as const;
export const ZUpdateStageSchema = z.enum(UPDATE_STAGES);
export type UpdateStage = z.infer<typeof ZUpdateStageSchema>;

/**
 * agent→gateway, while a long action runs (today `container.update`): the step it is on and,
 * for the pull, how far it got. Advisory: sent at most a few times a second, may be dropped,
 * and never changes the action's status (only `action_result` does).
 */
export const ZActionProgressFrameSchema = z.object({
  type: z.literal('action_progress'),
  id: ZUuidSchema,
  stage: ZUpdateStageSchema,
  /** 0–100 within the stage, when the stage can tell (the pull's bytes). */
  percent: z.nullable(boundedInt(0, 100)),
  detail: z.optional(boundedText(200)),
});
export type ActionProgressFrame = z.infer<typeof ZActionProgressFrameSchema>;
