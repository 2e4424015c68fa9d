import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ImageCheckResultFrame, InventoryContainer } from '@berth/protocol';
import { ZImageCheckResultFrameSchema } from '@berth/protocol';
import type { LocalRegistry } from '@berth/test-docker';
import {
  BUSYBOX_IMAGE,
  docker,
  dockerAvailability,
  dockerWithConfig,
  ensureBusyboxImage,
  importTinyImage,
  pushIndex,
  pushPlatformImage,
  registryAvailability,
  repoDigests,
  startRegistry,
} from '@berth/test-docker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDockerClient } from '../collectors/docker/docker-client.js';
import { InventoryCollector } from '../collectors/docker/inventory.js';
import { RUN_LABEL, silentLogger } from '../collectors/test/helpers.js';
import { ImageChecks } from './image-checks.js';

const registry = registryAvailability();
const engine = await dockerAvailability();
const skipReason = !registry.ok ? registry.reason : !engine.ok ? engine.reason : '';

let local: LocalRegistry;
let configDir: string;
const cleanup: string[][] = [];

beforeAll(async () => {
  if (skipReason) return;
  local = await startRegistry();
  configDir = await mkdtemp(path.join(tmpdir(), 'berth-agent-image-checks-'));
  await ensureBusyboxImage();
});
afterAll(async () => {
  for (const args of cleanup.reverse()) await docker(...args).catch(() => undefined);
  await local?.stop();
  if (configDir) await rm(configDir, { recursive: true, force: true });
});

/** A new local image from busybox (`docker commit`), so pushing it never touches the shared one. */
async function commitImage(reference: string): Promise<void> {
  const source = await docker('create', '--label', RUN_LABEL, BUSYBOX_IMAGE, 'true');
  await docker('commit', '--change', `LABEL berth.test.commit=${Date.now()}`, source, reference);
  await docker('rm', source);
  cleanup.push(['rmi', '-f', reference]);
}

/** Requests for the pushed repository's manifests (docker push only PUTs them). */
async function manifestRequests(): Promise<string[]> {
  return (await local.accessLog()).filter(
    (line) => line.includes('/v2/berth/busybox/manifests/') && !line.startsWith('PUT '),
  );
}

/** Runs one `image_check` through the agent's handler and returns its answer. */
async function check(record: InventoryContainer): Promise<ImageCheckResultFrame> {
  const sent: ImageCheckResultFrame[] = [];
  const checks = new ImageChecks({ send: (frame) => sent.push(frame), log: silentLogger });
  const requestId = crypto.randomUUID();
  await checks.handle({
    type: 'image_check',
    requestId,
    items: [
      {
        id: requestId,
        image: record.image,
        repoDigests: record.repoDigests ?? [],
        platform: record.platform ?? { os: 'linux', architecture: 'amd64' },
      },
    ],
  });
  expect(sent).toHaveLength(1);
  return ZImageCheckResultFrameSchema.parse(sent[0]);
}

describe.skipIf(skipReason !== '')(
  `image checks on the agent, real dockerd and docker-registry${skipReason ? ` (skipped: ${skipReason})` : ''}`,
  () => {
    it('reports repo digests and platform, then sees a new digest under the running tag with HEADs only', async () => {
      const image = `${local.host}/berth/busybox:stable`;
      await commitImage(image);
      await dockerWithConfig(configDir, ['push', image]);
      const [pushed] = await repoDigests(configDir, image);
      const id = await docker('run', '-d', '--network', 'none', '--label', RUN_LABEL, image, 'sleep', '300');
      cleanup.push(['rm', '-f', id]);

      const { containers } = await new InventoryCollector(createDockerClient({}), {
        logger: silentLogger,
      }).collect({ full: true });
      const record = containers.find((container) => container.id === id);
      const arch = await docker('version', '--format', '{{.Server.Arch}}');
      expect(record?.repoDigests).toContain(pushed);
      expect(record?.platform).toMatchObject({ os: 'linux', architecture: arch });
      if (!record) throw new Error('container not in the inventory');

      const first = await check(record);
      expect(first.results[0]).toMatchObject({
        status: 'up_to_date',
        remoteDigest: pushed?.split('@')[1],
        requests: { head: 1, get: 0 },
      });
      await expect.poll(() => manifestRequests()).toEqual(['HEAD /v2/berth/busybox/manifests/stable']);

      const newId = await importTinyImage(configDir, image, `rebuilt ${Date.now()}`);
      cleanup.push(['rmi', '-f', newId]);
      await dockerWithConfig(configDir, ['push', image]);
      const [moved] = await repoDigests(configDir, newId);

      const second = await check(record);
      expect(second.results[0]).toMatchObject({
        status: 'update_available',
        remoteDigest: moved?.split('@')[1],
        requests: { head: 1, get: 0 },
      });
      // One HEAD per check, never a manifest GET or a blob download: the pull quota is untouched.
      // (Access lines can be written a moment after their response, hence the poll.)
      await expect
        .poll(() => manifestRequests())
        .toEqual(['HEAD /v2/berth/busybox/manifests/stable', 'HEAD /v2/berth/busybox/manifests/stable']);
      expect(
        (await local.accessLog()).filter((line) => line.startsWith('GET /v2/berth/busybox/blobs/')),
      ).toEqual([]);
    });

    it('a locally built image has no repo digest: no_local_digest, and no request is made', async () => {
      const image = `berth-test/local-only:${Date.now()}`;
      await commitImage(image);
      const id = await docker('run', '-d', '--network', 'none', '--label', RUN_LABEL, image, 'sleep', '300');
      cleanup.push(['rm', '-f', id]);
      const { containers } = await new InventoryCollector(createDockerClient({}), {
        logger: silentLogger,
      }).collect({ full: true });
      const record = containers.find((container) => container.id === id);
      if (!record) throw new Error('container not in the inventory');
      expect(record.repoDigests).toEqual([]);
      const before = await local.accessLog();
      expect((await check(record)).results[0]).toEqual({ id: expect.any(String), status: 'no_local_digest' });
      // Nothing to compare with, so nothing is asked: the check answers without the network.
      expect((await local.accessLog()).length).toBe(before.length);
    });
  },
);

describe.skipIf(skipReason !== '')(
  `image checks of a private registry with the credentials in the frame${skipReason ? ` (skipped: ${skipReason})` : ''}`,
  () => {
    const user = { username: 'berth', password: 'private-registry-pass' };
    let privateRegistry: LocalRegistry;
    let privateConfig: string;

    beforeAll(async () => {
      privateRegistry = await startRegistry({ basic: user });
      privateConfig = await mkdtemp(path.join(tmpdir(), 'berth-agent-private-'));
      await dockerWithConfig(
        privateConfig,
        ['login', privateRegistry.host, '-u', user.username, '--password-stdin'],
        user.password,
      );
    });
    afterAll(async () => {
      await privateRegistry?.stop();
      if (privateConfig) await rm(privateConfig, { recursive: true, force: true });
    });

    it('uses the credentials of the frame for their registry only, and reports the refusal without them', async () => {
      const image = `${privateRegistry.host}/team/app:stable`;
      const id = await importTinyImage(privateConfig, image, `private ${Date.now()}`);
      cleanup.push(['rmi', '-f', id]);
      await dockerWithConfig(privateConfig, ['push', image]);
      const digests = await repoDigests(privateConfig, id);
      const sent: ImageCheckResultFrame[] = [];
      const checks = new ImageChecks({ send: (frame) => sent.push(frame), log: silentLogger });
      const item = {
        id: crypto.randomUUID(),
        image,
        repoDigests: digests,
        platform: { os: 'linux', architecture: 'amd64' },
      };
      await checks.handle({
        type: 'image_check',
        requestId: crypto.randomUUID(),
        items: [item],
        credentials: [{ registry: privateRegistry.host, ...user }],
      });
      await checks.handle({ type: 'image_check', requestId: crypto.randomUUID(), items: [item] });
      expect(sent[0]?.results[0]).toMatchObject({ status: 'up_to_date' });
      // A later request without them does not inherit them.
      expect(sent[1]?.results[0]).toMatchObject({
        status: 'error',
        error: expect.stringMatching(/^unauthorized/),
      });
    });
  },
);

describe.skipIf(!registry.ok)(
  `image checks of a multi-arch tag for the whole fleet${registry.ok ? '' : ` (skipped: ${registry.reason})`}`,
  () => {
    it("resolves the fleet's other index to its platform child, and makes no GET for what the gateway already knows", async () => {
      const multi = await startRegistry();
      try {
        const amd64 = { os: 'linux', architecture: 'amd64' };
        const arm64 = { os: 'linux', architecture: 'arm64', variant: 'v8' };
        const child = await pushPlatformImage(multi.url, 'berth/fleet', amd64, 'amd64 v1');
        const arm = (content: string) => pushPlatformImage(multi.url, 'berth/fleet', arm64, content);
        const i0 = await pushIndex(multi.url, 'berth/fleet', 'stable', [
          { descriptor: child, platform: amd64 },
          { descriptor: await arm('arm64 v1'), platform: arm64 },
        ]);
        const i1 = await pushIndex(multi.url, 'berth/fleet', 'stable', [
          { descriptor: child, platform: amd64 },
          { descriptor: await arm('arm64 v2'), platform: arm64 },
        ]);
        const sent: ImageCheckResultFrame[] = [];
        const checks = new ImageChecks({ send: (frame) => sent.push(frame), log: silentLogger });
        const item = {
          id: crypto.randomUUID(),
          image: `${multi.host}/berth/fleet:stable`,
          repoDigests: [`${multi.host}/berth/fleet@${i1.digest}`],
          platform: amd64,
        };
        await checks.handle({
          type: 'image_check',
          requestId: crypto.randomUUID(),
          items: [{ ...item, fleetDigests: [{ digest: i0.digest }, { digest: i1.digest }] }],
        });
        const first = ZImageCheckResultFrameSchema.parse(sent[0]).results[0];
        expect(first).toMatchObject({
          status: 'up_to_date',
          platformDigest: child.digest,
          requests: { head: 1, get: 2 },
        });
        expect(first?.platformChildren).toEqual([
          { digest: i1.digest, platformDigest: child.digest },
          { digest: i0.digest, platformDigest: child.digest },
        ]);
        await checks.handle({
          type: 'image_check',
          requestId: crypto.randomUUID(),
          items: [{ ...item, fleetDigests: first?.platformChildren ?? [] }],
        });
        const second = ZImageCheckResultFrameSchema.parse(sent[1]).results[0];
        expect(second).toMatchObject({ status: 'up_to_date', requests: { head: 1, get: 0 } });
        expect(second?.platformChildren).toBeUndefined();
        const log = await multi.accessLog();
        expect(log.filter((line) => line.startsWith('GET /v2/berth/fleet/manifests/'))).toEqual([
          `GET /v2/berth/fleet/manifests/${i1.digest}`,
          `GET /v2/berth/fleet/manifests/${i0.digest}`,
        ]);
      } finally {
        await multi.stop();
      }
    });
  },
);
