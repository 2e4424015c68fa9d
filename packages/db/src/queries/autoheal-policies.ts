import { Prisma } from '../generated/prisma/client.js';
import type { Tx } from '../with-org.js';
import { type HostScope, scopeCondition } from './sql-helpers.js';

/** A stored auto-restart policy (docs/autoheal.md, "Policies defined in the console"). */
export type AutohealPolicyRow = {
  id: string;
  hostId: string | null;
  containerName: string | null;
  groupId: string | null;
  mode: 'on-failure' | 'unhealthy' | 'off';
  backoffInitialS: number;
  backoffCapS: number;
  maxAttempts: number;
  windowS: number;
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
};

export type AutohealSettings = Pick<
  AutohealPolicyRow,
  'mode' | 'backoffInitialS' | 'backoffCapS' | 'maxAttempts' | 'windowS'
>;

const COLUMNS = Prisma.sql`a.id, a.host_id AS "hostId", a.container_name AS "containerName", a.group_id AS "groupId",
  a.mode, a.backoff_initial_s AS "backoffInitialS", a.backoff_cap_s AS "backoffCapS", a.max_attempts AS "maxAttempts",
  a.window_s AS "windowS", a.created_by AS "createdBy", a.created_at AS "createdAt", a.updated_at AS "updatedAt"`;

/** Policies on containers of hosts within `scope`, and every group's, optionally of one target. */
export async function listAutohealPolicies(
  tx: Tx,
  query: { orgId: string; scope: HostScope; hostId?: string; containerName?: string; groupId?: string },
): Promise<AutohealPolicyRow[]> {
  const filters: Prisma.Sql[] = [];
  if (query.hostId !== undefined) filters.push(Prisma.sql`AND a.host_id = ${query.hostId}::uuid`);
  if (query.containerName !== undefined)
    filters.push(Prisma.sql`AND a.container_name = ${query.containerName}`);
  if (query.groupId !== undefined) filters.push(Prisma.sql`AND a.group_id = ${query.groupId}::uuid`);
  return tx.$queryRaw<AutohealPolicyRow[]>`
    SELECT ${COLUMNS} FROM autoheal_policies a
    WHERE a.org_id = ${query.orgId}::uuid
      AND (a.group_id IS NOT NULL OR TRUE ${scopeCondition(Prisma.sql`a.host_id`, query.scope)})
      ${filters.length > 0 ? Prisma.join(filters, ' ') : Prisma.empty}
    ORDER BY a.container_name NULLS LAST, a.created_at, a.id`;
}

export async function getAutohealPolicy(
  tx: Tx,
  orgId: string,
  id: string,
): Promise<AutohealPolicyRow | null> {
  const rows = await tx.$queryRaw<AutohealPolicyRow[]>`
    SELECT ${COLUMNS} FROM autoheal_policies a WHERE a.org_id = ${orgId}::uuid AND a.id = ${id}::uuid`;
  return rows[0] ?? null;
}

export async function insertAutohealPolicy(
  tx: Tx,
  input: AutohealSettings & {
    orgId: string;
    hostId: string | null;
    containerName: string | null;
    groupId: string | null;
    createdBy: string | null;
  },
): Promise<AutohealPolicyRow> {
  const rows = await tx.$queryRaw<AutohealPolicyRow[]>`
    INSERT INTO autoheal_policies AS a (org_id, host_id, container_name, group_id, mode, backoff_initial_s,
      backoff_cap_s, max_attempts, window_s, created_by)
    VALUES (${input.orgId}::uuid, ${input.hostId}::uuid, ${input.containerName}, ${input.groupId}::uuid, ${input.mode},
      ${input.backoffInitialS}, ${input.backoffCapS}, ${input.maxAttempts}, ${input.windowS}, ${input.createdBy}::uuid)
    RETURNING ${COLUMNS}`;
  const row = rows[0];
  if (!row) throw new Error('auto-restart policy not inserted');
  return row;
}

/** New settings over the stored ones (the table checks the cap against the initial backoff). */
export async function updateAutohealPolicy(
  tx: Tx,
  orgId: string,
  id: string,
  change: Partial<AutohealSettings>,
): Promise<AutohealPolicyRow | null> {
  const rows = await tx.$queryRaw<AutohealPolicyRow[]>`
    UPDATE autoheal_policies AS a SET mode = COALESCE(${change.mode ?? null}, a.mode),
      backoff_initial_s = COALESCE(${change.backoffInitialS ?? null}::int, a.backoff_initial_s),
      backoff_cap_s = COALESCE(${change.backoffCapS ?? null}::int, a.backoff_cap_s),
      max_attempts = COALESCE(${change.maxAttempts ?? null}::int, a.max_attempts),
      window_s = COALESCE(${change.windowS ?? null}::int, a.window_s),
      updated_at = now()
    WHERE a.org_id = ${orgId}::uuid AND a.id = ${id}::uuid
    RETURNING ${COLUMNS}`;
  return rows[0] ?? null;
}

export async function deleteAutohealPolicy(tx: Tx, orgId: string, id: string): Promise<boolean> {
  const count =
    await tx.$executeRaw`DELETE FROM autoheal_policies WHERE org_id = ${orgId}::uuid AND id = ${id}::uuid`;
  return count > 0;
}
