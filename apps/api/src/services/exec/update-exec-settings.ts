import type { ExecSettings, ExecSettingsUpdate } from '@berth/api-contract';
import { AppError } from '@berth/http';
import type { FastifyRequest } from 'fastify';
import type { Principal } from '../../auth/principal.js';
import type { ApiContext } from '../../context.js';
import { writeAudit } from '../audit/write-audit.js';
import { inOrg } from '../in-org.js';
import { readExecSettings } from './exec-settings.js';

/**
 * Changes the org's exec switches and audits the change in the same transaction. A limit above
 * the server's is refused (naming the field) rather than silently capped: the admin would
 * otherwise read back a value that is not the one applied.
 */
export function updateExecSettings(
  ctx: ApiContext,
  principal: Principal,
  request: FastifyRequest,
  change: ExecSettingsUpdate,
): Promise<ExecSettings> {
  return inOrg(ctx, principal, async (tx) => {
    const before = await readExecSettings(tx, principal.orgId, ctx.settings);
    const after: ExecSettings = {
      ...before,
      ...Object.fromEntries(Object.entries(change).filter(([, v]) => v !== undefined)),
    };
    for (const field of ['idleTimeoutS', 'maxDurationS'] as const) {
      const value = after[field];
      const most = before.serverLimits[field];
      if (value !== null && value > most)
        throw new AppError(
          'bad_request',
          `${field}: at most ${most} s on this server (the org may shorten the server's limit, not lengthen it)`,
          { issues: [{ field, message: `at most ${most}` }] },
        );
    }
    const row = {
      operatorsAllowed: after.operatorsAllowed,
      recordTranscripts: after.recordTranscripts,
      idleTimeoutS: after.idleTimeoutS,
      maxDurationS: after.maxDurationS,
    };
    await tx.execSettings.upsert({
      where: { orgId: principal.orgId },
      create: { orgId: principal.orgId, ...row },
      update: row,
    });
    const { serverLimits: _server, ...changed } = before;
    await writeAudit(tx, principal, request, {
      action: 'exec.settings',
      targetType: 'org',
      targetId: principal.orgId,
      details: { before: changed, after: row },
    });
    return after;
  });
}
