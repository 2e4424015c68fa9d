import { CONTAINER_HEALTH, CONTAINER_STATES } from '@berth/protocol';
import { z } from 'zod';
import { ZGroupChipSchema, ZGroupFilterSchema } from './group-refs.js';
import { pageSchema, ZPageQuerySchema } from './paging.js';
import {
  listParam,
  ZFlagSchema,
  ZHostIdSchema,
  ZIsoDateSchema,
  ZLabelSelectorsSchema,
  ZLabelsResponseSchema,
  ZUuidSchema,
} from './primitives.js';

/** Docker's states and health as agents report them: the protocol's lists, not a second copy. */
export { CONTAINER_HEALTH, CONTAINER_STATES } from '@berth/protocol';
export const ZContainerStateSchema = z.enum(CONTAINER_STATES);
export const ZContainerHealthSchema = z.enum(CONTAINER_HEALTH);
export type ContainerState = z.infer<typeof ZContainerStateSchema>;
export type ContainerHealth = z.infer<typeof ZContainerHealthSchema>;

/** What every container shape starts with: where it runs, what it is, how it is doing. */
const ZContainerBaseSchema = z.object({
  hostId: ZUuidSchema,
  hostName: z.string(),
  containerId: z.string(),
  dockerId: z.string(),
  name: z.string(),
  image: z.string(),
  labels: ZLabelsResponseSchema,
  state: ZContainerStateSchema,
  health: ZContainerHealthSchema,
  restartCount: z.number(),
  createdAt: ZIsoDateSchema,
  startedAt: ZIsoDateSchema.nullable(),
  removedAt: ZIsoDateSchema.nullable(),
  /** The groups its host and name belong to, by name. */
  groups: z.array(ZGroupChipSchema),
});

/** A list item: inventory plus the current reading (newest 1-minute bucket of the last ~3 minutes). */
export const ZContainerSummarySchema = ZContainerBaseSchema.extend({
  current: z
    .object({ sampledAt: ZIsoDateSchema, cpuPct: z.number(), memBytes: z.number(), memLimit: z.number() })
    .nullable(),
});
export type ContainerSummary = z.infer<typeof ZContainerSummarySchema>;
export const ZContainerSummaryPageSchema = pageSchema(ZContainerSummarySchema);

export const ZContainerSampleSchema = z.object({
  ts: ZIsoDateSchema,
  cpuPct: z.number(),
  memBytes: z.number(),
  memLimit: z.number(),
  /** Cumulative counters since the container started (bytes). */
  netRx: z.number(),
  netTx: z.number(),
  blkRead: z.number(),
  blkWrite: z.number(),
  pids: z.number(),
});

/** A port as the agent reported it from Docker (stored as sent, already validated on ingest). */
export const ZContainerPortSchema = z.object({
  privatePort: z.number().int(),
  publicPort: z.number().int().optional(),
  type: z.enum(['tcp', 'udp', 'sctp']),
  /** Host address the port is published on. */
  ip: z.string().optional(),
});
export type ContainerPort = z.infer<typeof ZContainerPortSchema>;

export const ZContainerDetailSchema = ZContainerBaseSchema.extend({
  imageId: z.string(),
  ports: z.array(ZContainerPortSchema),
  finishedAt: ZIsoDateSchema.nullable(),
  exitCode: z.number().nullable(),
  updatedAt: ZIsoDateSchema,
  /** The newest raw sample, whatever its age (null: never sampled). */
  latest: ZContainerSampleSchema.nullable(),
});
export type ContainerDetail = z.infer<typeof ZContainerDetailSchema>;

export const CONTAINER_SORTS = ['name', 'cpu', 'memory', 'state', 'host', 'restarts'] as const;
export type ContainerSort = (typeof CONTAINER_SORTS)[number];

export const ZListContainersQuerySchema = ZPageQuerySchema.extend({
  hostId: ZHostIdSchema.optional(),
  /** `key=value` or `key` on the container's (Docker) labels; repeatable, all must match. */
  label: ZLabelSelectorsSchema,
  /** `key=value` or `key` on the host's labels; repeatable. */
  hostLabel: ZLabelSelectorsSchema,
  state: listParam(CONTAINER_STATES),
  health: listParam(CONTAINER_HEALTH),
  /** Substring of the image reference. */
  image: z.string().min(1).max(300).optional(),
  /** Substring of the container name. */
  q: z.string().min(1).max(200).optional(),
  includeRemoved: ZFlagSchema,
  /** A container group id; repeatable: members of any of them. */
  group: ZGroupFilterSchema,
  sort: z.enum(CONTAINER_SORTS).default('name'),
  /** Default: ascending for name, state and host; descending for cpu, memory and restarts. */
  order: z.enum(['asc', 'desc']).optional(),
});
