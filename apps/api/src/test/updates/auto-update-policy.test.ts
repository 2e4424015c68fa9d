import { randomUUID } from 'node:crypto';
import { withOrg } from '@berth/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiTokenFor, startTestApi, type TestApi } from '../api-harness.js';
import { addContainer, addHost, call, createFleetWorld } from '../fleet/fleet-world.js';
import { orgWithContainer } from '../org-with-container.js';

// The `auto` update policy (docs/image-updates.md "Policies"): updates allowed by hand like
// `allow`, and applied by the alerter inside the window. Settable at every scope, resolved with
// `auto` the least strict level, and the automatic-update view readable by every member.
let harness: TestApi;
beforeAll(async () => {
  harness = await startTestApi();
});
afterAll(() => harness?.stop());

const SHORT = '0a1b2c3d4e5f';

async function orgWithWeb(labels: Record<string, string> = {}) {
  const org = await orgWithContainer(harness, SHORT);
  await withOrg(harness.database.db, org.orgId, async (tx) => {
    await tx.host.update({
      where: { id: org.hostId },
      data: { capabilities: ['actions', 'logs', 'container_update'] },
    });
    await tx.container.update({
      where: { hostId_shortId: { hostId: org.hostId, shortId: SHORT } },
      data: { image: 'registry.test:5000/shop/web:1.2', labels },
    });
  });
  const token = (role: 'owner' | 'admin' | 'operator' | 'viewer') =>
    apiTokenFor(harness.database, org.orgId, role);
  return { ...org, token };
}

const inject = (token: string, method: 'GET' | 'PUT' | 'POST', url: string, payload?: object) =>
  harness.api.app.inject({
    method,
    url,
    headers: { authorization: `Bearer ${token}` },
    ...(payload ? { payload } : {}),
  });
const resolvedOf = async (token: string, hostId: string) =>
  (await inject(token, 'GET', `/api/v1/hosts/${hostId}/containers/${SHORT}/update-policy`)).json();

describe('the auto update policy', () => {
  it('is accepted at every scope and resolves as the least strict level', async () => {
    const org = await orgWithWeb();
    const admin = await org.token('admin');
    const viewer = await org.token('viewer');
    const group = await withOrg(harness.database.db, org.orgId, async (tx) => {
      const created = await tx.containerGroup.create({
        data: { orgId: org.orgId, name: 'nightly', colour: '#2563eb' },
      });
      await tx.containerGroupMember.create({
        data: { orgId: org.orgId, groupId: created.id, hostId: org.hostId, containerName: 'web' },
      });
      return created;
    });
    const rules = [
      { scope: 'default', policy: 'auto' },
      { scope: 'category', category: 'databases', policy: 'auto' },
      { scope: 'pattern', pattern: 'registry.test:5000/shop/*', policy: 'auto' },
      { scope: 'group', groupId: group.id, policy: 'auto' },
    ];
    for (const rule of rules) {
      const response = await inject(admin, 'PUT', '/api/v1/update-policies', rule);
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json()).toMatchObject(rule);
    }
    expect(await resolvedOf(viewer, org.hostId)).toEqual({
      policy: 'auto',
      source: 'group',
      reason: 'its group "nightly" (auto)',
    });
    // The container's own `allow` outranks its group's `auto`.
    const own = { scope: 'container', hostId: org.hostId, containerName: 'web' };
    expect(
      (await inject(admin, 'PUT', '/api/v1/update-policies', { ...own, policy: 'allow' })).statusCode,
    ).toBe(200);
    expect(await resolvedOf(viewer, org.hostId)).toMatchObject({ policy: 'allow', source: 'container' });
    await inject(admin, 'PUT', '/api/v1/update-policies', { ...own, policy: 'auto' });
    expect(await resolvedOf(viewer, org.hostId)).toMatchObject({ policy: 'auto', source: 'container' });
    const listed = (await inject(viewer, 'GET', '/api/v1/update-policies')).json().items;
    expect(listed.map((rule: { policy: string }) => rule.policy)).toEqual([
      'auto',
      'auto',
      'auto',
      'auto',
      'auto',
    ]);

    // `auto` updates by hand without a confirmation, like `allow`.
    const update = await inject(
      await org.token('operator'),
      'POST',
      `/api/v1/hosts/${org.hostId}/containers/${SHORT}/update`,
      {},
    );
    expect(update.statusCode, update.body).toBe(202);
    expect(update.json()).toMatchObject({ policy: { policy: 'auto', source: 'container' } });
  });

  it('follows the label berth.update_policy=auto over a blocking rule', async () => {
    const org = await orgWithWeb({ 'berth.update_policy': 'auto' });
    await inject(await org.token('admin'), 'PUT', '/api/v1/update-policies', {
      scope: 'default',
      policy: 'block',
    });
    expect(await resolvedOf(await org.token('viewer'), org.hostId)).toEqual({
      policy: 'auto',
      source: 'label',
      reason: "the container's label berth.update_policy=auto",
    });
  });

  it('refuses an unknown policy with 400 naming the field, writing nothing', async () => {
    const org = await orgWithWeb();
    const admin = await org.token('admin');
    for (const policy of ['automatic', 'AUTO', '', null]) {
      const response = await inject(admin, 'PUT', '/api/v1/update-policies', { scope: 'default', policy });
      expect(response.statusCode, String(policy)).toBe(400);
      const issues = response.json().error.details.issues as { field: string }[];
      expect(
        issues.map((issue) => issue.field),
        String(policy),
      ).toContain('policy');
    }
    expect((await inject(admin, 'GET', '/api/v1/update-policies')).json().items).toEqual([]);
  });
});

describe('GET /api/v1/auto-updates for members', () => {
  it('lets viewers read the settings; a member limited to some hosts sees only their rollouts', async () => {
    const world = await createFleetWorld(harness.database);
    const prod = await addHost(harness.database, world.orgId, { name: 'prod-1', labels: { env: 'prod' } });
    const dev = await addHost(harness.database, world.orgId, { name: 'dev-1', labels: { env: 'dev' } });
    await addContainer(harness.database, world.orgId, prod, { name: 'web' });
    const settings = {
      enabled: true,
      timeZone: 'Europe/Berlin',
      weekdays: [0],
      startMinute: 120,
      durationMinutes: 120,
      healthTimeoutS: 90,
    };
    expect(
      (await call(harness, 'PUT', '/api/v1/auto-updates/settings', world.callers.viewer, settings))
        .statusCode,
    ).toBe(403);
    expect(
      (await call(harness, 'PUT', '/api/v1/auto-updates/settings', world.callers.admin, settings)).statusCode,
    ).toBe(200);
    await withOrg(harness.database.db, world.orgId, async (tx) => {
      await tx.$executeRaw`INSERT INTO auto_update_rollouts (org_id, image, platform, remote_digest, status, dispatched,
          remaining, failed_host_id, failed_container, failure, finished_at)
        VALUES (${world.orgId}::uuid, 'shop/web:1', 'linux/amd64', ${`sha256:${'b'.repeat(64)}`}, 'failed',
          ARRAY[${`${dev}/web`}, ${`${prod}/web`}], 0, ${prod}::uuid, 'web', 'failed: exit code 3; rolled back', now()),
               (${world.orgId}::uuid, 'shop/api:1', 'linux/amd64', ${`sha256:${'c'.repeat(64)}`}, 'running',
          ARRAY[${`${dev}/api`}], 3, NULL, NULL, NULL, NULL)`;
      const team = await tx.team.create({
        data: { orgId: world.orgId, name: `prod-${randomUUID().slice(0, 6)}`, hostSelector: { env: 'prod' } },
      });
      const me = await call(harness, 'GET', '/api/v1/me', world.callers.viewer);
      await tx.teamMember.create({ data: { orgId: world.orgId, teamId: team.id, userId: me.json().userId } });
    });

    const admin = (await call(harness, 'GET', '/api/v1/auto-updates', world.callers.admin)).json();
    expect(admin.settings).toEqual(settings);
    expect(admin.rollouts.map((r: { image: string; remaining: number }) => [r.image, r.remaining])).toEqual([
      ['shop/api:1', 3],
      ['shop/web:1', 0],
    ]);
    const viewer = await call(harness, 'GET', '/api/v1/auto-updates', world.callers.viewer);
    expect(viewer.statusCode, viewer.body).toBe(200);
    expect(viewer.json().settings).toEqual(settings);
    expect(viewer.json().rollouts).toEqual([
      expect.objectContaining({
        image: 'shop/web:1',
        dispatched: [`${prod}/web`],
        failedHostId: prod,
        failedContainer: 'web',
        failure: 'failed: exit code 3; rolled back',
      }),
    ]);
  });
});
