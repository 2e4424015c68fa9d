import { type Role, withOrg } from '@berth/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiTokenFor, startTestApi, type TestApi } from '../api-harness.js';
import { orgWithContainer } from '../org-with-container.js';

let harness: TestApi;
beforeAll(async () => {
  harness = await startTestApi();
});
afterAll(() => harness?.stop());

const SHORT = 'fedcba987654';
const ROLES = ['owner', 'admin', 'operator', 'viewer'] as const;

async function orgWithTokens() {
  const org = await orgWithContainer(harness, SHORT);
  const tokens = {} as Record<Role, string>;
  for (const role of ROLES) tokens[role] = await apiTokenFor(harness.database, org.orgId, role);
  return { ...org, tokens };
}

const call = (method: 'GET' | 'POST', url: string, token: string | null, payload?: object) =>
  harness.api.app.inject({
    method,
    url,
    headers: token ? { authorization: `Bearer ${token}` } : {},
    ...(payload ? { payload } : {}),
  });

describe('control routes: who may do what', () => {
  it('lets owner, admin and operator act, refuses viewer 403 and anonymous 401, and lets every role read', async () => {
    const org = await orgWithTokens();
    const containerUrl = `/api/v1/hosts/${org.hostId}/containers/${SHORT}/actions`;
    const hostUrl = `/api/v1/hosts/${org.hostId}/actions`;
    const statuses: Record<string, number[]> = {};
    let lastId = '';
    for (const role of [...ROLES, null]) {
      const token = role ? org.tokens[role] : null;
      const container = await call('POST', containerUrl, token, { verb: 'restart' });
      const host = await call('POST', hostUrl, token, { verb: 'ping' });
      if (host.statusCode === 202) lastId = (host.json() as { id: string }).id;
      const get = await call('GET', `/api/v1/actions/${lastId}`, token);
      const list = await call('GET', '/api/v1/actions', token);
      statuses[role ?? 'anonymous'] = [
        container.statusCode,
        host.statusCode,
        get.statusCode,
        list.statusCode,
      ];
    }
    expect(statuses).toEqual({
      owner: [202, 202, 200, 200],
      admin: [202, 202, 200, 200],
      operator: [202, 202, 200, 200],
      viewer: [403, 403, 200, 200],
      anonymous: [401, 401, 401, 401],
    });
    const listed = (await call('GET', '/api/v1/actions?limit=100', org.tokens.viewer)).json() as {
      items: unknown[];
    };
    expect(listed.items).toHaveLength(6);
  });

  it("answers an operator 404 for another organisation's host, container and action, and lists none of them", async () => {
    const mine = await orgWithTokens();
    const theirs = await orgWithTokens();
    const theirAction = (
      await call('POST', `/api/v1/hosts/${theirs.hostId}/actions`, theirs.tokens.operator, { verb: 'ping' })
    ).json() as { id: string };
    const operator = mine.tokens.operator;
    const containerUrl = `/api/v1/hosts/${theirs.hostId}/containers/${SHORT}/actions`;
    expect((await call('POST', containerUrl, operator, { verb: 'stop' })).statusCode).toBe(404);
    expect(
      (await call('POST', `/api/v1/hosts/${theirs.hostId}/actions`, operator, { verb: 'ping' })).statusCode,
    ).toBe(404);
    expect((await call('GET', `/api/v1/actions/${theirAction.id}`, operator)).statusCode).toBe(404);
    const listed = (await call('GET', `/api/v1/actions?hostId=${theirs.hostId}`, operator)).json() as {
      items: unknown[];
    };
    expect(listed.items).toEqual([]);
    const counts = await Promise.all(
      [mine, theirs].map((org) => withOrg(harness.database.db, org.orgId, (tx) => tx.action.count())),
    );
    expect(counts).toEqual([0, 1]);
  });
});
