import { UPDATE_STAGES } from '@berth/protocol';
import { z } from 'zod';
import { ZActionStatusSchema } from './actions.js';
import { ZIsoDateSchema, ZUuidSchema } from './primitives.js';

/**
 * Small change events of one organisation, published by gateways (and the API) on the bus and
 * streamed to that organisation's browsers by GET /api/v1/stream. Added to, never renamed.
 */
const at = ZIsoDateSchema;
export const ZHostStatusEventSchema = z.object({
  type: z.literal('host.status'),
  hostId: ZUuidSchema,
  status: z.enum(['online', 'offline']),
  at,
});
export const ZContainerStateEventSchema = z.object({
  type: z.literal('container.state'),
  hostId: ZUuidSchema,
  containerId: z.string().length(12),
  name: z.string(),
  state: z.string(),
  health: z.string(),
  removed: z.boolean(),
  at,
});
export const ZActionStatusEventSchema = z.object({
  type: z.literal('action.status'),
  actionId: ZUuidSchema,
  hostId: ZUuidSchema,
  containerId: z.string().nullable(),
  verb: z.string(),
  status: ZActionStatusSchema,
  output: z.string().nullable(),
  at,
});
/** A long action's step (today `container.update`): advisory, may be skipped; the status decides. */
export const ZActionProgressEventSchema = z.object({
  type: z.literal('action.progress'),
  actionId: ZUuidSchema,
  hostId: ZUuidSchema,
  containerId: z.string().nullable(),
  verb: z.string(),
  stage: z.enum(UPDATE_STAGES),
  percent: z.int().min(0).max(100).nullable(),
  detail: z.string().nullable(),
  at,
});
/** Latest readings of one host and its containers, at most once per batch interval. */
export const ZSamplesEventSchema = z.object({
  type: z.literal('samples'),
  hostId: ZUuidSchema,
  at,
  host: z
    .object({ cpuPct: z.number(), memUsed: z.number(), memTotal: z.number(), load1: z.number() })
    .nullable(),
  containers: z.array(
    z.object({
      containerId: z.string().length(12),
      cpuPct: z.number(),
      memBytes: z.number(),
      memLimit: z.number(),
    }),
  ),
});
/** A committed batch carried health-check runs (issue 16): how many, and how many were down. */
export const ZChecksEventSchema = z.object({
  type: z.literal('checks'),
  hostId: ZUuidSchema,
  at,
  runs: z.int(),
  down: z.int(),
});
/** An alert changed state or was acknowledged (published by the alerter and the API). */
export const ZAlertChangedEventSchema = z.object({
  type: z.literal('alert.changed'),
  alertId: ZUuidSchema,
  ruleId: ZUuidSchema,
  state: z.enum(['pending', 'firing', 'resolved']),
  severity: z.enum(['info', 'warning', 'critical']),
  acknowledged: z.boolean(),
  hostId: ZUuidSchema.nullable(),
  summary: z.string(),
  at,
});

export const ZOrgEventSchema = z.discriminatedUnion('type', [
  ZHostStatusEventSchema,
  ZContainerStateEventSchema,
  ZActionStatusEventSchema,
  ZSamplesEventSchema,
  ZAlertChangedEventSchema,
  ZChecksEventSchema,
  ZActionProgressEventSchema,
]);
export type OrgEvent = z.infer<typeof ZOrgEventSchema>;

/** The stream's own event: missed events are no longer available, reload state. */
export const ZResetEventSchema = z.object({ type: z.literal('reset'), reason: z.string().optional() });

/** Every event GET /api/v1/stream sends (SSE `event:` is the `type`). */
export const ZLiveEventSchema = z.discriminatedUnion('type', [...ZOrgEventSchema.options, ZResetEventSchema]);
export type LiveEvent = z.infer<typeof ZLiveEventSchema>;
export type LiveEventType = LiveEvent['type'];
export const LIVE_EVENT_TYPES: readonly LiveEventType[] = [
  'host.status',
  'container.state',
  'action.status',
  'samples',
  'alert.changed',
  'checks',
  'action.progress',
  'reset',
];

export const ZStreamQuerySchema = z.object({ lastEventId: z.string().max(64).optional() });
