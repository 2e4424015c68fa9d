import { Prisma } from '../generated/prisma/client.js';

export type ContainerCounts = {
  total: number;
  running: number;
  paused: number;
  restarting: number;
  exited: number;
  created: number;
  dead: number;
  removing: number;
};

export type HostSampleRow = {
  ts: Date;
  cpuPct: number;
  load1: number;
  memUsed: number;
  memTotal: number;
  diskUsed: number;
  diskTotal: number;
};

export type HostRow = {
  id: string;
  name: string;
  hostname: string;
  labels: Record<string, string>;
  status: 'pending' | 'online' | 'offline';
  revokedAt: Date | null;
  lastSeenAt: Date | null;
  agentVersion: string | null;
  os: string | null;
  kernel: string | null;
  arch: string | null;
  cpus: number | null;
  memTotal: number | null;
  dockerVersion: string | null;
  capabilities: string[];
  enrollmentTokenId: string | null;
  createdAt: Date;
  containers: ContainerCounts;
  latest: HostSampleRow | null;
};

/**
 * Columns of a host row `h` with its live (not removed) containers counted by state and its
 * newest raw sample of the last day (older than that is not a reading worth showing).
 */
export const HOST_COLUMNS = Prisma.sql`h.id, h.name, h.hostname, h.labels, h.status::text AS status,
  h.revoked_at AS "revokedAt", h.last_seen_at AS "lastSeenAt", h.agent_version AS "agentVersion", h.os, h.kernel,
  h.arch, h.cpus, h.mem_total::float8 AS "memTotal", h.docker_version AS "dockerVersion", h.capabilities,
  h.enrollment_token_id AS "enrollmentTokenId", h.created_at AS "createdAt", cc.counts AS containers,
  s.ts AS "s_ts", s.cpu_pct::float8 AS "s_cpuPct", s.load1::float8 AS "s_load1", s.mem_used::float8 AS "s_memUsed",
  s.mem_total::float8 AS "s_memTotal", s.disk_used::float8 AS "s_diskUsed", s.disk_total::float8 AS "s_diskTotal"`;

export const hostJoins = () => Prisma.sql`
  LEFT JOIN LATERAL (
    SELECT json_build_object('total', count(*), 'running', count(*) FILTER (WHERE state = 'running'),
      'paused', count(*) FILTER (WHERE state = 'paused'), 'restarting', count(*) FILTER (WHERE state = 'restarting'),
      'exited', count(*) FILTER (WHERE state = 'exited'), 'created', count(*) FILTER (WHERE state = 'created'),
      'dead', count(*) FILTER (WHERE state = 'dead'), 'removing', count(*) FILTER (WHERE state = 'removing')) AS counts
    FROM containers c WHERE c.host_id = h.id AND c.removed_at IS NULL) cc ON TRUE
  LEFT JOIN LATERAL (
    SELECT * FROM host_samples s WHERE s.host_id = h.id AND s.ts >= ${new Date(Date.now() - 86_400_000)}::timestamptz
    ORDER BY s.host_id DESC, s.ts DESC LIMIT 1) s ON TRUE`;

type SampleColumns = { [K in keyof HostSampleRow as `s_${K}`]: HostSampleRow[K] | null };
export type RawHostRow = Omit<HostRow, 'latest'> & SampleColumns;

export function toHostRow(row: RawHostRow): HostRow {
  const { s_ts, s_cpuPct, s_load1, s_memUsed, s_memTotal, s_diskUsed, s_diskTotal, ...host } = row;
  const latest =
    s_ts === null
      ? null
      : {
          ts: s_ts,
          cpuPct: s_cpuPct ?? 0,
          load1: s_load1 ?? 0,
          memUsed: s_memUsed ?? 0,
          memTotal: s_memTotal ?? 0,
          diskUsed: s_diskUsed ?? 0,
          diskTotal: s_diskTotal ?? 0,
        };
  return { ...host, latest };
}
