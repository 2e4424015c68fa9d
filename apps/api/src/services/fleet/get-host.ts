import type { HostDetail } from '@berth/api-contract';
import { getHostConfigState } from '@berth/db/queries';
import { AppError } from '@berth/http';
import type { Principal } from '../../auth/principal.js';
import type { ApiContext } from '../../context.js';
import { inOrg } from '../in-org.js';
import { findHostOrThrow } from './find-host.js';
import { hostScopeOf } from './host-scope.js';
import { latestAgentVersion, toHostView } from './host-view.js';
import { isoOrNull } from './iso.js';

/** One host with its checks config state (pushed version, acked version and when), in one transaction. */
export async function getHostView(
  ctx: ApiContext,
  principal: Principal,
  hostId: string,
): Promise<HostDetail> {
  const { host, config } = await inOrg(ctx, principal, async (tx) => {
    const scope = await hostScopeOf(tx, principal);
    const host = await findHostOrThrow(tx, principal.orgId, scope, hostId);
    const config = await getHostConfigState(tx, { orgId: principal.orgId, scope, hostId });
    if (!config) throw new AppError('not_found', 'no such host');
    return { host, config };
  });
  return {
    ...toHostView(host, latestAgentVersion(ctx)),
    configVersion: config.configVersion,
    configAckedVersion: config.configAckedVersion,
    configAckedAt: isoOrNull(config.configAckedAt),
  };
}
