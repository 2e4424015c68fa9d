import type { ContainerGroup } from '@berth/api-contract';
import { countGroupMembers } from '@berth/db/queries';
import type { FastifyRequest } from 'fastify';
import type { Principal } from '../../../auth/principal.js';
import type { ApiContext } from '../../../context.js';
import { writeAudit } from '../../audit/write-audit.js';
import { isUniqueViolation } from '../../identity/is-unique-violation.js';
import { inOrg } from '../../in-org.js';
import { hostScopeOf } from '../host-scope.js';
import { groupNameTaken, groupNotFound, groupView } from './group-view.js';

export type GroupChangeInput = {
  name?: string | undefined;
  colour?: string | undefined;
  description?: string | undefined;
};

/** Renames, recolours or redescribes a group (its members stay). */
export async function updateContainerGroup(
  ctx: ApiContext,
  request: FastifyRequest,
  principal: Principal,
  groupId: string,
  change: GroupChangeInput,
): Promise<ContainerGroup> {
  const data = Object.fromEntries(Object.entries(change).filter(([, value]) => value !== undefined));
  try {
    return await inOrg(ctx, principal, async (tx) => {
      const found = await tx.containerGroup.findUnique({ where: { id: groupId }, select: { id: true } });
      if (!found) throw groupNotFound();
      const group = await tx.containerGroup.update({ where: { id: groupId }, data });
      await writeAudit(tx, principal, request, {
        action: 'container_group.update',
        targetType: 'container_group',
        targetId: groupId,
        details: data,
      });
      const counts = await countGroupMembers(tx, {
        orgId: principal.orgId,
        scope: await hostScopeOf(tx, principal),
        groupIds: [groupId],
      });
      return groupView(group, counts.get(groupId) ?? 0);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw groupNameTaken();
    throw error;
  }
}
