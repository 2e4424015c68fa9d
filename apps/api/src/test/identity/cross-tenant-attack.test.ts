import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, type IdentityHarness, startIdentityApi } from './identity-harness.js';
import { identityRoutes, routeKey } from './identity-routes.js';
import { addApiToken, addInvite, addSession, addTeam, createWorld, type World } from './world.js';

/** Org B's ids that an owner of org A tries to use. */
type Loot = { teamId: string; inviteId: string; tokenId: string; sessionId: string; member: string };
type Attack = {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url(b: Loot, a: World): string;
  payload?: unknown;
};

/** Every identity route that takes an id, used with org B's ids by org A's owner. */
const ATTACKS: Record<string, Attack> = {
  'DELETE /api/v1/me/sessions/:sessionId': {
    method: 'DELETE',
    url: (b) => `/api/v1/me/sessions/${b.sessionId}`,
  },
  'PATCH /api/v1/members/:userId': {
    method: 'PATCH',
    url: (b) => `/api/v1/members/${b.member}`,
    payload: { role: 'owner' },
  },
  'DELETE /api/v1/members/:userId': { method: 'DELETE', url: (b) => `/api/v1/members/${b.member}` },
  'DELETE /api/v1/invites/:inviteId': { method: 'DELETE', url: (b) => `/api/v1/invites/${b.inviteId}` },
  'PATCH /api/v1/teams/:teamId': {
    method: 'PATCH',
    url: (b) => `/api/v1/teams/${b.teamId}`,
    payload: { name: 'pwned', hostSelector: {} },
  },
  'DELETE /api/v1/teams/:teamId': { method: 'DELETE', url: (b) => `/api/v1/teams/${b.teamId}` },
  'GET /api/v1/teams/:teamId/members': { method: 'GET', url: (b) => `/api/v1/teams/${b.teamId}/members` },
  'PUT /api/v1/teams/:teamId/members/:userId': {
    method: 'PUT',
    url: (b, a) => `/api/v1/teams/${b.teamId}/members/${a.owner.userId}`,
  },
  'DELETE /api/v1/teams/:teamId/members/:userId': {
    method: 'DELETE',
    url: (b) => `/api/v1/teams/${b.teamId}/members/${b.member}`,
  },
  'DELETE /api/v1/api-tokens/:tokenId': { method: 'DELETE', url: (b) => `/api/v1/api-tokens/${b.tokenId}` },
};

let h: IdentityHarness;
let owner: pg.Client;
let a: World;
let b: World;
let loot: Loot;

beforeAll(async () => {
  h = await startIdentityApi();
  owner = new pg.Client({ connectionString: h.database.adminUrl });
  await owner.connect();
  a = await createWorld(h.database);
  b = await createWorld(h.database);
  loot = {
    teamId: await addTeam(h.database, b.orgId, [b.viewer.userId]),
    inviteId: (await addInvite(h.database, b.orgId)).inviteId,
    tokenId: (await addApiToken(h.database, b.orgId, b.owner.userId)).tokenId,
    sessionId: await addSession(h.database, b.viewer.userId),
    member: b.viewer.userId,
  };
});
afterAll(async () => {
  await owner?.end();
  await h?.stop();
});

/** Everything of org B (and its users' sessions), read as the database owner. */
async function snapshotOfB(): Promise<unknown> {
  const tables = {
    memberships: 'SELECT user_id, role FROM memberships WHERE org_id = $1 ORDER BY user_id',
    teams: 'SELECT id, name, host_selector FROM teams WHERE org_id = $1 ORDER BY id',
    team_members: 'SELECT team_id, user_id FROM team_members WHERE org_id = $1 ORDER BY team_id, user_id',
    invites: 'SELECT id, accepted_at, revoked_at FROM invites WHERE org_id = $1 ORDER BY id',
    api_tokens: 'SELECT id, role, revoked_at FROM api_tokens WHERE org_id = $1 ORDER BY id',
    audit_logs: 'SELECT count(*) FROM audit_logs WHERE org_id = $1',
    sessions: `SELECT id, revoked_at FROM user_sessions WHERE user_id IN
      (SELECT user_id FROM memberships WHERE org_id = $1) ORDER BY id`,
  };
  const snapshot: Record<string, unknown> = {};
  for (const [name, sql] of Object.entries(tables)) snapshot[name] = (await owner.query(sql, [b.orgId])).rows;
  return snapshot;
}

describe("a member of org A using org B's ids", () => {
  it('covers every identity route that takes an id', () => {
    const withIds = identityRoutes(h.api.ctx.routes)
      .filter((route) => route.url.includes('/:'))
      .map(routeKey)
      .sort();
    expect(Object.keys(ATTACKS).sort()).toEqual(withIds);
  });

  it.each(Object.keys(ATTACKS))("%s answers 404 and changes nothing of B's", async (key) => {
    const attack = ATTACKS[key];
    if (!attack) throw new Error(key);
    const before = await snapshotOfB();
    const route = h.api.ctx.routes.find((r) => routeKey(r) === key);
    // Signed-in routes refuse tokens outright (403, role matrix); org routes are attacked with both.
    const callers =
      route?.access === 'signed-in'
        ? [{ cookie: a.owner.cookie }]
        : [{ cookie: a.owner.cookie }, { token: a.adminToken }];
    for (const auth of callers) {
      const response = await call(h, attack.method, attack.url(loot, a), auth, attack.payload);
      expect(response.statusCode, `${key} ${JSON.stringify(Object.keys(auth))}`).toBe(404);
      expect(response.json().error.code).toBe('not_found');
    }
    expect(await snapshotOfB()).toEqual(before);
  });

  it("lists none of B's members, invites, teams, tokens or audit rows, even when filtering by B's ids", async () => {
    const auth = { cookie: a.owner.cookie };
    const lists = await Promise.all(
      [
        '/api/v1/members',
        '/api/v1/invites',
        '/api/v1/teams',
        '/api/v1/api-tokens',
        '/api/v1/audit-logs?limit=200',
        `/api/v1/audit-logs?actorUserId=${b.owner.userId}`,
        `/api/v1/audit-logs?targetId=${loot.teamId}`,
      ].map((url) => call(h, 'GET', url, auth)),
    );
    const body = lists.map((response) => response.body).join('\n');
    for (const id of [b.orgId, b.owner.userId, b.viewer.userId, loot.teamId, loot.inviteId, loot.tokenId]) {
      expect(body).not.toContain(id);
    }
    expect(lists.slice(-2).map((response) => response.json().items)).toEqual([[], []]);
  });

  it("cannot act in B by naming it in x-berth-org, nor read B's sessions", async () => {
    const response = await h.api.app.inject({
      method: 'GET',
      url: '/api/v1/members',
      headers: { cookie: a.owner.cookie, 'x-berth-org': b.orgId },
    });
    expect(response.statusCode).toBe(403);
    const sessions = await call(h, 'GET', '/api/v1/me/sessions', { cookie: a.owner.cookie });
    expect(sessions.body).not.toContain(loot.sessionId);
  });
});
