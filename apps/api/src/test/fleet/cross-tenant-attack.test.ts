import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../api-harness.js';
import { FLEET_ROUTES, freshTargets, registeredFleetRoutes, type Targets } from './fleet-routes.js';
import { call, createFleetWorld, ensurePartitions, type FleetWorld, ownerRows } from './fleet-world.js';
import { ingest } from './ingest-rows.js';

let harness: TestApi;
let a: FleetWorld;
let b: FleetWorld;
let loot: Targets;

type Snapshot = {
  hosts: unknown[];
  containers: unknown[];
  tokens: unknown[];
  samples: unknown[];
  audit: unknown[];
  groups: unknown[];
  checkDefinitions: unknown[];
  autohealPolicies: unknown[];
};

/** Everything of org B that an attack could change, read as the owner (no RLS). */
async function snapshotOfB(): Promise<Snapshot> {
  const q = (sql: string) => ownerRows(harness.database, sql, b.orgId);
  return {
    hosts: await q('SELECT id, name, labels, revoked_at FROM hosts WHERE org_id = $1::uuid ORDER BY id'),
    containers: await q(
      'SELECT host_id, short_id, name FROM containers WHERE org_id = $1::uuid ORDER BY 1, 2',
    ),
    tokens: await q('SELECT id, name, revoked_at FROM enrollment_tokens WHERE org_id = $1::uuid ORDER BY id'),
    samples: await q('SELECT count(*)::int AS n FROM container_samples WHERE org_id = $1::uuid'),
    audit: await q('SELECT count(*)::int AS n FROM audit_logs WHERE org_id = $1::uuid'),
    groups: await q(
      `SELECT g.id, g.name, g.colour, g.description, m.host_id, m.container_name
       FROM container_groups g LEFT JOIN container_group_members m ON m.group_id = g.id
       WHERE g.org_id = $1::uuid ORDER BY 1, 5, 6`,
    ),
    checkDefinitions: await q(
      `SELECT d.id, d.host_id, d.container_name, d.group_id, d.name, d.spec, d.enabled, d.revision, h.config_version
       FROM check_definitions d LEFT JOIN hosts h ON h.id = d.host_id WHERE d.org_id = $1::uuid ORDER BY id`,
    ),
    autohealPolicies: await q(
      'SELECT id, host_id, container_name, group_id, mode, max_attempts FROM autoheal_policies WHERE org_id = $1::uuid ORDER BY id',
    ),
  };
}

beforeAll(async () => {
  harness = await startTestApi();
  await ensurePartitions(harness.database);
  a = await createFleetWorld(harness.database);
  b = await createFleetWorld(harness.database);
  await freshTargets(harness.database, a.orgId);
  loot = await freshTargets(harness.database, b.orgId);
  const ts = new Date(Date.now() - 30_000);
  await ingest(harness.database, b.orgId, loot.hostId, {
    containerSamples: [{ containerId: loot.containerId, ts, cpuPct: 99, memBytes: 1 }],
    hostSamples: [{ ts, cpuPct: 99, memUsed: 1 }],
    logs: [{ containerId: loot.containerId, ts, line: 'secret of b', batchSeq: 1, lineNo: 0 }],
    events: [{ containerId: loot.containerId, ts, action: 'start' }],
  });
});
afterAll(() => harness?.stop());

describe('cross-tenant attack on the fleet routes', () => {
  it("gives org A's owner and admin token 404 or nothing for org B's ids, and changes nothing of B", async () => {
    const before = await snapshotOfB();
    const failures: string[] = [];
    for (const key of registeredFleetRoutes(harness)) {
      const expectation = FLEET_ROUTES[key];
      if (!expectation) {
        failures.push(`${key}: no expectation`);
        continue;
      }
      const method = key.split(' ')[0] ?? 'GET';
      for (const headers of [a.callers.owner, a.adminToken]) {
        // A request per caller: a create (no ids) must not collide with the previous caller's.
        const request = expectation.request(loot);
        const response = await call(harness, method, request.url, headers, request.payload);
        const body = response.body;
        // B's ids in the path, or in the body (a check definition names its host there).
        const namesIds = key.includes(':') || JSON.stringify(request.payload ?? {}).includes(loot.hostId);
        if (namesIds && response.statusCode !== 404)
          failures.push(`${key}: ${response.statusCode} ${body.slice(0, 200)}`);
        if (!namesIds && response.statusCode >= 300) failures.push(`${key}: ${response.statusCode}`);
        for (const secret of [
          loot.hostId,
          loot.containerId,
          loot.tokenId,
          loot.groupId,
          loot.checkId,
          loot.definitionId,
          loot.policyId,
          'secret of b',
        ]) {
          if (body.includes(secret)) failures.push(`${key}: response leaks ${secret}`);
        }
      }
    }
    expect(failures).toEqual([]);
    expect(await snapshotOfB()).toEqual(before);
  });

  it('finds nothing of B through list filters and the overview', async () => {
    const lists = [
      `/api/v1/containers?hostId=${loot.hostId}&includeRemoved=1`,
      `/api/v1/events?hostId=${loot.hostId}&containerId=${loot.containerId}`,
      '/api/v1/hosts',
      '/api/v1/enrolment-tokens',
      '/api/v1/container-groups',
      `/api/v1/containers?group=${loot.groupId}`,
      `/api/v1/hosts?group=${loot.groupId}`,
      `/api/v1/checks?hostId=${loot.hostId}`,
      `/api/v1/checks?containerName=${loot.containerName}`,
      `/api/v1/check-definitions?hostId=${loot.hostId}`,
      `/api/v1/check-definitions?groupId=${loot.groupId}`,
      `/api/v1/autoheal-policies?hostId=${loot.hostId}`,
    ];
    for (const url of lists) {
      const response = await call(harness, 'GET', url, a.callers.owner);
      expect(response.statusCode, url).toBe(200);
      const items = (response.json() as { items: { hostId?: string; id?: string }[] }).items;
      expect(
        items.filter(
          (item) =>
            item.hostId === loot.hostId ||
            item.id === loot.hostId ||
            item.id === loot.tokenId ||
            item.id === loot.groupId,
        ),
      ).toEqual([]);
    }
    const overview = (await call(harness, 'GET', '/api/v1/overview', a.callers.owner)).json();
    expect(overview.topCpu.map((row: { hostId: string }) => row.hostId)).not.toContain(loot.hostId);
    expect(overview.hosts.total).toBe(1);
  });
});
