import type { AlertCounts } from '@berth/api-contract';
import type { Principal } from '../../../auth/principal.js';
import type { ApiContext } from '../../../context.js';
import { inOrg } from '../../in-org.js';
import { visibleAlertFilter } from './alert-scope.js';

/** The bell: open alerts the caller may see, by state, and the firing ones by severity. */
export async function countAlerts(ctx: ApiContext, principal: Principal): Promise<AlertCounts> {
  const rows = await inOrg(ctx, principal, async (tx) =>
    tx.alert.groupBy({
      by: ['state', 'severity'],
      where: { AND: [{ state: { in: ['pending', 'firing'] } }, await visibleAlertFilter(tx, principal)] },
      _count: { _all: true },
    }),
  );
  const counts: AlertCounts = { firing: 0, pending: 0, bySeverity: { info: 0, warning: 0, critical: 0 } };
  for (const row of rows) {
    if (row.state === 'firing') {
      counts.firing += row._count._all;
      const severity = row.severity as keyof AlertCounts['bySeverity'];
      if (severity in counts.bySeverity) counts.bySeverity[severity] += row._count._all;
    } else if (row.state === 'pending') counts.pending += row._count._all;
  }
  return counts;
}
