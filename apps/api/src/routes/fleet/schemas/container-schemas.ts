import { z } from 'zod';
import { ZLabelsResponseSchema } from './common-schemas.js';

export const CONTAINER_STATES = [
  'created',
  'running',
  'paused',
  'restarting',
  'removing',
  'exited',
  'dead',
] as const;
export const CONTAINER_HEALTH = ['none', 'starting', 'healthy', 'unhealthy'] as const;
export const ZContainerStateSchema = z.enum(CONTAINER_STATES);
export const ZContainerHealthSchema = z.enum(CONTAINER_HEALTH);

/** A list item: inventory plus the current reading (newest 1-minute bucket of the last ~3 minutes). */
export const ZContainerSummarySchema = z.object({
  hostId: z.uuid(),
  hostName: z.string(),
  containerId: z.string(),
  dockerId: z.string(),
  name: z.string(),
  image: z.string(),
  labels: ZLabelsResponseSchema,
  state: ZContainerStateSchema,
  health: ZContainerHealthSchema,
  restartCount: z.number(),
  createdAt: z.iso.datetime(),
  startedAt: z.iso.datetime().nullable(),
  removedAt: z.iso.datetime().nullable(),
  current: z
    .object({ sampledAt: z.iso.datetime(), cpuPct: z.number(), memBytes: z.number(), memLimit: z.number() })
    .nullable(),
});

export const ZContainerSampleSchema = z.object({
  ts: z.iso.datetime(),
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

export const ZContainerDetailSchema = z.object({
  hostId: z.uuid(),
  hostName: z.string(),
  containerId: z.string(),
  dockerId: z.string(),
  name: z.string(),
  image: z.string(),
  imageId: z.string(),
  labels: ZLabelsResponseSchema,
  state: ZContainerStateSchema,
  health: ZContainerHealthSchema,
  restartCount: z.number(),
  ports: z.unknown(),
  createdAt: z.iso.datetime(),
  startedAt: z.iso.datetime().nullable(),
  finishedAt: z.iso.datetime().nullable(),
  exitCode: z.number().nullable(),
  removedAt: z.iso.datetime().nullable(),
  updatedAt: z.iso.datetime(),
  /** The newest raw sample, whatever its age (null: never sampled). */
  latest: ZContainerSampleSchema.nullable(),
});
