import {
  type AlertSeverity,
  parseRuleDefinition,
  type RuleDefinition,
  type RuleScope,
  ZRuleScopeSchema,
} from '@berth/api-contract';
import type pg from 'pg';

/** An enabled rule as the alerter evaluates it: kind and params checked again on the way out. */
export type Rule = {
  id: string;
  orgId: string;
  name: string;
  definition: RuleDefinition;
  scope: RuleScope;
  severity: AlertSeverity;
  forS: number;
  keepFiringForS: number;
  repeatIntervalS: number;
  maxRepeats: number | null;
  groupBy: string[];
  groupWaitS: number;
  groupIntervalS: number;
  channelIds: string[];
};

export type SkippedRule = { id: string; reason: string };

export type RuleRow = {
  id: string;
  org_id: string;
  name: string;
  kind: string;
  params: unknown;
  scope: unknown;
  severity: AlertSeverity;
  for_s: number;
  keep_firing_for_s: number;
  repeat_interval_s: number;
  max_repeats: number | null;
  group_by: string[];
  group_wait_s: number;
  group_interval_s: number;
  channel_ids: string[];
};

/**
 * The organisation's enabled rules (the client is in its scope). A row the contract no longer
 * accepts is skipped with a reason, never half-evaluated.
 */
export async function loadRules(
  client: pg.ClientBase,
  ruleId?: string,
): Promise<{ rules: Rule[]; skipped: SkippedRule[] }> {
  const { rows } = await client.query<RuleRow>(
    `SELECT id, org_id, name, kind, params, scope, severity, for_s, keep_firing_for_s, repeat_interval_s,
            max_repeats, group_by, group_wait_s, group_interval_s, channel_ids
       FROM alert_rules WHERE enabled AND ($1::uuid IS NULL OR id = $1) ORDER BY created_at, id`,
    [ruleId ?? null],
  );
  return parseRuleRows(rows, (row) => checkRule(row.kind, row.params, row.scope));
}

/** A rule row's kind, params and scope as the contract reads them, or why it does not. */
export type CheckedRule = { definition: RuleDefinition; scope: RuleScope } | { reason: string };

export function checkRule(kind: string, params: unknown, scopeValue: unknown): CheckedRule {
  const definition = parseRuleDefinition(kind, params);
  const scope = ZRuleScopeSchema.safeParse(scopeValue);
  if (!definition.success || !scope.success) {
    const issue = (definition.error ?? scope.error)?.issues[0];
    return { reason: `${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}` };
  }
  return { definition: definition.data, scope: scope.data };
}

/**
 * Rule rows as read (here, or in the evaluation's snapshot, read-snapshot.ts) checked against
 * the contract; `check` may answer from a cache of earlier answers for the same text.
 */
export function parseRuleRows<R extends Omit<RuleRow, 'params' | 'scope'>>(
  rows: readonly R[],
  check: (row: R) => CheckedRule,
): { rules: Rule[]; skipped: SkippedRule[] } {
  const rules: Rule[] = [];
  const skipped: SkippedRule[] = [];
  for (const row of rows) {
    const checked = check(row);
    if ('reason' in checked) {
      skipped.push({ id: row.id, reason: checked.reason });
      continue;
    }
    rules.push({
      id: row.id,
      orgId: row.org_id,
      name: row.name,
      definition: checked.definition,
      scope: checked.scope,
      severity: row.severity,
      forS: row.for_s,
      keepFiringForS: row.keep_firing_for_s,
      repeatIntervalS: row.repeat_interval_s,
      maxRepeats: row.max_repeats,
      groupBy: row.group_by,
      groupWaitS: row.group_wait_s,
      groupIntervalS: row.group_interval_s,
      channelIds: row.channel_ids,
    });
  }
  return { rules, skipped };
}
