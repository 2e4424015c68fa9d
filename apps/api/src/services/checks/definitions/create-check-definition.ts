import type { CheckDefinition, NewCheckDefinition } from '@berth/api-contract';
import type { Prisma } from '@berth/db';
import { insertCheckDefinition } from '@berth/db/queries';
import type { FastifyRequest } from 'fastify';
import { actingUserId, type Principal } from '../../../auth/principal.js';
import type { ApiContext } from '../../../context.js';
import { writeAudit } from '../../audit/write-audit.js';
import { isRawUniqueViolation, isUniqueViolation } from '../../identity/is-unique-violation.js';
import { inOrg } from '../../in-org.js';
import { definitionNameTaken, definitionView } from './definition-view.js';
import { hostsToNudge } from './hosts-to-nudge.js';
import { nudgeConfig } from './nudge-config.js';
import { requireDefinitionTarget } from './require-definition-target.js';

type Input = Omit<NewCheckDefinition, 'spec' | 'enabled'> & { spec: unknown; enabled: boolean };

/**
 * A new check on a container (host + name; the container need not exist yet) or a group. Its
 * name is unique on its target (409 naming `name`). The hosts it reaches get the new config.
 */
export async function createCheckDefinition(
  ctx: ApiContext,
  request: FastifyRequest,
  principal: Principal,
  input: Input,
): Promise<CheckDefinition> {
  const target = {
    hostId: input.hostId ?? null,
    containerName: input.containerName ?? null,
    groupId: input.groupId ?? null,
  };
  try {
    const { view, hosts } = await inOrg(ctx, principal, async (tx) => {
      await requireDefinitionTarget(tx, principal, target);
      const row = await insertCheckDefinition(tx, {
        orgId: principal.orgId,
        ...target,
        name: input.name,
        spec: input.spec,
        enabled: input.enabled,
        createdBy: actingUserId(principal),
      });
      await writeAudit(tx, principal, request, {
        action: 'check_definition.create',
        targetType: 'check_definition',
        targetId: row.id,
        details: {
          ...target,
          name: row.name,
          spec: input.spec as Prisma.InputJsonValue,
          enabled: row.enabled,
        },
      });
      return { view: definitionView(row), hosts: await hostsToNudge(tx, principal.orgId, row) };
    });
    await nudgeConfig(ctx, hosts);
    return view;
  } catch (error) {
    if (isUniqueViolation(error) || isRawUniqueViolation(error)) throw definitionNameTaken();
    throw error;
  }
}
