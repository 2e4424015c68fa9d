import type { Matcher, NewSilence, Silence } from '@berth/api-contract';
import type { Tx } from '@berth/db';
import { AppError } from '@berth/http';
import type { FastifyRequest } from 'fastify';
import { actingUserId, type Principal } from '../../../auth/principal.js';
import type { ApiContext } from '../../../context.js';
import { writeAudit } from '../../audit/write-audit.js';
import { inOrg } from '../../in-org.js';
import { labelsOf, namesOf } from '../alerts/alert-view.js';
import { findAlert } from '../alerts/find-alert.js';
import { openAlertLabels, silenceView } from './silence-view.js';

/** The labels of an alert that name its rule and object: one click silences exactly that. */
const FROM_ALERT_LABELS = ['rule', 'host', 'container', 'mount', 'check'] as const;

async function matchersFromAlert(tx: Tx, principal: Principal, alertId: string): Promise<Matcher[]> {
  const alert = await findAlert(tx, principal, alertId).catch((error: unknown) => {
    if (error instanceof AppError && error.code === 'not_found')
      throw new AppError('bad_request', 'invalid body: fromAlertId: no such alert', {
        issues: [{ field: 'fromAlertId', message: 'no such alert' }],
      });
    throw error;
  });
  const labels = labelsOf(alert);
  return FROM_ALERT_LABELS.flatMap((label) =>
    labels[label] !== undefined ? [{ label, op: '=' as const, value: labels[label] }] : [],
  );
}

/**
 * A silence from matchers, or from an alert (its rule, host, container, mount and check labels become
 * `=` matchers). It starts now unless told, and ends at `endsAt` or after `durationS`.
 */
export async function createSilence(
  ctx: ApiContext,
  request: FastifyRequest,
  principal: Principal,
  input: NewSilence,
): Promise<Silence> {
  return inOrg(ctx, principal, async (tx) => {
    const matchers = input.fromAlertId
      ? await matchersFromAlert(tx, principal, input.fromAlertId)
      : input.matchers;
    if (!matchers || matchers.length === 0)
      throw new AppError('bad_request', 'invalid body: matchers: the alert has no labels to match', {
        issues: [{ field: 'matchers', message: 'the alert has no labels to match' }],
      });
    const now = new Date();
    const startsAt = input.startsAt ? new Date(input.startsAt) : now;
    const endsAt = input.endsAt
      ? new Date(input.endsAt)
      : new Date(startsAt.getTime() + (input.durationS ?? 0) * 1000);
    if (endsAt <= now)
      throw new AppError('bad_request', 'invalid body: endsAt: already past', {
        issues: [{ field: 'endsAt', message: 'already past: a silence must end in the future' }],
      });
    const row = await tx.alertSilence.create({
      data: {
        orgId: principal.orgId,
        matchers,
        startsAt,
        endsAt,
        comment: input.comment,
        createdBy: actingUserId(principal),
      },
    });
    await writeAudit(tx, principal, request, {
      action: 'alert_silence.create',
      targetType: 'alert_silence',
      targetId: row.id,
      details: {
        matchers,
        startsAt: startsAt.toISOString(),
        endsAt: endsAt.toISOString(),
        comment: input.comment,
        ...(input.fromAlertId ? { fromAlertId: input.fromAlertId } : {}),
      },
    });
    const [openLabels, people] = await Promise.all([openAlertLabels(tx), namesOf(tx, [row.createdBy])]);
    return silenceView(row, { now, openLabels, people });
  });
}
