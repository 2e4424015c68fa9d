import { channels, keys, publishOrgEvent } from '@berth/bus';
import { AppError } from '@berth/http';
import type { FastifyRequest } from 'fastify';
import { actingUserId, type Principal } from '../../auth/principal.js';
import type { ApiContext } from '../../context.js';
import { writeAudit } from '../audit/write-audit.js';
import { latestAgentVersion } from '../fleet/host-view.js';
import { visibleHostFilter } from '../identity/visible-host-filter.js';
import { inOrg } from '../in-org.js';
import { type ActionView, toActionView } from './action-view.js';
import { checkAgentUpdate } from './check-agent-update.js';

export type QueueActionInput = {
  hostId: string;
  containerId: string | null;
  verb: string;
  params: {
    timeoutS?: number | undefined;
    signal?: string | undefined;
    image?: string | undefined;
    healthTimeoutS?: number | undefined;
  };
  deadlineS: number;
  /** More for the audit row (e.g. the update policy that allowed it). */
  auditDetails?: Record<string, unknown>;
};

/**
 * Writes the action (queued, with its deadline) and its audit row in one transaction,
 * then nudges the gateway holding the host. If the nudge is lost or the host is offline,
 * the gateway delivers it from the database on the host's next hello, while still valid.
 */
export async function queueAction(
  ctx: ApiContext,
  principal: Principal,
  request: FastifyRequest,
  input: QueueActionInput,
): Promise<ActionView> {
  const action = await inOrg(ctx, principal, async (tx) => {
    // A host outside the caller's teams' scope answers like another org's: 404.
    const host = await tx.host.findFirst({
      where: { AND: [{ id: input.hostId }, await visibleHostFilter(tx, principal)] },
      select: { revokedAt: true, agentVersion: true, capabilities: true },
    });
    if (!host) throw new AppError('not_found', 'no such host');
    if (host.revokedAt) throw new AppError('conflict', 'this host was revoked');
    if (input.verb === 'update') checkAgentUpdate(principal, host, latestAgentVersion(ctx));
    if (input.containerId) {
      const container = await tx.container.findUnique({
        where: { hostId_shortId: { hostId: input.hostId, shortId: input.containerId } },
        select: { removedAt: true },
      });
      if (!container || container.removedAt)
        throw new AppError('not_found', 'no such container on this host');
    }
    const params = Object.fromEntries(
      Object.entries(input.params).filter(([, value]) => value !== undefined),
    );
    const created = await tx.action.create({
      data: {
        orgId: principal.orgId,
        hostId: input.hostId,
        containerShortId: input.containerId,
        verb: input.verb,
        params,
        requestedBy: actingUserId(principal),
        requestedByToken: principal.kind === 'token' ? principal.tokenId : null,
        deadline: new Date(Date.now() + input.deadlineS * 1000),
      },
    });
    await writeAudit(tx, principal, request, {
      action: `action.${input.verb}`,
      targetType: input.containerId ? 'container' : 'host',
      targetId: input.containerId ? `${input.hostId}/${input.containerId}` : input.hostId,
      details: {
        actionId: created.id,
        params,
        deadline: created.deadline.toISOString(),
        ...input.auditDetails,
      },
    });
    return created;
  });
  const view = toActionView(action);
  // `queued` is announced before the nudge: the gateway announces `sent` only after the nudge
  // reaches it, so browsers see the steps in order.
  await publishOrgEvent(ctx.bus, principal.orgId, {
    type: 'action.status',
    actionId: action.id,
    hostId: input.hostId,
    containerId: view.containerId,
    verb: input.verb,
    status: 'queued',
    output: null,
    at: new Date().toISOString(),
  }).catch((error: unknown) => ctx.log.warn({ err: error }, 'could not publish action event'));
  await nudgeGateway(ctx, input.hostId, action.id);
  return view;
}

async function nudgeGateway(ctx: ApiContext, hostId: string, actionId: string): Promise<void> {
  try {
    const gatewayId = await ctx.bus.getKey(keys.presence(hostId));
    if (gatewayId)
      await ctx.bus.publish(channels.gatewayActions(gatewayId), { kind: 'action', hostId, actionId });
  } catch (error) {
    // The action is safely queued; the gateway will find it on the host's next hello.
    ctx.log.warn({ err: error, hostId, actionId }, 'could not nudge the gateway');
  }
}
