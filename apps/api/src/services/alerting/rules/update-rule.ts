import { type AlertRule, type AlertRuleChange, ZNewAlertRuleSchema } from '@berth/api-contract';
import { parseInput } from '@berth/http';
import type { FastifyRequest } from 'fastify';
import type { Principal } from '../../../auth/principal.js';
import type { ApiContext } from '../../../context.js';
import { writeAudit } from '../../audit/write-audit.js';
import { isUniqueViolation } from '../../identity/is-unique-violation.js';
import { inOrg } from '../../in-org.js';
import { checkRuleReferences } from './check-rule-references.js';
import { countOpenAlerts } from './count-open-alerts.js';
import { ruleColumns } from './create-rule.js';
import { findRule } from './find-rule.js';
import { ruleNameTaken, ruleView } from './rule-view.js';

/**
 * Changes any subset of a rule; the kind stays. The stored rule with the change applied is
 * validated whole, as a new rule would be, so a change of scope alone still meets the kind's
 * rules and errors name the same fields (`params.threshold`, `scope`).
 */
export async function updateRule(
  ctx: ApiContext,
  request: FastifyRequest,
  principal: Principal,
  ruleId: string,
  change: AlertRuleChange,
): Promise<AlertRule> {
  try {
    return await inOrg(ctx, principal, async (tx) => {
      const row = await findRule(tx, ruleId);
      const { id, firing, pending, createdAt, updatedAt, ...stored } = ruleView(row);
      const merged = parseInput(ZNewAlertRuleSchema, { ...stored, ...change, kind: row.kind });
      await checkRuleReferences(tx, {
        ...(change.channelIds !== undefined ? { channelIds: merged.channelIds } : {}),
        ...(change.scope !== undefined ? { scope: merged.scope } : {}),
      });
      const updated = await tx.alertRule.update({
        where: { id: ruleId },
        data: { ...ruleColumns(merged), updatedAt: new Date() },
      });
      await writeAudit(tx, principal, request, {
        action: 'alert_rule.update',
        targetType: 'alert_rule',
        targetId: ruleId,
        details: {
          name: updated.name,
          fields: Object.keys(change).sort(),
          ...(change.enabled !== undefined ? { enabled: change.enabled } : {}),
        },
      });
      const counts = await countOpenAlerts(tx, [ruleId]);
      return ruleView(updated, counts.get(ruleId));
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw ruleNameTaken();
    throw error;
  }
}
