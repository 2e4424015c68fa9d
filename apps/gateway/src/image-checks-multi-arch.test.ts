import { issueSecret } from '@berth/db/sql';
import { createTestDatabase, type SeededOrg, seedOrg, type TestDatabase } from '@berth/db/testing';
import type { ImageCheckItem } from '@berth/protocol';
import type { LocalRegistry } from '@berth/test-docker';
import { pushIndex, pushPlatformImage, registryAvailability, startRegistry } from '@berth/test-docker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ownerQuery, runtimeQuery } from './test/db-counts.js';
import { FakeAgent } from './test/fake-agent.js';
import { startTestGateway, type TestGateway } from './test/gateway-harness.js';
import { imageInventoryBatch, serveImageChecks } from './test/image-check-agent.js';

// Hosts of one organisation on different multi-arch indexes of one tag (pulled at different
// times): every container's verdict is its own platform child's, whichever host checked
// (docs/image-updates.md, "Per platform"). Real docker-registry, indexes pushed through its API.
const registry = registryAvailability();
const AMD64 = { os: 'linux', architecture: 'amd64' };
const ARM64 = { os: 'linux', architecture: 'arm64', variant: 'v8' };

let local: LocalRegistry;
let database: TestDatabase;
let gateway: TestGateway;
const agents: FakeAgent[] = [];
const servers: { stop: () => void }[] = [];

beforeAll(async () => {
  if (!registry.ok) return;
  local = await startRegistry();
  database = await createTestDatabase();
  // A long default interval: a second check happens only when a test makes it due.
  gateway = await startTestGateway({ database, settings: { imageChecks: { intervalS: 3600, sweepMs: 0 } } });
});
afterAll(async () => {
  for (const server of servers) server.stop();
  await Promise.allSettled(agents.map((agent) => agent.close()));
  await gateway?.stop();
  await database?.drop();
  await local?.stop();
});

/** I0 then I1 under `stable`: the arm64 image rebuilt, the amd64 child the same in both. */
async function twoIndexes(repository: string) {
  const amd64 = await pushPlatformImage(local.url, repository, AMD64, `${repository} amd64 v1`);
  const arm64 = await pushPlatformImage(local.url, repository, ARM64, `${repository} arm64 v1`);
  const i0 = await pushIndex(local.url, repository, 'stable', [
    { descriptor: amd64, platform: AMD64 },
    { descriptor: arm64, platform: ARM64 },
  ]);
  const arm64v2 = await pushPlatformImage(local.url, repository, ARM64, `${repository} arm64 v2`);
  const i1 = await pushIndex(local.url, repository, 'stable', [
    { descriptor: amd64, platform: AMD64 },
    { descriptor: arm64v2, platform: ARM64 },
  ]);
  return { amd64, arm64v2, i0, i1 };
}

async function addHost(orgId: string, name: string): Promise<string> {
  const credential = issueSecret('host');
  await ownerQuery(
    database.adminUrl,
    'INSERT INTO hosts (org_id, name, hostname, credential_hash) VALUES ($1, $2, $2, $3)',
    [orgId, name, credential.hash],
  );
  return credential.secret;
}

/** A host running one amd64 container of `image` from `index`; it answers checks when `checks`. */
async function runHost(credential: string, image: string, index: string, checks: boolean, seed: number) {
  const agent = await FakeAgent.connect(gateway.wsUrl, credential);
  agents.push(agent);
  await agent.hello({ capabilities: checks ? ['actions', 'logs', 'image_check'] : ['actions', 'logs'] });
  const repository = image.slice(0, image.lastIndexOf(':'));
  agent.send(imageInventoryBatch(1, image, [`${repository}@${index}`], seed));
  expect(await agent.next('ack')).toMatchObject({ seq: 1, status: 'committed' });
  const server = checks ? serveImageChecks(agent) : null;
  if (server) servers.push(server);
  return { agent, server };
}

/** Names the organisation's seeded host `host-a`. */
async function nameFirstHost(org: SeededOrg): Promise<void> {
  await ownerQuery(database.adminUrl, "UPDATE hosts SET name = 'host-a' WHERE id = $1", [org.hostId]);
}

async function checkedAt(org: SeededOrg): Promise<number | null> {
  const [row] = await ownerQuery<{ checked_at: Date | null }>(
    database.adminUrl,
    'SELECT checked_at FROM image_update_checks WHERE org_id = $1',
    [org.orgId],
  );
  return row?.checked_at?.getTime() ?? null;
}

/** Sweeps once and waits for the organisation's check to be answered. */
async function checkOnce(org: SeededOrg): Promise<void> {
  const before = await checkedAt(org);
  await gateway.gateway.imageChecks.sweep();
  await expect.poll(() => checkedAt(org)).not.toBe(before);
}

/** One interval passes for the organisation's check. */
async function makeDue(org: SeededOrg): Promise<void> {
  await ownerQuery(
    database.adminUrl,
    'UPDATE image_update_checks SET next_check_at = now() WHERE org_id = $1',
    [org.orgId],
  );
}

/** Each container's verdict as the API reads it (RLS), by host. */
async function verdicts(org: SeededOrg): Promise<Record<string, string | null>> {
  const rows = await runtimeQuery<{ host: string; status: string | null }>(
    database.appUrl,
    org.orgId,
    'SELECT h.name AS host, v.status FROM container_image_updates v JOIN hosts h ON h.id = v.host_id',
  );
  return Object.fromEntries(rows.map((row) => [row.host, row.status]));
}

/** The registry's manifest reads of `repository` from log line `from` on (a push only PUTs). */
async function readsSince(repository: string, from: number): Promise<string[]> {
  return (await local.accessLog())
    .slice(from)
    .filter((line) => /^(HEAD|GET) /.test(line) && line.includes(`/v2/${repository}/`));
}

const fleetOf = (items: ImageCheckItem[][]) =>
  items.flat().flatMap((item) => (item.fleetDigests ?? []).map((entry) => entry.digest));

describe.skipIf(!registry.ok)(
  `multi-arch verdicts whichever host checks, real docker-registry${registry.ok ? '' : ` (skipped: ${registry.reason})`}`,
  () => {
    it('hosts on I0 and I1 with one amd64 child are both up to date whichever checks, each index fetched once; a new child makes both outdated', async () => {
      const repository = 'berth/multi-fleet';
      const image = `${local.host}/${repository}:stable`;
      const { i0, i1 } = await twoIndexes(repository);
      const orgs: SeededOrg[] = [];
      for (const checker of ['a', 'b'] as const) {
        const org = await seedOrg(database.db);
        orgs.push(org);
        await nameFirstHost(org);
        const hostB = await addHost(org.orgId, 'host-b');
        await runHost(org.hostCredential, image, i0.digest, checker === 'a', 1);
        await runHost(hostB, image, i1.digest, checker === 'b', 2);

        const first = (await local.accessLog()).length;
        await checkOnce(org);
        expect(await verdicts(org)).toEqual({ 'host-a': 'up_to_date', 'host-b': 'up_to_date' });
        // The tag's index for its amd64 child, and the other host's index: once.
        await expect
          .poll(() => readsSince(repository, first))
          .toEqual([
            `HEAD /v2/${repository}/manifests/stable`,
            `GET /v2/${repository}/manifests/${i1.digest}`,
            `GET /v2/${repository}/manifests/${i0.digest}`,
          ]);

        // The next interval: the children are known, the HEAD alone answers.
        await makeDue(org);
        const second = (await local.accessLog()).length;
        await checkOnce(org);
        expect(await verdicts(org)).toEqual({ 'host-a': 'up_to_date', 'host-b': 'up_to_date' });
        await expect
          .poll(() => readsSince(repository, second))
          .toEqual([`HEAD /v2/${repository}/manifests/stable`]);
      }

      // I2: the amd64 image itself rebuilt. Both hosts' containers are outdated, whoever checks.
      const amd64v2 = await pushPlatformImage(local.url, repository, AMD64, `${repository} amd64 v2`);
      const arm64v3 = await pushPlatformImage(local.url, repository, ARM64, `${repository} arm64 v3`);
      await pushIndex(local.url, repository, 'stable', [
        { descriptor: amd64v2, platform: AMD64 },
        { descriptor: arm64v3, platform: ARM64 },
      ]);
      for (const org of orgs) {
        await makeDue(org);
        await checkOnce(org);
        expect(await verdicts(org)).toEqual({ 'host-a': 'update_available', 'host-b': 'update_available' });
      }
    });

    it("a host that pulls an older index later is judged at the next sweep; another organisation's digests are never sent or seen", async () => {
      const repository = 'berth/multi-late';
      const image = `${local.host}/${repository}:stable`;
      const { i0, i1 } = await twoIndexes(repository);
      const org = await seedOrg(database.db);
      const stranger = await seedOrg(database.db);
      const strangerIndex = `sha256:${'e'.repeat(64)}`;
      await nameFirstHost(org);
      const mine = await runHost(org.hostCredential, image, i1.digest, true, 3);
      await runHost(stranger.hostCredential, image, strangerIndex, true, 4);
      await checkOnce(org);
      expect(await verdicts(org)).toEqual({ 'host-a': 'up_to_date' });

      // Another host of the organisation runs the tag's older index: no interval to wait.
      const late = await runHost(await addHost(org.orgId, 'late'), image, i0.digest, true, 5);
      await checkOnce(org);
      expect(await verdicts(org)).toEqual({ 'host-a': 'up_to_date', late: 'up_to_date' });
      // Nothing new after that: the next sweep sends nothing.
      const received = () => (mine.server?.received() ?? 0) + (late.server?.received() ?? 0);
      const sent = received();
      await gateway.gateway.imageChecks.sweep();
      await mine.agent.roundTrip();
      await late.agent.roundTrip();
      expect(received()).toBe(sent);

      const items = [...(mine.server?.items() ?? []), ...(late.server?.items() ?? [])];
      expect(fleetOf(items)).toContain(i0.digest);
      expect(fleetOf(items)).not.toContain(strangerIndex);
      const theirs = await runtimeQuery<{ index_digest: string }>(
        database.appUrl,
        stranger.orgId,
        'SELECT index_digest FROM image_index_children',
      );
      expect(theirs.map((row) => row.index_digest)).not.toContain(i0.digest);
      const ours = await runtimeQuery<{ index_digest: string }>(
        database.appUrl,
        org.orgId,
        'SELECT index_digest FROM image_index_children ORDER BY index_digest',
      );
      expect(ours.map((row) => row.index_digest).sort()).toEqual([i0.digest, i1.digest].sort());
    });
  },
);
