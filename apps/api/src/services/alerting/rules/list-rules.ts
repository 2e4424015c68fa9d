import type { AlertRule } from '@berth/api-contract';
import type { Principal } from '../../../auth/principal.js';
import type { ApiContext } from '../../../context.js';
import { inOrg } from '../../in-org.js';
import { type Page, type PageQuery, pageByCreation } from '../../pagination.js';
import { countOpenAlerts } from './count-open-alerts.js';
import { findRule } from './find-rule.js';
import { ruleView } from './rule-view.js';

/** The organisation's alert rules, oldest first, each with its firing and pending counts. */
export async function listRules(
  ctx: ApiContext,
  principal: Principal,
  query: PageQuery,
): Promise<Page<AlertRule>> {
  const paging = pageByCreation(query, 'asc');
  const { rows, counts } = await inOrg(ctx, principal, async (tx) => {
    const rows = await tx.alertRule.findMany({
      where: paging.where,
      orderBy: paging.orderBy,
      take: paging.take,
    });
    return {
      rows,
      counts: await countOpenAlerts(
        tx,
        rows.map((row) => row.id),
      ),
    };
  });
  return paging.page(rows, (row) => ruleView(row, counts.get(row.id)));
}

export async function getRule(ctx: ApiContext, principal: Principal, ruleId: string): Promise<AlertRule> {
  return inOrg(ctx, principal, async (tx) => {
    const row = await findRule(tx, ruleId);
    const counts = await countOpenAlerts(tx, [row.id]);
    return ruleView(row, counts.get(row.id));
  });
}
