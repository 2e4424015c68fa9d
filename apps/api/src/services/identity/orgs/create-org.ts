import { withOrg } from '@berth/db';
import type { FastifyRequest } from 'fastify';
import type { ApiContext } from '../../../context.js';
import type { SignedInCaller } from '../signed-in-caller.js';
import { createOrgWithOwner, newOrgId } from './create-org-with-owner.js';

/** Another organisation, owned by the signed-in user (who then switches to it by id). */
export async function createOrg(
  ctx: ApiContext,
  request: FastifyRequest,
  caller: SignedInCaller,
  input: { name: string },
): Promise<{ id: string; name: string; slug: string }> {
  const orgId = newOrgId();
  return withOrg(
    ctx.db,
    orgId,
    (tx) => createOrgWithOwner(tx, request, { orgId, userId: caller.userId, name: input.name }),
    {
      userId: caller.userId,
    },
  );
}
