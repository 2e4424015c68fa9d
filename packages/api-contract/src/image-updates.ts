import { z } from 'zod';
import { ZHostIdSchema, ZIsoDateSchema, ZUuidSchema } from './primitives.js';
import { ZUpdatePolicySchema } from './update-policies.js';

/**
 * Image updates (issue 17, docs/image-updates.md): each image reference an organisation runs is
 * checked against its registry (a HEAD, no pull) by one host that runs it, once per interval.
 */

/** `null`: not checked yet. Per container, the check's digests decide by its own repo digests. */
export const IMAGE_UPDATE_STATUSES = [
  'up_to_date',
  'update_available',
  'no_local_digest',
  'pinned',
  'error',
] as const;
export const ZImageUpdateStatusSchema = z.enum(IMAGE_UPDATE_STATUSES);
export type ImageUpdateStatus = z.infer<typeof ZImageUpdateStatusSchema>;

export const ZListImageUpdatesQuerySchema = z.object({
  /** Only references with at least one container in this state (e.g. `update_available`). */
  status: ZImageUpdateStatusSchema.optional(),
});
export type ListImageUpdatesQuery = z.infer<typeof ZListImageUpdatesQuerySchema>;

export const ZImageUpdateContainerSchema = z.object({
  hostId: ZHostIdSchema,
  hostName: z.string(),
  /** 12-hex short id. */
  containerId: z.string(),
  name: z.string(),
  status: ZImageUpdateStatusSchema.nullable(),
  /** The update policy that applies to this container (resolveUpdatePolicy). */
  policy: ZUpdatePolicySchema,
  /** Which rule set that policy ("the databases category (block)"), as a 409 would say it. */
  policyReason: z.string(),
});
export type ImageUpdateContainer = z.infer<typeof ZImageUpdateContainerSchema>;

/** Newest tags of the running tag's family (semantic-version tags only). */
export const ZNewestVersionsSchema = z.object({
  patch: z.string().nullable(),
  minor: z.string().nullable(),
  major: z.string().nullable(),
});

export const ZImageUpdateSchema = z.object({
  id: ZUuidSchema,
  /** The reference containers were created from (`nginx:1.27`). */
  image: z.string(),
  /** `os/architecture[/variant]`. */
  platform: z.string(),
  /** The check's verdict for the digests of the host that ran it; null before the first check. */
  status: ZImageUpdateStatusSchema.nullable(),
  /** Containers on this reference whose own verdict is `update_available`. */
  outdated: z.number().int().min(0),
  /** The newest semver class available: patch < minor < major; null when none or not a version tag. */
  updateClass: z.enum(['patch', 'minor', 'major']).nullable(),
  newest: ZNewestVersionsSchema,
  error: z.string().nullable(),
  remoteDigest: z.string().nullable(),
  checkedAt: ZIsoDateSchema.nullable(),
  nextCheckAt: ZIsoDateSchema,
  /** Docker Hub's pull quota as the last check saw it (other registries: null). */
  rateLimit: z.object({ limit: z.number().int(), remaining: z.number().int() }).nullable(),
  containers: z.array(ZImageUpdateContainerSchema),
});
export type ImageUpdate = z.infer<typeof ZImageUpdateSchema>;

export const ZImageUpdateListSchema = z.object({ items: z.array(ZImageUpdateSchema) });
export type ImageUpdateList = z.infer<typeof ZImageUpdateListSchema>;

/** POST /api/v1/image-updates/check: make the check due now (one reference, or all). */
export const ZCheckImageUpdatesSchema = z.object({
  image: z.string().trim().min(1).max(1024).optional(),
});
export type CheckImageUpdates = z.infer<typeof ZCheckImageUpdatesSchema>;

export const ZCheckImageUpdatesResultSchema = z.object({
  /** References whose check is due now; hosts' gateways send them within a sweep (1 min). */
  scheduled: z.number().int().min(0),
});
export type CheckImageUpdatesResult = z.infer<typeof ZCheckImageUpdatesResultSchema>;

/** GET/PUT /api/v1/image-update-settings: how often each reference is checked in this organisation. */
export const ZImageUpdateSettingsSchema = z.object({
  /** Seconds between checks of one reference; null: the server's default (IMAGE_CHECK_INTERVAL_S, 6 h unless set). */
  checkIntervalS: z.number().int().nullable(),
  updatedAt: ZIsoDateSchema.nullable(),
});
export type ImageUpdateSettings = z.infer<typeof ZImageUpdateSettingsSchema>;

export const ZImageUpdateSettingsChangeSchema = z
  .object({
    checkIntervalS: z
      .int({ message: 'a whole number of seconds' })
      .min(300, 'at least 300 s (5 minutes)')
      .max(604_800, 'at most 604800 s (7 days)')
      .nullable(),
  })
  .strict();
export type ImageUpdateSettingsChange = z.infer<typeof ZImageUpdateSettingsChangeSchema>;
