import { Prisma } from '../generated/prisma/client.js';
import type { Tx } from '../with-org.js';

/** One row of `update_policies` (prisma/migrations/20261210130000_update_policies). */
export type UpdatePolicyRow = {
  id: string;
  scope: 'default' | 'category' | 'pattern' | 'group' | 'container';
  category: string | null;
  pattern: string | null;
  groupId: string | null;
  hostId: string | null;
  containerName: string | null;
  policy: 'auto' | 'allow' | 'warn' | 'block';
  updatedAt: Date;
};

/** Every query names the table `p`. */
const COLUMNS = Prisma.sql`p.id, p.scope, p.category, p.pattern, p.group_id AS "groupId", p.host_id AS "hostId",
  p.container_name AS "containerName", p.policy, p.updated_at AS "updatedAt"`;

/** The organisation's rules (RLS scopes the transaction), default first, then by scope key. */
export function listUpdatePolicies(tx: Tx): Promise<UpdatePolicyRow[]> {
  return tx.$queryRaw<UpdatePolicyRow[]>`SELECT ${COLUMNS} FROM update_policies p
    ORDER BY array_position(ARRAY['default','category','pattern','group','container'], scope),
      category, pattern, group_id, host_id, container_name`;
}

export type UpdatePolicyKey =
  | { scope: 'default' }
  | { scope: 'category'; category: string }
  | { scope: 'pattern'; pattern: string }
  | { scope: 'group'; groupId: string }
  | { scope: 'container'; hostId: string; containerName: string };

/** The partial unique index that keys each scope (a second rule for a key replaces the first). */
const CONFLICT: Record<UpdatePolicyKey['scope'], Prisma.Sql> = {
  default: Prisma.sql`(org_id) WHERE scope = 'default'`,
  category: Prisma.sql`(org_id, category) WHERE scope = 'category'`,
  pattern: Prisma.sql`(org_id, pattern) WHERE scope = 'pattern'`,
  group: Prisma.sql`(org_id, group_id) WHERE scope = 'group'`,
  container: Prisma.sql`(org_id, host_id, container_name) WHERE scope = 'container'`,
};

/** Sets the policy of one scope key; returns the rule and the policy it replaced (null: new). */
export async function setUpdatePolicy(
  tx: Tx,
  orgId: string,
  key: UpdatePolicyKey,
  policy: UpdatePolicyRow['policy'],
): Promise<{ rule: UpdatePolicyRow; previous: string | null }> {
  const field = <K extends string>(name: K) => (name in key ? (key as Record<K, string>)[name] : null);
  const rows = await tx.$queryRaw<(UpdatePolicyRow & { previous: string | null })[]>`
    WITH old AS (SELECT policy FROM update_policies WHERE scope = ${key.scope}
      AND category IS NOT DISTINCT FROM ${field('category')} AND pattern IS NOT DISTINCT FROM ${field('pattern')}
      AND group_id IS NOT DISTINCT FROM ${field('groupId')}::uuid AND host_id IS NOT DISTINCT FROM ${field('hostId')}::uuid
      AND container_name IS NOT DISTINCT FROM ${field('containerName')})
    INSERT INTO update_policies AS p (org_id, scope, category, pattern, group_id, host_id, container_name, policy)
    VALUES (${orgId}::uuid, ${key.scope}, ${field('category')}, ${field('pattern')}, ${field('groupId')}::uuid,
      ${field('hostId')}::uuid, ${field('containerName')}, ${policy})
    ON CONFLICT ${CONFLICT[key.scope]} DO UPDATE SET policy = EXCLUDED.policy, updated_at = now()
    RETURNING ${COLUMNS}, (SELECT policy FROM old) AS previous`;
  const row = rows[0];
  if (!row) throw new Error('update policy not written');
  const { previous, ...rule } = row;
  return { rule, previous };
}

/** Deletes one rule; returns it, or null when there was none. */
export async function deleteUpdatePolicy(tx: Tx, id: string): Promise<UpdatePolicyRow | null> {
  const rows = await tx.$queryRaw<UpdatePolicyRow[]>`DELETE FROM update_policies p WHERE p.id = ${id}::uuid
    RETURNING ${COLUMNS}`;
  return rows[0] ?? null;
}

/** The rules that can apply to the container `name` on `hostId`, in the resolver's shape. */
export type ContainerPolicyRules = {
  container: UpdatePolicyRow['policy'] | null;
  groups: { name: string; policy: UpdatePolicyRow['policy'] }[];
  categories: Record<string, UpdatePolicyRow['policy']>;
  patterns: { pattern: string; policy: UpdatePolicyRow['policy'] }[];
  orgDefault: UpdatePolicyRow['policy'] | null;
};

export async function loadContainerPolicyRules(
  tx: Tx,
  target: { hostId: string; containerName: string },
): Promise<ContainerPolicyRules> {
  const rows = await tx.$queryRaw<(UpdatePolicyRow & { groupName: string | null })[]>`
    SELECT ${COLUMNS}, g.name AS "groupName" FROM update_policies p
    LEFT JOIN container_groups g ON g.id = p.group_id
    WHERE p.scope IN ('default', 'category', 'pattern')
      OR (p.scope = 'container' AND p.host_id = ${target.hostId}::uuid AND p.container_name = ${target.containerName})
      OR (p.scope = 'group' AND EXISTS (SELECT 1 FROM container_group_members m WHERE m.group_id = p.group_id
            AND m.host_id = ${target.hostId}::uuid AND m.container_name = ${target.containerName}))`;
  const rules: ContainerPolicyRules = {
    container: null,
    groups: [],
    categories: {},
    patterns: [],
    orgDefault: null,
  };
  for (const row of rows) {
    if (row.scope === 'default') rules.orgDefault = row.policy;
    else if (row.scope === 'container') rules.container = row.policy;
    else if (row.scope === 'group') rules.groups.push({ name: row.groupName ?? '', policy: row.policy });
    else if (row.scope === 'category' && row.category) rules.categories[row.category] = row.policy;
    else if (row.scope === 'pattern' && row.pattern)
      rules.patterns.push({ pattern: row.pattern, policy: row.policy });
  }
  return rules;
}
