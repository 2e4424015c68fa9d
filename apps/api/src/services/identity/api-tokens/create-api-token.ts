import { issueSecret, type Role } from '@berth/db';
import { AppError } from '@berth/http';
import type { FastifyRequest } from 'fastify';
import { type Principal, ROLE_RANK } from '../../../auth/principal.js';
import type { ApiContext } from '../../../context.js';
import { writeAudit } from '../../audit/write-audit.js';
import { inOrg } from '../../in-org.js';
import { type ApiTokenView, apiTokenView } from './api-token-view.js';

export type NewApiToken = { name: string; role: Role; expiresAt?: Date | undefined };

/**
 * An API token of a role no higher than its creator's, shown once (`berth_api_…`) and
 * stored as a SHA-256. Only signed-in users create tokens: a token minting tokens would
 * outlive its own revocation.
 */
export async function createApiToken(
  ctx: ApiContext,
  request: FastifyRequest,
  principal: Principal,
  input: NewApiToken,
): Promise<{ token: ApiTokenView; secret: string }> {
  if (principal.kind !== 'user') throw new AppError('forbidden', 'API tokens cannot create API tokens');
  if (ROLE_RANK[input.role] > ROLE_RANK[principal.role]) {
    throw new AppError('forbidden', `a token's role cannot exceed yours (${principal.role})`, {
      issues: [{ field: 'role', message: `above your role (${principal.role})` }],
    });
  }
  if (input.expiresAt && input.expiresAt.getTime() <= Date.now()) {
    throw new AppError('bad_request', 'expiresAt must be in the future', {
      issues: [{ field: 'expiresAt', message: 'in the past' }],
    });
  }
  const issued = issueSecret('api');
  const token = await inOrg(ctx, principal, async (tx) => {
    const created = await tx.apiToken.create({
      data: {
        orgId: principal.orgId,
        name: input.name,
        prefix: issued.prefix,
        tokenHash: issued.hash,
        role: input.role,
        createdBy: principal.userId,
        expiresAt: input.expiresAt ?? null,
      },
    });
    await writeAudit(tx, principal, request, {
      action: 'api_token.create',
      targetType: 'api_token',
      targetId: created.id,
      details: { name: input.name, role: input.role },
    });
    return created;
  });
  return { token: apiTokenView(token), secret: issued.secret };
}
