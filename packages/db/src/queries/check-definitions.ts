import { Prisma } from '../generated/prisma/client.js';
import type { Tx } from '../with-org.js';
import { type HostScope, scopeCondition } from './sql-helpers.js';

/** A stored check definition (docs/checks.md, "Checks defined in the console"). */
export type CheckDefinitionRow = {
  id: string;
  hostId: string | null;
  containerName: string | null;
  groupId: string | null;
  name: string;
  spec: unknown;
  enabled: boolean;
  revision: number;
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
};

const COLUMNS = Prisma.sql`d.id, d.host_id AS "hostId", d.container_name AS "containerName", d.group_id AS "groupId",
  d.name, d.spec, d.enabled, d.revision, d.created_by AS "createdBy", d.created_at AS "createdAt",
  d.updated_at AS "updatedAt"`;

/**
 * Definitions on containers of hosts within `scope`, and group definitions (groups are visible
 * to every member of the organisation), optionally of one container or one group.
 */
export async function listCheckDefinitions(
  tx: Tx,
  query: { orgId: string; scope: HostScope; hostId?: string; containerName?: string; groupId?: string },
): Promise<CheckDefinitionRow[]> {
  const filters: Prisma.Sql[] = [];
  if (query.hostId !== undefined) filters.push(Prisma.sql`AND d.host_id = ${query.hostId}::uuid`);
  if (query.containerName !== undefined)
    filters.push(Prisma.sql`AND d.container_name = ${query.containerName}`);
  if (query.groupId !== undefined) filters.push(Prisma.sql`AND d.group_id = ${query.groupId}::uuid`);
  return tx.$queryRaw<CheckDefinitionRow[]>`
    SELECT ${COLUMNS} FROM check_definitions d
    WHERE d.org_id = ${query.orgId}::uuid
      AND (d.group_id IS NOT NULL OR TRUE ${scopeCondition(Prisma.sql`d.host_id`, query.scope)})
      ${filters.length > 0 ? Prisma.join(filters, ' ') : Prisma.empty}
    ORDER BY d.container_name NULLS LAST, d.name, d.created_at, d.id`;
}

export async function getCheckDefinition(
  tx: Tx,
  orgId: string,
  id: string,
): Promise<CheckDefinitionRow | null> {
  const rows = await tx.$queryRaw<CheckDefinitionRow[]>`
    SELECT ${COLUMNS} FROM check_definitions d WHERE d.org_id = ${orgId}::uuid AND d.id = ${id}::uuid`;
  return rows[0] ?? null;
}

export async function insertCheckDefinition(
  tx: Tx,
  input: {
    orgId: string;
    hostId: string | null;
    containerName: string | null;
    groupId: string | null;
    name: string;
    spec: unknown;
    enabled: boolean;
    createdBy: string | null;
  },
): Promise<CheckDefinitionRow> {
  const rows = await tx.$queryRaw<CheckDefinitionRow[]>`
    INSERT INTO check_definitions AS d (org_id, host_id, container_name, group_id, name, spec, enabled, created_by)
    VALUES (${input.orgId}::uuid, ${input.hostId}::uuid, ${input.containerName}, ${input.groupId}::uuid,
      ${input.name}, ${JSON.stringify(input.spec)}::jsonb, ${input.enabled}, ${input.createdBy}::uuid)
    RETURNING ${COLUMNS}`;
  const row = rows[0];
  if (!row) throw new Error('check definition not inserted');
  return row;
}

/** A new spec and/or enabled flag; the revision moves so the agent restarts the check. */
export async function updateCheckDefinition(
  tx: Tx,
  orgId: string,
  id: string,
  change: { spec?: unknown; enabled?: boolean },
): Promise<CheckDefinitionRow | null> {
  const spec = change.spec === undefined ? null : JSON.stringify(change.spec);
  const rows = await tx.$queryRaw<CheckDefinitionRow[]>`
    UPDATE check_definitions AS d SET spec = COALESCE(${spec}::jsonb, d.spec),
      enabled = COALESCE(${change.enabled ?? null}::boolean, d.enabled),
      revision = d.revision + 1, updated_at = now()
    WHERE d.org_id = ${orgId}::uuid AND d.id = ${id}::uuid
    RETURNING ${COLUMNS}`;
  return rows[0] ?? null;
}

export async function deleteCheckDefinition(tx: Tx, orgId: string, id: string): Promise<boolean> {
  const count =
    await tx.$executeRaw`DELETE FROM check_definitions WHERE org_id = ${orgId}::uuid AND id = ${id}::uuid`;
  return count > 0;
}

/** The hosts whose pushed config a definition reaches: its host, or its group's members' hosts. */
export async function hostsReachedBy(
  tx: Tx,
  target: { orgId: string; hostId: string | null; groupId: string | null },
): Promise<string[]> {
  if (target.hostId) return [target.hostId];
  if (!target.groupId) return [];
  const rows = await tx.$queryRaw<{ hostId: string }[]>`
    SELECT DISTINCT m.host_id AS "hostId" FROM container_group_members m
    WHERE m.org_id = ${target.orgId}::uuid AND m.group_id = ${target.groupId}::uuid`;
  return rows.map((row) => row.hostId);
}
