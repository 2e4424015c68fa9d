import type { AlertRuleModel, Tx } from '@berth/db';
import { ruleNotFound } from './rule-view.js';

/** The caller's organisation only (RLS): another org's id is as unknown as a made-up one. */
export async function findRule(tx: Tx, ruleId: string): Promise<AlertRuleModel> {
  const row = await tx.alertRule.findUnique({ where: { id: ruleId } });
  if (!row) throw ruleNotFound();
  return row;
}
