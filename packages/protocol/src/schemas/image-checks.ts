import * as z from 'zod/mini';
import { LIMITS } from '../limits.js';
import { ZImagePlatformSchema, ZRepoDigestSchema } from './inventory.js';
import { boundedInt, boundedText, ZCountSchema, ZUuidSchema } from './primitives.js';

/** `sha256:<64 hex>`. */
const ZDigestSchema = z.string().check(z.regex(/^sha256:[0-9a-f]{64}$/, 'expected sha256:<64 hex>'));

/** Image references checked per `image_check` frame. */
export const MAX_IMAGE_CHECKS_PER_FRAME = 100;

/**
 * Index digests the agent resolves per item at most (one GET each): the rest wait for the next
 * check, which the gateway makes due at once (docs/image-updates.md, "Per platform").
 */
export const MAX_INDEX_RESOLVES_PER_ITEM = 8;

/**
 * A digest the organisation's containers on this reference run (or the tag's last one), with its
 * child for the item's platform when the gateway already knows it (`null`: not an index, or none
 * for the platform). Without `platformDigest` the agent resolves it.
 */
export const ZFleetDigestSchema = z.object({
  digest: ZDigestSchema,
  platformDigest: z.optional(z.nullable(ZDigestSchema)),
});
export type FleetDigest = z.infer<typeof ZFleetDigestSchema>;

/** One image reference to check on one platform, with the local digests to compare against. */
export const ZImageCheckItemSchema = z.object({
  /** The gateway's id for this (reference, platform); echoed in the result. */
  id: ZUuidSchema,
  image: boundedText(1024, 1),
  repoDigests: z.array(ZRepoDigestSchema).check(z.maxLength(LIMITS.maxRepoDigests)),
  platform: ZImagePlatformSchema,
  /**
   * Added within v1 (older agents ignore it): the digests every live container of the
   * organisation on this reference and platform runs, so that one host's check gives every
   * container its verdict.
   */
  fleetDigests: z.optional(z.array(ZFleetDigestSchema).check(z.maxLength(LIMITS.maxRepoDigests))),
});
export type ImageCheckItem = z.infer<typeof ZImageCheckItemSchema>;

/**
 * Credentials for one registry (`docker.io`, `registry.example.com:5000`), stored per organisation
 * and sent only with checks of references on that registry. The agent keeps them in memory for
 * the request alone.
 */
export const ZRegistryLoginSchema = z.object({
  registry: boundedText(255, 1),
  username: boundedText(256, 1),
  password: boundedText(4096, 1),
});
export type RegistryLogin = z.infer<typeof ZRegistryLoginSchema>;

/**
 * gateway→agent (only to agents with the `image_check` capability): check these references
 * against their registries without pulling (docs/image-updates.md). The agent answers with one
 * `image_check_result` carrying every item.
 */
export const ZImageCheckFrameSchema = z.object({
  type: z.literal('image_check'),
  requestId: ZUuidSchema,
  items: z.array(ZImageCheckItemSchema).check(z.minLength(1), z.maxLength(MAX_IMAGE_CHECKS_PER_FRAME)),
  /** Credentials of the registries these items need, when the organisation stored any. */
  credentials: z.optional(z.array(ZRegistryLoginSchema).check(z.maxLength(MAX_IMAGE_CHECKS_PER_FRAME))),
});
export type ImageCheckFrame = z.infer<typeof ZImageCheckFrameSchema>;

export const IMAGE_CHECK_STATUSES = [
  'up_to_date',
  'update_available',
  'no_local_digest',
  'pinned',
  'error',
] as const;
export const ZImageCheckStatusSchema = z.enum(IMAGE_CHECK_STATUSES);
export type ImageCheckStatus = z.infer<typeof ZImageCheckStatusSchema>;

const ZTagSchema = boundedText(128, 1);

export const ZImageCheckOutcomeSchema = z.object({
  id: ZUuidSchema,
  status: ZImageCheckStatusSchema,
  /** The tag's current digest (the HEAD's `Docker-Content-Digest`). */
  remoteDigest: z.optional(ZDigestSchema),
  /** For a multi-arch tag, the index child for the item's platform, when it was needed. */
  platformDigest: z.optional(ZDigestSchema),
  /** Newest patch / minor / major tag of the same family (a semantic-version tag only). */
  newest: z.optional(
    z.object({ patch: z.optional(ZTagSchema), minor: z.optional(ZTagSchema), major: z.optional(ZTagSchema) }),
  ),
  /** Docker Hub's pull quota as the check saw it. */
  rateLimit: z.optional(z.object({ limit: ZCountSchema, remaining: ZCountSchema })),
  /**
   * Added within v1: index digests this check resolved to their child for the item's platform
   * (`null`: not an index the registry has, or no child for the platform). Digests are
   * immutable, so the gateway keeps these and never sends them to be resolved again.
   */
  platformChildren: z.optional(
    z
      .array(z.object({ digest: ZDigestSchema, platformDigest: z.nullable(ZDigestSchema) }))
      .check(z.maxLength(LIMITS.maxRepoDigests + MAX_INDEX_RESOLVES_PER_ITEM + 1)),
  ),
  /** Registry requests made (token requests aside). */
  requests: z.optional(z.object({ head: boundedInt(0, 100), get: boundedInt(0, 100) })),
  /** The registry error's code and message (never credentials) when `status` is `error`. */
  error: z.optional(boundedText(LIMITS.maxErrorMessageBytes)),
});
export type ImageCheckOutcome = z.infer<typeof ZImageCheckOutcomeSchema>;

/** agent→gateway: the answer to one `image_check` (sent only in reply to one). */
export const ZImageCheckResultFrameSchema = z.object({
  type: z.literal('image_check_result'),
  requestId: ZUuidSchema,
  results: z.array(ZImageCheckOutcomeSchema).check(z.maxLength(MAX_IMAGE_CHECKS_PER_FRAME)),
});
export type ImageCheckResultFrame = z.infer<typeof ZImageCheckResultFrameSchema>;
