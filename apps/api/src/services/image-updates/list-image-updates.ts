import {
  type ImageUpdateList,
  type ListImageUpdatesQuery,
  type ResolvedUpdatePolicy,
  resolveUpdatePolicy,
  type UpdateCategory,
  type UpdatePolicy,
} from '@berth/api-contract';
import type { Tx } from '@berth/db';
import { loadContainerPolicyRules, listImageUpdates as queryImageUpdates } from '@berth/db/queries';
import type { Principal } from '../../auth/principal.js';
import type { ApiContext } from '../../context.js';
import { hostScopeOf } from '../fleet/host-scope.js';
import { inOrg } from '../in-org.js';
import { imageUpdateView } from './image-update-view.js';

/** A container the policy read did not see (gone in between): what no rule at all resolves to. */
const UNRESOLVED: ResolvedUpdatePolicy = resolveUpdatePolicy({
  image: '',
  labels: {},
  container: null,
  groups: [],
  categories: {},
  patterns: [],
  orgDefault: null,
});

/**
 * Every image reference the caller's visible hosts run, with its check and containers, each with
 * the update policy that applies to it (so the Updates page can filter by policy and offer bulk
 * updates only where allowed). One policy read per container: the page lists a fleet's images.
 */
export async function listImageUpdates(
  ctx: ApiContext,
  principal: Principal,
  query: ListImageUpdatesQuery,
): Promise<ImageUpdateList> {
  return inOrg(ctx, principal, async (tx) => {
    const rows = await queryImageUpdates(tx, {
      orgId: principal.orgId,
      scope: await hostScopeOf(tx, principal),
      status: query.status,
    });
    const policies = await containerPolicies(
      tx,
      rows.flatMap((row) => row.containers.map((c) => ({ ...c, image: row.image }))),
    );
    return {
      items: rows.map((row) =>
        imageUpdateView(row, (c) => policies.get(`${c.hostId}/${c.containerId}`) ?? UNRESOLVED),
      ),
    };
  });
}

async function containerPolicies(
  tx: Tx,
  containers: { hostId: string; containerId: string; name: string; image: string }[],
): Promise<Map<string, ResolvedUpdatePolicy>> {
  const out = new Map<string, ResolvedUpdatePolicy>();
  if (containers.length === 0) return out;
  const labelled = await tx.container.findMany({
    where: { OR: containers.map((c) => ({ hostId: c.hostId, shortId: c.containerId })) },
    select: { hostId: true, shortId: true, labels: true },
  });
  const labels = new Map(
    labelled.map((c) => [`${c.hostId}/${c.shortId.trim()}`, (c.labels ?? {}) as Record<string, string>]),
  );
  for (const c of containers) {
    const key = `${c.hostId}/${c.containerId}`;
    const rules = await loadContainerPolicyRules(tx, { hostId: c.hostId, containerName: c.name });
    const resolved = resolveUpdatePolicy({
      image: c.image,
      labels: labels.get(key) ?? {},
      container: rules.container,
      groups: rules.groups,
      categories: rules.categories as Partial<Record<UpdateCategory, UpdatePolicy>>,
      patterns: rules.patterns,
      orgDefault: rules.orgDefault,
    });
    out.set(key, resolved);
  }
  return out;
}
