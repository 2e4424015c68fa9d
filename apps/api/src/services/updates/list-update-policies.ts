import type { UpdatePolicyRule } from '@berth/api-contract';
import { listUpdatePolicies as listRows } from '@berth/db/queries';
import type { Principal } from '../../auth/principal.js';
import type { ApiContext } from '../../context.js';
import { inOrg } from '../in-org.js';
import { updatePolicyView } from './update-policy-view.js';

/** The organisation's update policy rules (every member may read them: they explain a refusal). */
export async function listUpdatePolicies(ctx: ApiContext, principal: Principal): Promise<UpdatePolicyRule[]> {
  const rows = await inOrg(ctx, principal, (tx) => listRows(tx));
  return rows.map(updatePolicyView);
}
