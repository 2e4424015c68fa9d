import type { Principal } from '../../auth/principal.js';
import type { ApiContext } from '../../context.js';
import { inOrg } from '../in-org.js';
import { findHostOrThrow } from './find-host.js';
import { hostScopeOf } from './host-scope.js';
import { latestAgentVersion, toHostView } from './host-view.js';

export async function getHostView(ctx: ApiContext, principal: Principal, hostId: string) {
  const host = await inOrg(ctx, principal, async (tx) =>
    findHostOrThrow(tx, principal.orgId, await hostScopeOf(tx, principal), hostId),
  );
  return toHostView(host, latestAgentVersion(ctx));
}
