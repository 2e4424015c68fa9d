import { z } from 'zod';

export const ZContainerVerbSchema = z.enum(['start', 'stop', 'restart', 'pause', 'unpause', 'kill']);
export const ZHostVerbSchema = z.enum(['refresh', 'ping', 'update']);

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

export const ZActionSchema = z.object({
  id: z.uuid(),
  hostId: z.uuid(),
  containerId: z.string().nullable(),
  verb: z.string(),
  params: z.record(z.string(), z.unknown()),
  status: z.enum(['queued', 'sent', 'running', 'succeeded', 'failed', 'timed_out', 'rejected']),
  output: z.string().nullable(),
  requestedBy: z.uuid().nullable(),
  requestedByToken: z.uuid().nullable(),
  deadline: z.iso.datetime(),
  createdAt: z.iso.datetime(),
  sentAt: z.iso.datetime().nullable(),
  startedAt: z.iso.datetime().nullable(),
  finishedAt: z.iso.datetime().nullable(),
  /** Milliseconds from request to result, when finished. */
  durationMs: z.number().nullable(),
});
export type ActionView = z.infer<typeof ZActionSchema>;

type ActionRow = {
  id: string;
  hostId: string;
  containerShortId: string | null;
  verb: string;
  params: unknown;
  status: ActionView['status'];
  output: string | null;
  requestedBy: string | null;
  requestedByToken: string | null;
  deadline: Date;
  createdAt: Date;
  sentAt: Date | null;
  startedAt: Date | null;
  finishedAt: Date | null;
};

export function toActionView(row: ActionRow): ActionView {
  return {
    id: row.id,
    hostId: row.hostId,
    containerId: row.containerShortId?.trim() ?? null,
    verb: row.verb,
    params: (row.params ?? {}) as Record<string, unknown>,
    status: row.status,
    output: row.output,
    requestedBy: row.requestedBy,
    requestedByToken: row.requestedByToken,
    deadline: row.deadline.toISOString(),
    createdAt: row.createdAt.toISOString(),
    sentAt: row.sentAt?.toISOString() ?? null,
    startedAt: row.startedAt?.toISOString() ?? null,
    finishedAt: row.finishedAt?.toISOString() ?? null,
    durationMs: row.finishedAt ? row.finishedAt.getTime() - row.createdAt.getTime() : null,
  };
}
