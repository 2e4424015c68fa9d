import type { CreateEnrolmentToken } from '@berth/api-contract';
import { issueSecret } from '@berth/db';
import type { FastifyRequest } from 'fastify';
import { actingUserId, type Principal } from '../../auth/principal.js';
import type { ApiContext } from '../../context.js';
import { writeAudit } from '../audit/write-audit.js';
import { inOrg } from '../in-org.js';
import { toEnrolmentTokenView } from './enrolment-token-view.js';
import { buildInstallCommand } from './install-command.js';

const DEFAULT_TTL_MS = 7 * 86_400_000;

/** Issues an enrolment token (secret shown once, hash stored) and the command that uses it. */
export async function createEnrolmentToken(
  ctx: ApiContext,
  principal: Principal,
  request: FastifyRequest,
  input: CreateEnrolmentToken,
) {
  const secret = issueSecret('enrol');
  const token = await inOrg(ctx, principal, async (tx) => {
    const created = await tx.enrollmentToken.create({
      data: {
        orgId: principal.orgId,
        name: input.name,
        prefix: secret.prefix,
        tokenHash: secret.hash,
        labels: input.labels,
        maxUses: input.maxUses ?? null,
        createdBy: actingUserId(principal),
        expiresAt: input.expiresAt ? new Date(input.expiresAt) : new Date(Date.now() + DEFAULT_TTL_MS),
      },
    });
    await writeAudit(tx, principal, request, {
      action: 'enrolment_token.create',
      targetType: 'enrolment_token',
      targetId: created.id,
      details: { name: created.name, maxUses: created.maxUses, expiresAt: created.expiresAt.toISOString() },
    });
    return created;
  });
  return {
    token: toEnrolmentTokenView(token),
    secret: secret.secret,
    installCommand: buildInstallCommand({
      publicUrl: ctx.settings.publicUrl,
      gatewayUrl: ctx.settings.gatewayUrl,
      token: secret.secret,
    }),
  };
}
