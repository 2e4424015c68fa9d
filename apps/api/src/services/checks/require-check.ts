import type { Tx } from '@berth/db';
import type { CheckRow, HostScope } from '@berth/db/queries';
import { listChecks } from '@berth/db/queries';
import { AppError } from '@berth/http';

/** The check's raw retention: a check with no run in it is unknown. */
export const CHECK_RETENTION_DAYS = 31;

/** The check with its latest run, or 404 for a check outside the caller's organisation or hosts. */
export async function requireCheck(
  tx: Tx,
  target: { orgId: string; scope: HostScope; checkId: string },
): Promise<CheckRow> {
  const [check] = await listChecks(tx, {
    ...target,
    now: new Date(),
    seenWithinDays: CHECK_RETENTION_DAYS,
    after: null,
    limit: 1,
  });
  if (!check) throw new AppError('not_found', 'no such check');
  return check;
}
