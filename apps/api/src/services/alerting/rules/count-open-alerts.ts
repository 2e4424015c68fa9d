import type { Tx } from '@berth/db';
import type { OpenCounts } from './rule-view.js';

/** Firing and pending alerts per rule, for the rules of a page. */
export async function countOpenAlerts(tx: Tx, ruleIds: readonly string[]): Promise<Map<string, OpenCounts>> {
  const counts = new Map<string, OpenCounts>();
  if (ruleIds.length === 0) return counts;
  const rows = await tx.alert.groupBy({
    by: ['ruleId', 'state'],
    where: { ruleId: { in: [...ruleIds] }, state: { in: ['pending', 'firing'] } },
    _count: { _all: true },
  });
  for (const row of rows) {
    const entry = counts.get(row.ruleId) ?? { firing: 0, pending: 0 };
    if (row.state === 'firing') entry.firing = row._count._all;
    if (row.state === 'pending') entry.pending = row._count._all;
    counts.set(row.ruleId, entry);
  }
  return counts;
}
