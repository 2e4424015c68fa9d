import type { Descriptor, LocalRegistry } from '@berth/test-docker';
import { pushIndex, pushPlatformImage, registryAvailability, startRegistry } from '@berth/test-docker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkImageUpdate } from '../check-image-update.js';
import { createRegistryClient } from '../registry-client.js';

const registry = registryAvailability();
const AMD64 = { os: 'linux', architecture: 'amd64' };
const ARM64 = { os: 'linux', architecture: 'arm64', variant: 'v8' };

let local: LocalRegistry;
let amd64: Descriptor;
let arm64: Descriptor;
let oldIndex: Descriptor;
let newAmd64: Descriptor;
let newIndex: Descriptor;

beforeAll(async () => {
  if (!registry.ok) return;
  local = await startRegistry();
  amd64 = await pushPlatformImage(local.url, 'berth/multi', AMD64, 'amd64 v1');
  arm64 = await pushPlatformImage(local.url, 'berth/multi', ARM64, 'arm64 v1');
  oldIndex = await pushIndex(local.url, 'berth/multi', 'old', [
    { descriptor: amd64, platform: AMD64 },
    { descriptor: arm64, platform: ARM64 },
  ]);
  // The tag moves: amd64 rebuilt, arm64 unchanged.
  newAmd64 = await pushPlatformImage(local.url, 'berth/multi', AMD64, 'amd64 v2');
  newIndex = await pushIndex(local.url, 'berth/multi', 'stable', [
    { descriptor: newAmd64, platform: AMD64 },
    { descriptor: arm64, platform: ARM64 },
  ]);
});
afterAll(async () => {
  await local?.stop();
});

describe.skipIf(!registry.ok)(
  `multi-arch indexes pushed through the registry API${registry.ok ? '' : ` (skipped: ${registry.reason})`}`,
  () => {
    const image = () => `${local.host}/berth/multi:stable`;
    const repoDigest = (descriptor: Descriptor) => `${local.host}/berth/multi@${descriptor.digest}`;

    it('a container pulled through the current index is up to date from the HEAD alone', async () => {
      const before = (await local.accessLog()).length;
      const check = await checkImageUpdate(createRegistryClient(), {
        image: image(),
        repoDigests: [repoDigest(newIndex)],
        platform: ARM64,
      });
      expect(check).toMatchObject({
        status: 'up_to_date',
        matchedBy: 'digest',
        requests: { head: 1, get: 0 },
      });
      expect((await local.accessLog()).slice(before)).toEqual(['HEAD /v2/berth/multi/manifests/stable']);
    });

    it("resolves the index to the container's platform child with one GET of the index, never a blob", async () => {
      const before = (await local.accessLog()).length;
      const check = await checkImageUpdate(createRegistryClient(), {
        image: image(),
        repoDigests: [repoDigest(newAmd64)],
        platform: { os: 'linux', architecture: 'x86_64' },
      });
      expect(check).toMatchObject({
        status: 'up_to_date',
        matchedBy: 'platform',
        remoteDigest: newIndex.digest,
        platformDigest: newAmd64.digest,
        requests: { head: 1, get: 1 },
      });
      expect((await local.accessLog()).slice(before)).toEqual([
        'HEAD /v2/berth/multi/manifests/stable',
        `GET /v2/berth/multi/manifests/${newIndex.digest}`,
      ]);
    });

    it('a rebuild of another platform only is not an update; of the own platform it is', async () => {
      const client = createRegistryClient();
      const onArm = await checkImageUpdate(client, {
        image: image(),
        repoDigests: [repoDigest(oldIndex)],
        platform: ARM64,
      });
      expect(onArm).toMatchObject({
        status: 'up_to_date',
        matchedBy: 'platform',
        platformDigest: arm64.digest,
      });
      const before = (await local.accessLog()).length;
      const onAmd = await checkImageUpdate(client, {
        image: image(),
        repoDigests: [repoDigest(oldIndex)],
        platform: AMD64,
      });
      expect(onAmd).toMatchObject({
        status: 'update_available',
        remoteDigest: newIndex.digest,
        platformDigest: newAmd64.digest,
        requests: { head: 1, get: 2 },
      });
      const log = (await local.accessLog()).slice(before);
      expect(log.some((line) => line.includes('/blobs/'))).toBe(false);
    });

    it("resolves other containers' indexes once: what the caller knows is not fetched again, at most maxResolves", async () => {
      const client = createRegistryClient();
      const gone = `sha256:${'f'.repeat(64)}`;
      const input = {
        image: image(),
        repoDigests: [repoDigest(newIndex)],
        platform: ARM64,
        fleetDigests: [{ digest: oldIndex.digest }, { digest: gone }, { digest: arm64.digest }],
        maxResolves: 2,
      };
      const before = (await local.accessLog()).length;
      const first = await checkImageUpdate(client, input);
      expect(first).toMatchObject({
        status: 'up_to_date',
        matchedBy: 'digest',
        platformDigest: arm64.digest,
        requests: { head: 1, get: 3 },
        // The tag's index, then two of the three unknown (a gone digest has no child).
        platformChildren: [
          { digest: newIndex.digest, platformDigest: arm64.digest },
          { digest: oldIndex.digest, platformDigest: arm64.digest },
          { digest: gone, platformDigest: null },
        ],
      });
      expect((await local.accessLog()).slice(before)).toEqual([
        'HEAD /v2/berth/multi/manifests/stable',
        `GET /v2/berth/multi/manifests/${newIndex.digest}`,
        `GET /v2/berth/multi/manifests/${oldIndex.digest}`,
        `GET /v2/berth/multi/manifests/${gone}`,
      ]);

      // Told what was resolved, the next check fetches only the one left (a single-platform image).
      const known = first.status === 'up_to_date' ? first.platformChildren : [];
      const again = (await local.accessLog()).length;
      const second = await checkImageUpdate(client, {
        ...input,
        fleetDigests: [...known, { digest: arm64.digest }],
      });
      expect(second).toMatchObject({
        status: 'up_to_date',
        platformDigest: arm64.digest,
        requests: { head: 1, get: 1 },
        platformChildren: [{ digest: arm64.digest, platformDigest: null }],
      });
      expect((await local.accessLog()).slice(again)).toEqual([
        'HEAD /v2/berth/multi/manifests/stable',
        `GET /v2/berth/multi/manifests/${arm64.digest}`,
      ]);
    });

    it("an older index's known child decides without a GET: unchanged child up to date, changed child outdated", async () => {
      const client = createRegistryClient();
      const fleetDigests = [
        { digest: newIndex.digest, platformDigest: newAmd64.digest },
        { digest: oldIndex.digest, platformDigest: amd64.digest },
      ];
      const before = (await local.accessLog()).length;
      const onAmd = await checkImageUpdate(client, {
        image: image(),
        repoDigests: [repoDigest(oldIndex)],
        platform: AMD64,
        fleetDigests,
      });
      expect(onAmd).toMatchObject({ status: 'update_available', requests: { head: 1, get: 0 } });
      const onArm = await checkImageUpdate(client, {
        image: image(),
        repoDigests: [repoDigest(oldIndex)],
        platform: ARM64,
        fleetDigests: [
          { digest: newIndex.digest, platformDigest: arm64.digest },
          { digest: oldIndex.digest, platformDigest: arm64.digest },
        ],
      });
      expect(onArm).toMatchObject({
        status: 'up_to_date',
        matchedBy: 'platform',
        requests: { head: 1, get: 0 },
      });
      expect((await local.accessLog()).slice(before)).toEqual([
        'HEAD /v2/berth/multi/manifests/stable',
        'HEAD /v2/berth/multi/manifests/stable',
      ]);
    });

    it('says so when the index has no entry for the platform', async () => {
      const check = await checkImageUpdate(createRegistryClient(), {
        image: image(),
        repoDigests: [repoDigest(amd64)],
        platform: { os: 'linux', architecture: 'riscv64' },
      });
      expect(check).toMatchObject({ status: 'platform_missing', remoteDigest: newIndex.digest });
    });
  },
);
