import type { ImagePlatform } from '@berth/protocol';
import { LIMITS, ZRepoDigestSchema } from '@berth/protocol';
import type { ImageInspect } from './engine-client/engine-types.js';

/** What an image update check needs of a container's local image (docs/image-updates.md). */
export type ImageFacts = { repoDigests: string[]; platform?: ImagePlatform };

const PLATFORM_PART = /^[a-z0-9._-]{1,64}$/i;

/**
 * The local image's `RepoDigests` and platform, kept to what the protocol accepts: a repo digest
 * the engine wrote in another form is dropped rather than making the container invalid.
 */
export function toImageFacts(image: ImageInspect): ImageFacts {
  const repoDigests = (image.RepoDigests ?? [])
    .filter((digest) => ZRepoDigestSchema.safeParse(digest).success)
    .sort()
    .slice(0, LIMITS.maxRepoDigests);
  const os = image.Os ?? '';
  const architecture = image.Architecture ?? '';
  if (!PLATFORM_PART.test(os) || !PLATFORM_PART.test(architecture)) return { repoDigests };
  const variant = image.Variant && PLATFORM_PART.test(image.Variant) ? image.Variant : undefined;
  return { repoDigests, platform: { os, architecture, ...(variant ? { variant } : {}) } };
}
