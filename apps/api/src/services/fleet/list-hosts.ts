import { type HostStatusFilter, type LabelMatch, listHosts as queryHosts } from '@berth/db/queries';
import type { Principal } from '../../auth/principal.js';
import type { ApiContext } from '../../context.js';
import { inOrg } from '../in-org.js';
import { pageOf } from '../pagination.js';
import { hostScopeOf } from './host-scope.js';
import { latestAgentVersion, toHostView } from './host-view.js';

export type HostListInput = {
  statuses: HostStatusFilter[];
  labels: LabelMatch[];
  q?: string | undefined;
  groupIds: string[];
  after: readonly [string, string] | null;
  limit: number;
};

/** Hosts by name, with container counts and their newest sample. */
export async function listHosts(ctx: ApiContext, principal: Principal, input: HostListInput) {
  const rows = await inOrg(ctx, principal, async (tx) =>
    queryHosts(tx, { orgId: principal.orgId, scope: await hostScopeOf(tx, principal), ...input }),
  );
  const latest = latestAgentVersion(ctx);
  return pageOf(
    rows,
    input.limit,
    (row) => [row.name, row.id],
    (row) => toHostView(row, latest),
  );
}
