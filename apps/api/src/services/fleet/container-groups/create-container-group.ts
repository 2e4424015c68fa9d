import type { ContainerGroup } from '@berth/api-contract';
import type { FastifyRequest } from 'fastify';
import type { Principal } from '../../../auth/principal.js';
import type { ApiContext } from '../../../context.js';
import { writeAudit } from '../../audit/write-audit.js';
import { isUniqueViolation } from '../../identity/is-unique-violation.js';
import { inOrg } from '../../in-org.js';
import { groupNameTaken, groupView } from './group-view.js';

export type NewGroupInput = { name: string; colour: string; description: string };

/** A new, empty container group; names are unique in the organisation (409 naming `name`). */
export async function createContainerGroup(
  ctx: ApiContext,
  request: FastifyRequest,
  principal: Principal,
  input: NewGroupInput,
): Promise<ContainerGroup> {
  try {
    return await inOrg(ctx, principal, async (tx) => {
      const group = await tx.containerGroup.create({ data: { orgId: principal.orgId, ...input } });
      await writeAudit(tx, principal, request, {
        action: 'container_group.create',
        targetType: 'container_group',
        targetId: group.id,
        details: { ...input },
      });
      return groupView(group, 0);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw groupNameTaken();
    throw error;
  }
}
