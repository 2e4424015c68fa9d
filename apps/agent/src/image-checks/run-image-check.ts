import type { ImageCheckItem, ImageCheckOutcome } from '@berth/protocol';
import { LIMITS, MAX_INDEX_RESOLVES_PER_ITEM } from '@berth/protocol';
import type { ImageUpdates, RegistryClient } from '@berth/registry';
import { findImageUpdates, RegistryError } from '@berth/registry';

/**
 * One item of an `image_check`: the registry's digest for the tag (a HEAD, no pull) compared with
 * the local digests the gateway sent, and for a version tag the newer tags of its family. A
 * registry failure is the item's `error`, never the frame's: the other items still count.
 */
export async function runImageCheck(
  client: RegistryClient,
  item: ImageCheckItem,
): Promise<ImageCheckOutcome> {
  try {
    return toOutcome(
      item.id,
      await findImageUpdates(client, { ...item, maxResolves: MAX_INDEX_RESOLVES_PER_ITEM }),
    );
  } catch (error) {
    const message =
      error instanceof RegistryError
        ? `${error.code}: ${error.message}`
        : `check failed: ${error instanceof Error ? error.message : String(error)}`;
    return { id: item.id, status: 'error', error: clip(message) };
  }
}

function toOutcome(id: string, updates: ImageUpdates): ImageCheckOutcome {
  const { check, versions } = updates;
  if (check.status === 'pinned' || check.status === 'no_local_digest') return { id, status: check.status };
  const measured = {
    remoteDigest: check.remoteDigest,
    ...(check.platformDigest ? { platformDigest: check.platformDigest } : {}),
    ...(check.rateLimit
      ? { rateLimit: { limit: check.rateLimit.limit, remaining: check.rateLimit.remaining } }
      : {}),
    requests: check.requests,
    ...(check.platformChildren.length > 0 ? { platformChildren: check.platformChildren } : {}),
    ...(versions && Object.keys(versions).length > 0 ? { newest: versions } : {}),
  };
  if (check.status === 'platform_missing')
    return { id, status: 'error', ...measured, error: 'the tag no longer has an image for this platform' };
  return { id, status: check.status, ...measured };
}

function clip(text: string): string {
  const bytes = new TextEncoder().encode(text);
  if (bytes.length <= LIMITS.maxErrorMessageBytes) return text;
  return new TextDecoder().decode(bytes.slice(0, LIMITS.maxErrorMessageBytes - 3)).replace(/\uFFFD$/, '');
}
