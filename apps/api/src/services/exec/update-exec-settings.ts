import type { ExecSettings } from '@berth/api-contract';
import type { FastifyRequest } from 'fastify';
import type { Principal } from '../../auth/principal.js';
import type { ApiContext } from '../../context.js';
import { writeAudit } from '../audit/write-audit.js';
import { inOrg } from '../in-org.js';
import { readExecSettings } from './exec-settings.js';

/** Changes the org's exec switches and audits the change in the same transaction. */
export function updateExecSettings(
  ctx: ApiContext,
  principal: Principal,
  request: FastifyRequest,
  change: Partial<ExecSettings>,
): Promise<ExecSettings> {
  return inOrg(ctx, principal, async (tx) => {
    const before = await readExecSettings(tx, principal.orgId);
    const after = {
      ...before,
      ...Object.fromEntries(Object.entries(change).filter(([, v]) => v !== undefined)),
    };
    await tx.execSettings.upsert({
      where: { orgId: principal.orgId },
      create: { orgId: principal.orgId, ...after },
      update: after,
    });
    await writeAudit(tx, principal, request, {
      action: 'exec.settings',
      targetType: 'org',
      targetId: principal.orgId,
      details: { before, after },
    });
    return after;
  });
}
