import type { Prisma, Tx } from '@berth/db';
import { actingUserId, type Principal, roleAtLeast } from '../../auth/principal.js';
import { selectorOf } from './teams/team-view.js';

/**
 * Which hosts a principal may see, as a Prisma `where` for `host` (containers:
 * `{ host: await visibleHostFilter(tx, principal) }`). Call inside the org's transaction.
 *
 * The rule: owners and admins see every host. A viewer or operator who belongs to at
 * least one team with a non-empty `host_selector` sees only the hosts whose labels match
 * ALL pairs of ANY of those selectors; one in no restricted team sees every host. An API
 * token follows the same rule for the user who created it, at the token's role.
 */
export async function visibleHostFilter(tx: Tx, principal: Principal): Promise<Prisma.HostWhereInput> {
  if (roleAtLeast(principal.role, 'admin')) return {};
  const userId = actingUserId(principal);
  if (!userId) return {};
  const teams = await tx.team.findMany({
    where: { members: { some: { userId } } },
    select: { hostSelector: true },
  });
  const selectors = teams
    .map((team) => selectorOf(team.hostSelector))
    .filter((s) => Object.keys(s).length > 0);
  if (selectors.length === 0) return {};
  return {
    OR: selectors.map((selector) => ({
      AND: Object.entries(selector).map(([label, value]) => ({ labels: { path: [label], equals: value } })),
    })),
  };
}
