import { z } from 'zod';
import { TIME_RANGE_MS, type TimeRange } from '@/lib/chart-data';
import type { ApiClient } from './api-client';
import { ACTION_STATUSES, type FleetEvent, ZFleetEventSchema } from './history';
import { type Page, pageQuery, pageSchema } from './pagination';

/**
 * Fleet endpoints (hosts, containers, metrics, logs, events, overview, enrolment). Paths and
 * shapes live here only: when the API changes, this file does.
 */

export const CONTAINER_STATES = [
  'running',
  'paused',
  'restarting',
  'created',
  'exited',
  'dead',
  'removing',
] as const;
export type ContainerState = (typeof CONTAINER_STATES)[number];
export const CONTAINER_HEALTH = ['healthy', 'unhealthy', 'starting', 'none'] as const;
export type ContainerHealth = (typeof CONTAINER_HEALTH)[number];

export const ZContainerCountsSchema = z.object({
  total: z.number(),
  running: z.number(),
  paused: z.number(),
  restarting: z.number(),
  exited: z.number(),
  created: z.number(),
  dead: z.number(),
  removing: z.number(),
});
export type ContainerCounts = z.infer<typeof ZContainerCountsSchema>;

export const ZHostSchema = z.object({
  id: z.string(),
  name: z.string(),
  hostname: z.string(),
  labels: z.record(z.string(), z.string()),
  status: z.enum(['pending', 'online', 'offline']),
  revokedAt: z.string().nullable(),
  lastSeenAt: z.string().nullable(),
  agentVersion: z.string().nullable(),
  /** Being added to the API: optional until every API answers with them. */
  agentUpdateAvailable: z.boolean().optional(),
  latestAgentVersion: z.string().optional(),
  os: z.string().nullable(),
  kernel: z.string().nullable(),
  arch: z.string().nullable(),
  cpus: z.number().nullable(),
  memTotal: z.number().nullable(),
  dockerVersion: z.string().nullable(),
  /** `actions`, `logs`, `live_logs`, `self_update`, `read_only` (the agent's hello). */
  capabilities: z.array(z.string()),
  createdAt: z.string(),
  containers: ZContainerCountsSchema,
  latest: z
    .object({
      ts: z.string(),
      cpuPct: z.number(),
      load1: z.number(),
      memUsed: z.number(),
      memTotal: z.number(),
      diskUsed: z.number(),
      diskTotal: z.number(),
    })
    .nullable(),
});
export type Host = z.infer<typeof ZHostSchema>;

/** The API's maximum page size. */
export const HOSTS_PAGE = 200;

/** GET /api/v1/hosts — one page of the org's hosts by name. */
export function listHostsPage(
  api: ApiClient,
  { cursor, limit = HOSTS_PAGE }: { cursor?: string | null; limit?: number } = {},
  signal?: AbortSignal,
): Promise<Page<Host>> {
  return api.request({
    path: '/api/v1/hosts',
    query: pageQuery({ limit, cursor }),
    schema: pageSchema(ZHostSchema),
    signal,
  });
}

/** GET /api/v1/hosts/:id */
export function getHost(api: ApiClient, hostId: string, signal?: AbortSignal): Promise<Host> {
  return api.request({ path: `/api/v1/hosts/${encodeURIComponent(hostId)}`, schema: ZHostSchema, signal });
}

export const ZOverviewSchema = z.object({
  hosts: z.object({
    total: z.number(),
    online: z.number(),
    offline: z.number(),
    pending: z.number(),
    revoked: z.number(),
  }),
  containers: z.object({
    total: z.number(),
    byState: z.record(z.string(), z.number()),
    byHealth: z.record(z.string(), z.number()),
  }),
});
export type Overview = z.infer<typeof ZOverviewSchema>;

/** GET /api/v1/overview — fleet totals (hosts by status, containers by state and health). */
export function getOverview(api: ApiClient, signal?: AbortSignal): Promise<Overview> {
  return api.request({ path: '/api/v1/overview', schema: ZOverviewSchema, signal });
}

export const ZContainerSchema = z.object({
  hostId: z.string(),
  hostName: z.string(),
  containerId: z.string(),
  name: z.string(),
  image: z.string(),
  labels: z.record(z.string(), z.string()),
  state: z.enum(CONTAINER_STATES),
  health: z.enum(CONTAINER_HEALTH),
  restartCount: z.number(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  removedAt: z.string().nullable(),
  current: z
    .object({ sampledAt: z.string(), cpuPct: z.number(), memBytes: z.number(), memLimit: z.number() })
    .nullable(),
});
export type Container = z.infer<typeof ZContainerSchema>;

export const CONTAINER_SORTS = ['name', 'cpu', 'memory', 'state', 'host', 'restarts'] as const;
export type ContainerSort = (typeof CONTAINER_SORTS)[number];

export type ContainerQuery = {
  hostId?: string;
  /** `key=value` or `key`, on the container's labels. */
  label?: string[];
  hostLabel?: string[];
  state?: ContainerState[];
  health?: ContainerHealth[];
  image?: string;
  q?: string;
  sort?: ContainerSort;
  order?: 'asc' | 'desc';
  cursor?: string;
  limit?: number;
};

/** GET /api/v1/containers — filtered, sorted, one page (repeatable parameters are sent repeated). */
export function listContainers(
  api: ApiClient,
  query: ContainerQuery,
  signal?: AbortSignal,
): Promise<Page<Container>> {
  const { label = [], hostLabel = [], state = [], health = [], ...single } = query;
  const repeated = [
    ...label.map((value) => ['label', value]),
    ...hostLabel.map((value) => ['hostLabel', value]),
    ...(state.length ? [['state', state.join(',')]] : []),
    ...(health.length ? [['health', health.join(',')]] : []),
  ];
  const search = new URLSearchParams(repeated);
  for (const [key, value] of Object.entries({ limit: 200, ...single })) {
    if (value !== undefined && value !== '') search.set(key, String(value));
  }
  return api.request({ path: `/api/v1/containers?${search}`, schema: pageSchema(ZContainerSchema), signal });
}

export const ZContainerDetailSchema = ZContainerSchema.omit({ current: true }).extend({
  imageId: z.string(),
  finishedAt: z.string().nullable(),
  exitCode: z.number().nullable(),
  updatedAt: z.string(),
  latest: z
    .object({
      ts: z.string(),
      cpuPct: z.number(),
      memBytes: z.number(),
      memLimit: z.number(),
      pids: z.number(),
    })
    .nullable(),
});
export type ContainerDetail = z.infer<typeof ZContainerDetailSchema>;

export type ContainerRef = { hostId: string; containerId: string };

function containerPath({ hostId, containerId }: ContainerRef): string {
  return `/api/v1/hosts/${encodeURIComponent(hostId)}/containers/${encodeURIComponent(containerId)}`;
}

/** The console's page of a container. */
export function containerHref({ hostId, containerId }: ContainerRef): string {
  return `/hosts/${encodeURIComponent(hostId)}/containers/${encodeURIComponent(containerId)}`;
}

/** GET /api/v1/hosts/:hostId/containers/:containerId */
export function getContainer(api: ApiClient, ref: ContainerRef): Promise<ContainerDetail> {
  return api.request({ path: containerPath(ref), schema: ZContainerDetailSchema });
}

export const ZCreatedEnrolmentSchema = z.object({
  token: z.object({ id: z.string(), expiresAt: z.string() }),
  /** The one line a person pastes on the host; it embeds the token's secret (shown once). */
  installCommand: z.string(),
});
export type CreatedEnrolment = z.infer<typeof ZCreatedEnrolmentSchema>;

/** POST /api/v1/enrolment-tokens — a 24-hour token for the empty fleet's install command. */
export function createEnrolment(api: ApiClient): Promise<CreatedEnrolment> {
  return api.request({
    method: 'POST',
    path: '/api/v1/enrolment-tokens',
    body: { name: 'Console install command', expiresAt: new Date(Date.now() + 86_400_000).toISOString() },
    schema: ZCreatedEnrolmentSchema,
  });
}

const column = z.array(z.number().nullable());
const window = {
  resolution: z.enum(['raw', '1m', '1h']),
  stepSeconds: z.number(),
  t: z.array(z.number()),
};

export const ZContainerMetricsSchema = z.object({
  ...window,
  cpu: column,
  memory: column,
  memoryLimit: column,
  netRx: column,
  netTx: column,
  blkRead: column,
  blkWrite: column,
});
export type ContainerMetrics = z.infer<typeof ZContainerMetricsSchema>;

export const ZHostMetricsSchema = z.object({
  ...window,
  cpu: column,
  load1: column,
  memUsed: column,
  memTotal: column,
  diskUsed: column,
  diskTotal: column,
  netRx: column,
  netTx: column,
});
export type HostMetrics = z.infer<typeof ZHostMetricsSchema>;

/**
 * The query of a chart request: the last `range` ending now, or (live tail) raw rows since
 * `since` (epoch ms, exclusive on the caller's side).
 */
export type MetricsWindow = { range: TimeRange } | { since: number };

function metricsQuery(window: MetricsWindow): Record<string, string> {
  const to = Date.now();
  if ('since' in window) {
    return { from: new Date(window.since).toISOString(), to: new Date(to).toISOString(), resolution: 'raw' };
  }
  return { from: new Date(to - TIME_RANGE_MS[window.range]).toISOString(), to: new Date(to).toISOString() };
}

/** GET …/containers/:id/metrics — the API picks raw, 1-minute or 1-hour rows by span. */
export function getContainerMetrics(
  api: ApiClient,
  ref: ContainerRef,
  window: MetricsWindow,
  signal?: AbortSignal,
): Promise<ContainerMetrics> {
  return api.request({
    path: `${containerPath(ref)}/metrics`,
    query: metricsQuery(window),
    schema: ZContainerMetricsSchema,
    signal,
  });
}

/** GET /api/v1/hosts/:id/metrics */
export function getHostMetrics(
  api: ApiClient,
  hostId: string,
  window: MetricsWindow,
  signal?: AbortSignal,
): Promise<HostMetrics> {
  return api.request({
    path: `/api/v1/hosts/${encodeURIComponent(hostId)}/metrics`,
    query: metricsQuery(window),
    schema: ZHostMetricsSchema,
    signal,
  });
}

export const ZLogLineSchema = z.object({
  ts: z.string(),
  stream: z.enum(['stdout', 'stderr']),
  line: z.string(),
  /** > 0: that many lines dropped by the agent here (line is empty). */
  dropped: z.number(),
});
export type StoredLogLine = z.infer<typeof ZLogLineSchema>;

/** GET …/logs — the newest stored lines of the last 24 hours (newest first). */
export function listContainerLogs(
  api: ApiClient,
  ref: ContainerRef,
  signal?: AbortSignal,
): Promise<Page<StoredLogLine>> {
  return api.request({
    path: `${containerPath(ref)}/logs`,
    query: { order: 'desc', limit: 1000 },
    schema: pageSchema(ZLogLineSchema),
    signal,
  });
}

/** …/logs?follow=1 — live lines as Server-Sent Events (`lines`, then `end`). */
export function containerLogsFollowUrl(ref: ContainerRef, tail = 0): string {
  return `${containerPath(ref)}/logs?follow=1&tail=${tail}`;
}

export const ZLiveLogLinesSchema = z.object({
  lines: z.array(
    z.object({
      ts: z.string(),
      stream: z.enum(['stdout', 'stderr']),
      line: z.string().optional(),
      dropped: z.number().optional(),
      reason: z.string().optional(),
    }),
  ),
});

/** GET /api/v1/events?hostId&containerId — a container's events of the last 7 days, newest first. */
export function listContainerEvents(
  api: ApiClient,
  ref: ContainerRef,
  signal?: AbortSignal,
): Promise<Page<FleetEvent>> {
  const to = Date.now();
  return api.request({
    path: '/api/v1/events',
    query: {
      hostId: ref.hostId,
      containerId: ref.containerId,
      from: new Date(to - TIME_RANGE_MS['7d']).toISOString(),
      to: new Date(to).toISOString(),
      limit: 100,
    },
    schema: pageSchema(ZFleetEventSchema),
    signal,
  });
}

export const CONTAINER_VERBS = ['start', 'stop', 'restart', 'pause', 'unpause', 'kill'] as const;
export type ContainerVerb = (typeof CONTAINER_VERBS)[number];

export const ZActionSchema = z.object({
  id: z.string(),
  verb: z.string(),
  status: z.enum(ACTION_STATUSES),
  output: z.string().nullable(),
  durationMs: z.number().nullable(),
});
export type Action = z.infer<typeof ZActionSchema>;

/** POST …/actions — queues a verb (202 with the action, `queued`). */
export function requestContainerAction(
  api: ApiClient,
  ref: ContainerRef,
  verb: ContainerVerb,
): Promise<Action> {
  return api.request({
    method: 'POST',
    path: `${containerPath(ref)}/actions`,
    body: { verb },
    schema: ZActionSchema,
  });
}

/** POST /api/v1/hosts/:hostId/actions — `update` installs the agent version Berth ships. */
export function requestAgentUpdate(api: ApiClient, hostId: string): Promise<Action> {
  return api.request({
    method: 'POST',
    path: `/api/v1/hosts/${encodeURIComponent(hostId)}/actions`,
    body: { verb: 'update' },
    schema: ZActionSchema,
  });
}

/** GET /api/v1/actions/:id */
export function getAction(api: ApiClient, actionId: string, signal?: AbortSignal): Promise<Action> {
  return api.request({
    path: `/api/v1/actions/${encodeURIComponent(actionId)}`,
    schema: ZActionSchema,
    signal,
  });
}
