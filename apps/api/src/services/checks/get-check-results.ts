import type { CheckResults, CheckResultsQuery } from '@berth/api-contract';
import { listChecks, queryCheckResults } from '@berth/db/queries';
import { AppError } from '@berth/http';
import type { Principal } from '../../auth/principal.js';
import type { ApiContext } from '../../context.js';
import { hostScopeOf } from '../fleet/host-scope.js';
import { iso, isoOrNull } from '../fleet/iso.js';
import { inOrg } from '../in-org.js';
import { checkView } from './check-view.js';

/** The check's retention: a check with no run in it is unknown. */
const RETENTION_DAYS = 31;

/** One check and its runs in the range, oldest first; 404 for a check outside the caller's org or hosts. */
export async function getCheckResults(
  ctx: ApiContext,
  principal: Principal,
  checkId: string,
  query: CheckResultsQuery,
): Promise<CheckResults> {
  return inOrg(ctx, principal, async (tx) => {
    const scope = await hostScopeOf(tx, principal);
    const [check] = await listChecks(tx, {
      orgId: principal.orgId,
      scope,
      checkId,
      now: new Date(),
      seenWithinDays: RETENTION_DAYS,
      after: null,
      limit: 1,
    });
    if (!check) throw new AppError('not_found', 'no such check');
    const rows = await queryCheckResults(tx, { orgId: principal.orgId, scope, checkId, ...query });
    const truncated = rows.length > query.limit;
    return {
      check: checkView(check),
      from: iso(query.from),
      to: iso(query.to),
      truncated,
      results: rows
        .slice(0, query.limit)
        .reverse()
        .map((row) => ({ ...row, ts: iso(row.ts), certExpiresAt: isoOrNull(row.certExpiresAt) })),
    };
  });
}
