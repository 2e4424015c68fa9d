import { Prisma } from '../generated/prisma/client.js';
import type { ContainerHealth, ContainerState } from '../generated/prisma/enums.js';
import type { Tx } from '../with-org.js';
import { type HostScope, scopeCondition } from './sql-helpers.js';

/** A group as a container carries it (chips on the list and detail pages). */
export type GroupChip = { id: string; name: string; colour: string };

/**
 * The groups of the container in scope as `c` (host_id, name), as a JSON array by name. A
 * member is a host and a container name, so a recreated container (new id, same name) keeps
 * its groups.
 */
export const CONTAINER_GROUPS_JSON = Prisma.sql`COALESCE((
    SELECT jsonb_agg(jsonb_build_object('id', g.id, 'name', g.name, 'colour', g.colour) ORDER BY g.name, g.id)
    FROM container_group_members m JOIN container_groups g ON g.id = m.group_id
    WHERE m.host_id = c.host_id AND m.container_name = c.name), '[]'::jsonb)`;

/** `c` (a containers row) is a member of any of `groupIds`. */
export function inAnyGroupCondition(groupIds: readonly string[]): Prisma.Sql {
  return Prisma.sql`EXISTS (SELECT 1 FROM container_group_members m
    WHERE m.host_id = c.host_id AND m.container_name = c.name AND m.group_id = ANY(${[...groupIds]}::uuid[]))`;
}

/** `h` (a hosts row) runs a present (not removed) container of any of `groupIds`. */
export function hostRunsGroupCondition(groupIds: readonly string[]): Prisma.Sql {
  return Prisma.sql`EXISTS (SELECT 1 FROM container_group_members m
    JOIN containers c ON c.host_id = m.host_id AND c.name = m.container_name AND c.removed_at IS NULL
    WHERE m.host_id = h.id AND m.group_id = ANY(${[...groupIds]}::uuid[]))`;
}

/** Members per group, counting only members on hosts within `scope`. */
export async function countGroupMembers(
  tx: Tx,
  query: { orgId: string; scope: HostScope; groupIds: readonly string[] },
): Promise<Map<string, number>> {
  if (query.groupIds.length === 0) return new Map();
  const rows = await tx.$queryRaw<{ groupId: string; n: number }[]>`
    SELECT m.group_id AS "groupId", count(*)::int AS n FROM container_group_members m
    WHERE m.org_id = ${query.orgId}::uuid AND m.group_id = ANY(${[...query.groupIds]}::uuid[])
      ${scopeCondition(Prisma.sql`m.host_id`, query.scope)}
    GROUP BY m.group_id`;
  return new Map(rows.map((row) => [row.groupId, row.n]));
}

/** A member and the container that currently answers to it (null: not present). */
export type GroupMemberRow = {
  hostId: string;
  hostName: string;
  containerName: string;
  addedAt: Date;
  container: { containerId: string; state: ContainerState; health: ContainerHealth } | null;
};

type RawMemberRow = Omit<GroupMemberRow, 'container'> & {
  containerId: string | null;
  state: ContainerState | null;
  health: ContainerHealth | null;
};

/**
 * A group's members on hosts within `scope`, by host name and container name. The current
 * container of a member is the newest not-removed row with its host and name (a recreated
 * container replaces the removed one).
 */
export async function listGroupMembers(
  tx: Tx,
  query: { orgId: string; scope: HostScope; groupId: string },
): Promise<GroupMemberRow[]> {
  const rows = await tx.$queryRaw<RawMemberRow[]>`
    SELECT m.host_id AS "hostId", h.name AS "hostName", m.container_name AS "containerName",
      m.added_at AS "addedAt", c.short_id::text AS "containerId", c.state::text AS state, c.health::text AS health
    FROM container_group_members m JOIN hosts h ON h.id = m.host_id
    LEFT JOIN LATERAL (
      SELECT * FROM containers c WHERE c.host_id = m.host_id AND c.name = m.container_name AND c.removed_at IS NULL
      ORDER BY c.created_at DESC, c.short_id LIMIT 1) c ON TRUE
    WHERE m.org_id = ${query.orgId}::uuid AND m.group_id = ${query.groupId}::uuid
      ${scopeCondition(Prisma.sql`m.host_id`, query.scope)}
    ORDER BY h.name, m.container_name, m.host_id`;
  return rows.map(({ containerId, state, health, ...member }) => ({
    ...member,
    container:
      containerId !== null && state !== null ? { containerId, state, health: health ?? 'none' } : null,
  }));
}
