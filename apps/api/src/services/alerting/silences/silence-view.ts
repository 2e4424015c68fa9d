import { matchesAll, type Silence } from '@berth/api-contract';
import type { AlertSilenceModel, Tx } from '@berth/db';
import { AppError } from '@berth/http';
import { labelsOf } from '../alerts/alert-view.js';
import { storedMatchers } from './active-silences.js';

export const silenceNotFound = () => new AppError('not_found', 'no such silence');

/** pending before it starts, active until it ends, expired after (ended early by hand, too). */
export function silenceState(
  row: Pick<AlertSilenceModel, 'startsAt' | 'endsAt'>,
  now: Date,
): Silence['state'] {
  if (row.startsAt > now) return 'pending';
  return row.endsAt > now ? 'active' : 'expired';
}

/** Open alerts' labels, read once per answer to count what each silence holds now. */
export async function openAlertLabels(tx: Tx): Promise<Record<string, string>[]> {
  const rows = await tx.alert.findMany({
    where: { state: { in: ['pending', 'firing'] } },
    select: { labels: true },
  });
  return rows.map(labelsOf);
}

export function silenceView(
  row: AlertSilenceModel,
  context: { now: Date; openLabels: readonly Record<string, string>[]; people: Map<string, string> },
): Silence {
  const matchers = storedMatchers(row.matchers) ?? [];
  const state = silenceState(row, context.now);
  return {
    id: row.id,
    matchers,
    startsAt: row.startsAt.toISOString(),
    endsAt: row.endsAt.toISOString(),
    comment: row.comment,
    createdBy: row.createdBy ? (context.people.get(row.createdBy) ?? null) : null,
    createdAt: row.createdAt.toISOString(),
    state,
    matching:
      state === 'active' && matchers.length > 0
        ? context.openLabels.filter((labels) => matchesAll(matchers, labels)).length
        : 0,
  };
}
