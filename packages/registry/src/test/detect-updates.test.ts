import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { LocalRegistry } from '@berth/test-docker';
import {
  dockerAvailability,
  dockerWithConfig,
  importTinyImage,
  registryAvailability,
  repoDigests,
  startRegistry,
} from '@berth/test-docker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkImageUpdate } from '../check-image-update.js';
import { createRegistryClient } from '../registry-client.js';

const registry = registryAvailability();
const docker = await dockerAvailability();
const skipReason = !registry.ok ? registry.reason : !docker.ok ? docker.reason : '';
const AMD64 = { os: 'linux', architecture: 'amd64' };

let local: LocalRegistry;
let configDir: string;
const images: string[] = [];

beforeAll(async () => {
  if (skipReason) return;
  local = await startRegistry();
  configDir = await mkdtemp(path.join(tmpdir(), 'berth-docker-config-'));
});
afterAll(async () => {
  if (images.length > 0) await dockerWithConfig(configDir, ['rmi', '-f', ...images]).catch(() => undefined);
  await local?.stop();
  if (configDir) await rm(configDir, { recursive: true, force: true });
});

/** Imports a new image under `reference`, pushes it, and returns its id and RepoDigests. */
async function pushNew(reference: string, content: string): Promise<{ id: string; repoDigests: string[] }> {
  const id = await importTinyImage(configDir, reference, content);
  images.push(id);
  await dockerWithConfig(configDir, ['push', reference]);
  return { id, repoDigests: await repoDigests(configDir, id) };
}

describe.skipIf(skipReason !== '')(
  `update detection against docker-registry with images pushed by the Docker CLI${skipReason ? ` (skipped: ${skipReason})` : ''}`,
  () => {
    it('a container on the pushed digest is up to date after one HEAD, with no manifest GET and no blob fetch', async () => {
      const image = `${local.host}/berth/app:1.0.0`;
      const first = await pushNew(image, `first ${Date.now()}`);
      expect(first.repoDigests).toHaveLength(1);
      const before = (await local.accessLog()).length;
      const client = createRegistryClient();
      const check = await checkImageUpdate(client, {
        image,
        repoDigests: first.repoDigests,
        platform: AMD64,
      });
      expect(check).toMatchObject({
        status: 'up_to_date',
        matchedBy: 'digest',
        remoteDigest: first.repoDigests[0]?.split('@')[1],
        requests: { head: 1, get: 0 },
      });
      const log = (await local.accessLog()).slice(before);
      expect(log).toEqual(['HEAD /v2/berth/app/manifests/1.0.0']);
    });

    it('a new digest pushed under the running tag is an update, still without any pull', async () => {
      const image = `${local.host}/berth/rebuilt:latest`;
      const running = await pushNew(image, `old ${Date.now()}`);
      const rebuilt = await pushNew(image, `new ${Date.now()}`);
      const newDigest = rebuilt.repoDigests[0]?.split('@')[1];
      expect(newDigest).not.toBe(running.repoDigests[0]?.split('@')[1]);
      const before = (await local.accessLog()).length;
      const client = createRegistryClient();
      const check = await checkImageUpdate(client, {
        image: `${local.host}/berth/rebuilt`,
        repoDigests: [...running.repoDigests, `docker.io/library/busybox@${newDigest}`],
        platform: AMD64,
      });
      // The new digest under another repository is no evidence: only this repository's digests count.
      expect(check).toMatchObject({ status: 'update_available', remoteDigest: newDigest });
      const log = (await local.accessLog()).slice(before);
      expect(log.filter((line) => !line.startsWith('HEAD '))).toEqual([]);
      expect(log.some((line) => line.includes('/blobs/'))).toBe(false);
    });

    it('reports the image as never pulled (no request) when it has no digest for the repository', async () => {
      const before = (await local.accessLog()).length;
      const check = await checkImageUpdate(createRegistryClient(), {
        image: `${local.host}/berth/app:1.0.0`,
        repoDigests: [],
        platform: AMD64,
      });
      expect(check.status).toBe('no_local_digest');
      expect((await local.accessLog()).slice(before)).toEqual([]);
    });
  },
);
