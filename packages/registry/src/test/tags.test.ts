import type { Descriptor, LocalRegistry } from '@berth/test-docker';
import { pushPlatformImage, registryAvailability, startRegistry } from '@berth/test-docker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findImageUpdates } from '../find-image-updates.js';
import { listTags } from '../list-tags.js';
import { createRegistryClient } from '../registry-client.js';
import { startTokenGate } from './token-gate.js';

const registry = registryAvailability();
const AMD64 = { os: 'linux', architecture: 'amd64' };
const USER = { username: 'berth', password: 'not-used-here' };
const TAGS = ['1.0.0', '1.0.1', '1.1.0', '2.0.0', '1.0.0-alpine', '1.1.0-alpine', 'latest', 'v9.9.9'];

let local: LocalRegistry;
const pushed = new Map<string, Descriptor>();

beforeAll(async () => {
  if (!registry.ok) return;
  local = await startRegistry();
  for (const tag of TAGS)
    pushed.set(tag, await pushPlatformImage(local.url, 'berth/versions', AMD64, `v ${tag}`, tag));
});
afterAll(async () => {
  await local?.stop();
});

describe.skipIf(!registry.ok)(
  `tag discovery against docker-registry${registry.ok ? '' : ` (skipped: ${registry.reason})`}`,
  () => {
    const target = () => ({ registry: local.host, repository: 'berth/versions' });

    it('lists every tag from docker-registry', async () => {
      const tags = await listTags(createRegistryClient(), target(), { pageSize: 3 });
      expect([...tags].sort()).toEqual([...TAGS].sort());
    });

    it('follows Link pagination page by page (a paginating token gate in front of the registry)', async () => {
      const gate = await startTokenGate({ upstream: local.url, user: USER, anonymous: true, pageTags: true });
      try {
        const tags = await listTags(
          createRegistryClient(),
          { registry: gate.host, repository: 'berth/versions' },
          {
            pageSize: 3,
          },
        );
        expect(tags).toEqual([...TAGS].sort());
        expect(gate.forwarded).toEqual([
          'GET /v2/berth/versions/tags/list?n=3',
          'GET /v2/berth/versions/tags/list?last=1.0.1&n=3',
          'GET /v2/berth/versions/tags/list?last=2.0.0&n=3',
        ]);
      } finally {
        await gate.close();
      }
    });

    it('classifies 1.0.0 → patch 1.0.1, minor 1.1.0, major 2.0.0, keeping the -alpine family apart', async () => {
      const client = createRegistryClient();
      const digest = pushed.get('1.0.0')?.digest;
      const updates = await findImageUpdates(client, {
        image: `${local.host}/berth/versions:1.0.0`,
        repoDigests: [`${local.host}/berth/versions@${digest}`],
        platform: AMD64,
      });
      expect(updates).toMatchObject({
        rebuild: false,
        check: { status: 'up_to_date' },
        versions: { patch: '1.0.1', minor: '1.1.0', major: '2.0.0' },
      });
      const alpine = await findImageUpdates(client, {
        image: `${local.host}/berth/versions:1.0.0-alpine`,
        repoDigests: [`${local.host}/berth/versions@${pushed.get('1.0.0-alpine')?.digest}`],
        platform: AMD64,
      });
      expect(alpine.versions).toEqual({ minor: '1.1.0-alpine' });
    });

    it('a rebuilt version tag is a digest-only rebuild; latest gets no version list', async () => {
      const client = createRegistryClient();
      const rebuilt = await findImageUpdates(client, {
        image: `${local.host}/berth/versions:2.0.0`,
        repoDigests: [`${local.host}/berth/versions@${pushed.get('1.0.0')?.digest}`],
        platform: AMD64,
      });
      expect(rebuilt).toMatchObject({ rebuild: true, versions: {} });
      const before = (await local.accessLog()).length;
      const latest = await findImageUpdates(client, {
        image: `${local.host}/berth/versions`,
        repoDigests: [`${local.host}/berth/versions@${pushed.get('latest')?.digest}`],
        platform: AMD64,
      });
      expect(latest).toEqual({ check: expect.objectContaining({ status: 'up_to_date' }), rebuild: false });
      expect((await local.accessLog()).slice(before)).toEqual(['HEAD /v2/berth/versions/manifests/latest']);
    });
  },
);
