import type { Tx } from '@berth/db';
import { AppError } from '@berth/http';
import { type Principal, roleAtLeast } from '../../../auth/principal.js';
import { hostScopeOf } from '../../fleet/host-scope.js';
import { requireVisibleHost } from '../../fleet/require-visible.js';

/**
 * Who may change a definition on a target: a container's (host + name) needs an operator who
 * may see the host (as adding it to a group does); a group's reaches every host with a member,
 * some perhaps outside the caller's team, so it needs an admin (as changing a group does).
 */
export async function requireDefinitionTarget(
  tx: Tx,
  principal: Principal,
  target: { hostId: string | null; groupId: string | null },
): Promise<void> {
  if (target.hostId) {
    await requireVisibleHost(tx, principal.orgId, await hostScopeOf(tx, principal), target.hostId);
    return;
  }
  if (!roleAtLeast(principal.role, 'admin'))
    throw new AppError(
      'forbidden',
      `a group's checks require the admin role or above (you are ${principal.role})`,
    );
  const group = await tx.containerGroup.findUnique({
    where: { id: target.groupId ?? '' },
    select: { id: true },
  });
  if (!group) throw new AppError('not_found', 'no such container group');
}
