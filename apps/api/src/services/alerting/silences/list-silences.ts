import type { Silence, ZSilenceListQuerySchema } from '@berth/api-contract';
import type { Prisma } from '@berth/db';
import type { z } from 'zod';
import type { Principal } from '../../../auth/principal.js';
import type { ApiContext } from '../../../context.js';
import { inOrg } from '../../in-org.js';
import { type Page, pageByCreation } from '../../pagination.js';
import { namesOf } from '../alerts/alert-view.js';
import { openAlertLabels, silenceView } from './silence-view.js';

type ListQuery = z.output<typeof ZSilenceListQuerySchema>;

/** The state a silence is in at `now`, as a `where` on its times. */
function stateCondition(state: Silence['state'], now: Date): Prisma.AlertSilenceWhereInput {
  switch (state) {
    case 'pending':
      return { startsAt: { gt: now } };
    case 'active':
      return { startsAt: { lte: now }, endsAt: { gt: now } };
    case 'expired':
      return { endsAt: { lte: now } };
  }
}

/**
 * Silences newest first, in any of the asked states (all by default), each with how many open
 * alerts it holds now. States follow from the times: nothing has to flip them.
 */
export async function listSilences(
  ctx: ApiContext,
  principal: Principal,
  query: ListQuery,
): Promise<Page<Silence>> {
  const now = new Date();
  const paging = pageByCreation(query, 'desc');
  const states = query.state.length > 0 ? query.state : [];
  return inOrg(ctx, principal, async (tx) => {
    const rows = await tx.alertSilence.findMany({
      where: {
        AND: [paging.where, states.length > 0 ? { OR: states.map((s) => stateCondition(s, now)) } : {}],
      },
      orderBy: paging.orderBy,
      take: paging.take,
    });
    const [openLabels, people] = await Promise.all([
      openAlertLabels(tx),
      namesOf(
        tx,
        rows.map((row) => row.createdBy),
      ),
    ]);
    return paging.page(rows, (row) => silenceView(row, { now, openLabels, people }));
  });
}
