import type { ImageUpdateCheck, ImageUpdateCheckInput } from './check-image-update.js';
import { checkImageUpdate } from './check-image-update.js';
import type { TagUpdates } from './classify-tag-updates.js';
import { classifyTagUpdates, parseSemverTag } from './classify-tag-updates.js';
import type { ListTagsOptions } from './list-tags.js';
import { listTags } from './list-tags.js';
import type { RegistryClient } from './registry-client.js';

export type ImageUpdates = {
  check: ImageUpdateCheck;
  /** The running tag was rebuilt: same tag, new digest for this platform. */
  rebuild: boolean;
  /** Newer versions of the same family; absent when the tag is not a version (`latest`). */
  versions?: TagUpdates;
};

/**
 * The digest check, and for a version tag the tag list classified into patch/minor/major:
 * one HEAD (plus index GETs only for multi-arch tags that moved) and the tag list pages.
 */
export async function findImageUpdates(
  client: RegistryClient,
  input: ImageUpdateCheckInput,
  options: ListTagsOptions = {},
): Promise<ImageUpdates> {
  const check = await checkImageUpdate(client, input);
  const rebuild = check.status === 'update_available';
  const tag = check.reference.tag;
  if (check.status === 'pinned' || !tag || !parseSemverTag(tag)) return { check, rebuild };
  const target = { registry: check.reference.registry, repository: check.reference.repository };
  const tags = await listTags(client, target, options);
  const versions = classifyTagUpdates(tag, tags);
  return { check, rebuild, ...(versions ? { versions } : {}) };
}
