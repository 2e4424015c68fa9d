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

/** An index digest with its child for the check's platform: `null` none, absent not known yet. */
export type FleetDigest = { digest: string; platformDigest?: string | null };

/** What one index digest resolved to for the check's platform (`null`: no child to compare). */
export type PlatformChild = { digest: string; platformDigest: string | null };

export type ImageUpdateCheckInput = {
  /** The reference the container was created from (`nginx:1.27`, `reg:5000/team/app`). */
  image: string;
  /** `RepoDigests` of the container's local image (`repo@sha256:…`, any repositories). */
  repoDigests: readonly string[];
  platform: Platform;
  /**
   * Digests other containers on this reference run (bare `sha256:…`), with their platform child
   * when already known. Unknown ones are resolved (a GET each, at most `maxResolves`) when the
   * tag is an index, so every container can be judged by its own platform child.
   */
  fleetDigests?: readonly FleetDigest[];
  /** Unknown fleet digests resolved per check at most (default 8). */
  maxResolves?: number;
};

type Checked = {
  reference: ImageReference;
  remoteDigest: string;
  /** The index child for the container's platform, when the tag is multi-arch and it is known. */
  platformDigest?: string;
  rateLimit: RateLimit | undefined;
  /** Registry requests this check made (token requests aside): quota is counted in these. */
  requests: { head: number; get: number };
  /** Index digests this check resolved (GETs made), to be remembered: digests are immutable. */
  platformChildren: PlatformChild[];
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
 * Platform children by index digest: what the caller already knew, else one GET (hash-checked)
 * whose answer is recorded. `strict`: the tag's own index, whose failure is the check's; any
 * other digest may be gone or not be an index, and then has no child (`null`).
 */
class PlatformChildren {
  readonly #known = new Map<string, string | null>();
  readonly resolved: PlatformChild[] = [];

  constructor(
    private readonly client: RegistryClient,
    private readonly target: RepositoryTarget,
    private readonly platform: Platform,
    private readonly requests: { get: number },
    known: readonly FleetDigest[],
  ) {
    for (const { digest, platformDigest } of known)
      if (platformDigest !== undefined) this.#known.set(digest, platformDigest);
  }

  has(digest: string): boolean {
    return this.#known.has(digest);
  }

  known(digest: string): string | null | undefined {
    return this.#known.get(digest);
  }

  async of(digest: string, strict: boolean): Promise<string | null> {
    const known = this.#known.get(digest);
    if (known !== undefined) return known;
    this.requests.get += 1;
    const child = await platformChild(this.client, this.target, digest, this.platform).catch(
      (error: unknown) => {
        if (!strict && error instanceof RegistryError && ['not_found', 'bad_response'].includes(error.code))
          return undefined;
        throw error;
      },
    );
    this.#known.set(digest, child ?? null);
    this.resolved.push({ digest, platformDigest: child ?? null });
    return child ?? null;
  }
}

/**
 * Whether a tag moved away from what the container runs, without pulling: one HEAD for the tag.
 * When the tag is a multi-arch index: its child for the platform (a GET of the index, unless
 * known), the index the container came from when the child differs (if the registry still has
 * it) so a rebuild of other platforms only is not an update, and the fleet's unknown indexes
 * (at most `maxResolves`), each GET made once ever since the caller keeps the answers.
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
  const children = new PlatformChildren(client, target, input.platform, requests, input.fleetDigests ?? []);
  const head: ManifestHead = await headManifest(client, target, reference.tag ?? 'latest');
  const checked = {
    reference,
    remoteDigest: head.digest,
    rateLimit: head.rateLimit,
    requests,
    platformChildren: children.resolved,
  };
  const current = local.has(head.digest);
  if (!isIndexMediaType(head.mediaType))
    return current
      ? { ...checked, status: 'up_to_date', matchedBy: 'digest' }
      : { ...checked, status: 'update_available' };
  const unknown = (input.fleetDigests ?? [])
    .filter(({ digest }) => digest !== head.digest && !children.has(digest))
    .slice(0, input.maxResolves ?? 8);
  // On the tag's index with nothing else to judge: the HEAD alone answers (child if known).
  const platformDigest =
    current && unknown.length === 0 ? children.known(head.digest) : await children.of(head.digest, true);
  for (const { digest } of unknown) await children.of(digest, false);
  if (current)
    return {
      ...checked,
      ...(platformDigest ? { platformDigest } : {}),
      status: 'up_to_date',
      matchedBy: 'digest',
    };
  if (!platformDigest) return { ...checked, status: 'platform_missing' };
  const withChild = { ...checked, platformDigest };
  if (local.has(platformDigest)) return { ...withChild, status: 'up_to_date', matchedBy: 'platform' };
  for (const digest of local)
    if ((await children.of(digest, false)) === platformDigest)
      return { ...withChild, status: 'up_to_date', matchedBy: 'platform' };
  return { ...withChild, status: 'update_available' };
}
