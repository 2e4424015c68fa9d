import type { UpdateCategory, UpdatePolicyRule } from '@berth/api-contract';
import type { UpdatePolicyRow } from '@berth/db/queries';

/** A stored rule as the API answers it. */
export function updatePolicyView(row: UpdatePolicyRow): UpdatePolicyRule {
  return {
    id: row.id,
    scope: row.scope,
    category: row.category as UpdateCategory | null,
    pattern: row.pattern,
    groupId: row.groupId,
    hostId: row.hostId,
    containerName: row.containerName,
    policy: row.policy,
    updatedAt: row.updatedAt.toISOString(),
  };
}
