import type { FastifyRequest } from 'fastify';
import type { Principal } from '../../../auth/principal.js';
import type { ApiContext } from '../../../context.js';
import { writeAudit } from '../../audit/write-audit.js';
import { inOrg } from '../../in-org.js';
import { findRule } from './find-rule.js';

/** Deletes a rule and, by the foreign key's cascade, its alerts and their history. */
export async function deleteRule(
  ctx: ApiContext,
  request: FastifyRequest,
  principal: Principal,
  ruleId: string,
): Promise<void> {
  await inOrg(ctx, principal, async (tx) => {
    const row = await findRule(tx, ruleId);
    await tx.alertRule.delete({ where: { id: ruleId } });
    await writeAudit(tx, principal, request, {
      action: 'alert_rule.delete',
      targetType: 'alert_rule',
      targetId: ruleId,
      details: { name: row.name, kind: row.kind },
    });
  });
}
