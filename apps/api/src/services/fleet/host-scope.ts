import type { Tx } from '@berth/db';
import type { HostScope } from '@berth/db/queries';
import type { Principal } from '../../auth/principal.js';
import { visibleHostFilter } from '../identity/visible-host-filter.js';

/**
 * The hosts the caller may see: null (no restriction: admins and owners, and members of no
 * team limited by host labels) or the ids of the matching hosts, which every fleet query
 * then applies (`host_id = ANY(…)`); hosts outside it answer 404 like another org's.
 */
export async function hostScopeOf(tx: Tx, principal: Principal): Promise<HostScope> {
  const filter = await visibleHostFilter(tx, principal);
  if (Object.keys(filter).length === 0) return null;
  const hosts = await tx.host.findMany({
    where: { AND: [{ orgId: principal.orgId }, filter] },
    select: { id: true },
  });
  return hosts.map((host) => host.id);
}
