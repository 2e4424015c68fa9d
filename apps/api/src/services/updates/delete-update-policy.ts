import { deleteUpdatePolicy as deleteRule } from '@berth/db/queries';
import { AppError } from '@berth/http';
import type { FastifyRequest } from 'fastify';
import type { Principal } from '../../auth/principal.js';
import type { ApiContext } from '../../context.js';
import { writeAudit } from '../audit/write-audit.js';
import { inOrg } from '../in-org.js';

/** Removes one rule: its scope falls back to the next level of precedence. */
export async function deleteUpdatePolicy(
  ctx: ApiContext,
  request: FastifyRequest,
  principal: Principal,
  ruleId: string,
): Promise<void> {
  await inOrg(ctx, principal, async (tx) => {
    const rule = await deleteRule(tx, ruleId);
    if (!rule) throw new AppError('not_found', 'no such update policy');
    await writeAudit(tx, principal, request, {
      action: 'update_policy.delete',
      targetType: 'update_policy',
      targetId: ruleId,
      details: {
        scope: rule.scope,
        category: rule.category,
        pattern: rule.pattern,
        groupId: rule.groupId,
        hostId: rule.hostId,
        containerName: rule.containerName,
        policy: rule.policy,
      },
    });
  });
}
