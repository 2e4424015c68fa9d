import type { CheckResults, CheckResultsQuery } from '@berth/api-contract';
import { queryCheckResults } from '@berth/db/queries';
import type { Principal } from '../../auth/principal.js';
import type { ApiContext } from '../../context.js';
import { hostScopeOf } from '../fleet/host-scope.js';
import { iso, isoOrNull } from '../fleet/iso.js';
import { inOrg } from '../in-org.js';
import { checkView } from './check-view.js';
import { requireCheck } from './require-check.js';

/** One check and its runs in the range, oldest first; 404 for a check outside the caller's org or hosts. */
export async function getCheckResults(
  ctx: ApiContext,
  principal: Principal,
  checkId: string,
  query: CheckResultsQuery,
): Promise<CheckResults> {
  return inOrg(ctx, principal, async (tx) => {
    const scope = await hostScopeOf(tx, principal);
    const check = await requireCheck(tx, { orgId: principal.orgId, scope, checkId });
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
