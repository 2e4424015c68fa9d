import type { SetUpdatePolicyRequest, UpdatePolicyRule } from '@berth/api-contract';
import { setUpdatePolicy as writeRule } from '@berth/db/queries';
import type { FastifyRequest } from 'fastify';
import type { Principal } from '../../auth/principal.js';
import type { ApiContext } from '../../context.js';
import { writeAudit } from '../audit/write-audit.js';
import { groupNotFound } from '../fleet/container-groups/group-view.js';
import { hostScopeOf } from '../fleet/host-scope.js';
import { requireVisibleHost } from '../fleet/require-visible.js';
import { inOrg } from '../in-org.js';
import { updatePolicyView } from './update-policy-view.js';

/**
 * Sets the policy of one scope (creating or replacing its rule), audited with the policy it
 * replaced. A group or host must be the organisation's (and the host within the caller's teams),
 * else 404 as for another organisation's; a container's name need not exist yet.
 */
export async function setUpdatePolicy(
  ctx: ApiContext,
  request: FastifyRequest,
  principal: Principal,
  body: SetUpdatePolicyRequest,
): Promise<UpdatePolicyRule> {
  return inOrg(ctx, principal, async (tx) => {
    const { policy, ...key } = body;
    if (key.scope === 'group') {
      const group = await tx.containerGroup.findUnique({ where: { id: key.groupId }, select: { id: true } });
      if (!group) throw groupNotFound();
    }
    if (key.scope === 'container')
      await requireVisibleHost(tx, principal.orgId, await hostScopeOf(tx, principal), key.hostId);
    const { rule, previous } = await writeRule(tx, principal.orgId, key, policy);
    await writeAudit(tx, principal, request, {
      action: 'update_policy.set',
      targetType: 'update_policy',
      targetId: rule.id,
      details: { ...key, policy, previous },
    });
    return updatePolicyView(rule);
  });
}
