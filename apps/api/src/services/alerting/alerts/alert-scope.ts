import type { Prisma, Tx } from '@berth/db';
import type { Principal } from '../../../auth/principal.js';
import { hostScopeOf } from '../../fleet/host-scope.js';

/**
 * Alerts the caller may see: those of hosts within their team scope, and those about no host.
 * An alert of a host outside it answers 404, like one of another organisation.
 */
export async function visibleAlertFilter(tx: Tx, principal: Principal): Promise<Prisma.AlertWhereInput> {
  const scope = await hostScopeOf(tx, principal);
  if (scope === null) return {};
  return { OR: [{ hostId: null }, { hostId: { in: [...scope] } }] };
}
