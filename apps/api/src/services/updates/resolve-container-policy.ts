import {
  type ResolvedUpdatePolicy,
  resolveUpdatePolicy,
  type UpdateCategory,
  type UpdatePolicy,
} from '@berth/api-contract';
import type { Tx } from '@berth/db';
import { loadContainerPolicyRules } from '@berth/db/queries';
import { AppError } from '@berth/http';
import type { Principal } from '../../auth/principal.js';
import { hostScopeOf } from '../fleet/host-scope.js';
import { requireVisibleHost } from '../fleet/require-visible.js';

export type PolicyTarget = {
  name: string;
  image: string;
  labels: Record<string, string>;
  capabilities: string[];
  revoked: boolean;
};

/**
 * A present container on a host the caller may see (else 404, as another organisation's would
 * be), with the update policy that applies to it and what the update needs to know of its host.
 */
export async function resolveContainerPolicy(
  tx: Tx,
  principal: Principal,
  ref: { hostId: string; containerId: string },
): Promise<{ target: PolicyTarget; resolved: ResolvedUpdatePolicy }> {
  await requireVisibleHost(tx, principal.orgId, await hostScopeOf(tx, principal), ref.hostId);
  const container = await tx.container.findUnique({
    where: { hostId_shortId: { hostId: ref.hostId, shortId: ref.containerId } },
    select: {
      name: true,
      image: true,
      labels: true,
      removedAt: true,
      host: { select: { capabilities: true, revokedAt: true } },
    },
  });
  if (!container || container.removedAt) throw new AppError('not_found', 'no such container on this host');
  const labels = (container.labels ?? {}) as Record<string, string>;
  const rules = await loadContainerPolicyRules(tx, { hostId: ref.hostId, containerName: container.name });
  const resolved = resolveUpdatePolicy({
    image: container.image,
    labels,
    container: rules.container,
    groups: rules.groups,
    categories: rules.categories as Partial<Record<UpdateCategory, UpdatePolicy>>,
    patterns: rules.patterns,
    orgDefault: rules.orgDefault,
  });
  return {
    target: {
      name: container.name,
      image: container.image,
      labels,
      capabilities: container.host.capabilities,
      revoked: container.host.revokedAt !== null,
    },
    resolved,
  };
}
