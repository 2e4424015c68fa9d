import type { AutohealPolicy } from '@berth/api-contract';
import {
  type AutohealSettings,
  deleteAutohealPolicy,
  getAutohealPolicy,
  hostsReachedBy,
  insertAutohealPolicy,
  listAutohealPolicies,
  updateAutohealPolicy,
} from '@berth/db/queries';
import { AppError } from '@berth/http';
import type { FastifyRequest } from 'fastify';
import { actingUserId, type Principal } from '../../auth/principal.js';
import type { ApiContext } from '../../context.js';
import { writeAudit } from '../audit/write-audit.js';
import { nudgeConfig } from '../checks/definitions/nudge-config.js';
import { requireDefinitionTarget } from '../checks/definitions/require-definition-target.js';
import { hostScopeOf } from '../fleet/host-scope.js';
import { isRawUniqueViolation } from '../identity/is-unique-violation.js';
import { inOrg } from '../in-org.js';
import { policyNotFound, policyTaken, policyView } from './autoheal-policy-view.js';

type Target = {
  hostId?: string | undefined;
  containerName?: string | undefined;
  groupId?: string | undefined;
};

/**
 * Auto-restart policies defined in the console (docs/autoheal.md): one per target, written with
 * the check definitions' roles (a container's: operators on hosts they may see; a group's:
 * admins), audited, and pushed to the hosts they reach like the checks.
 */
export async function createAutohealPolicy(
  ctx: ApiContext,
  request: FastifyRequest,
  principal: Principal,
  input: Target & AutohealSettings,
): Promise<AutohealPolicy> {
  const { hostId, containerName, groupId, ...settings } = input;
  const target = { hostId: hostId ?? null, containerName: containerName ?? null, groupId: groupId ?? null };
  try {
    const { view, hosts } = await inOrg(ctx, principal, async (tx) => {
      await requireDefinitionTarget(tx, principal, target);
      const row = await insertAutohealPolicy(tx, {
        orgId: principal.orgId,
        ...target,
        ...settings,
        createdBy: actingUserId(principal),
      });
      await writeAudit(tx, principal, request, {
        action: 'autoheal_policy.create',
        targetType: 'autoheal_policy',
        targetId: row.id,
        details: { ...target, ...settings },
      });
      return {
        view: policyView(row),
        hosts: await hostsReachedBy(tx, { orgId: principal.orgId, ...target }),
      };
    });
    await nudgeConfig(ctx, hosts);
    return view;
  } catch (error) {
    if (isRawUniqueViolation(error)) throw policyTaken();
    throw error;
  }
}

export async function updateAutohealPolicyById(
  ctx: ApiContext,
  request: FastifyRequest,
  principal: Principal,
  id: string,
  change: Partial<AutohealSettings>,
): Promise<AutohealPolicy> {
  const { view, hosts } = await inOrg(ctx, principal, async (tx) => {
    const before = await getAutohealPolicy(tx, principal.orgId, id);
    if (!before) throw policyNotFound();
    await requireDefinitionTarget(tx, principal, before);
    // The cap against the initial backoff as they will be after the change (a 400, not the table's 500).
    if ((change.backoffCapS ?? before.backoffCapS) < (change.backoffInitialS ?? before.backoffInitialS))
      throw new AppError('bad_request', 'the backoff cap is below the initial backoff', {
        issues: [{ field: 'backoffCapS', message: 'must not be below backoffInitialS' }],
      });
    const row = await updateAutohealPolicy(tx, principal.orgId, id, change);
    if (!row) throw policyNotFound();
    await writeAudit(tx, principal, request, {
      action: 'autoheal_policy.update',
      targetType: 'autoheal_policy',
      targetId: id,
      details: { ...change },
    });
    return { view: policyView(row), hosts: await hostsReachedBy(tx, { orgId: principal.orgId, ...row }) };
  });
  await nudgeConfig(ctx, hosts);
  return view;
}

export async function deleteAutohealPolicyById(
  ctx: ApiContext,
  request: FastifyRequest,
  principal: Principal,
  id: string,
): Promise<void> {
  const hosts = await inOrg(ctx, principal, async (tx) => {
    const before = await getAutohealPolicy(tx, principal.orgId, id);
    if (!before) throw policyNotFound();
    await requireDefinitionTarget(tx, principal, before);
    const reached = await hostsReachedBy(tx, { orgId: principal.orgId, ...before });
    if (!(await deleteAutohealPolicy(tx, principal.orgId, id))) throw policyNotFound();
    await writeAudit(tx, principal, request, {
      action: 'autoheal_policy.delete',
      targetType: 'autoheal_policy',
      targetId: id,
      details: { hostId: before.hostId, containerName: before.containerName, groupId: before.groupId },
    });
    return reached;
  });
  await nudgeConfig(ctx, hosts);
}

export async function listAutohealPoliciesFor(
  ctx: ApiContext,
  principal: Principal,
  query: Target,
): Promise<{ items: AutohealPolicy[] }> {
  return inOrg(ctx, principal, async (tx) => {
    const rows = await listAutohealPolicies(tx, {
      orgId: principal.orgId,
      scope: await hostScopeOf(tx, principal),
      ...(query.hostId !== undefined ? { hostId: query.hostId } : {}),
      ...(query.containerName !== undefined ? { containerName: query.containerName } : {}),
      ...(query.groupId !== undefined ? { groupId: query.groupId } : {}),
    });
    return { items: rows.map(policyView) };
  });
}
