import type { Role } from '@berth/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLE_RANK } from '../../auth/principal.js';
import type { TestApi } from '../api-harness.js';
import { FLEET_ROUTES, freshTargets, registeredFleetRoutes } from './fleet-routes.js';
import { type Caller, call, type FleetWorld, startFleetApi } from './fleet-world.js';

let harness: TestApi;
let world: FleetWorld;

beforeAll(async () => {
  ({ harness, world } = await startFleetApi());
});
afterAll(() => harness?.stop());

type Who = { name: string; role: Role | null; headers: () => Caller };

const WHO: Who[] = [
  { name: 'owner', role: 'owner', headers: () => world.callers.owner },
  { name: 'admin', role: 'admin', headers: () => world.callers.admin },
  { name: 'operator', role: 'operator', headers: () => world.callers.operator },
  { name: 'viewer', role: 'viewer', headers: () => world.callers.viewer },
  { name: 'anonymous', role: null, headers: () => ({}) },
  { name: 'viewer API token', role: 'viewer', headers: () => world.viewerToken },
  { name: 'admin API token', role: 'admin', headers: () => world.adminToken },
];

function expectedStatus(minimum: Role, success: number, role: Role | null): number {
  if (role === null) return 401;
  return ROLE_RANK[role] >= ROLE_RANK[minimum] ? success : 403;
}

describe('fleet role matrix', () => {
  it('has an expectation for every registered fleet route', () => {
    const routes = registeredFleetRoutes(harness);
    expect(routes.length).toBeGreaterThanOrEqual(16);
    for (const key of routes) expect(FLEET_ROUTES, `no role expectation for ${key}`).toHaveProperty([key]);
    expect(Object.keys(FLEET_ROUTES).sort()).toEqual([...routes].sort());
  });

  it('answers each caller with the status its role allows, on every fleet route', async () => {
    const failures: string[] = [];
    for (const key of registeredFleetRoutes(harness)) {
      const expectation = FLEET_ROUTES[key];
      if (!expectation) continue;
      const method = key.split(' ')[0] ?? 'GET';
      for (const who of WHO) {
        const request = expectation.request(await freshTargets(harness.database, world.orgId));
        const response = await call(harness, method, request.url, who.headers(), request.payload);
        const wanted = expectedStatus(expectation.minimum, expectation.success, who.role);
        if (response.statusCode !== wanted) {
          failures.push(
            `${key} as ${who.name}: ${response.statusCode} (wanted ${wanted}) ${response.body.slice(0, 200)}`,
          );
        }
        if (wanted >= 400) expect(response.json()).toMatchObject({ error: { code: expect.any(String) } });
      }
    }
    expect(failures).toEqual([]);
  });
});
