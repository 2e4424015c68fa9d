import { z } from 'zod';
import { channels, streams } from './names.js';
import type { Bus } from './types.js';

/**
 * Small change events of one organisation, published by gateways (and the API) and
 * streamed to that organisation's browsers. Added to, never renamed.
 */
const at = z.iso.datetime();
const ZHostStatusEventSchema = z.object({
  type: z.literal('host.status'),
  hostId: z.uuid(),
  status: z.enum(['online', 'offline']),
  at,
});
const ZContainerStateEventSchema = z.object({
  type: z.literal('container.state'),
  hostId: z.uuid(),
  containerId: z.string().length(12),
  name: z.string(),
  state: z.string(),
  health: z.string(),
  removed: z.boolean(),
  at,
});
const ZActionStatusEventSchema = z.object({
  type: z.literal('action.status'),
  actionId: z.uuid(),
  hostId: z.uuid(),
  containerId: z.string().nullable(),
  verb: z.string(),
  status: z.enum(['queued', 'sent', 'running', 'succeeded', 'failed', 'timed_out', 'rejected']),
  output: z.string().nullable(),
  at,
});
/** Latest readings of one host and its containers, at most once per batch interval. */
const ZSamplesEventSchema = z.object({
  type: z.literal('samples'),
  hostId: z.uuid(),
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

export const ZOrgEventSchema = z.discriminatedUnion('type', [
  ZHostStatusEventSchema,
  ZContainerStateEventSchema,
  ZActionStatusEventSchema,
  ZSamplesEventSchema,
]);
export type OrgEvent = z.infer<typeof ZOrgEventSchema>;

/** As delivered on the channel: the event plus its replay-buffer id (SSE `id:`). */
export type PublishedOrgEvent = OrgEvent & { id: string };

/** Events kept per organisation for browsers resuming with Last-Event-ID. */
export const ORG_EVENT_REPLAY = 1000;

/** Appends to the org's replay buffer, then publishes with the buffer's id. */
export async function publishOrgEvent(bus: Bus, orgId: string, event: OrgEvent): Promise<string> {
  const id = await bus.appendEvent(streams.orgEvents(orgId), event, ORG_EVENT_REPLAY);
  await bus.publish(channels.orgEvents(orgId), { ...event, id });
  return id;
}

/** Messages to the gateway instance holding a host (found through its presence key). */
export const ZGatewayMessageSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('revoke'), hostId: z.uuid() }),
  z.object({ kind: z.literal('action'), hostId: z.uuid(), actionId: z.uuid() }),
  z.object({
    kind: z.literal('logs_follow'),
    hostId: z.uuid(),
    streamId: z.uuid(),
    containerId: z.string().regex(/^[0-9a-f]{12}$/),
    tail: z.int().min(0).max(10_000),
  }),
  z.object({ kind: z.literal('logs_stop'), hostId: z.uuid(), streamId: z.uuid() }),
]);
export type GatewayMessage = z.infer<typeof ZGatewayMessageSchema>;
