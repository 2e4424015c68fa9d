import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApi } from '../api-harness.js';
import {
  addContainerGroup,
  addHost,
  call,
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

const URL = '/api/v1/autoheal-policies';

async function configVersionOf(hostId: string): Promise<number> {
  const rows = await ownerRows<{ v: string }>(
    harness.database,
    'SELECT config_version::text AS v FROM hosts WHERE id = $1::uuid',
    hostId,
  );
  return Number(rows[0]?.v);
}

const issueFields = (response: { json(): unknown }) =>
  (
    (response.json() as { error: { details: { issues: { field: string }[] } } }).error.details.issues ?? []
  ).map((issue) => issue.field);

describe('auto-restart policies', () => {
  it('an operator sets one on a container with the defaults, changes and deletes it; each write is audited and moves the host config', async () => {
    const hostId = await addHost(harness.database, world.orgId);
    const created = await call(harness, 'POST', URL, world.callers.operator, {
      hostId,
      containerName: 'worker',
      mode: 'on-failure',
    });
    expect(created.statusCode).toBe(201);
    const policy = created.json();
    expect(policy).toMatchObject({
      hostId,
      containerName: 'worker',
      groupId: null,
      mode: 'on-failure',
      backoffInitialS: 10,
      backoffCapS: 300,
      maxAttempts: 5,
      windowS: 1800,
    });
    expect(await configVersionOf(hostId)).toBe(1);

    const again = await call(harness, 'POST', URL, world.callers.operator, {
      hostId,
      containerName: 'worker',
      mode: 'off',
    });
    expect(again.statusCode).toBe(409);

    const capBelow = await call(harness, 'PATCH', `${URL}/${policy.id}`, world.callers.operator, {
      backoffCapS: 5,
    });
    expect(capBelow.statusCode).toBe(400);
    expect(issueFields(capBelow)).toEqual(['backoffCapS']);

    const changed = await call(harness, 'PATCH', `${URL}/${policy.id}`, world.callers.operator, {
      mode: 'unhealthy',
      maxAttempts: 2,
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ mode: 'unhealthy', maxAttempts: 2, backoffCapS: 300 });
    expect(await configVersionOf(hostId)).toBe(2);

    const listed = await call(harness, 'GET', `${URL}?hostId=${hostId}`, world.callers.viewer);
    expect(listed.json().items.map((item: { id: string }) => item.id)).toEqual([policy.id]);

    expect((await call(harness, 'DELETE', `${URL}/${policy.id}`, world.callers.operator)).statusCode).toBe(
      204,
    );
    expect(await configVersionOf(hostId)).toBe(3);
    const audit = await ownerRows<{ action: string }>(
      harness.database,
      'SELECT action FROM audit_logs WHERE org_id = $1::uuid AND target_id = $2 ORDER BY id',
      world.orgId,
      policy.id,
    );
    expect(audit.map((row) => row.action)).toEqual([
      'autoheal_policy.create',
      'autoheal_policy.update',
      'autoheal_policy.delete',
    ]);
  });

  it('names bad fields, and a group policy needs an admin and reaches the hosts of its members', async () => {
    const hostId = await addHost(harness.database, world.orgId);
    const bad = await call(harness, 'POST', URL, world.callers.operator, {
      hostId,
      containerName: 'worker',
      mode: 'always',
      maxAttempts: 0,
    });
    expect(bad.statusCode).toBe(400);
    expect(issueFields(bad).sort()).toEqual(['maxAttempts', 'mode']);
    expect(await configVersionOf(hostId)).toBe(0);

    const groupId = await addContainerGroup(harness.database, world.orgId, [
      { hostId, containerName: 'worker' },
    ]);
    expect(
      (await call(harness, 'POST', URL, world.callers.operator, { groupId, mode: 'on-failure' })).statusCode,
    ).toBe(403);
    expect(
      (await call(harness, 'POST', URL, world.callers.viewer, { groupId, mode: 'on-failure' })).statusCode,
    ).toBe(403);
    const created = await call(harness, 'POST', URL, world.callers.admin, { groupId, mode: 'on-failure' });
    expect(created.statusCode).toBe(201);
    expect(await configVersionOf(hostId)).toBe(1);
  });
});
