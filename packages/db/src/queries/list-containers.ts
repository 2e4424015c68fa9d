import { Prisma } from '../generated/prisma/client.js';
import type { ContainerHealth, ContainerState } from '../generated/prisma/enums.js';
import type { Tx } from '../with-org.js';
import { CONTAINER_GROUPS_JSON, type GroupChip, inAnyGroupCondition } from './container-groups.js';
import { latestContainerBucketLateral, latestContainerBucketsSql } from './latest-readings.js';
import {
  allOf,
  containsPattern,
  type HostScope,
  type LabelMatch,
  labelConditions,
  scopeCondition,
} from './sql-helpers.js';

export type ContainerSort = 'name' | 'cpu' | 'memory' | 'state' | 'host' | 'restarts';
export type SortOrder = 'asc' | 'desc';

/** The type of each value of a sort key (what a cursor must carry, in order). */
export type KeyType = 'text' | 'uuid' | 'int' | 'float8';

type KeyPart = { expression: Prisma.Sql; type: KeyType };

const part = (sql: string, type: KeyType): KeyPart => ({ expression: Prisma.raw(sql), type });
const TIE = [part('c.host_id', 'uuid'), part('c.short_id::text', 'text')];

// Every key ends with (host_id, short_id), the primary key, so the order is total and a
// keyset cursor resumes exactly. Containers without a current reading sort as -1.
const SORT_KEYS: Record<ContainerSort, KeyPart[]> = {
  name: [part('c.name', 'text'), ...TIE],
  host: [part('h.name', 'text'), part('c.name', 'text'), ...TIE],
  state: [part('c.state::text', 'text'), part('c.name', 'text'), ...TIE],
  restarts: [part('c.restart_count', 'int'), ...TIE],
  cpu: [part('coalesce(l.cpu, -1)', 'float8'), ...TIE],
  memory: [part('coalesce(l.mem, -1)', 'float8'), ...TIE],
};

export const CONTAINER_SORT_KEY_TYPES: Record<ContainerSort, KeyType[]> = Object.fromEntries(
  Object.entries(SORT_KEYS).map(([sort, parts]) => [sort, parts.map((p) => p.type)]),
) as Record<ContainerSort, KeyType[]>;

export type ContainerFilters = {
  hostId?: string | undefined;
  labels?: readonly LabelMatch[] | undefined;
  hostLabels?: readonly LabelMatch[] | undefined;
  states?: readonly string[] | undefined;
  health?: readonly string[] | undefined;
  image?: string | undefined;
  q?: string | undefined;
  includeRemoved?: boolean | undefined;
  /** Members of any of these groups (by host and container name). */
  groupIds?: readonly string[] | undefined;
};

export type ContainerListQuery = {
  orgId: string;
  scope: HostScope;
  filters: ContainerFilters;
  sort: ContainerSort;
  order: SortOrder;
  /** The sort key of the last item already returned (types per CONTAINER_SORT_KEY_TYPES). */
  after: readonly (string | number)[] | null;
  limit: number;
};

export type ContainerListRow = {
  hostId: string;
  containerId: string;
  dockerId: string;
  hostName: string;
  name: string;
  image: string;
  labels: Record<string, string>;
  state: ContainerState;
  health: ContainerHealth;
  restartCount: number;
  createdAt: Date;
  startedAt: Date | null;
  removedAt: Date | null;
  groups: GroupChip[];
  sampledAt: Date | null;
  cpuPct: number | null;
  memBytes: number | null;
  memLimit: number | null;
  /** This row's sort key, for the next page's cursor. */
  key: (string | number)[];
};

const FIELDS = Prisma.sql`c.host_id AS "hostId", c.short_id::text AS "containerId", c.docker_id AS "dockerId",
  h.name AS "hostName", c.name, c.image, c.labels, c.state::text AS state, c.health::text AS health,
  c.restart_count AS "restartCount", c.created_at AS "createdAt", c.started_at AS "startedAt",
  c.removed_at AS "removedAt", ${CONTAINER_GROUPS_JSON} AS groups`;

const READING = Prisma.sql`l.bucket AS "sampledAt", l.cpu AS "cpuPct", l.mem AS "memBytes", l.mem_limit AS "memLimit"`;

export function containerFilterConditions(orgId: string, scope: HostScope, f: ContainerFilters): Prisma.Sql {
  const conditions = [Prisma.sql`c.org_id = ${orgId}::uuid`];
  if (scope !== null) conditions.push(Prisma.sql`TRUE ${scopeCondition(Prisma.sql`c.host_id`, scope)}`);
  if (f.hostId) conditions.push(Prisma.sql`c.host_id = ${f.hostId}::uuid`);
  if (!f.includeRemoved) conditions.push(Prisma.sql`c.removed_at IS NULL`);
  if (f.states?.length) conditions.push(Prisma.sql`c.state::text = ANY(${[...f.states]}::text[])`);
  if (f.health?.length) conditions.push(Prisma.sql`c.health::text = ANY(${[...f.health]}::text[])`);
  if (f.image) conditions.push(Prisma.sql`c.image ILIKE ${containsPattern(f.image)} ESCAPE '\\'`);
  if (f.q) conditions.push(Prisma.sql`c.name ILIKE ${containsPattern(f.q)} ESCAPE '\\'`);
  if (f.groupIds?.length) conditions.push(inAnyGroupCondition(f.groupIds));
  conditions.push(...labelConditions(Prisma.sql`c.labels`, f.labels ?? []));
  conditions.push(...labelConditions(Prisma.sql`h.labels`, f.hostLabels ?? []));
  return allOf(conditions);
}

function keysetCondition(parts: KeyPart[], order: SortOrder, after: ContainerListQuery['after']): Prisma.Sql {
  if (!after) return Prisma.sql`TRUE`;
  if (after.length !== parts.length) throw new TypeError('cursor does not match the sort');
  const left = Prisma.join(parts.map((p) => p.expression));
  const right = Prisma.join(parts.map((p, i) => Prisma.sql`${after[i]}::${Prisma.raw(p.type)}`));
  return order === 'asc' ? Prisma.sql`(${left}) > (${right})` : Prisma.sql`(${left}) < (${right})`;
}

export function listContainersSql(query: ContainerListQuery): Prisma.Sql {
  const parts = SORT_KEYS[query.sort];
  const direction = Prisma.raw(query.order === 'asc' ? 'ASC' : 'DESC');
  const keys = Prisma.join(parts.map((p, i) => Prisma.sql`${p.expression} AS ${Prisma.raw(`k${i}`)}`));
  const orderBy = Prisma.join(parts.map((_, i) => Prisma.sql`${Prisma.raw(`k${i}`)} ${direction}`));
  const where = Prisma.sql`${containerFilterConditions(query.orgId, query.scope, query.filters)}
    AND ${keysetCondition(parts, query.order, query.after)}`;
  if (query.sort === 'cpu' || query.sort === 'memory') {
    // Sorting by a reading needs every candidate's reading: one pass over the org's fresh buckets.
    return Prisma.sql`
      WITH l AS (${latestContainerBucketsSql(query.orgId, query.scope)})
      SELECT ${FIELDS}, ${READING}, ${keys}
      FROM containers c JOIN hosts h ON h.id = c.host_id
      LEFT JOIN l ON l.host_id = c.host_id AND l.container_id = c.short_id::text
      WHERE ${where} ORDER BY ${orderBy} LIMIT ${query.limit + 1}`;
  }
  // Otherwise page first, then read the page's readings only.
  return Prisma.sql`
    SELECT p.*, ${READING} FROM (
      SELECT ${FIELDS}, ${keys} FROM containers c JOIN hosts h ON h.id = c.host_id
      WHERE ${where} ORDER BY ${orderBy} LIMIT ${query.limit + 1}
    ) p LEFT JOIN ${latestContainerBucketLateral(Prisma.sql`p."hostId"`, Prisma.sql`p."containerId"`)} l ON TRUE
    ORDER BY ${orderBy}`;
}

type RawRow = Omit<ContainerListRow, 'key'> & Record<`k${number}`, string | number>;

/** A page of containers (one more than `limit` when there is a next page). */
export async function listContainers(tx: Tx, query: ContainerListQuery): Promise<ContainerListRow[]> {
  const rows = await tx.$queryRaw<RawRow[]>(listContainersSql(query));
  const width = SORT_KEYS[query.sort].length;
  return rows.map((row) => {
    const key: (string | number)[] = [];
    const rest: Record<string, unknown> = { ...row };
    for (let i = 0; i < width; i += 1) {
      key.push(row[`k${i}`] as string | number);
      delete rest[`k${i}`];
    }
    return { ...(rest as Omit<ContainerListRow, 'key'>), key };
  });
}
