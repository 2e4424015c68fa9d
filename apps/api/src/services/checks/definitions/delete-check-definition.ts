import { deleteCheckDefinition, getCheckDefinition } from '@berth/db/queries';
import type { FastifyRequest } from 'fastify';
import type { Principal } from '../../../auth/principal.js';
import type { ApiContext } from '../../../context.js';
import { writeAudit } from '../../audit/write-audit.js';
import { inOrg } from '../../in-org.js';
import { definitionNotFound } from './definition-view.js';
import { hostsToNudge } from './hosts-to-nudge.js';
import { nudgeConfig } from './nudge-config.js';
import { requireDefinitionTarget } from './require-definition-target.js';

/** Deletes a definition; its agents stop running it (its stored results stay, as runs of the past). */
export async function deleteCheckDefinitionById(
  ctx: ApiContext,
  request: FastifyRequest,
  principal: Principal,
  id: string,
): Promise<void> {
  const hosts = await inOrg(ctx, principal, async (tx) => {
    const before = await getCheckDefinition(tx, principal.orgId, id);
    if (!before) throw definitionNotFound();
    await requireDefinitionTarget(tx, principal, before);
    const reached = await hostsToNudge(tx, principal.orgId, before);
    if (!(await deleteCheckDefinition(tx, principal.orgId, id))) throw definitionNotFound();
    await writeAudit(tx, principal, request, {
      action: 'check_definition.delete',
      targetType: 'check_definition',
      targetId: id,
      details: {
        hostId: before.hostId,
        containerName: before.containerName,
        groupId: before.groupId,
        name: before.name,
      },
    });
    return reached;
  });
  await nudgeConfig(ctx, hosts);
}
