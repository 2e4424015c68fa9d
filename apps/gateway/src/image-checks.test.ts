import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createSecretBox, issueSecret, registryCredentialSealContext, secretKeyRing } from '@berth/db/sql';
import { createTestDatabase, type SeededOrg, seedOrg, type TestDatabase } from '@berth/db/testing';
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
import { ownerQuery, runtimeQuery } from './test/db-counts.js';
import { FakeAgent } from './test/fake-agent.js';
import { startTestGateway, type TestGateway } from './test/gateway-harness.js';
import { imageInventoryBatch, serveImageChecks } from './test/image-check-agent.js';

const registry = registryAvailability();
const engine = await dockerAvailability();
const skipReason = !registry.ok ? registry.reason : !engine.ok ? engine.reason : '';

let local: LocalRegistry;
let configDir: string;
let database: TestDatabase;
/** Two gateways on one database: checks must not be made twice across them. */
const gateways: TestGateway[] = [];
const images: string[] = [];
const agents: FakeAgent[] = [];
const servers: { stop: () => void }[] = [];

// The gateway's default interval is 1 s here, so "one interval later" is quick; organisations
// that must see no second check set their own interval (image_update_settings).
const SETTINGS = { imageChecks: { intervalS: 1, sweepMs: 0 } };
const SECRETS = { authSecret: 'gateway-image-checks-test-secret-0123456789' };

beforeAll(async () => {
  if (skipReason) return;
  local = await startRegistry();
  configDir = await mkdtemp(path.join(tmpdir(), 'berth-gateway-image-checks-'));
  database = await createTestDatabase();
  for (let i = 0; i < 2; i += 1)
    gateways.push(await startTestGateway({ database, settings: SETTINGS, secrets: SECRETS }));
});
afterAll(async () => {
  for (const server of servers) server.stop();
  await Promise.allSettled(agents.map((agent) => agent.close()));
  for (const gateway of gateways) await gateway.stop();
  await database?.drop();
  if (images.length > 0) await dockerWithConfig(configDir, ['rmi', '-f', ...images]).catch(() => undefined);
  await local?.stop();
  if (configDir) await rm(configDir, { recursive: true, force: true });
});

/** Pushes new content under `reference`; its repo digest. */
async function push(reference: string, content: string): Promise<string> {
  const id = await importTinyImage(configDir, reference, content);
  images.push(id);
  await dockerWithConfig(configDir, ['push', reference]);
  const [digest] = await repoDigests(configDir, id);
  if (!digest) throw new Error('pushed image has no repo digest');
  return digest;
}

/** Another host of the organisation, with its credential. */
async function addHost(orgId: string, name: string): Promise<string> {
  const credential = issueSecret('host');
  await ownerQuery(
    database.adminUrl,
    `INSERT INTO hosts (org_id, name, hostname, credential_hash) VALUES ($1, $2, $2, $3)`,
    [orgId, name, credential.hash],
  );
  return credential.secret;
}

/** An agent with `image_check` on `gateway`, running one container of `image`, answering checks. */
async function connectRunner(
  gateway: TestGateway,
  credential: string,
  image: string,
  digests: string[],
  seed: number,
) {
  const agent = await FakeAgent.connect(gateway.wsUrl, credential);
  agents.push(agent);
  await agent.hello({ capabilities: ['actions', 'logs', 'image_check'] });
  agent.send(imageInventoryBatch(1, image, digests, seed));
  expect(await agent.next('ack')).toMatchObject({ seq: 1, status: 'committed' });
  const server = serveImageChecks(agent);
  servers.push(server);
  return { agent, server };
}

type CheckRow = { status: string | null; remote_digest: string | null; checked_at: Date | null };

async function checkRow(org: SeededOrg, image: string): Promise<CheckRow | undefined> {
  const [row] = await ownerQuery<CheckRow>(
    database.adminUrl,
    'SELECT status, remote_digest, checked_at FROM image_update_checks WHERE org_id = $1 AND image = $2',
    [org.orgId, image],
  );
  return row;
}

/**
 * The registry's reads of one repository: manifest HEADs and GETs, and blob GETs (a pull). A
 * push only PUTs manifests and HEADs blobs, so these are the checks' requests alone.
 */
async function reads(repository: string): Promise<string[]> {
  return (await local.accessLog()).filter(
    (line) =>
      line.startsWith(`HEAD /v2/${repository}/manifests/`) ||
      line.startsWith(`GET /v2/${repository}/manifests/`) ||
      line.startsWith(`GET /v2/${repository}/blobs/`),
  );
}

describe.skipIf(skipReason !== '')(
  `image update checks through the gateway, real docker-registry${skipReason ? ` (skipped: ${skipReason})` : ''}`,
  () => {
    it('stores repo digests and platform on the container row; an older agent leaves them NULL', async () => {
      const org = await seedOrg(database.db);
      const agent = await FakeAgent.connect((gateways[0] as TestGateway).wsUrl, org.hostCredential);
      agents.push(agent);
      await agent.hello();
      const digest = `${local.host}/berth/any@sha256:${'c'.repeat(64)}`;
      agent.send(imageInventoryBatch(1, `${local.host}/berth/any:1`, [digest], 3));
      expect(await agent.next('ack')).toMatchObject({ seq: 1, status: 'committed' });
      type Row = { repo_digests: string[] | null; image_platform: string | null };
      const stored = () =>
        ownerQuery<Row>(
          database.adminUrl,
          'SELECT repo_digests, image_platform FROM containers WHERE host_id = $1',
          [org.hostId],
        );
      expect(await stored()).toEqual([{ repo_digests: [digest], image_platform: 'linux/amd64' }]);
      const older = imageInventoryBatch(2, `${local.host}/berth/any:1`, [], 3);
      const [container] = older.inventory.containers;
      if (!container) throw new Error('no container');
      const { repoDigests: _digests, platform: _platform, ...withoutFields } = container;
      agent.send({ ...older, inventory: { ...older.inventory, containers: [withoutFields] } });
      expect(await agent.next('ack')).toMatchObject({ seq: 2, status: 'committed' });
      expect(await stored()).toEqual([{ repo_digests: null, image_platform: null }]);
    });

    it('ten hosts over two gateways running one image: one host checks it, one registry request per interval', async () => {
      const image = `${local.host}/berth/fleet:stable`;
      const digest = await push(image, `fleet ${Date.now()}`);
      const org = await seedOrg(database.db);
      await ownerQuery(
        database.adminUrl,
        'INSERT INTO image_update_settings (org_id, check_interval_s) VALUES ($1, 3600)',
        [org.orgId],
      );
      const credentials = [org.hostCredential];
      for (let i = 1; i < 10; i += 1) credentials.push(await addHost(org.orgId, `fleet-${i}`));
      const runners = [];
      for (const [i, credential] of credentials.entries()) {
        const gateway = gateways[i % 2] as TestGateway;
        runners.push(await connectRunner(gateway, credential, image, [digest], 100 + i));
      }

      // Both gateways sweep at once, twice: the lease and SKIP LOCKED give the check to one host.
      await Promise.all(gateways.map((gateway) => gateway.gateway.imageChecks.sweep()));
      await Promise.all(gateways.map((gateway) => gateway.gateway.imageChecks.sweep()));
      await expect.poll(async () => (await checkRow(org, image))?.status).toBe('up_to_date');
      await Promise.all(gateways.map((gateway) => gateway.gateway.imageChecks.sweep()));
      for (const { agent } of runners) await agent.roundTrip();

      expect(runners.reduce((sum, runner) => sum + runner.server.received(), 0)).toBe(1);
      expect(await checkRow(org, image)).toMatchObject({ remote_digest: digest.split('@')[1] });
      await expect.poll(() => reads('berth/fleet')).toEqual(['HEAD /v2/berth/fleet/manifests/stable']);
      // Every container on the reference has the verdict.
      const verdicts = await runtimeQuery<{ status: string }>(
        database.appUrl,
        org.orgId,
        'SELECT status FROM container_image_updates',
      );
      expect(verdicts.map((row) => row.status)).toEqual(Array(10).fill('up_to_date'));
    });

    it('a new digest pushed under the running tag is update_available one interval later, with HEADs only', async () => {
      const image = `${local.host}/berth/rolling:stable`;
      const digest = await push(image, `rolling ${Date.now()}`);
      const org = await seedOrg(database.db);
      const gateway = gateways[0] as TestGateway;
      await connectRunner(gateway, org.hostCredential, image, [digest], 7);
      await gateway.gateway.imageChecks.sweep();
      await expect.poll(async () => (await checkRow(org, image))?.status).toBe('up_to_date');

      const moved = await push(image, `rolling rebuilt ${Date.now()}`);
      // The next sweep after the (1 s) interval makes the check again.
      await expect
        .poll(
          async () => {
            await gateway.gateway.imageChecks.sweep();
            return (await checkRow(org, image))?.status;
          },
          { timeout: 10_000 },
        )
        .toBe('update_available');
      expect(await checkRow(org, image)).toMatchObject({ remote_digest: moved.split('@')[1] });
      const [container] = await runtimeQuery<{ status: string; image: string }>(
        database.appUrl,
        org.orgId,
        'SELECT status, image FROM container_image_updates',
      );
      expect(container).toEqual({ status: 'update_available', image });
      // No manifest body and no blob was fetched by the checks: one HEAD per check.
      const log = await reads('berth/rolling');
      expect(log.length).toBeGreaterThanOrEqual(2);
      expect(log.filter((line) => line !== 'HEAD /v2/berth/rolling/manifests/stable')).toEqual([]);
    });

    it('another organisation sees none of it, and a forged answer for its check is not written', async () => {
      const image = `${local.host}/berth/private:stable`;
      const digest = await push(image, `private ${Date.now()}`);
      const owner = await seedOrg(database.db);
      const other = await seedOrg(database.db);
      const gateway = gateways[1] as TestGateway;
      await connectRunner(gateway, owner.hostCredential, image, [digest], 11);
      await gateway.gateway.imageChecks.sweep();
      await expect.poll(async () => (await checkRow(owner, image))?.status).toBe('up_to_date');

      for (const relation of ['image_update_checks', 'container_image_updates']) {
        const seen = await runtimeQuery<{ image: string }>(
          database.appUrl,
          other.orgId,
          `SELECT image FROM ${relation}`,
        );
        expect(seen).toEqual([]);
      }
      // The other organisation's agent answers a request id it was never sent: nothing changes.
      const intruder = await FakeAgent.connect(gateway.wsUrl, other.hostCredential);
      agents.push(intruder);
      await intruder.hello({ capabilities: ['image_check'] });
      const [row] = await ownerQuery<{ id: string; lease_request_id: string | null }>(
        database.adminUrl,
        'SELECT id, lease_request_id FROM image_update_checks WHERE org_id = $1',
        [owner.orgId],
      );
      intruder.send({
        type: 'image_check_result',
        requestId: crypto.randomUUID(),
        results: [
          { id: row?.id ?? '', status: 'update_available', remoteDigest: `sha256:${'e'.repeat(64)}` },
        ],
      });
      await intruder.roundTrip();
      expect(await checkRow(owner, image)).toMatchObject({ status: 'up_to_date' });
    });

    it("hands an organisation's registry credentials only to checks of that registry in that organisation", async () => {
      const user = { username: 'berth', password: 'gateway-private-pass' };
      const privateRegistry = await startRegistry({ basic: user });
      try {
        await dockerWithConfig(
          configDir,
          ['login', privateRegistry.host, '-u', user.username, '--password-stdin'],
          user.password,
        );
        const image = `${privateRegistry.host}/team/app:stable`;
        const id = await importTinyImage(configDir, image, `private ${Date.now()}`);
        images.push(id);
        await dockerWithConfig(configDir, ['push', image]);
        const [digest = ''] = await repoDigests(configDir, id);
        const owner = await seedOrg(database.db);
        const stranger = await seedOrg(database.db);
        // Stored as the API stores it: sealed to its row with the keys the gateway has.
        const box = createSecretBox(
          secretKeyRing({ secretsKeys: undefined, authSecret: SECRETS.authSecret }),
        );
        const credentialId = crypto.randomUUID();
        await ownerQuery(
          database.adminUrl,
          `INSERT INTO registry_credentials (id, org_id, registry, username, password_sealed)
           VALUES ($1, $2, $3, $4, $5)`,
          [
            credentialId,
            owner.orgId,
            privateRegistry.host,
            user.username,
            box.seal(user.password, registryCredentialSealContext({ orgId: owner.orgId, id: credentialId })),
          ],
        );
        const gateway = gateways[0] as TestGateway;
        const mine = await connectRunner(gateway, owner.hostCredential, image, [digest], 21);
        const theirs = await connectRunner(gateway, stranger.hostCredential, image, [digest], 22);
        await gateway.gateway.imageChecks.sweep();
        await expect.poll(async () => (await checkRow(owner, image))?.status).toBe('up_to_date');
        await expect.poll(async () => (await checkRow(stranger, image))?.status).toBe('error');
        expect(mine.server.logins()).toEqual([[{ registry: privateRegistry.host, ...user }]]);
        expect(theirs.server.logins()).toEqual([null]);
      } finally {
        await privateRegistry.stop();
      }
    });
  },
);
