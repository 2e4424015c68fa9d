import type { BatchFrame } from '@berth/protocol';
import type { AgentIdentity } from '../agents/authenticate-agent.js';
import type { GatewayContext } from '../context.js';
import { publishBatchEvents } from '../presence/publish-batch-events.js';
import type { BatchOutcome } from './write-group.js';

/**
 * The one way a batch enters the gateway, from the socket and from `POST /agent/v1/batches`
 * alike: queued for the ingest writer, and once committed, announced to live views. The events
 * are best effort — the batch is stored and acked whether or not they go out — so a failure to
 * publish is logged, not returned. Resolves with the writer's outcome (the caller acks it).
 */
export async function ingestBatch(
  ctx: GatewayContext,
  identity: Pick<AgentIdentity, 'orgId' | 'hostId'>,
  frame: BatchFrame,
): Promise<BatchOutcome> {
  const { orgId, hostId } = identity;
  const outcome = await ctx.writer.submit(orgId, hostId, frame);
  if (outcome === 'committed') {
    publishBatchEvents(ctx.bus, orgId, hostId, frame).catch((error: unknown) =>
      ctx.log.warn({ err: error, hostId }, 'could not publish live events'),
    );
  }
  return outcome;
}
