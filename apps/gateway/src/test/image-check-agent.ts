import type { ImageCheckItem, ImageCheckResultFrame, InventoryContainer } from '@berth/protocol';
import { MAX_INDEX_RESOLVES_PER_ITEM } from '@berth/protocol';
import { makeBatchFrame } from '@berth/protocol/testing';
import { createRegistryClient, credentialResolver, findImageUpdates, RegistryError } from '@berth/registry';
import type { FakeAgent } from './fake-agent.js';

/** A batch whose inventory is one running container of `image` with these repo digests. */
export function imageInventoryBatch(seq: number, image: string, repoDigests: string[], seed: number) {
  const frame = makeBatchFrame({ seq, containers: 1, logLinesPerContainer: 0, events: 0, seed });
  const container = frame.inventory?.containers[0] as InventoryContainer;
  const running: InventoryContainer = {
    ...container,
    image,
    state: 'running',
    repoDigests,
    platform: { os: 'linux', architecture: 'amd64' },
  };
  return { ...frame, inventory: { full: true, containers: [running], removed: [] } };
}

/**
 * What an agent does with `image_check` (apps/agent's image-checks, which the gateway cannot
 * import): the checks against the real registry with @berth/registry, answered in one frame.
 * Runs until `stop()`; counts the requests it received.
 */
export function serveImageChecks(agent: FakeAgent): {
  received: () => number;
  /** The credentials each request carried, in order. */
  logins: () => unknown[];
  /** The items of each request, in order. */
  items: () => ImageCheckItem[][];
  stop: () => void;
} {
  let received = 0;
  const logins: unknown[] = [];
  const items: ImageCheckItem[][] = [];
  let stopped = false;
  void (async () => {
    while (!stopped) {
      const frame = await agent.next('image_check', 120_000).catch(() => null);
      if (!frame || stopped) return;
      received += 1;
      logins.push(frame.credentials ?? null);
      items.push(frame.items);
      const explicit = Object.fromEntries(
        (frame.credentials ?? []).map(({ registry, username, password }) => [
          registry,
          { username, password },
        ]),
      );
      const client = createRegistryClient({ credentials: credentialResolver({ explicit }) });
      const results: ImageCheckResultFrame['results'] = [];
      for (const item of frame.items) {
        const found = await findImageUpdates(client, {
          ...item,
          maxResolves: MAX_INDEX_RESOLVES_PER_ITEM,
        }).catch((error: unknown) => {
          if (error instanceof RegistryError) return error;
          throw error;
        });
        if (found instanceof RegistryError) {
          results.push({ id: item.id, status: 'error', error: `${found.code}: ${found.message}` });
          continue;
        }
        const { check, versions } = found;
        if (check.status === 'pinned' || check.status === 'no_local_digest')
          results.push({ id: item.id, status: check.status });
        else
          results.push({
            id: item.id,
            status: check.status === 'platform_missing' ? 'error' : check.status,
            remoteDigest: check.remoteDigest,
            ...(check.platformDigest ? { platformDigest: check.platformDigest } : {}),
            requests: check.requests,
            ...(check.platformChildren.length > 0 ? { platformChildren: check.platformChildren } : {}),
            ...(versions ? { newest: versions } : {}),
          });
      }
      agent.send({ type: 'image_check_result', requestId: frame.requestId, results });
    }
  })();
  return {
    received: () => received,
    logins: () => logins,
    items: () => items,
    stop: () => {
      stopped = true;
    },
  };
}
