import type { CheckDefinition } from '@berth/api-contract';
import type { Prisma } from '@berth/db';
import { getCheckDefinition, updateCheckDefinition } from '@berth/db/queries';
import type { FastifyRequest } from 'fastify';
import type { Principal } from '../../../auth/principal.js';
import type { ApiContext } from '../../../context.js';
import { writeAudit } from '../../audit/write-audit.js';
import { inOrg } from '../../in-org.js';
import { definitionNotFound, definitionView } from './definition-view.js';
import { hostsToNudge } from './hosts-to-nudge.js';
import { nudgeConfig } from './nudge-config.js';
import { requireDefinitionTarget } from './require-definition-target.js';

/** A new spec and/or enabled flag; the revision moves and the hosts it reaches get the new config. */
export async function updateCheckDefinitionById(
  ctx: ApiContext,
  request: FastifyRequest,
  principal: Principal,
  id: string,
  change: { spec?: unknown; enabled?: boolean },
): Promise<CheckDefinition> {
  const { view, hosts } = await inOrg(ctx, principal, async (tx) => {
    const before = await getCheckDefinition(tx, principal.orgId, id);
    if (!before) throw definitionNotFound();
    await requireDefinitionTarget(tx, principal, before);
    const row = await updateCheckDefinition(tx, principal.orgId, id, change);
    if (!row) throw definitionNotFound();
    await writeAudit(tx, principal, request, {
      action: 'check_definition.update',
      targetType: 'check_definition',
      targetId: id,
      details: {
        name: row.name,
        ...(change.spec !== undefined ? { spec: change.spec as Prisma.InputJsonValue } : {}),
        ...(change.enabled !== undefined ? { enabled: change.enabled } : {}),
        revision: row.revision,
      },
    });
    return { view: definitionView(row), hosts: await hostsToNudge(tx, principal.orgId, row) };
  });
  await nudgeConfig(ctx, hosts);
  return view;
}
