import { randomUUID } from 'node:crypto';
import { withOrg } from '@berth/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApi } from '../api-harness.js';
import {
  addContainer,
  addContainerGroup,
  addHost,
  call,
  createFleetWorld,
  type FleetWorld,
  ownerRows,
  startFleetApi,
} from './fleet-world.js';

let harness: TestApi;
let world: FleetWorld;

beforeAll(async () => {
  ({ harness, world } = await startFleetApi());
});
afterAll(() => harness?.stop());

const groupUrl = (groupId: string) => `/api/v1/container-groups/${groupId}`;
const memberUrl = (groupId: string, hostId: string, name: string) =>
  `${groupUrl(groupId)}/members/${hostId}/${encodeURIComponent(name)}`;
const unique = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;

async function auditOf(groupId: string): Promise<string[]> {
  const rows = await ownerRows<{ action: string }>(
    harness.database,
    'SELECT action FROM audit_logs WHERE org_id = $1::uuid AND target_id = $2 ORDER BY id',
    world.orgId,
    groupId,
  );
  return rows.map((row) => row.action);
}

describe('container groups: create, change, delete', () => {
  it('creates, lists, renames and deletes a group as an admin, auditing each write', async () => {
    const name = unique('web tier');
    const created = await call(harness, 'POST', '/api/v1/container-groups', world.callers.admin, {
      name,
      colour: '#2563eb',
      description: 'public web servers',
    });
    expect(created.statusCode).toBe(201);
    const group = created.json();
    expect(group).toMatchObject({
      name,
      colour: '#2563eb',
      description: 'public web servers',
      memberCount: 0,
    });
    const listed = (await call(harness, 'GET', '/api/v1/container-groups', world.callers.viewer)).json();
    expect(listed.items.map((item: { id: string }) => item.id)).toContain(group.id);

    const renamed = await call(harness, 'PATCH', groupUrl(group.id), world.callers.admin, {
      name: `${name} v2`,
      colour: '#dc2626',
    });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json()).toMatchObject({
      name: `${name} v2`,
      colour: '#dc2626',
      description: 'public web servers',
    });

    expect((await call(harness, 'DELETE', groupUrl(group.id), world.callers.admin)).statusCode).toBe(204);
    expect((await call(harness, 'GET', groupUrl(group.id), world.callers.admin)).statusCode).toBe(404);
    expect(await auditOf(group.id)).toEqual([
      'container_group.create',
      'container_group.update',
      'container_group.delete',
    ]);
  });

  it('answers 409 naming `name` for a taken name, and 400 naming the field for bad input', async () => {
    const name = unique('db');
    const first = await call(harness, 'POST', '/api/v1/container-groups', world.callers.admin, {
      name,
      colour: '#16a34a',
    });
    expect(first.statusCode).toBe(201);
    const taken = await call(harness, 'POST', '/api/v1/container-groups', world.callers.admin, {
      name,
      colour: '#16a34a',
    });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.details.issues[0].field).toBe('name');
    const other = await addContainerGroup(harness.database, world.orgId);
    const renameClash = await call(harness, 'PATCH', groupUrl(other), world.callers.admin, { name });
    expect(renameClash.statusCode).toBe(409);

    const cases: [unknown, string][] = [
      [{ name: unique('x'), colour: '#123456' }, 'colour'],
      [{ name: '   ', colour: '#2563eb' }, 'name'],
      [{ name: unique('x'), colour: '#2563eb', description: 'x'.repeat(501) }, 'description'],
    ];
    for (const [payload, field] of cases) {
      const response = await call(harness, 'POST', '/api/v1/container-groups', world.callers.admin, payload);
      expect(response.statusCode, field).toBe(400);
      expect(response.json().error.details.issues.map((issue: { field: string }) => issue.field)).toContain(
        field,
      );
    }
    const badName = await call(
      harness,
      'PUT',
      memberUrl(other, randomUUID(), '-bad name'),
      world.callers.admin,
    );
    expect(badName.statusCode).toBe(400);
    expect(badName.json().error.details.issues[0].field).toBe('containerName');
    const badFilter = await call(harness, 'GET', '/api/v1/containers?group=nope', world.callers.viewer);
    expect(badFilter.statusCode).toBe(400);
    expect(badFilter.json().error.details.issues[0].field).toMatch(/^group/);
  });

  it('keeps viewers from writing and operators from managing groups', async () => {
    const groupId = await addContainerGroup(harness.database, world.orgId);
    const hostId = await addHost(harness.database, world.orgId);
    const create = { name: unique('nope'), colour: '#2563eb' };
    expect(
      (await call(harness, 'POST', '/api/v1/container-groups', world.callers.operator, create)).statusCode,
    ).toBe(403);
    expect(
      (await call(harness, 'PATCH', groupUrl(groupId), world.callers.operator, { colour: '#dc2626' }))
        .statusCode,
    ).toBe(403);
    expect(
      (await call(harness, 'PUT', memberUrl(groupId, hostId, 'web'), world.callers.viewer)).statusCode,
    ).toBe(403);
    expect(
      (await call(harness, 'PUT', memberUrl(groupId, hostId, 'web'), world.callers.operator)).statusCode,
    ).toBe(204);
  });
});

describe('container group members', () => {
  it('adds a member idempotently, shows its current container, and removes it', async () => {
    const hostId = await addHost(harness.database, world.orgId, { name: unique('h') });
    const containerId = await addContainer(harness.database, world.orgId, hostId, {
      name: 'api',
      health: 'healthy',
    });
    const groupId = await addContainerGroup(harness.database, world.orgId);
    for (let i = 0; i < 2; i += 1) {
      expect(
        (await call(harness, 'PUT', memberUrl(groupId, hostId, 'api'), world.callers.operator)).statusCode,
      ).toBe(204);
    }
    expect(
      (await call(harness, 'PUT', memberUrl(groupId, hostId, 'not-yet'), world.callers.operator)).statusCode,
    ).toBe(204);
    const detail = (await call(harness, 'GET', groupUrl(groupId), world.callers.viewer)).json();
    expect(detail.memberCount).toBe(2);
    expect(detail.members).toEqual([
      expect.objectContaining({
        hostId,
        containerName: 'api',
        container: { containerId, state: 'running', health: 'healthy' },
      }),
      expect.objectContaining({ hostId, containerName: 'not-yet', container: null }),
    ]);
    expect(
      (await call(harness, 'DELETE', memberUrl(groupId, hostId, 'api'), world.callers.operator)).statusCode,
    ).toBe(204);
    expect(
      (await call(harness, 'DELETE', memberUrl(groupId, hostId, 'api'), world.callers.operator)).statusCode,
    ).toBe(404);
    expect(await auditOf(groupId)).toEqual([
      'container_group.member_add',
      'container_group.member_add',
      'container_group.member_remove',
    ]);
  });

  it('follows a container across recreation: a new container row with the same host and name', async () => {
    const hostId = await addHost(harness.database, world.orgId);
    const old = await addContainer(harness.database, world.orgId, hostId, { name: 'worker' });
    const groupId = await addContainerGroup(harness.database, world.orgId, [
      { hostId, containerName: 'worker' },
    ]);
    // Recreation as the gateway's inventory sees it: the old id removed, a new id, same name.
    await withOrg(harness.database.db, world.orgId, (tx) =>
      tx.container.update({
        where: { hostId_shortId: { hostId, shortId: old } },
        data: { removedAt: new Date(), state: 'exited' },
      }),
    );
    const fresh = await addContainer(harness.database, world.orgId, hostId, {
      name: 'worker',
      state: 'restarting',
    });
    const detail = (await call(harness, 'GET', groupUrl(groupId), world.callers.viewer)).json();
    expect(detail.members[0].container).toEqual({ containerId: fresh, state: 'restarting', health: 'none' });
    const listed = (
      await call(harness, 'GET', `/api/v1/containers?group=${groupId}`, world.callers.viewer)
    ).json();
    expect(listed.items.map((item: { containerId: string }) => item.containerId)).toEqual([fresh]);
    const page = (
      await call(harness, 'GET', `/api/v1/hosts/${hostId}/containers/${fresh}`, world.callers.viewer)
    ).json();
    expect(page.groups.map((group: { id: string }) => group.id)).toEqual([groupId]);
  });

  it('loses the memberships of a deleted host', async () => {
    const hostId = await addHost(harness.database, world.orgId);
    await addContainer(harness.database, world.orgId, hostId, { name: 'db' });
    const groupId = await addContainerGroup(harness.database, world.orgId, [{ hostId, containerName: 'db' }]);
    expect((await call(harness, 'DELETE', `/api/v1/hosts/${hostId}`, world.callers.owner)).statusCode).toBe(
      200,
    );
    const detail = (await call(harness, 'GET', groupUrl(groupId), world.callers.viewer)).json();
    expect(detail).toMatchObject({ memberCount: 0, members: [] });
    const left = await ownerRows(
      harness.database,
      'SELECT 1 FROM container_group_members WHERE host_id = $1::uuid',
      hostId,
    );
    expect(left).toEqual([]);
  });

  it('answers 404 for an unknown group or host, and for hosts of another organisation', async () => {
    const other = await createFleetWorld(harness.database);
    const theirHost = await addHost(harness.database, other.orgId);
    const theirGroup = await addContainerGroup(harness.database, other.orgId, [
      { hostId: theirHost, containerName: 'x' },
    ]);
    const ourGroup = await addContainerGroup(harness.database, world.orgId);
    const ourHost = await addHost(harness.database, world.orgId);
    const attempts: [string, string][] = [
      ['GET', groupUrl(theirGroup)],
      ['PATCH', groupUrl(theirGroup)],
      ['DELETE', groupUrl(theirGroup)],
      ['PUT', memberUrl(theirGroup, ourHost, 'x')],
      ['PUT', memberUrl(ourGroup, theirHost, 'x')],
      ['DELETE', memberUrl(theirGroup, theirHost, 'x')],
      ['PUT', memberUrl(randomUUID(), ourHost, 'x')],
    ];
    for (const [method, url] of attempts) {
      const payload = method === 'PATCH' ? { colour: '#dc2626' } : undefined;
      expect(
        (await call(harness, method, url, world.callers.owner, payload)).statusCode,
        `${method} ${url}`,
      ).toBe(404);
    }
    const theirs = await ownerRows(
      harness.database,
      'SELECT colour FROM container_groups WHERE id = $1::uuid',
      theirGroup,
    );
    expect(theirs).toEqual([{ colour: '#0d9488' }]);
  });
});

describe('group filters and chips', () => {
  it('filters containers by any of several groups and hosts by running members, with chips on each container', async () => {
    const h1 = await addHost(harness.database, world.orgId, { name: unique('f1') });
    const h2 = await addHost(harness.database, world.orgId, { name: unique('f2') });
    const h3 = await addHost(harness.database, world.orgId, { name: unique('f3') });
    const web = await addContainer(harness.database, world.orgId, h1, { name: 'web' });
    const db = await addContainer(harness.database, world.orgId, h2, { name: 'db' });
    await addContainer(harness.database, world.orgId, h2, { name: 'cache' });
    await addContainer(harness.database, world.orgId, h3, { name: 'gone', removed: true });
    const front = await addContainerGroup(
      harness.database,
      world.orgId,
      [{ hostId: h1, containerName: 'web' }],
      { name: unique('a-front'), colour: '#2563eb' },
    );
    const data = await addContainerGroup(
      harness.database,
      world.orgId,
      [
        { hostId: h2, containerName: 'db' },
        { hostId: h1, containerName: 'web' },
        { hostId: h3, containerName: 'gone' },
      ],
      { name: unique('b-data'), colour: '#9333ea' },
    );

    const one = (
      await call(harness, 'GET', `/api/v1/containers?group=${front}`, world.callers.viewer)
    ).json();
    expect(one.items.map((c: { containerId: string }) => c.containerId)).toEqual([web]);
    expect(one.items[0].groups.map((g: { id: string }) => g.id)).toEqual([front, data]);
    const any = (
      await call(
        harness,
        'GET',
        `/api/v1/containers?group=${front}&group=${data}&sort=host`,
        world.callers.viewer,
      )
    ).json();
    expect(any.items.map((c: { containerId: string }) => c.containerId)).toEqual([web, db]);
    const cpuSorted = (
      await call(harness, 'GET', `/api/v1/containers?group=${data}&sort=cpu`, world.callers.viewer)
    ).json();
    expect(cpuSorted.items.map((c: { containerId: string }) => c.containerId).sort()).toEqual(
      [web, db].sort(),
    );

    const hosts = (await call(harness, 'GET', `/api/v1/hosts?group=${data}`, world.callers.viewer)).json();
    // h3's member was removed: it runs no member now.
    expect(hosts.items.map((h: { id: string }) => h.id).sort()).toEqual([h1, h2].sort());
    const unfiltered = (
      await call(harness, 'GET', `/api/v1/containers?hostId=${h2}`, world.callers.viewer)
    ).json();
    const cache = unfiltered.items.find((c: { name: string }) => c.name === 'cache');
    expect(cache.groups).toEqual([]);
  });
});

describe('group membership under a team host restriction', () => {
  it('lets a restricted operator add members only on visible hosts, and counts only visible members', async () => {
    const prod = await addHost(harness.database, world.orgId, { labels: { tier: unique('prod') } });
    const dev = await addHost(harness.database, world.orgId);
    const groupId = await addContainerGroup(harness.database, world.orgId, [
      { hostId: dev, containerName: 'dev-app' },
    ]);
    const prodLabel = (await call(harness, 'GET', `/api/v1/hosts/${prod}`, world.callers.admin)).json()
      .labels;
    const operatorId = (await call(harness, 'GET', '/api/v1/me', world.callers.operator)).json()
      .userId as string;
    await withOrg(harness.database.db, world.orgId, async (tx) => {
      const team = await tx.team.create({
        data: { orgId: world.orgId, name: unique('prod-team'), hostSelector: prodLabel },
      });
      await tx.teamMember.create({ data: { orgId: world.orgId, teamId: team.id, userId: operatorId } });
    });
    try {
      const operator = world.callers.operator;
      expect((await call(harness, 'PUT', memberUrl(groupId, dev, 'other'), operator)).statusCode).toBe(404);
      expect((await call(harness, 'DELETE', memberUrl(groupId, dev, 'dev-app'), operator)).statusCode).toBe(
        404,
      );
      expect((await call(harness, 'PUT', memberUrl(groupId, prod, 'prod-app'), operator)).statusCode).toBe(
        204,
      );
      const seen = (await call(harness, 'GET', groupUrl(groupId), operator)).json();
      expect(seen.memberCount).toBe(1);
      expect(seen.members.map((m: { containerName: string }) => m.containerName)).toEqual(['prod-app']);
      const listed = (await call(harness, 'GET', '/api/v1/container-groups?limit=200', operator)).json();
      expect(listed.items.find((g: { id: string }) => g.id === groupId).memberCount).toBe(1);
      const admin = (await call(harness, 'GET', groupUrl(groupId), world.callers.admin)).json();
      expect(admin.memberCount).toBe(2);
    } finally {
      await withOrg(harness.database.db, world.orgId, (tx) =>
        tx.teamMember.deleteMany({ where: { userId: operatorId } }),
      );
    }
  });
});
