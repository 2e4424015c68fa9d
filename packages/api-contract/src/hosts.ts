import { z } from 'zod';
import { ZGroupFilterSchema } from './group-refs.js';
import { pageSchema, ZPageQuerySchema } from './paging.js';
import {
  listParam,
  ZIsoDateSchema,
  ZLabelSelectorsSchema,
  ZLabelsResponseSchema,
  ZLabelsSchema,
  ZUuidSchema,
} from './primitives.js';

/** Containers not removed, by state. */
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

/** The newest raw host sample of the last 24 hours (null: none). */
export const ZHostReadingSchema = z.object({
  ts: ZIsoDateSchema,
  cpuPct: z.number(),
  load1: z.number(),
  memUsed: z.number(),
  memTotal: z.number(),
  diskUsed: z.number(),
  diskTotal: z.number(),
});

export const HOST_STATUSES = ['pending', 'online', 'offline'] as const;

export const ZHostSchema = z.object({
  id: ZUuidSchema,
  name: z.string(),
  hostname: z.string(),
  labels: ZLabelsResponseSchema,
  /** The connection state; a revoked host also has `revokedAt` and never reconnects. */
  status: z.enum(HOST_STATUSES),
  revokedAt: ZIsoDateSchema.nullable(),
  lastSeenAt: ZIsoDateSchema.nullable(),
  agentVersion: z.string().nullable(),
  /** The agent version hosts should run (BERTH_AGENT_VERSION, announced to agents in welcome). */
  latestAgentVersion: z.string(),
  /** `agentVersion` is known and older than `latestAgentVersion`: an admin may run `update`. */
  agentUpdateAvailable: z.boolean(),
  os: z.string().nullable(),
  kernel: z.string().nullable(),
  arch: z.string().nullable(),
  cpus: z.number().nullable(),
  memTotal: z.number().nullable(),
  dockerVersion: z.string().nullable(),
  /** `actions`, `logs`, `live_logs`, `self_update`, `read_only` (the agent's hello). */
  capabilities: z.array(z.string()),
  enrollmentTokenId: ZUuidSchema.nullable(),
  createdAt: ZIsoDateSchema,
  containers: ZContainerCountsSchema,
  latest: ZHostReadingSchema.nullable(),
});
export type Host = z.infer<typeof ZHostSchema>;
export const ZHostPageSchema = pageSchema(ZHostSchema);

/**
 * One host (GET /api/v1/hosts/:hostId) with the state of its checks config (docs/checks.md):
 * the version Berth last pushed (bumped by every change to the host's check definitions or
 * auto-restart policies; 0 when none were ever defined) and the newest version its agent
 * acknowledged having applied, with when.
 */
export const ZHostDetailSchema = ZHostSchema.extend({
  configVersion: z.number().int().min(0),
  configAckedVersion: z.number().int().min(0),
  configAckedAt: ZIsoDateSchema.nullable(),
});
export type HostDetail = z.infer<typeof ZHostDetailSchema>;

export const ZListHostsQuerySchema = ZPageQuerySchema.extend({
  /** online, offline, pending (not revoked), or revoked; repeatable. */
  status: listParam([...HOST_STATUSES, 'revoked']),
  /** `key=value` or `key` on the host's labels; repeatable (all must match). */
  label: ZLabelSelectorsSchema,
  /** Substring of the name or hostname. */
  q: z.string().min(1).max(200).optional(),
  /** A container group id; repeatable: hosts running a member of any of them. */
  group: ZGroupFilterSchema,
});

/** The hosts list's sort key: (name, id). */
export const ZHostCursorSchema = z.tuple([z.string(), ZUuidSchema]);

export const ZRenameHostSchema = z.object({ name: z.string().trim().min(1).max(100) });
export const ZSetHostLabelsSchema = z.object({ labels: ZLabelsSchema });

export const ZDeletedHostSchema = z.object({
  hostId: ZUuidSchema,
  /** Rows removed per table (time series, alerts, the host row). */
  rows: z.record(z.string(), z.number()),
});
export type DeletedHost = z.infer<typeof ZDeletedHostSchema>;
