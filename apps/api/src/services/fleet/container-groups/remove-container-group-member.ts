import { AppError } from '@berth/http';
import type { FastifyRequest } from 'fastify';
import type { Principal } from '../../../auth/principal.js';
import type { ApiContext } from '../../../context.js';
import { writeAudit } from '../../audit/write-audit.js';
import { nudgeConfig } from '../../checks/definitions/nudge-config.js';
import { inOrg } from '../../in-org.js';
import { assertInScope } from '../find-host.js';
import { hostScopeOf } from '../host-scope.js';
import type { MemberRef } from './add-container-group-member.js';

/** Takes a container (host + name) out of a group; 404 when it was not a member or the host is out of scope. */
export async function removeContainerGroupMember(
  ctx: ApiContext,
  request: FastifyRequest,
  principal: Principal,
  ref: MemberRef,
): Promise<void> {
  await inOrg(ctx, principal, async (tx) => {
    assertInScope(await hostScopeOf(tx, principal), ref.hostId);
    const removed = await tx.containerGroupMember.deleteMany({ where: { ...ref } });
    if (removed.count === 0) throw new AppError('not_found', 'no such container group member');
    await writeAudit(tx, principal, request, {
      action: 'container_group.member_remove',
      targetType: 'container_group',
      targetId: ref.groupId,
      details: { hostId: ref.hostId, containerName: ref.containerName },
    });
  });
  // The group's checks now reach (or no longer reach) this container: its host's config moved.
  await nudgeConfig(ctx, [ref.hostId]);
}
