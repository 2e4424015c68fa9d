import { deleteHostData } from '@berth/db/queries';
import { AppError } from '@berth/http';
import type { FastifyRequest } from 'fastify';
import type { Principal } from '../../auth/principal.js';
import type { ApiContext } from '../../context.js';
import { writeAudit } from '../audit/write-audit.js';
import { inOrg } from '../in-org.js';
import { disconnectHost } from './disconnect-host.js';
import { assertInScope } from './find-host.js';
import { hostScopeOf } from './host-scope.js';

/**
 * Deletes a host with everything recorded about it (time series included) in one transaction,
 * audited with the row counts; a connected agent is disconnected (its credential is gone).
 */
export async function deleteHost(
  ctx: ApiContext,
  principal: Principal,
  request: FastifyRequest,
  hostId: string,
) {
  const deleted = await inOrg(ctx, principal, async (tx) => {
    assertInScope(await hostScopeOf(tx, principal), hostId);
    const name = (
      await tx.host.findFirst({ where: { id: hostId, orgId: principal.orgId }, select: { name: true } })
    )?.name;
    const rows = await deleteHostData(tx, principal.orgId, hostId);
    if (rows.hosts === 0 || name === undefined) throw new AppError('not_found', 'no such host');
    await writeAudit(tx, principal, request, {
      action: 'host.delete',
      targetType: 'host',
      targetId: hostId,
      details: { name, rows },
    });
    return rows;
  });
  await disconnectHost(ctx, hostId);
  return { hostId, rows: deleted };
}
