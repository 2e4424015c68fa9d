import { Prisma } from '../generated/prisma/client.js';
import type { ContainerHealth, ContainerState } from '../generated/prisma/enums.js';
import type { Tx } from '../with-org.js';
import { CONTAINER_GROUPS_JSON, type GroupChip } from './container-groups.js';
import { type HostScope, scopeCondition } from './sql-helpers.js';

export type ContainerSampleRow = {
  ts: Date;
  cpuPct: number;
  memBytes: number;
  memLimit: number;
  netRx: number;
  netTx: number;
  blkRead: number;
  blkWrite: number;
  pids: number;
};

export type ContainerDetailRow = {
  hostId: string;
  containerId: string;
  dockerId: string;
  hostName: string;
  name: string;
  image: string;
  imageId: string;
  labels: Record<string, string>;
  state: ContainerState;
  health: ContainerHealth;
  restartCount: number;
  /** As the agent reported them (validated by the protocol's port schema on ingest). */
  ports: { privatePort: number; publicPort?: number; type: 'tcp' | 'udp' | 'sctp'; ip?: string }[];
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  exitCode: number | null;
  removedAt: Date | null;
  updatedAt: Date;
  /** The groups its host and name belong to. */
  groups: GroupChip[];
  latest: ContainerSampleRow | null;
};

type RawRow = Omit<ContainerDetailRow, 'latest'> & {
  [K in keyof ContainerSampleRow as `s_${K}`]: ContainerSampleRow[K] | null;
};

/** One container's inventory and its newest raw sample (of any age); null when not visible. */
export async function getContainer(
  tx: Tx,
  target: { orgId: string; scope: HostScope; hostId: string; containerId: string },
): Promise<ContainerDetailRow | null> {
  const rows = await tx.$queryRaw<RawRow[]>`
    SELECT c.host_id AS "hostId", c.short_id AS "containerId", c.docker_id AS "dockerId", h.name AS "hostName",
      c.name, c.image, c.image_id AS "imageId", c.labels, c.state::text AS state, c.health::text AS health,
      c.restart_count AS "restartCount", c.ports, c.created_at AS "createdAt", c.started_at AS "startedAt",
      c.finished_at AS "finishedAt", c.exit_code AS "exitCode", c.removed_at AS "removedAt",
      c.updated_at AS "updatedAt", ${CONTAINER_GROUPS_JSON} AS groups, s.ts AS "s_ts", s.cpu_pct::float8 AS "s_cpuPct", s.mem_bytes::float8 AS "s_memBytes",
      s.mem_limit::float8 AS "s_memLimit", s.net_rx::float8 AS "s_netRx", s.net_tx::float8 AS "s_netTx",
      s.blk_read::float8 AS "s_blkRead", s.blk_write::float8 AS "s_blkWrite", s.pids AS "s_pids"
    FROM containers c JOIN hosts h ON h.id = c.host_id
    LEFT JOIN LATERAL (
      SELECT * FROM container_samples s WHERE s.host_id = c.host_id AND s.container_id = c.short_id::text
      ORDER BY s.ts DESC LIMIT 1) s ON TRUE
    WHERE c.org_id = ${target.orgId}::uuid AND c.host_id = ${target.hostId}::uuid
      AND c.short_id = ${target.containerId}::char(12) ${scopeCondition(Prisma.sql`c.host_id`, target.scope)}`;
  const row = rows[0];
  if (!row) return null;
  const {
    s_ts,
    s_cpuPct,
    s_memBytes,
    s_memLimit,
    s_netRx,
    s_netTx,
    s_blkRead,
    s_blkWrite,
    s_pids,
    ...container
  } = row;
  const latest =
    s_ts === null
      ? null
      : {
          ts: s_ts,
          cpuPct: s_cpuPct ?? 0,
          memBytes: s_memBytes ?? 0,
          memLimit: s_memLimit ?? 0,
          netRx: s_netRx ?? 0,
          netTx: s_netTx ?? 0,
          blkRead: s_blkRead ?? 0,
          blkWrite: s_blkWrite ?? 0,
          pids: s_pids ?? 0,
        };
  return { ...container, latest };
}

/** Whether a container exists and is visible (for routes under /containers/:containerId). */
export async function containerExists(
  tx: Tx,
  target: { orgId: string; scope: HostScope; hostId: string; containerId: string },
): Promise<boolean> {
  const rows = await tx.$queryRaw<{ found: number }[]>`
    SELECT 1 AS found FROM containers c
    WHERE c.org_id = ${target.orgId}::uuid AND c.host_id = ${target.hostId}::uuid
      AND c.short_id = ${target.containerId}::char(12) ${scopeCondition(Prisma.sql`c.host_id`, target.scope)}`;
  return rows.length > 0;
}
