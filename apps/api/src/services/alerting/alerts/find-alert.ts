import type { Tx } from '@berth/db';
import type { Principal } from '../../../auth/principal.js';
import { visibleAlertFilter } from './alert-scope.js';
import { ALERT_RULE_SELECT, type AlertRow, alertNotFound } from './alert-view.js';

/** One alert of the caller's organisation and host scope; anything else is 404. */
export async function findAlert(tx: Tx, principal: Principal, alertId: string): Promise<AlertRow> {
  const row = await tx.alert.findFirst({
    where: { AND: [{ id: alertId }, await visibleAlertFilter(tx, principal)] },
    include: ALERT_RULE_SELECT,
  });
  if (!row) throw alertNotFound();
  return row;
}
