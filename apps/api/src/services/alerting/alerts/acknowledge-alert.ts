import type { Alert } from '@berth/api-contract';
import { publishOrgEvent } from '@berth/bus';
import { AppError } from '@berth/http';
import type { FastifyRequest } from 'fastify';
import { actingUserId, type Principal } from '../../../auth/principal.js';
import type { ApiContext } from '../../../context.js';
import { writeAudit } from '../../audit/write-audit.js';
import { inOrg } from '../../in-org.js';
import { ALERT_RULE_SELECT, alertContextOf, alertView } from './alert-view.js';
import { findAlert } from './find-alert.js';

export type AckChange = { acknowledge: true; comment?: string | undefined } | { acknowledge: false };

/**
 * Acknowledges an open alert ("someone is on it") or takes the acknowledgement back. The alert,
 * its `acknowledged` / `unacknowledged` event with the actor, and the audit row are one
 * transaction; the update is conditional on the state read, so two people acking at once make
 * one acknowledgement and the other gets a 409. Browsers hear it as `alert.changed`.
 */
export async function acknowledgeAlert(
  ctx: ApiContext,
  request: FastifyRequest,
  principal: Principal,
  alertId: string,
  change: AckChange,
): Promise<Alert> {
  const actorId = actingUserId(principal);
  const view = await inOrg(ctx, principal, async (tx) => {
    const row = await findAlert(tx, principal, alertId);
    if (row.state === 'resolved') throw new AppError('conflict', 'this alert is resolved');
    const now = new Date();
    const won = await tx.alert.updateMany({
      where: { id: alertId, state: { not: 'resolved' }, ackedAt: change.acknowledge ? null : { not: null } },
      data: change.acknowledge
        ? { ackedBy: actorId, ackedAt: now, ackComment: change.comment ?? null, updatedAt: now }
        : { ackedBy: null, ackedAt: null, ackComment: null, updatedAt: now },
    });
    if (won.count === 0)
      throw new AppError(
        'conflict',
        change.acknowledge ? 'this alert is already acknowledged' : 'this alert is not acknowledged',
      );
    const comment = change.acknowledge ? (change.comment ?? null) : null;
    await tx.alertEvent.create({
      data: {
        orgId: principal.orgId,
        alertId,
        kind: change.acknowledge ? 'acknowledged' : 'unacknowledged',
        at: now,
        actorId,
        details: comment ? { comment } : {},
      },
    });
    await writeAudit(tx, principal, request, {
      action: change.acknowledge ? 'alert.acknowledge' : 'alert.unacknowledge',
      targetType: 'alert',
      targetId: alertId,
      details: { rule: row.rule.name, summary: row.summary, ...(comment ? { comment } : {}) },
    });
    const updated = await tx.alert.findUniqueOrThrow({ where: { id: alertId }, include: ALERT_RULE_SELECT });
    return alertView(updated, await alertContextOf(tx, [updated]));
  });
  await publishOrgEvent(ctx.bus, principal.orgId, {
    type: 'alert.changed',
    alertId: view.id,
    ruleId: view.rule.id,
    state: view.state,
    severity: view.severity,
    acknowledged: view.acknowledged !== null,
    hostId: view.host?.id ?? null,
    summary: view.summary,
    at: new Date().toISOString(),
  }).catch((error: unknown) => ctx.log.warn({ err: error }, 'could not publish alert event'));
  return view;
}
