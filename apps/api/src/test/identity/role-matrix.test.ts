import { randomUUID } from 'node:crypto';
import { seedOrg } from '@berth/db/testing';
import Fastify from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiContext } from '../../context.js';
import { registerIdentityRoutes } from '../../routes/identity/register-identity-routes.js';
import {
  call,
  type IdentityHarness,
  seedLoneUser,
  seedMember,
  startIdentityApi,
} from './identity-harness.js';
import { identityRoutes, routeKey } from './identity-routes.js';
import {
  addApiToken,
  addInvite,
  addPasswordReset,
  addSession,
  addSignInUnlock,
  addTeam,
  createWorld,
  type World,
} from './world.js';

const CALLERS = ['owner', 'admin', 'operator', 'viewer', 'anonymous', 'token'] as const;
type CallerKind = (typeof CALLERS)[number];
/** Expected status for owner, admin, operator, viewer (session cookies), anonymous, an admin API token. */
type Row = [number, number, number, number, number, number];
type Built = { url: string; payload?: unknown };
type Case = { expect: Row; build(world: World, caller: CallerKind): Promise<Built> };

let h: IdentityHarness;
beforeAll(async () => {
  h = await startIdentityApi();
});
afterAll(() => h?.stop());

const db = () => h.database;
const userOf = (world: World, caller: CallerKind) =>
  caller === 'anonymous' || caller === 'token' ? world.owner : world[caller];
const fresh = () => `new-${randomUUID().slice(0, 8)}@example.test`;
const PASSWORD = 'correct horse battery staple';

const ALL_USERS: Row = [200, 200, 200, 200, 401, 403];
const ADMIN_UP = (ok: number): Row => [ok, ok, 403, 403, 401, ok];
const VIEWER_UP = (ok: number): Row => [ok, ok, ok, ok, 401, ok];
const SIGNED_IN = (ok: number): Row => [ok, ok, ok, ok, 401, 403];
const PUBLIC = (ok: number): Row => [ok, ok, ok, ok, ok, ok];

const CASES: Record<string, Case> = {
  'POST /api/v1/auth/sign-up': {
    expect: PUBLIC(201),
    build: async () => ({ url: '/api/v1/auth/sign-up', payload: { email: fresh(), password: PASSWORD } }),
  },
  'POST /api/v1/auth/sign-in': {
    expect: PUBLIC(200),
    build: async () => {
      const email = fresh();
      await seedLoneUser(db(), email, PASSWORD);
      return { url: '/api/v1/auth/sign-in', payload: { email, password: PASSWORD } };
    },
  },
  'POST /api/v1/auth/sign-in/unlock': {
    expect: PUBLIC(200),
    build: async (world, caller) => ({
      url: '/api/v1/auth/sign-in/unlock',
      payload: { token: await addSignInUnlock(db(), userOf(world, caller).userId) },
    }),
  },
  'POST /api/v1/auth/sign-out': {
    expect: SIGNED_IN(204),
    build: async () => ({ url: '/api/v1/auth/sign-out' }),
  },
  'POST /api/v1/auth/password-reset': {
    expect: PUBLIC(202),
    build: async () => ({ url: '/api/v1/auth/password-reset', payload: { email: fresh() } }),
  },
  'POST /api/v1/auth/password-reset/confirm': {
    expect: PUBLIC(204),
    build: async (world, caller) => ({
      url: '/api/v1/auth/password-reset/confirm',
      payload: { token: await addPasswordReset(db(), userOf(world, caller).email), password: PASSWORD },
    }),
  },
  // Server to server only: refused without the x-berth-internal signature, whoever calls.
  'POST /api/v1/auth/oidc-link': {
    expect: PUBLIC(401),
    build: async () => ({
      url: '/api/v1/auth/oidc-link',
      payload: {
        email: fresh(),
        emailVerified: true,
        provider: 'oidc',
        issuer: 'https://idp.example.test',
        subject: fresh(),
      },
    }),
  },
  'POST /api/v1/auth/sessions': {
    expect: PUBLIC(401),
    build: async (world) => ({ url: '/api/v1/auth/sessions', payload: { userId: world.owner.userId } }),
  },
  'PUT /api/v1/me/password': {
    expect: SIGNED_IN(204),
    build: async () => ({ url: '/api/v1/me/password', payload: { newPassword: PASSWORD } }),
  },
  'GET /api/v1/me/sessions': { expect: ALL_USERS, build: async () => ({ url: '/api/v1/me/sessions' }) },
  'DELETE /api/v1/me/sessions/:sessionId': {
    expect: SIGNED_IN(204),
    build: async (world, caller) => ({
      url: `/api/v1/me/sessions/${await addSession(db(), userOf(world, caller).userId)}`,
    }),
  },
  'POST /api/v1/me/sessions/revoke-others': {
    expect: ALL_USERS,
    build: async () => ({ url: '/api/v1/me/sessions/revoke-others' }),
  },
  'GET /api/v1/me/orgs': { expect: ALL_USERS, build: async () => ({ url: '/api/v1/me/orgs' }) },
  'POST /api/v1/orgs': {
    expect: SIGNED_IN(201),
    build: async () => ({ url: '/api/v1/orgs', payload: { name: 'Another' } }),
  },
  // The owner is the last owner; a token is no user that could leave.
  'POST /api/v1/org/leave': {
    expect: [409, 204, 204, 204, 401, 403],
    build: async () => ({ url: '/api/v1/org/leave' }),
  },
  'GET /api/v1/members': { expect: VIEWER_UP(200), build: async () => ({ url: '/api/v1/members' }) },
  'PATCH /api/v1/members/:userId': {
    expect: ADMIN_UP(200),
    build: async (world) => {
      const target = await seedMember(db(), world.orgId, 'viewer');
      return { url: `/api/v1/members/${target.userId}`, payload: { role: 'operator' } };
    },
  },
  'DELETE /api/v1/members/:userId': {
    expect: ADMIN_UP(204),
    build: async (world) => ({
      url: `/api/v1/members/${(await seedMember(db(), world.orgId, 'viewer')).userId}`,
    }),
  },
  'GET /api/v1/invites': { expect: ADMIN_UP(200), build: async () => ({ url: '/api/v1/invites' }) },
  'POST /api/v1/invites': {
    expect: ADMIN_UP(201),
    build: async () => ({ url: '/api/v1/invites', payload: { email: fresh(), role: 'viewer' } }),
  },
  'DELETE /api/v1/invites/:inviteId': {
    expect: ADMIN_UP(204),
    build: async (world) => ({ url: `/api/v1/invites/${(await addInvite(db(), world.orgId)).inviteId}` }),
  },
  'POST /api/v1/invites/accept': {
    expect: SIGNED_IN(200),
    build: async (world, caller) => {
      const other = await seedOrg(db().db);
      const invite = await addInvite(db(), other.orgId, { email: userOf(world, caller).email });
      return { url: '/api/v1/invites/accept', payload: { token: invite.token } };
    },
  },
  'POST /api/v1/invites/inspect': {
    expect: PUBLIC(200),
    build: async (world) => ({
      url: '/api/v1/invites/inspect',
      payload: { token: (await addInvite(db(), world.orgId)).token },
    }),
  },
  'GET /api/v1/teams': { expect: VIEWER_UP(200), build: async () => ({ url: '/api/v1/teams' }) },
  'POST /api/v1/teams': {
    expect: ADMIN_UP(201),
    build: async () => ({ url: '/api/v1/teams', payload: { name: 'ops', hostSelector: { env: 'prod' } } }),
  },
  'PATCH /api/v1/teams/:teamId': {
    expect: ADMIN_UP(200),
    build: async (world) => ({
      url: `/api/v1/teams/${await addTeam(db(), world.orgId)}`,
      payload: { name: 'renamed' },
    }),
  },
  'DELETE /api/v1/teams/:teamId': {
    expect: ADMIN_UP(204),
    build: async (world) => ({ url: `/api/v1/teams/${await addTeam(db(), world.orgId)}` }),
  },
  'GET /api/v1/teams/:teamId/members': {
    expect: VIEWER_UP(200),
    build: async (world) => ({ url: `/api/v1/teams/${await addTeam(db(), world.orgId)}/members` }),
  },
  'PUT /api/v1/teams/:teamId/members/:userId': {
    expect: ADMIN_UP(204),
    build: async (world) => ({
      url: `/api/v1/teams/${await addTeam(db(), world.orgId)}/members/${world.viewer.userId}`,
    }),
  },
  'DELETE /api/v1/teams/:teamId/members/:userId': {
    expect: ADMIN_UP(204),
    build: async (world) => ({
      url: `/api/v1/teams/${await addTeam(db(), world.orgId, [world.viewer.userId])}/members/${world.viewer.userId}`,
    }),
  },
  'GET /api/v1/api-tokens': { expect: VIEWER_UP(200), build: async () => ({ url: '/api/v1/api-tokens' }) },
  // Tokens never mint tokens.
  'POST /api/v1/api-tokens': {
    expect: [201, 201, 201, 201, 401, 403],
    build: async () => ({ url: '/api/v1/api-tokens', payload: { name: 'ci', role: 'viewer' } }),
  },
  // A token the owner created: admins revoke anyone's, others only their own.
  'DELETE /api/v1/api-tokens/:tokenId': {
    expect: ADMIN_UP(204),
    build: async (world) => ({
      url: `/api/v1/api-tokens/${(await addApiToken(db(), world.orgId, world.owner.userId)).tokenId}`,
    }),
  },
  'GET /api/v1/audit-logs': { expect: ADMIN_UP(200), build: async () => ({ url: '/api/v1/audit-logs' }) },
};

/** The identity area's routes as registerIdentityRoutes declares them, on a bare instance. */
async function declaredIdentityRoutes(): Promise<string[]> {
  const app = Fastify().withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  const seen: string[] = [];
  app.addHook('onRoute', (route) => {
    if (route.method !== 'HEAD')
      seen.push(...[route.method].flat().map((method) => `${method} ${route.url}`));
  });
  registerIdentityRoutes(app, h.api.ctx as ApiContext);
  await app.ready();
  await app.close();
  return seen.sort();
}

let address = 0;
const nextIp = () => {
  address += 1;
  return `10.1.${address >> 8}.${address & 255}`;
};

describe('identity role matrix', () => {
  it('has an expectation for every identity route the API serves, and no stale ones', async () => {
    const served = identityRoutes(h.api.ctx.routes).map(routeKey).sort();
    expect(served).toEqual(await declaredIdentityRoutes());
    expect(Object.keys(CASES).sort()).toEqual(served);
  });

  it.each(Object.keys(CASES))('%s answers each kind of caller as expected', async (key) => {
    const route = h.api.ctx.routes.find((r) => routeKey(r) === key);
    const spec = CASES[key];
    if (!route || !spec) throw new Error(`no route or case for ${key}`);
    const got: Record<string, number> = {};
    const want: Record<string, number> = {};
    for (const [index, caller] of CALLERS.entries()) {
      const world = await createWorld(db());
      const built = await spec.build(world, caller);
      const auth =
        caller === 'anonymous'
          ? {}
          : caller === 'token'
            ? { token: world.adminToken }
            : { cookie: world[caller].cookie };
      const method = route.method as 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
      const response = await call(h, method, built.url, { ...auth, ip: nextIp() }, built.payload);
      got[caller] = response.statusCode;
      want[caller] = spec.expect[index] ?? 0;
      if (response.statusCode >= 400)
        expect(response.json(), `${key} as ${caller}`).toHaveProperty('error.code');
    }
    expect(got).toEqual(want);
  });
});
