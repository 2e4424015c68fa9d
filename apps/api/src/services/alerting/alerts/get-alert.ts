import type { AlertDetail } from '@berth/api-contract';
import type { Principal } from '../../../auth/principal.js';
import type { ApiContext } from '../../../context.js';
import { inOrg } from '../../in-org.js';
import { alertContextOf, alertView, namesOf } from './alert-view.js';
import { findAlert } from './find-alert.js';

/** One alert with its whole history, oldest first, people named. */
export async function getAlert(ctx: ApiContext, principal: Principal, alertId: string): Promise<AlertDetail> {
  return inOrg(ctx, principal, async (tx) => {
    const row = await findAlert(tx, principal, alertId);
    const events = await tx.alertEvent.findMany({ where: { alertId }, orderBy: { id: 'asc' } });
    const context = await alertContextOf(tx, [row]);
    const actors = await namesOf(
      tx,
      events.map((event) => event.actorId),
    );
    return {
      ...alertView(row, context),
      events: events.map((event) => ({
        id: event.id.toString(),
        kind: event.kind as AlertDetail['events'][number]['kind'],
        at: event.at.toISOString(),
        actor: event.actorId ? (actors.get(event.actorId) ?? null) : null,
        value: event.value,
        details: (event.details ?? {}) as Record<string, unknown>,
      })),
    };
  });
}
