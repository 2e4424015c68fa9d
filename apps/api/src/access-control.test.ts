import { seedOrg } from '@berth/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiTokenFor, sessionCookieFor, startTestApi, type TestApi } from './test/api-harness.js';

let harness: TestApi;
beforeAll(async () => {
  harness = await startTestApi();
});
afterAll(() => harness?.stop());

const me = (headers: Record<string, string> = {}) =>
  harness.api.app.inject({ method: 'GET', url: '/api/v1/me', headers });

describe('access control', () => {
  it('refuses anonymous callers and invalid tokens with 401 in the error shape', async () => {
    const anonymous = await me();
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json()).toMatchObject({ error: { code: 'unauthorised' } });
    expect((await me({ authorization: 'Bearer berth_api_not-a-real-token-at-all' })).statusCode).toBe(401);
    expect((await me({ cookie: 'authjs.session-token=forged' })).statusCode).toBe(401);
  });

  it('accepts an API token, scoped to its organisation and role', async () => {
    const org = await seedOrg(harness.database.db);
    const response = await me({
      authorization: `Bearer ${await apiTokenFor(harness.database, org.orgId, 'operator')}`,
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ kind: 'token', org: { id: org.orgId, role: 'operator' } });
  });

  it("accepts the console's session cookie and lets the user pick among their organisations only", async () => {
    const org = await seedOrg(harness.database.db, { role: 'viewer' });
    const other = await seedOrg(harness.database.db);
    const cookie = await sessionCookieFor(org.userId);
    const response = await me({ cookie });
    expect(response.json()).toMatchObject({
      kind: 'user',
      userId: org.userId,
      org: { id: org.orgId, role: 'viewer' },
    });
    const foreign = await me({ cookie, 'x-berth-org': other.orgId });
    expect(foreign.statusCode).toBe(403);
  });

  it('sets security headers and serves an OpenAPI document of the routes', async () => {
    const response = await harness.api.app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    const document = response.json() as { openapi: string; paths: Record<string, unknown> };
    expect(document.openapi).toMatch(/^3\./);
    for (const route of harness.api.ctx.routes.filter((r) => r.url !== '/api/v1/openapi.json')) {
      expect(document.paths, route.url).toHaveProperty(route.url.replace(/:(\w+)/g, '{$1}'));
    }
  });
});
