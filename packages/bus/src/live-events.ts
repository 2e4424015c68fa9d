import type { OrgEvent } from '@berth/api-contract';
import { z } from 'zod';
import { EXEC_GATEWAY_MESSAGES } from './exec-stream.js';
import { channels, streams } from './names.js';
import type { Bus } from './types.js';

/**
 * Live events are part of the API's contract (GET /api/v1/stream sends them as they are). Only
 * the type is re-exported: the schema's module loads every /api/v1 schema, which the gateway
 * (publishing events, never parsing them) should not hold; parse with @berth/api-contract's.
 */
export type { OrgEvent } from '@berth/api-contract';

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
  /** The host's pushed config (check definitions) changed: the gateway sends it again. */
  z.object({ kind: z.literal('config'), hostId: z.uuid() }),
  z.object({
    kind: z.literal('logs_follow'),
    hostId: z.uuid(),
    streamId: z.uuid(),
    containerId: z.string().regex(/^[0-9a-f]{12}$/),
    tail: z.int().min(0).max(10_000),
  }),
  z.object({ kind: z.literal('logs_stop'), hostId: z.uuid(), streamId: z.uuid() }),
  ...EXEC_GATEWAY_MESSAGES,
]);
export type GatewayMessage = z.infer<typeof ZGatewayMessageSchema>;
