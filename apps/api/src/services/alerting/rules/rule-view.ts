import type { AlertRule, RuleScope } from '@berth/api-contract';
import type { AlertRuleModel } from '@berth/db';
import { AppError } from '@berth/http';

export const ruleNotFound = () => new AppError('not_found', 'no such alert rule');

export const ruleNameTaken = () =>
  new AppError('conflict', 'an alert rule with this name exists', {
    issues: [{ field: 'name', message: 'already taken' }],
  });

/** Open alerts of one rule now. */
export type OpenCounts = { firing: number; pending: number };

/** A stored rule and its open alert counts as the API answers. */
export function ruleView(row: AlertRuleModel, counts: OpenCounts = { firing: 0, pending: 0 }): AlertRule {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    kind: row.kind as AlertRule['kind'],
    params: (row.params ?? {}) as Record<string, unknown>,
    scope: (row.scope ?? {}) as RuleScope,
    severity: row.severity as AlertRule['severity'],
    forS: row.forS,
    keepFiringForS: row.keepFiringForS,
    repeatIntervalS: row.repeatIntervalS,
    maxRepeats: row.maxRepeats,
    groupBy: row.groupBy as AlertRule['groupBy'],
    groupWaitS: row.groupWaitS,
    groupIntervalS: row.groupIntervalS,
    channelIds: row.channelIds,
    enabled: row.enabled,
    firing: counts.firing,
    pending: counts.pending,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
