import type { FastifyRequest } from 'fastify';
import type { Principal } from '../../../auth/principal.js';
import type { ApiContext } from '../../../context.js';
import { writeAudit } from '../../audit/write-audit.js';
import { inOrg } from '../../in-org.js';
import { groupNotFound } from './group-view.js';

/** Deletes a group and its memberships (the containers are untouched). */
export async function deleteContainerGroup(
  ctx: ApiContext,
  request: FastifyRequest,
  principal: Principal,
  groupId: string,
): Promise<void> {
  await inOrg(ctx, principal, async (tx) => {
    const group = await tx.containerGroup.findUnique({ where: { id: groupId }, select: { name: true } });
    if (!group) throw groupNotFound();
    await tx.containerGroup.delete({ where: { id: groupId } });
    await writeAudit(tx, principal, request, {
      action: 'container_group.delete',
      targetType: 'container_group',
      targetId: groupId,
      details: { name: group.name },
    });
  });
}
