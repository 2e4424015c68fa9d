import type { FastifyRequest } from 'fastify';
import type { Principal } from '../../../auth/principal.js';
import type { ApiContext } from '../../../context.js';
import { writeAudit } from '../../audit/write-audit.js';
import { nudgeConfig } from '../../checks/definitions/nudge-config.js';
import { inOrg } from '../../in-org.js';
import { hostScopeOf } from '../host-scope.js';
import { requireVisibleHost } from '../require-visible.js';
import { groupNotFound } from './group-view.js';

export type MemberRef = { groupId: string; hostId: string; containerName: string };

/**
 * Puts a host's container (by name) in a group; adding a member twice changes nothing and
 * writes no second audit row. The host must be one the caller may see (else 404, as for
 * another organisation's); the name need not exist yet.
 */
export async function addContainerGroupMember(
  ctx: ApiContext,
  request: FastifyRequest,
  principal: Principal,
  ref: MemberRef,
): Promise<void> {
  await inOrg(ctx, principal, async (tx) => {
    const group = await tx.containerGroup.findUnique({ where: { id: ref.groupId }, select: { id: true } });
    if (!group) throw groupNotFound();
    await requireVisibleHost(tx, principal.orgId, await hostScopeOf(tx, principal), ref.hostId);
    const added = await tx.containerGroupMember.createMany({
      data: [{ orgId: principal.orgId, ...ref }],
      skipDuplicates: true,
    });
    if (added.count === 0) return;
    await writeAudit(tx, principal, request, {
      action: 'container_group.member_add',
      targetType: 'container_group',
      targetId: ref.groupId,
      details: { hostId: ref.hostId, containerName: ref.containerName },
    });
  });
  // The group's checks now reach (or no longer reach) this container: its host's config moved.
  await nudgeConfig(ctx, [ref.hostId]);
}
