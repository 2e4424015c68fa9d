import {
  type ResolvedUpdatePolicy,
  resolveUpdatePolicy,
  type UpdateCategory,
  type UpdatePolicy,
} from '@berth/api-contract';
import type pg from 'pg';

type RuleRow = {
  scope: string;
  category: string | null;
  pattern: string | null;
  group_name: string | null;
  host_id: string | null;
  container_name: string | null;
  group_hosts: string[] | null;
  policy: UpdatePolicy;
};

/** Resolves one container's update policy from the rules read once. */
export type PolicyResolver = (container: {
  hostId: string;
  name: string;
  image: string;
  labels: Record<string, string>;
}) => ResolvedUpdatePolicy;

/**
 * The organisation's update policy rules, read once per pass (node-postgres: the alerter has no
 * Prisma), and the resolver that applies them to one container exactly as the API's Update
 * button does (`resolveUpdatePolicy`, the same precedence). Group rules carry their members as
 * `hostId/name` so each container's groups are known without a query per container.
 */
export async function loadPolicyResolver(client: pg.ClientBase): Promise<PolicyResolver> {
  const { rows } = await client.query<RuleRow>(
    `SELECT p.scope, p.category, p.pattern, g.name AS group_name, p.host_id, p.container_name, p.policy,
            (SELECT array_agg(m.host_id::text || '/' || m.container_name) FROM container_group_members m
              WHERE m.group_id = p.group_id) AS group_hosts
       FROM update_policies p LEFT JOIN container_groups g ON g.id = p.group_id`,
  );
  const categories: Partial<Record<UpdateCategory, UpdatePolicy>> = {};
  const patterns: { pattern: string; policy: UpdatePolicy }[] = [];
  let orgDefault: UpdatePolicy | null = null;
  for (const row of rows) {
    if (row.scope === 'default') orgDefault = row.policy;
    else if (row.scope === 'category' && row.category)
      categories[row.category as UpdateCategory] = row.policy;
    else if (row.scope === 'pattern' && row.pattern)
      patterns.push({ pattern: row.pattern, policy: row.policy });
  }
  return (container) => {
    const key = `${container.hostId}/${container.name}`;
    const own = rows.find(
      (row) =>
        row.scope === 'container' &&
        row.host_id === container.hostId &&
        row.container_name === container.name,
    );
    const groups = rows
      .filter((row) => row.scope === 'group' && (row.group_hosts ?? []).includes(key))
      .map((row) => ({ name: row.group_name ?? '', policy: row.policy }));
    return resolveUpdatePolicy({
      image: container.image,
      labels: container.labels,
      container: own?.policy ?? null,
      groups,
      categories,
      patterns,
      orgDefault,
    });
  };
}
