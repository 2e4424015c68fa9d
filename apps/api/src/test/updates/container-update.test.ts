import { withOrg } from '@berth/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiTokenFor, startTestApi, type TestApi } from '../api-harness.js';
import { orgWithContainer } from '../org-with-container.js';

let harness: TestApi;
beforeAll(async () => {
  harness = await startTestApi();
});
afterAll(() => harness?.stop());

const SHORT = '0a1b2c3d4e5f';

/** An org whose host runs `web` (image `registry.test:5000/shop/web:1.2`) on an agent that can update. */
async function updatableOrg(options: { capabilities?: string[]; labels?: Record<string, string> } = {}) {
  const org = await orgWithContainer(harness, SHORT);
  await withOrg(harness.database.db, org.orgId, async (tx) => {
    await tx.host.update({
      where: { id: org.hostId },
      data: { capabilities: options.capabilities ?? ['actions', 'logs', 'container_update'] },
    });
    await tx.container.update({
      where: { hostId_shortId: { hostId: org.hostId, shortId: SHORT } },
      data: { image: 'registry.test:5000/shop/web:1.2', labels: options.labels ?? {} },
    });
  });
  const token = async (role: 'owner' | 'admin' | 'operator' | 'viewer') =>
    apiTokenFor(harness.database, org.orgId, role);
  return { ...org, token };
}

const update = (token: string, hostId: string, body: object, containerId = SHORT) =>
  harness.api.app.inject({
    method: 'POST',
    url: `/api/v1/hosts/${hostId}/containers/${containerId}/update`,
    headers: { authorization: `Bearer ${token}` },
    payload: body,
  });
const setPolicy = (token: string, body: object) =>
  harness.api.app.inject({
    method: 'PUT',
    url: '/api/v1/update-policies',
    headers: { authorization: `Bearer ${token}` },
    payload: body,
  });
const actionsOf = (orgId: string) =>
  withOrg(harness.database.db, orgId, (tx) => tx.action.findMany({ orderBy: { createdAt: 'asc' } }));

describe('POST …/containers/:containerId/update', () => {
  it('queues container.update for an operator when allowed, with the image and the policy audited', async () => {
    const org = await updatableOrg();
    const response = await update(await org.token('operator'), org.hostId, {
      tag: '1.3',
      healthTimeoutS: 30,
    });
    expect(response.statusCode, response.body).toBe(202);
    expect(response.json()).toMatchObject({
      image: 'registry.test:5000/shop/web:1.3',
      policy: { policy: 'allow', source: 'default' },
      action: { verb: 'container.update', status: 'queued', containerId: SHORT },
    });
    const [action] = await actionsOf(org.orgId);
    expect(action?.params).toEqual({ image: 'registry.test:5000/shop/web:1.3', healthTimeoutS: 30 });
    const audit = await withOrg(harness.database.db, org.orgId, (tx) =>
      tx.auditLog.findFirstOrThrow({ where: { action: 'action.container.update' } }),
    );
    expect(audit).toMatchObject({ targetType: 'container', targetId: `${org.hostId}/${SHORT}` });
    expect(audit.details).toMatchObject({ policy: 'allow', policySource: 'default', confirmed: false });
    // No tag: the container's own reference again (a new digest under the same tag); a digest pins.
    const same = await update(await org.token('operator'), org.hostId, {});
    expect(same.json()).toMatchObject({ image: 'registry.test:5000/shop/web:1.2' });
    const digest = `sha256:${'b'.repeat(64)}`;
    const pinned = await update(await org.token('operator'), org.hostId, { digest });
    expect(pinned.json()).toMatchObject({ image: `registry.test:5000/shop/web@${digest}` });
  });

  it('refuses a blocked container with 409 and the reason, and a warned one until confirmed', async () => {
    const org = await updatableOrg();
    const admin = await org.token('admin');
    const operator = await org.token('operator');
    expect(
      (await setPolicy(admin, { scope: 'pattern', pattern: 'registry.test:5000/shop/*', policy: 'block' }))
        .statusCode,
    ).toBe(200);
    const blocked = await update(operator, org.hostId, {});
    expect(blocked.statusCode).toBe(409);
    expect(blocked.json()).toMatchObject({
      error: {
        code: 'conflict',
        message: 'updates of web are blocked by the image pattern registry.test:5000/shop/* (block)',
      },
    });
    // The container's own setting outranks the pattern.
    expect(
      (
        await setPolicy(admin, {
          scope: 'container',
          hostId: org.hostId,
          containerName: 'web',
          policy: 'warn',
        })
      ).statusCode,
    ).toBe(200);
    const unconfirmed = await update(operator, org.hostId, {});
    expect(unconfirmed.statusCode).toBe(409);
    expect(unconfirmed.json().error.message).toMatch(
      /needs confirmation \(confirm: true\): this container's own setting/,
    );
    expect(await actionsOf(org.orgId)).toHaveLength(0);
    const confirmed = await update(operator, org.hostId, { confirm: true });
    expect(confirmed.statusCode).toBe(202);
    expect(confirmed.json()).toMatchObject({ policy: { policy: 'warn', source: 'container' } });
    const resolved = await harness.api.app.inject({
      method: 'GET',
      url: `/api/v1/hosts/${org.hostId}/containers/${SHORT}/update-policy`,
      headers: { authorization: `Bearer ${await org.token('viewer')}` },
    });
    expect(resolved.json()).toMatchObject({ policy: 'warn', source: 'container' });
  });

  it("follows the container's berth.update_policy label over every stored rule", async () => {
    const org = await updatableOrg({ labels: { 'berth.update_policy': 'block' } });
    await setPolicy(await org.token('admin'), {
      scope: 'container',
      hostId: org.hostId,
      containerName: 'web',
      policy: 'allow',
    });
    const response = await update(await org.token('owner'), org.hostId, {});
    expect(response.statusCode).toBe(409);
    expect(response.json().error.message).toMatch(/label berth\.update_policy=block/);
  });

  it('refuses viewers with 403, another organisation with 404, and agents that cannot update with 409', async () => {
    const org = await updatableOrg();
    expect((await update(await org.token('viewer'), org.hostId, {})).statusCode).toBe(403);
    const other = await updatableOrg();
    const otherOwner = await other.token('owner');
    expect((await update(otherOwner, org.hostId, {})).statusCode).toBe(404);
    expect(
      (
        await setPolicy(otherOwner, {
          scope: 'container',
          hostId: org.hostId,
          containerName: 'web',
          policy: 'allow',
        })
      ).statusCode,
    ).toBe(404);
    const groups = await withOrg(harness.database.db, org.orgId, (tx) =>
      tx.containerGroup.create({ data: { orgId: org.orgId, name: 'db', colour: '#2563eb' } }),
    );
    expect(
      (await setPolicy(otherOwner, { scope: 'group', groupId: groups.id, policy: 'allow' })).statusCode,
    ).toBe(404);
    expect(await actionsOf(org.orgId)).toHaveLength(0);

    const old = await updatableOrg({ capabilities: ['actions', 'logs'] });
    const tooOld = await update(await old.token('owner'), old.hostId, {});
    expect([tooOld.statusCode, tooOld.json().error.message]).toEqual([409, expect.stringMatching(/too old/)]);
    const readOnly = await updatableOrg({ capabilities: ['logs', 'read_only', 'container_update'] });
    expect((await update(await readOnly.token('owner'), readOnly.hostId, {})).json().error.message).toMatch(
      /read-only/,
    );
  });

  it('refuses bad input with 400 naming the field', async () => {
    const org = await updatableOrg();
    const owner = await org.token('owner');
    const cases: [object, string][] = [
      [{ tag: 'bad tag!' }, 'tag'],
      [{ digest: 'sha256:short' }, 'digest'],
      [{ tag: '1', digest: `sha256:${'a'.repeat(64)}` }, 'digest'],
      [{ healthTimeoutS: 1 }, 'healthTimeoutS'],
      [{ image: 'evil/image:1' }, 'image'],
    ];
    for (const [body, field] of cases) {
      const response = await update(owner, org.hostId, body);
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
      const issues = response.json().error.details.issues as { field: string }[];
      expect(issues.map((issue) => issue.field)).toContain(field);
    }
    const badPolicy = await setPolicy(owner, { scope: 'category', category: 'caches', policy: 'allow' });
    expect(badPolicy.json().error.details.issues.map((issue: { field: string }) => issue.field)).toContain(
      'category',
    );
    expect(await actionsOf(org.orgId)).toHaveLength(0);
  });
});

describe('update policy rules', () => {
  it('lets admins set, replace and delete rules (audited) and lists them to every member', async () => {
    const org = await updatableOrg();
    const admin = await org.token('admin');
    const first = (await setPolicy(admin, { scope: 'default', policy: 'warn' })).json();
    const replaced = (await setPolicy(admin, { scope: 'default', policy: 'block' })).json();
    expect(replaced).toMatchObject({ id: first.id, scope: 'default', policy: 'block' });
    expect(
      (await setPolicy(await org.token('operator'), { scope: 'default', policy: 'allow' })).statusCode,
    ).toBe(403);
    const list = await harness.api.app.inject({
      method: 'GET',
      url: '/api/v1/update-policies',
      headers: { authorization: `Bearer ${await org.token('viewer')}` },
    });
    expect(list.json().items).toEqual([expect.objectContaining({ scope: 'default', policy: 'block' })]);
    const deleted = await harness.api.app.inject({
      method: 'DELETE',
      url: `/api/v1/update-policies/${first.id}`,
      headers: { authorization: `Bearer ${admin}` },
    });
    expect(deleted.statusCode).toBe(204);
    const audits = await withOrg(harness.database.db, org.orgId, (tx) =>
      tx.auditLog.findMany({ where: { targetType: 'update_policy' }, orderBy: { createdAt: 'asc' } }),
    );
    expect(
      audits.map((row) => [row.action, (row.details as { previous?: string }).previous ?? null]),
    ).toEqual([
      ['update_policy.set', null],
      ['update_policy.set', 'warn'],
      ['update_policy.delete', null],
    ]);
  });
});
