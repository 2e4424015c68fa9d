import { randomUUID } from 'node:crypto';
import { channels, keys, ZLogStreamMessageSchema } from '@berth/bus';
import { AppError } from '@berth/http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ApiContext } from '../../context.js';
import { principalOf } from '../../plugins/access-control.js';
import { hostScopeOf } from '../../services/fleet/host-scope.js';
import { requireVisibleContainer } from '../../services/fleet/require-visible.js';
import { inOrg } from '../../services/in-org.js';
import { openSse } from '../../services/live/open-sse.js';

/** How often a live log stream checks that its host is still held by the same gateway. */
const PRESENCE_CHECK_MS = 5_000;

export type FollowLogsInput = {
  hostId: string;
  containerId: string;
  /** Lines of history the agent sends first. */
  tail: number;
  /** Only this stream's lines (filtered here: the agent follows both). */
  stream?: 'stdout' | 'stderr' | undefined;
};

/**
 * `GET …/containers/:containerId/logs?follow=1`: live lines straight from the agent (through the
 * gateway holding the host, over the bus) as Server-Sent Events — `lines` events, then `end` when
 * the agent's stream is over. When the caller leaves, the gateway is told to stop the agent's
 * stream (`logs_stop`), so nothing keeps following a container nobody watches.
 */
export async function followContainerLogs(
  ctx: ApiContext,
  request: FastifyRequest,
  reply: FastifyReply,
  input: FollowLogsInput,
): Promise<void> {
  const principal = principalOf(request);
  const { hostId, containerId } = input;
  await inOrg(ctx, principal, async (tx) => {
    const scope = await hostScopeOf(tx, principal);
    await requireVisibleContainer(tx, { orgId: principal.orgId, scope, hostId, containerId });
  });
  const gatewayId = await ctx.bus.getKey(keys.presence(hostId));
  if (!gatewayId)
    throw new AppError('conflict', 'the host is offline: following live logs needs its agent connected');
  const streamId = randomUUID();
  const sse = openSse(request, reply);
  const unsubscribe = await ctx.bus.subscribe(channels.logStream(streamId), (raw) => {
    const message = ZLogStreamMessageSchema.safeParse(raw);
    if (!message.success) {
      ctx.log.warn({ streamId, issues: message.error.issues }, 'ignored a malformed log stream message');
      return;
    }
    const { lines: all, end } = message.data;
    const lines = input.stream ? all.filter((line) => line.stream === input.stream) : all;
    if (lines.length > 0) sse.send('lines', { lines });
    if (end) {
      sse.send('end', { error: end.error });
      sse.close();
    }
  });
  const gateway = channels.gatewayActions(gatewayId);
  await ctx.bus.publish(gateway, { kind: 'logs_follow', hostId, streamId, containerId, tail: input.tail });
  // The stream lives on the gateway that held the host when it began: if that gateway dies
  // or the agent moves, no `ended` frame will come, so the caller is told and can follow again.
  const watch = setInterval(() => {
    ctx.bus.getKey(keys.presence(hostId)).then(
      (holder) => {
        if (holder === gatewayId) return;
        sse.send('end', { error: 'the host disconnected from Berth; follow again once it is back' });
        sse.close();
      },
      (error: unknown) =>
        ctx.log.warn({ err: error, streamId }, 'could not check the host of a live log stream'),
    );
  }, PRESENCE_CHECK_MS);
  await sse.closed;
  clearInterval(watch);
  await unsubscribe();
  await ctx.bus
    .publish(gateway, { kind: 'logs_stop', hostId, streamId })
    .catch((error: unknown) => ctx.log.warn({ err: error, streamId }, 'could not stop a live log stream'));
}
