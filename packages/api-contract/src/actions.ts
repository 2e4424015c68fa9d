import { CONTAINER_VERBS, HOST_VERBS } from '@berth/protocol';
import { z } from 'zod';
import { pageSchema, ZPageQuerySchema } from './paging.js';
import { ZContainerIdSchema, ZIsoDateSchema, ZUuidSchema } from './primitives.js';

/** Verbs come from the wire protocol: the API offers what agents run, never a second list. */
export { CONTAINER_VERBS, HOST_VERBS } from '@berth/protocol';
export const ZContainerVerbSchema = z.enum(CONTAINER_VERBS);
export type ContainerVerb = z.infer<typeof ZContainerVerbSchema>;
export const ZHostVerbSchema = z.enum(HOST_VERBS);
export type HostVerb = z.infer<typeof ZHostVerbSchema>;

/** An action's life: queued → sent → running → one terminal status. */
export const ACTION_STATUSES = [
  'queued',
  'sent',
  'running',
  'succeeded',
  'failed',
  'timed_out',
  'rejected',
] as const;
export const ZActionStatusSchema = z.enum(ACTION_STATUSES);
export type ActionStatus = z.infer<typeof ZActionStatusSchema>;
/** Statuses after which nothing changes. */
export const TERMINAL_ACTION_STATUSES = ['succeeded', 'failed', 'timed_out', 'rejected'] as const;

const deadlineS = z
  .int()
  .min(5)
  .max(3600)
  .optional()
  .describe('Seconds the action stays valid; default 60 (+ timeoutS)');

export const ZContainerActionRequestSchema = z
  .strictObject({
    verb: ZContainerVerbSchema,
    timeoutS: z.int().min(0).max(3600).optional().describe('stop/restart: seconds before SIGKILL'),
    signal: z
      .string()
      .max(16)
      .regex(/^SIG[A-Z0-9]+$/, 'expected a signal name like SIGTERM')
      .optional(),
    deadlineS,
  })
  .superRefine((body, ctx) => {
    if (body.signal !== undefined && body.verb !== 'kill')
      ctx.addIssue({ code: 'custom', message: 'signal is only for kill', path: ['signal'] });
    if (body.timeoutS !== undefined && body.verb !== 'stop' && body.verb !== 'restart') {
      ctx.addIssue({ code: 'custom', message: 'timeoutS is only for stop and restart', path: ['timeoutS'] });
    }
  });
export type ContainerActionRequest = z.infer<typeof ZContainerActionRequestSchema>;

export const ZHostActionRequestSchema = z.strictObject({ verb: ZHostVerbSchema, deadlineS });
export type HostActionRequest = z.infer<typeof ZHostActionRequestSchema>;

export const ZActionParamsSchema = z.object({ actionId: ZUuidSchema });

export const ZActionSchema = z.object({
  id: ZUuidSchema,
  hostId: ZUuidSchema,
  containerId: z.string().nullable(),
  verb: z.string(),
  params: z.record(z.string(), z.unknown()),
  status: ZActionStatusSchema,
  output: z.string().nullable(),
  requestedBy: ZUuidSchema.nullable(),
  requestedByToken: ZUuidSchema.nullable(),
  deadline: ZIsoDateSchema,
  createdAt: ZIsoDateSchema,
  sentAt: ZIsoDateSchema.nullable(),
  startedAt: ZIsoDateSchema.nullable(),
  finishedAt: ZIsoDateSchema.nullable(),
  /** Milliseconds from request to result, when finished. */
  durationMs: z.number().nullable(),
});
export type Action = z.infer<typeof ZActionSchema>;
export const ZActionPageSchema = pageSchema(ZActionSchema);

export const ZListActionsQuerySchema = ZPageQuerySchema.extend({
  hostId: ZUuidSchema.optional(),
  containerId: ZContainerIdSchema.optional(),
  status: ZActionStatusSchema.optional(),
  verb: z.string().max(32).optional(),
});
