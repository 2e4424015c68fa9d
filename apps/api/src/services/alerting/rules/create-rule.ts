import type { AlertRule, NewAlertRuleParsed } from '@berth/api-contract';
import type { FastifyRequest } from 'fastify';
import { actingUserId, type Principal } from '../../../auth/principal.js';
import type { ApiContext } from '../../../context.js';
import { writeAudit } from '../../audit/write-audit.js';
import { isUniqueViolation } from '../../identity/is-unique-violation.js';
import { inOrg } from '../../in-org.js';
import { checkRuleReferences } from './check-rule-references.js';
import { ruleNameTaken, ruleView } from './rule-view.js';

/** The rule's columns from a parsed (and per-kind validated) rule. */
export function ruleColumns(rule: NewAlertRuleParsed) {
  return {
    name: rule.name,
    description: rule.description,
    params: rule.params as object,
    scope: rule.scope as object,
    severity: rule.severity,
    forS: rule.forS,
    keepFiringForS: rule.keepFiringForS,
    repeatIntervalS: rule.repeatIntervalS,
    maxRepeats: rule.maxRepeats,
    groupBy: rule.groupBy,
    groupWaitS: rule.groupWaitS,
    groupIntervalS: rule.groupIntervalS,
    channelIds: rule.channelIds,
    enabled: rule.enabled,
  };
}

/**
 * A rule whose params passed its kind's schema and whose channels, groups and hosts are the
 * organisation's (checked in the same transaction as the write); names are unique (409 `name`).
 */
export async function createRule(
  ctx: ApiContext,
  request: FastifyRequest,
  principal: Principal,
  rule: NewAlertRuleParsed,
): Promise<AlertRule> {
  try {
    return await inOrg(ctx, principal, async (tx) => {
      await checkRuleReferences(tx, rule);
      const row = await tx.alertRule.create({
        data: {
          orgId: principal.orgId,
          kind: rule.kind,
          ...ruleColumns(rule),
          createdBy: actingUserId(principal),
        },
      });
      await writeAudit(tx, principal, request, {
        action: 'alert_rule.create',
        targetType: 'alert_rule',
        targetId: row.id,
        details: {
          name: rule.name,
          kind: rule.kind,
          severity: rule.severity,
          enabled: rule.enabled,
          channelIds: rule.channelIds,
        },
      });
      return ruleView(row);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw ruleNameTaken();
    throw error;
  }
}
