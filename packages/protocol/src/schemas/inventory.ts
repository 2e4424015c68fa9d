import * as z from 'zod/mini';
import { LIMITS } from '../limits.js';
import {
  boundedInt,
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

const port = boundedInt(1, 65_535);

export const ZPortSchema = z.object({
  privatePort: port,
  publicPort: z.optional(port),
  type: z.enum(['tcp', 'udp', 'sctp']),
  /** Host address the port is published on (IPv4 or IPv6). */
  ip: z.optional(z.string().check(z.maxLength(45), z.regex(/^[0-9a-fA-F.:]+$/, 'expected an IP address'))),
});
export type Port = z.infer<typeof ZPortSchema>;

/**
 * The local image's platform as the engine reports it (`docker image inspect`: Os, Architecture,
 * Variant), so an update check of a multi-arch tag compares the child for this platform.
 */
export const ZImagePlatformSchema = z.object({
  os: boundedText(64, 1),
  architecture: boundedText(64, 1),
  variant: z.optional(boundedText(64, 1)),
});
export type ImagePlatform = z.infer<typeof ZImagePlatformSchema>;

/** `repo@sha256:<64 hex>`: what the engine recorded when the image was pulled or pushed. */
export const ZRepoDigestSchema = boundedText(1024, 1).check(
  z.regex(/@sha256:[0-9a-f]{64}$/, 'expected repo@sha256:<64 hex>'),
);

export const ZInventoryContainerSchema = z.object({
  id: ZFullContainerIdSchema,
  /** Without Docker's leading "/". */
  name: boundedText(256, 1),
  /** The reference the container was created from, e.g. "nginx:1.27" or "repo@sha256:…". */
  image: boundedText(1024),
  imageId: ZImageIdSchema,
  labels: ZLabelsSchema,
  state: ZContainerStateSchema,
  health: ZContainerHealthSchema,
  restartCount: ZCountSchema,
  ports: z.array(ZPortSchema).check(z.maxLength(LIMITS.maxPortsPerContainer)),
  createdAt: ZTimestampSchema,
  /** Null when never started (Docker's "0001-01-01T00:00:00Z"). */
  startedAt: z.nullable(ZTimestampSchema),
  finishedAt: z.nullable(ZTimestampSchema),
  exitCode: z.nullable(ZExitCodeSchema),
  /**
   * The local image's `RepoDigests` (issue 17; added within v1, so older agents omit it and the
   * gateway stores NULL = unknown). Empty for a locally built or imported image.
   */
  repoDigests: z.optional(z.array(ZRepoDigestSchema).check(z.maxLength(LIMITS.maxRepoDigests))),
  /** The local image's platform (issue 17; optional like `repoDigests`). */
  platform: z.optional(ZImagePlatformSchema),
});
export type InventoryContainer = z.infer<typeof ZInventoryContainerSchema>;

/**
 * Container inventory. `full: true` is the complete list (anything the gateway knows that is not
 * listed is gone); `full: false` lists only containers that changed, plus `removed` short ids.
 */
export const ZInventorySchema = z.object({
  full: z.boolean(),
  containers: z.array(ZInventoryContainerSchema).check(z.maxLength(LIMITS.maxItemsPerBatch)),
  removed: z.array(ZShortContainerIdSchema).check(z.maxLength(LIMITS.maxItemsPerBatch)),
});
export type Inventory = z.infer<typeof ZInventorySchema>;
