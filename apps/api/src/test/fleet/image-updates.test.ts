import type { ImageUpdateList } from '@berth/api-contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../api-harness.js';
import { addContainer, addHost, call, createFleetWorld, type FleetWorld, ownerRows } from './fleet-world.js';

let harness: TestApi;
let world: FleetWorld;
let other: FleetWorld;

const OLD = `sha256:${'a'.repeat(64)}`;
const NEW = `sha256:${'b'.repeat(64)}`;

/** A container on `image` with these repo digests and platform linux/amd64 (as the gateway stores them). */
async function runImage(orgId: string, hostId: string, name: string, image: string, digests: string[]) {
  const shortId = (await addContainer(harness.database, orgId, hostId, { name, image })).slice(0, 12);
  await ownerRows(
    harness.database,
    `UPDATE containers SET repo_digests = $1::text[], image_platform = 'linux/amd64' WHERE host_id = $2::uuid AND short_id = $3`,
    digests.map((digest) => `registry.example.test/app@${digest}`),
    hostId,
    shortId,
  );
}

/** The check a host answered: the tag is at NEW, semver updates found. */
async function recordCheck(orgId: string, image: string) {
  await ownerRows(
    harness.database,
    `INSERT INTO image_update_checks (org_id, image, platform, status, remote_digest, checked_digests,
       newest_patch, newest_minor, rate_limit_limit, rate_limit_remaining, checked_at, next_check_at)
     VALUES ($1::uuid, $2, 'linux/amd64', 'update_available', $3, ARRAY[$4], '1.2.4', '1.3.0', 100, 97, now(),
       now() + interval '6 hours')`,
    orgId,
    image,
    NEW,
    OLD,
  );
}

beforeAll(async () => {
  harness = await startTestApi();
  world = await createFleetWorld(harness.database);
  other = await createFleetWorld(harness.database);
  const a = await addHost(harness.database, world.orgId, { name: 'a-1' });
  const b = await addHost(harness.database, world.orgId, { name: 'b-1' });
  const image = 'registry.example.test/app:1.2.3';
  await runImage(world.orgId, a, 'web', image, [OLD]);
  await runImage(world.orgId, b, 'web', image, [NEW]);
  await recordCheck(world.orgId, image);
  const theirs = await addHost(harness.database, other.orgId, { name: 'theirs' });
  await runImage(other.orgId, theirs, 'secret-app', 'registry.example.test/secret:1', [OLD]);
  await recordCheck(other.orgId, 'registry.example.test/secret:1');
});
afterAll(() => harness?.stop());

describe('GET /api/v1/image-updates', () => {
  it('lists each reference with its verdict per container, semver class, newest versions and quota', async () => {
    const response = await call(harness, 'GET', '/api/v1/image-updates', world.callers.viewer);
    expect(response.statusCode).toBe(200);
    const { items } = response.json() as ImageUpdateList;
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      image: 'registry.example.test/app:1.2.3',
      platform: 'linux/amd64',
      status: 'update_available',
      outdated: 1,
      updateClass: 'minor',
      newest: { patch: '1.2.4', minor: '1.3.0', major: null },
      remoteDigest: NEW,
      rateLimit: { limit: 100, remaining: 97 },
      containers: [
        { hostName: 'a-1', name: 'web', status: 'update_available' },
        // Already on the tag's new digest: up to date, whatever the checking host ran.
        { hostName: 'b-1', name: 'web', status: 'up_to_date' },
      ],
    });
  });

  it('filters by container status, and shows another organisation none of it', async () => {
    const upToDate = await call(harness, 'GET', '/api/v1/image-updates?status=pinned', world.callers.viewer);
    expect((upToDate.json() as ImageUpdateList).items).toEqual([]);
    const theirs = await call(harness, 'GET', '/api/v1/image-updates', other.callers.admin);
    expect((theirs.json() as ImageUpdateList).items.map((item) => item.image)).toEqual([
      'registry.example.test/secret:1',
    ]);
    const bad = await call(harness, 'GET', '/api/v1/image-updates?status=stale', world.callers.viewer);
    expect(bad.statusCode).toBe(400);
  });
});

describe('POST /api/v1/image-updates/check', () => {
  it('makes the checks due now for operators, audits it, and leaves other organisations alone', async () => {
    const viewer = await call(harness, 'POST', '/api/v1/image-updates/check', world.callers.viewer, {});
    expect(viewer.statusCode).toBe(403);
    const response = await call(harness, 'POST', '/api/v1/image-updates/check', world.callers.operator, {
      image: 'registry.example.test/app:1.2.3',
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ scheduled: 1 });
    const due = await ownerRows<{ org_id: string; due: boolean }>(
      harness.database,
      'SELECT org_id::text, next_check_at <= now() AS due FROM image_update_checks ORDER BY org_id = $1::uuid DESC',
      world.orgId,
    );
    expect(due).toEqual([
      { org_id: world.orgId, due: true },
      { org_id: other.orgId, due: false },
    ]);
    const [audit] = await ownerRows<{ details: unknown }>(
      harness.database,
      `SELECT details FROM audit_logs WHERE org_id = $1::uuid AND action = 'image_updates.check'`,
      world.orgId,
    );
    expect(audit?.details).toEqual({ image: 'registry.example.test/app:1.2.3', scheduled: 1 });
  });
});

describe('/api/v1/image-update-settings', () => {
  it('admins set the interval (audited, a shorter one applies at once); members read it; bad input names the field', async () => {
    const org = await createFleetWorld(harness.database);
    const host = await addHost(harness.database, org.orgId, { name: 'c-1' });
    await runImage(org.orgId, host, 'web', 'registry.example.test/app:1.2.3', [OLD]);
    await recordCheck(org.orgId, 'registry.example.test/app:1.2.3');

    const initial = await call(harness, 'GET', '/api/v1/image-update-settings', org.callers.viewer);
    expect(initial.statusCode).toBe(200);
    expect(initial.json()).toEqual({ checkIntervalS: null, updatedAt: null });

    const url = '/api/v1/image-update-settings';
    expect((await call(harness, 'PUT', url, org.callers.operator, { checkIntervalS: 3600 })).statusCode).toBe(
      403,
    );
    const tooShort = await call(harness, 'PUT', url, org.callers.admin, { checkIntervalS: 60 });
    expect(tooShort.statusCode).toBe(400);
    expect(tooShort.body).toContain('checkIntervalS');
    expect(tooShort.body).toContain('at least 300 s');
    expect((await call(harness, 'PUT', url, org.callers.admin, {})).statusCode).toBe(400);

    const set = await call(harness, 'PUT', url, org.callers.admin, { checkIntervalS: 3600 });
    expect(set.statusCode).toBe(200);
    expect(set.json()).toMatchObject({ checkIntervalS: 3600 });
    expect((await call(harness, 'GET', url, org.callers.viewer)).json()).toMatchObject({
      checkIntervalS: 3600,
    });

    // The check scheduled 6 h after its last run is now due 1 h after it; other organisations keep theirs.
    const rows = await ownerRows<{ org_id: string; gap_s: number }>(
      harness.database,
      `SELECT org_id::text, extract(epoch FROM next_check_at - checked_at)::int AS gap_s FROM image_update_checks
        WHERE org_id = ANY($1::uuid[]) ORDER BY org_id = $2::uuid DESC`,
      [org.orgId, other.orgId],
      org.orgId,
    );
    expect(rows).toEqual([
      { org_id: org.orgId, gap_s: 3600 },
      { org_id: other.orgId, gap_s: 21_600 },
    ]);
    const audits = await ownerRows<{ details: unknown }>(
      harness.database,
      `SELECT details FROM audit_logs WHERE org_id = $1::uuid AND action = 'image_updates.settings'`,
      org.orgId,
    );
    expect(audits.map((a) => a.details)).toEqual([
      { before: { checkIntervalS: null }, after: { checkIntervalS: 3600 } },
    ]);

    const reset = await call(harness, 'PUT', url, org.callers.admin, { checkIntervalS: null });
    expect(reset.json()).toMatchObject({ checkIntervalS: null });
    // Another organisation reads its own (unset) interval.
    expect((await call(harness, 'GET', url, other.callers.viewer)).json()).toEqual({
      checkIntervalS: null,
      updatedAt: null,
    });
  });
});

describe('GET /api/v1/image-updates policies', () => {
  it('says which update policy applies to each container, and why', async () => {
    await ownerRows(
      harness.database,
      `UPDATE containers SET labels = labels || '{"berth.update_policy":"block"}'::jsonb
        WHERE org_id = $1::uuid AND host_id = (SELECT id FROM hosts WHERE org_id = $1::uuid AND name = 'a-1')`,
      world.orgId,
    );
    const { items } = (
      await call(harness, 'GET', '/api/v1/image-updates', world.callers.viewer)
    ).json() as ImageUpdateList;
    expect(items[0]?.containers.map((c) => [c.hostName, c.policy, c.policyReason])).toEqual([
      ['a-1', 'block', "the container's label berth.update_policy=block"],
      ['b-1', 'allow', 'no policy set: updates are allowed'],
    ]);
  });
});
