import { AppError } from '@berth/http';
import type { FastifyRequest } from 'fastify';
import type { Principal } from '../../../auth/principal.js';
import type { ApiContext } from '../../../context.js';
import { removeMember } from './remove-member.js';

/** The signed-in caller leaves the organisation they act in (not the last owner). */
export async function leaveOrg(
  ctx: ApiContext,
  request: FastifyRequest,
  principal: Principal,
): Promise<void> {
  if (principal.kind !== 'user')
    throw new AppError('forbidden', 'only a signed-in user can leave an organisation');
  await removeMember(ctx, request, principal, principal.userId, { self: true });
}
