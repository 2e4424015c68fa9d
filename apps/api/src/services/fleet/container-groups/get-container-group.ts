import type { ContainerGroupDetail } from '@berth/api-contract';
import { listGroupMembers } from '@berth/db/queries';
import type { Principal } from '../../../auth/principal.js';
import type { ApiContext } from '../../../context.js';
import { inOrg } from '../../in-org.js';
import { hostScopeOf } from '../host-scope.js';
import { groupNotFound, groupView } from './group-view.js';

/** One group with its members on hosts the caller may see, each with its current container (or none). */
export async function getContainerGroup(
  ctx: ApiContext,
  principal: Principal,
  groupId: string,
): Promise<ContainerGroupDetail> {
  return inOrg(ctx, principal, async (tx) => {
    const group = await tx.containerGroup.findUnique({ where: { id: groupId } });
    if (!group) throw groupNotFound();
    const scope = await hostScopeOf(tx, principal);
    const members = await listGroupMembers(tx, { orgId: principal.orgId, scope, groupId });
    return {
      ...groupView(group, members.length),
      members: members.map((member) => ({ ...member, addedAt: member.addedAt.toISOString() })),
    };
  });
}
