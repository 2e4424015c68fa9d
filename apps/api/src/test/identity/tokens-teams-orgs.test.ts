import { withOrg } from '@berth/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../auth/principal.js';
import { visibleHostFilter } from '../../services/identity/visible-host-filter.js';
import { sessionCookieFor } from '../api-harness.js';
import { call, type IdentityHarness, startIdentityApi } from './identity-harness.js';
import { addTeam, createWorld } from './world.js';

let h: IdentityHarness;
beforeAll(async () => {
  h = await startIdentityApi();
});
afterAll(() => h?.stop());

describe('API tokens', () => {
  it('shows the secret once (berth_api_…), works as a bearer, lists last use but never the secret, and revokes', async () => {
    const w = await createWorld(h.database);
    const created = await call(
      h,
      'POST',
      '/api/v1/api-tokens',
      { cookie: w.operator.cookie },
      { name: 'ci', role: 'operator' },
    );
    expect(created.statusCode).toBe(201);
    const { token, secret } = created.json();
    expect(secret).toMatch(/^berth_api_[A-Za-z0-9_-]{43}$/);
    expect(secret.startsWith(token.prefix)).toBe(true);
    expect(token).toMatchObject({ role: 'operator', createdBy: w.operator.userId, lastUsedAt: null });
    expect((await call(h, 'GET', '/api/v1/members', { token: secret })).statusCode).toBe(200);
    const listed = await call(h, 'GET', '/api/v1/api-tokens', { cookie: w.operator.cookie });
    expect(listed.body).not.toContain(secret);
    expect(listed.json().items).toEqual([
      expect.objectContaining({ id: token.id, lastUsedAt: expect.any(String) }),
    ]);
    // Admins see every token; the operator sees only theirs.
    expect((await call(h, 'GET', '/api/v1/api-tokens', { cookie: w.admin.cookie })).json().items.length).toBe(
      2,
    );
    expect(
      (await call(h, 'DELETE', `/api/v1/api-tokens/${token.id}`, { cookie: w.operator.cookie })).statusCode,
    ).toBe(204);
    expect((await call(h, 'GET', '/api/v1/members', { token: secret })).statusCode).toBe(401);
  });

  it("refuses a token role above the creator's (naming the field), a past expiry, and tokens minting tokens", async () => {
    const w = await createWorld(h.database);
    const above = await call(
      h,
      'POST',
      '/api/v1/api-tokens',
      { cookie: w.admin.cookie },
      { name: 'x', role: 'owner' },
    );
    expect(above.statusCode).toBe(403);
    expect(above.json().error.details.issues[0].field).toBe('role');
    const past = await call(
      h,
      'POST',
      '/api/v1/api-tokens',
      { cookie: w.admin.cookie },
      {
        name: 'x',
        role: 'viewer',
        expiresAt: '2020-01-01T00:00:00.000Z',
      },
    );
    expect(past.statusCode).toBe(400);
    expect(
      (await call(h, 'POST', '/api/v1/api-tokens', { token: w.adminToken }, { name: 'x', role: 'viewer' }))
        .statusCode,
    ).toBe(403);
    const soon = new Date(Date.now() + 3_600_000).toISOString();
    const ok = await call(
      h,
      'POST',
      '/api/v1/api-tokens',
      { cookie: w.admin.cookie },
      { name: 'x', role: 'admin', expiresAt: soon },
    );
    expect(ok.json().token.expiresAt).toBe(soon);
  });
});

describe('teams and host visibility', () => {
  it('creates, renames, restricts, lists members of, and deletes a team', async () => {
    const w = await createWorld(h.database);
    const auth = { cookie: w.admin.cookie };
    const team = (await call(h, 'POST', '/api/v1/teams', auth, { name: 'web' })).json();
    expect(team).toMatchObject({ name: 'web', hostSelector: {}, memberCount: 0 });
    expect((await call(h, 'POST', '/api/v1/teams', auth, { name: 'web' })).statusCode).toBe(409);
    const badSelector = await call(h, 'PATCH', `/api/v1/teams/${team.id}`, auth, {
      hostSelector: { env: 5 },
    });
    expect(badSelector.statusCode).toBe(400);
    const changed = await call(h, 'PATCH', `/api/v1/teams/${team.id}`, auth, {
      name: 'frontend',
      hostSelector: { env: 'prod' },
    });
    expect(changed.json()).toMatchObject({ name: 'frontend', hostSelector: { env: 'prod' } });
    expect(
      (await call(h, 'PUT', `/api/v1/teams/${team.id}/members/${w.viewer.userId}`, auth)).statusCode,
    ).toBe(204);
    expect(
      (await call(h, 'PUT', `/api/v1/teams/${team.id}/members/${w.viewer.userId}`, auth)).statusCode,
    ).toBe(204);
    const members = (
      await call(h, 'GET', `/api/v1/teams/${team.id}/members`, { cookie: w.viewer.cookie })
    ).json();
    expect(members.items).toEqual([{ userId: w.viewer.userId, email: w.viewer.email, name: null }]);
    expect((await call(h, 'DELETE', `/api/v1/teams/${team.id}`, auth)).statusCode).toBe(204);
    expect((await call(h, 'GET', `/api/v1/teams/${team.id}/members`, auth)).statusCode).toBe(404);
    const actions = (await call(h, 'GET', '/api/v1/audit-logs?action=team.*', auth)).json().items;
    expect(actions.map((row: { action: string }) => row.action)).toEqual([
      'team.delete',
      'team.member_add',
      'team.update',
      'team.create',
    ]);
  });

  it('limits viewers and operators in restricted teams to matching hosts; admins and others see all', async () => {
    const w = await createWorld(h.database);
    const hosts = {
      prodWeb: { env: 'prod', tier: 'web' },
      prodDb: { env: 'prod', tier: 'db' },
      dev: { env: 'dev' },
    };
    const ids: Record<string, string> = {};
    await withOrg(h.database.db, w.orgId, async (tx) => {
      for (const [name, labels] of Object.entries(hosts)) {
        const host = await tx.host.create({
          data: { orgId: w.orgId, name, hostname: name, labels, credentialHash: `cred-${w.orgId}-${name}` },
        });
        ids[name] = host.id;
      }
      const web = await tx.team.create({
        data: { orgId: w.orgId, name: 'web', hostSelector: { env: 'prod', tier: 'web' } },
      });
      const dev = await tx.team.create({
        data: { orgId: w.orgId, name: 'dev', hostSelector: { env: 'dev' } },
      });
      const open = await tx.team.create({ data: { orgId: w.orgId, name: 'everyone' } });
      await tx.teamMember.createMany({
        data: [
          { orgId: w.orgId, teamId: web.id, userId: w.viewer.userId },
          { orgId: w.orgId, teamId: dev.id, userId: w.viewer.userId },
          { orgId: w.orgId, teamId: web.id, userId: w.admin.userId },
          { orgId: w.orgId, teamId: open.id, userId: w.operator.userId },
        ],
      });
    });
    const visible = (principal: Principal) =>
      withOrg(h.database.db, w.orgId, async (tx) =>
        (await tx.host.findMany({ where: await visibleHostFilter(tx, principal), select: { name: true } }))
          .map((host) => host.name)
          .sort(),
      );
    const as = (userId: string, role: Principal['role']): Principal => ({
      kind: 'user',
      userId,
      orgId: w.orgId,
      role,
    });
    expect(await visible(as(w.viewer.userId, 'viewer'))).toEqual(['dev', 'prodWeb']);
    expect(await visible(as(w.admin.userId, 'admin'))).toHaveLength(4);
    expect(await visible(as(w.operator.userId, 'operator'))).toHaveLength(4);
    const token: Principal = {
      kind: 'token',
      tokenId: w.orgId,
      orgId: w.orgId,
      role: 'viewer',
      createdBy: w.viewer.userId,
    };
    expect(await visible(token)).toEqual(['dev', 'prodWeb']);
    expect(Object.keys(ids)).toHaveLength(3);
  });
});

describe('organisations', () => {
  it('creates another org, lists mine page by page, and switches with x-berth-org', async () => {
    const w = await createWorld(h.database);
    const auth = { cookie: w.viewer.cookie };
    const names = ['Zulu', 'Alpha', 'Mike'];
    const created: string[] = [];
    for (const name of names) {
      const response = await call(h, 'POST', '/api/v1/orgs', auth, { name });
      expect(response.statusCode).toBe(201);
      created.push(response.json().id);
    }
    const listed: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/v1/me/orgs?limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page = (await call(h, 'GET', url, auth)).json();
      listed.push(...page.items.map((item: { orgName: string }) => item.orgName));
      cursor = page.nextCursor;
    } while (cursor);
    expect(listed.filter((name) => names.includes(name))).toEqual(['Alpha', 'Mike', 'Zulu']);
    expect(listed).toHaveLength(4);
    const switched = await h.api.app.inject({
      method: 'GET',
      url: '/api/v1/me',
      headers: { cookie: w.viewer.cookie, 'x-berth-org': created[0] ?? '' },
    });
    expect(switched.json().org).toEqual({ id: created[0], role: 'owner' });
    const cookie = await sessionCookieFor(w.viewer.userId, created[1]);
    expect((await call(h, 'GET', '/api/v1/me', { cookie })).json().org.id).toBe(created[1]);
  });

  it('audits every change with who, what, target, when and from where; filters by actor and time', async () => {
    const w = await createWorld(h.database);
    const start = new Date().toISOString();
    await addTeam(h.database, w.orgId);
    await call(
      h,
      'POST',
      '/api/v1/teams',
      { cookie: w.admin.cookie, ip: '203.0.113.9' },
      { name: 'audited' },
    );
    await call(
      h,
      'POST',
      '/api/v1/invites',
      { cookie: w.owner.cookie },
      { email: 'audit@example.test', role: 'viewer' },
    );
    const all = (await call(h, 'GET', `/api/v1/audit-logs?from=${start}`, { cookie: w.owner.cookie })).json()
      .items;
    expect(all.map((row: { action: string }) => row.action)).toEqual(['invite.create', 'team.create']);
    expect(all[1]).toMatchObject({
      actorUserId: w.admin.userId,
      targetType: 'team',
      ip: '203.0.113.9',
      details: { name: 'audited' },
      createdAt: expect.any(String),
    });
    const byAdmin = (
      await call(h, 'GET', `/api/v1/audit-logs?actorUserId=${w.admin.userId}`, { token: w.adminToken })
    ).json();
    expect(byAdmin.items.map((row: { action: string }) => row.action)).toEqual(['team.create']);
    const before = (
      await call(h, 'GET', `/api/v1/audit-logs?to=${start}`, { cookie: w.owner.cookie })
    ).json();
    expect(before.items).toEqual([]);
  });
});
