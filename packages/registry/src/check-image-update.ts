import type { ManifestHead } from './head-manifest.js';
import { getManifest, headManifest } from './head-manifest.js';
import type { ImageReference } from './image-reference.js';
import { parseImageReference } from './image-reference.js';
import { isIndexMediaType } from './manifest-media-types.js';
import type { RateLimit } from './rate-limit.js';
import type { RegistryClient, RepositoryTarget } from './registry-client.js';
import { RegistryError } from './registry-error.js';
import type { Platform } from './select-platform.js';
import { selectPlatformDigest, ZImageIndexSchema } from './select-platform.js';

export type ImageUpdateCheckInput = {
  /** The reference the container was created from (`nginx:1.27`, `reg:5000/team/app`). */
  image: string;
  /** `RepoDigests` of the container's local image (`repo@sha256:…`, any repositories). */
  repoDigests: readonly string[];
  platform: Platform;
};

type Checked = {
  reference: ImageReference;
  remoteDigest: string;
  /** The index child for the container's platform, when the tag is multi-arch and it was needed. */
  platformDigest?: string;
  rateLimit: RateLimit | undefined;
  /** Registry requests this check made (token requests aside): quota is counted in these. */
  requests: { head: number; get: number };
};

export type ImageUpdateCheck =
  | { status: 'pinned'; reference: ImageReference }
  | { status: 'no_local_digest'; reference: ImageReference }
  | (Checked & { status: 'up_to_date'; matchedBy: 'digest' | 'platform' })
  | (Checked & { status: 'update_available' })
  | (Checked & { status: 'platform_missing' });

/** The digests of the local image recorded for the reference's own registry and repository. */
function localDigests(reference: ImageReference, repoDigests: readonly string[]): Set<string> {
  const digests = new Set<string>();
  for (const repoDigest of repoDigests) {
    try {
      const parsed = parseImageReference(repoDigest);
      if (
        parsed.registry === reference.registry &&
        parsed.repository === reference.repository &&
        parsed.digest
      )
        digests.add(parsed.digest);
    } catch {
      // A repo digest Docker wrote that we cannot parse is simply not evidence for this repository.
    }
  }
  return digests;
}

async function platformChild(
  client: RegistryClient,
  target: RepositoryTarget,
  indexDigest: string,
  platform: Platform,
): Promise<string | undefined> {
  const { body } = await getManifest(client, target, indexDigest);
  const index = ZImageIndexSchema.safeParse(body);
  if (!index.success)
    throw new RegistryError('bad_response', `${target.registry} returned a malformed index ${indexDigest}`, {
      registry: target.registry,
    });
  return selectPlatformDigest(index.data, platform);
}

/**
 * Whether a tag moved away from what the container runs, without pulling: one HEAD for the tag;
 * when the tag is a multi-arch index the container's image did not come from, a GET of that index
 * for the platform's child; when the child differs too, a GET of the index the container came
 * from (if the registry still has it) so a rebuild of other platforms only is not an update.
 */
export async function checkImageUpdate(
  client: RegistryClient,
  input: ImageUpdateCheckInput,
): Promise<ImageUpdateCheck> {
  const reference = parseImageReference(input.image);
  if (reference.digest) return { status: 'pinned', reference };
  const local = localDigests(reference, input.repoDigests);
  if (local.size === 0) return { status: 'no_local_digest', reference };
  const target = { registry: reference.registry, repository: reference.repository };
  const requests = { head: 1, get: 0 };
  const head: ManifestHead = await headManifest(client, target, reference.tag ?? 'latest');
  const checked = { reference, remoteDigest: head.digest, rateLimit: head.rateLimit, requests };
  if (local.has(head.digest)) return { ...checked, status: 'up_to_date', matchedBy: 'digest' };
  if (!isIndexMediaType(head.mediaType)) return { ...checked, status: 'update_available' };
  requests.get += 1;
  const platformDigest = await platformChild(client, target, head.digest, input.platform);
  if (!platformDigest) return { ...checked, status: 'platform_missing' };
  const withChild = { ...checked, platformDigest };
  if (local.has(platformDigest)) return { ...withChild, status: 'up_to_date', matchedBy: 'platform' };
  for (const digest of local) {
    requests.get += 1;
    const previous = await platformChild(client, target, digest, input.platform).catch((error: unknown) => {
      // The old index may be gone or may not be an index; then only the new one counts.
      if (error instanceof RegistryError && (error.code === 'not_found' || error.code === 'bad_response'))
        return undefined;
      throw error;
    });
    if (previous === platformDigest) return { ...withChild, status: 'up_to_date', matchedBy: 'platform' };
  }
  return { ...withChild, status: 'update_available' };
}
