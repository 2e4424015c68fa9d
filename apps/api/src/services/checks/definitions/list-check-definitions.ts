import type { CheckDefinition, ListCheckDefinitionsQuery } from '@berth/api-contract';
import { listCheckDefinitions } from '@berth/db/queries';
import type { Principal } from '../../../auth/principal.js';
import type { ApiContext } from '../../../context.js';
import { hostScopeOf } from '../../fleet/host-scope.js';
import { inOrg } from '../../in-org.js';
import { definitionView } from './definition-view.js';

/** Definitions on containers of hosts the caller may see, and every group's. */
export async function listCheckDefinitionsFor(
  ctx: ApiContext,
  principal: Principal,
  query: ListCheckDefinitionsQuery,
): Promise<{ items: CheckDefinition[] }> {
  return inOrg(ctx, principal, async (tx) => {
    const rows = await listCheckDefinitions(tx, {
      orgId: principal.orgId,
      scope: await hostScopeOf(tx, principal),
      ...query,
    });
    return { items: rows.map(definitionView) };
  });
}
