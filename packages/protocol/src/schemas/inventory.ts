import { z } from 'zod';
import { LIMITS } from '../limits.js';
import {
  boundedRecord,
  boundedText,
  ZCountSchema,
  ZExitCodeSchema,
  ZFullContainerIdSchema,
  ZImageIdSchema,
  ZShortContainerIdSchema,
  ZTimestampSchema,
} from './primitives.js';

export const CONTAINER_STATES = [
  'created',
  'running',
  'paused',
  'restarting',
  'removing',
  'exited',
  'dead',
] as const;
export const ZContainerStateSchema = z.enum(CONTAINER_STATES);
export type ContainerState = z.infer<typeof ZContainerStateSchema>;

export const CONTAINER_HEALTH = ['none', 'starting', 'healthy', 'unhealthy'] as const;
export const ZContainerHealthSchema = z.enum(CONTAINER_HEALTH);
export type ContainerHealth = z.infer<typeof ZContainerHealthSchema>;

export const ZLabelsSchema = boundedRecord(
  LIMITS.maxLabels,
  LIMITS.maxLabelKeyBytes,
  LIMITS.maxLabelValueBytes,
);
export type Labels = z.infer<typeof ZLabelsSchema>;

const port = z.int().min(1).max(65_535);

export const ZPortSchema = z.object({
  privatePort: port,
  publicPort: port.optional(),
  type: z.enum(['tcp', 'udp', 'sctp']),
  /** Host address the port is published on (IPv4 or IPv6). */
  ip: z
    .string()
    .max(45)
    .regex(/^[0-9a-fA-F.:]+$/, 'expected an IP address')
    .optional(),
});
export type Port = z.infer<typeof ZPortSchema>;

export const ZInventoryContainerSchema = z.object({
  id: ZFullContainerIdSchema,
  /** Without Docker's leading "/". */
  name: boundedText(256).min(1),
  /** The reference the container was created from, e.g. "nginx:1.27" or "repo@sha256:…". */
  image: boundedText(1024),
  imageId: ZImageIdSchema,
  labels: ZLabelsSchema,
  state: ZContainerStateSchema,
  health: ZContainerHealthSchema,
  restartCount: ZCountSchema,
  ports: z.array(ZPortSchema).max(LIMITS.maxPortsPerContainer),
  createdAt: ZTimestampSchema,
  /** Null when never started (Docker's "0001-01-01T00:00:00Z"). */
  startedAt: ZTimestampSchema.nullable(),
  finishedAt: ZTimestampSchema.nullable(),
  exitCode: ZExitCodeSchema.nullable(),
});
export type InventoryContainer = z.infer<typeof ZInventoryContainerSchema>;

/**
 * Container inventory. `full: true` is the complete list (anything the gateway knows that is not
 * listed is gone); `full: false` lists only containers that changed, plus `removed` short ids.
 */
export const ZInventorySchema = z.object({
  full: z.boolean(),
  containers: z.array(ZInventoryContainerSchema).max(LIMITS.maxItemsPerBatch),
  removed: z.array(ZShortContainerIdSchema).max(LIMITS.maxItemsPerBatch),
});
export type Inventory = z.infer<typeof ZInventorySchema>;
