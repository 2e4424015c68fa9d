import { Prisma } from '../generated/prisma/client.js';
import type { Tx } from '../with-org.js';
import { allOf, type HostScope, microsText, scopeCondition } from './sql-helpers.js';

/**
 * Events have no id: they are ordered by (ts, host, container, action, digest of attributes),
 * newest first, which is unique unless two events are identical in every respect.
 */
export type EventKey = { ts: string; hostId: string; containerId: string; action: string; digest: string };

export type EventQuery = {
  orgId: string;
  scope: HostScope;
  hostId?: string | undefined;
  containerId?: string | undefined;
  /** Matched against the inventory's name (containers.name), so every container of that name. */
  containerName?: string | undefined;
  action?: string | undefined;
  from: Date;
  to: Date;
  after: EventKey | null;
  limit: number;
};

export type EventRow = {
  ts: Date;
  hostId: string;
  hostName: string | null;
  containerId: string;
  containerName: string | null;
  action: string;
  attributes: Record<string, string>;
  count: number;
  key: EventKey;
};

export function containerEventsSql(query: EventQuery): Prisma.Sql {
  const conditions = [
    Prisma.sql`e.org_id = ${query.orgId}::uuid`,
    Prisma.sql`e.ts >= ${query.from}::timestamptz AND e.ts < ${query.to}::timestamptz`,
  ];
  if (query.scope !== null)
    conditions.push(Prisma.sql`TRUE ${scopeCondition(Prisma.sql`e.host_id`, query.scope)}`);
  if (query.hostId) conditions.push(Prisma.sql`e.host_id = ${query.hostId}::uuid`);
  if (query.containerId) conditions.push(Prisma.sql`e.container_id = ${query.containerId}`);
  // The LEFT JOIN below supplies c; a name condition makes it an inner match.
  if (query.containerName) conditions.push(Prisma.sql`c.name = ${query.containerName}`);
  if (query.action) conditions.push(Prisma.sql`e.action = ${query.action}`);
  if (query.after) {
    const a = query.after;
    // The plain bound on ts lets the (org_id, ts DESC) index start at the cursor.
    conditions.push(Prisma.sql`e.ts <= ${a.ts}::timestamptz`);
    conditions.push(Prisma.sql`(e.ts, e.host_id, e.container_id, e.action, md5(e.attributes::text))
      < (${a.ts}::timestamptz, ${a.hostId}::uuid, ${a.containerId}::text, ${a.action}::text, ${a.digest}::text)`);
  }
  return Prisma.sql`
    SELECT e.ts, ${microsText(Prisma.sql`e.ts`)} AS ts_key, e.host_id AS "hostId", h.name AS "hostName",
      e.container_id AS "containerId", c.name AS "containerName", e.action, e.attributes, e.count,
      md5(e.attributes::text) AS digest
    FROM container_events e
    LEFT JOIN hosts h ON h.id = e.host_id
    LEFT JOIN containers c ON c.host_id = e.host_id AND c.short_id = e.container_id::char(12)
    WHERE ${allOf(conditions)}
    ORDER BY e.ts DESC, e.host_id DESC, e.container_id DESC, e.action DESC, md5(e.attributes::text) DESC
    LIMIT ${query.limit + 1}`;
}

/** A page of container events of the organisation, newest first. */
export async function queryContainerEvents(tx: Tx, query: EventQuery): Promise<EventRow[]> {
  const rows = await tx.$queryRaw<(Omit<EventRow, 'key'> & { ts_key: string; digest: string })[]>(
    containerEventsSql(query),
  );
  return rows.map(({ ts_key, digest, ...row }) => ({
    ...row,
    key: { ts: ts_key, hostId: row.hostId, containerId: row.containerId, action: row.action, digest },
  }));
}
