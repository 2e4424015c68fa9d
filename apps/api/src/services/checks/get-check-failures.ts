import type { CheckFailures, CheckFailuresQuery } from '@berth/api-contract';
import { queryCheckFailures } from '@berth/db/queries';
import type { Principal } from '../../auth/principal.js';
import type { ApiContext } from '../../context.js';
import { hostScopeOf } from '../fleet/host-scope.js';
import { iso, isoOrNull } from '../fleet/iso.js';
import { inOrg } from '../in-org.js';
import { requireCheck } from './require-check.js';

/** A check's newest down runs with their error text; 404 for a check the caller cannot see. */
export async function getCheckFailures(
  ctx: ApiContext,
  principal: Principal,
  checkId: string,
  query: CheckFailuresQuery,
): Promise<CheckFailures> {
  const rows = await inOrg(ctx, principal, async (tx) => {
    const scope = await hostScopeOf(tx, principal);
    await requireCheck(tx, { orgId: principal.orgId, scope, checkId });
    return queryCheckFailures(tx, { orgId: principal.orgId, scope, checkId, limit: query.limit });
  });
  return {
    items: rows.map((row) => ({ ...row, ts: iso(row.ts), certExpiresAt: isoOrNull(row.certExpiresAt) })),
  };
}
