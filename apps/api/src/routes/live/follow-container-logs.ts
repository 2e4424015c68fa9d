import { randomUUID } from 'node:crypto';
import { channels, keys } from '@berth/bus';
import { AppError } from '@berth/http';
import { ZLogLinesFrameSchema } from '@berth/protocol';
import { z } from 'zod';
import type { ApiApp, ApiContext } from '../../context.js';
import { principalOf } from '../../plugins/access-control.js';
import { inOrg } from '../../services/in-org.js';
import { openSse } from '../../services/live/open-sse.js';

const ZParamsSchema = z.object({
  hostId: z.uuid(),
  containerId: z.string().regex(/^[0-9a-f]{12}$/, 'expected a 12-character container id'),
});

/**
 * GET /api/v1/hosts/:hostId/containers/:containerId/logs/live — live lines straight from
 * the agent (through the gateway holding the host, over the bus) as Server-Sent Events.
 * Stops the agent's stream when the caller leaves. History comes from …/logs.
 */
export function registerFollowContainerLogs(app: ApiApp, ctx: ApiContext): void {
  app.get(
    '/api/v1/hosts/:hostId/containers/:containerId/logs/live',
    {
      config: { access: 'viewer' },
      schema: {
        summary: 'Follow a container’s logs live (text/event-stream)',
        tags: ['live'],
        params: ZParamsSchema,
        querystring: z.object({ tail: z.coerce.number().int().min(0).max(10_000).default(100) }),
      },
    },
    async (request, reply) => {
      const { hostId, containerId } = request.params;
      const container = await inOrg(ctx, principalOf(request), (tx) =>
        tx.container.findUnique({
          where: { hostId_shortId: { hostId, shortId: containerId } },
          select: { shortId: true },
        }),
      );
      if (!container) throw new AppError('not_found', 'no such container on this host');
      const gatewayId = await ctx.bus.getKey(keys.presence(hostId));
      if (!gatewayId)
        throw new AppError('conflict', 'the host is offline: showing live logs needs its agent connected');
      const streamId = randomUUID();
      const sse = openSse(request, reply);
      const unsubscribe = await ctx.bus.subscribe(channels.logStream(streamId), (message) => {
        const frame = ZLogLinesFrameSchema.safeParse(message);
        if (!frame.success) return;
        sse.send('lines', { lines: frame.data.lines });
        if (frame.data.ended) {
          sse.send('end', { error: frame.data.error ?? null });
          sse.close();
        }
      });
      const gateway = channels.gatewayActions(gatewayId);
      await ctx.bus.publish(gateway, {
        kind: 'logs_follow',
        hostId,
        streamId,
        containerId,
        tail: request.query.tail,
      });
      await sse.closed;
      await unsubscribe();
      await ctx.bus.publish(gateway, { kind: 'logs_stop', hostId, streamId }).catch(() => 0);
    },
  );
}
