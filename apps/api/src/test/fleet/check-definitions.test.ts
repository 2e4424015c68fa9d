import { randomUUID } from 'node:crypto';
import { channels, type GatewayMessage, keys } from '@berth/bus';
import { recordHostConfigAck, withOrgClient } from '@berth/db/sql';
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

const URL = '/api/v1/check-definitions';
const unique = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;

async function configVersionOf(hostId: string): Promise<number> {
  const rows = await ownerRows<{ v: string }>(
    harness.database,
    'SELECT config_version::text AS v FROM hosts WHERE id = $1::uuid',
    hostId,
  );
  return Number(rows[0]?.v);
}

async function auditOf(targetId: string): Promise<string[]> {
  const rows = await ownerRows<{ action: string }>(
    harness.database,
    'SELECT action FROM audit_logs WHERE org_id = $1::uuid AND target_id = $2 ORDER BY id',
    world.orgId,
    targetId,
  );
  return rows.map((row) => row.action);
}

/** Plays the gateway holding `hostId`: records what the API tells it. */
async function standInGateway(hostId: string) {
  const gatewayId = `gw-${randomUUID().slice(0, 8)}`;
  await harness.api.ctx.bus.setKey(keys.presence(hostId), gatewayId, 60_000);
  const messages: GatewayMessage[] = [];
  const unsubscribe = await harness.api.ctx.bus.subscribe(channels.gatewayActions(gatewayId), (message) => {
    messages.push(message as GatewayMessage);
  });
  return { messages, unsubscribe };
}

describe('the checks config state on the host detail', () => {
  it('shows the version Berth pushed, and the one the agent acked with when', async () => {
    const hostId = await addHost(harness.database, world.orgId);
    const containerName = unique('web');
    await addContainer(harness.database, world.orgId, hostId, { name: containerName });
    const detail = async () =>
      (await call(harness, 'GET', `/api/v1/hosts/${hostId}`, world.callers.viewer)).json();
    expect(await detail()).toMatchObject({ configVersion: 0, configAckedVersion: 0, configAckedAt: null });
    const created = await call(harness, 'POST', URL, world.callers.operator, {
      hostId,
      containerName,
      name: 'health',
      spec: { kind: 'http', target: 'http://{{ip}}:{{port:8080}}/health', intervalS: 10 },
    });
    expect(created.statusCode).toBe(201);
    expect(await detail()).toMatchObject({ configVersion: 1, configAckedVersion: 0, configAckedAt: null });
    // What the gateway does when the agent's config_ack arrives.
    const before = Date.now();
    const moved = await withOrgClient(harness.database.pool, world.orgId, (client) =>
      recordHostConfigAck(client, hostId, 1),
    );
    expect(moved).toBe(true);
    const acked = await detail();
    expect(acked).toMatchObject({ configVersion: 1, configAckedVersion: 1 });
    expect(Date.parse(acked.configAckedAt)).toBeGreaterThanOrEqual(before - 1000);
  });
});

describe('check definitions on a container', () => {
  it('an operator creates, changes and deletes one; each write is audited, bumps the host config and nudges its gateway', async () => {
    const hostId = await addHost(harness.database, world.orgId);
    const containerName = unique('web');
    await addContainer(harness.database, world.orgId, hostId, { name: containerName });
    const gateway = await standInGateway(hostId);
    expect(await configVersionOf(hostId)).toBe(0);

    const created = await call(harness, 'POST', URL, world.callers.operator, {
      hostId,
      containerName,
      name: 'health',
      spec: { kind: 'http', target: 'http://{{ip}}:{{port:8080}}/health', intervalS: 10 },
    });
    expect(created.statusCode).toBe(201);
    const definition = created.json();
    expect(definition).toMatchObject({
      hostId,
      containerName,
      groupId: null,
      name: 'health',
      enabled: true,
      revision: 1,
      spec: {
        kind: 'http',
        target: 'http://{{ip}}:{{port:8080}}/health',
        intervalS: 10,
        timeoutMs: 10_000,
        retries: 1,
        http: { method: 'GET', expectStatus: { min: 200, max: 299 }, followRedirects: true },
      },
    });
    expect(await configVersionOf(hostId)).toBe(1);
    await expect.poll(() => gateway.messages).toEqual([{ kind: 'config', hostId }]);

    const listed = await call(
      harness,
      'GET',
      `${URL}?hostId=${hostId}&containerName=${containerName}`,
      world.callers.viewer,
    );
    expect(listed.json().items.map((item: { id: string }) => item.id)).toEqual([definition.id]);

    const changed = await call(harness, 'PATCH', `${URL}/${definition.id}`, world.callers.operator, {
      spec: { kind: 'tcp', target: '{{ip}}:5432' },
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ revision: 2, spec: { kind: 'tcp', target: '{{ip}}:5432' } });
    expect(changed.json().spec.http).toBeUndefined();
    expect(await configVersionOf(hostId)).toBe(2);

    expect(
      (await call(harness, 'DELETE', `${URL}/${definition.id}`, world.callers.operator)).statusCode,
    ).toBe(204);
    expect(await configVersionOf(hostId)).toBe(3);
    await expect.poll(() => gateway.messages.length).toBe(3);
    expect(await auditOf(definition.id)).toEqual([
      'check_definition.create',
      'check_definition.update',
      'check_definition.delete',
    ]);
    await gateway.unsubscribe();
  });

  it('answers 400 naming the field, 409 for a name taken on the container, and writes nothing then', async () => {
    const hostId = await addHost(harness.database, world.orgId);
    const body = { hostId, containerName: 'db', name: 'tcp', spec: { kind: 'tcp', target: '{{ip}}:5432' } };
    const fields = async (payload: unknown) => {
      const response = await call(harness, 'POST', URL, world.callers.operator, payload);
      expect(response.statusCode).toBe(400);
      return (response.json().error.details.issues as { field: string }[]).map((issue) => issue.field);
    };
    expect(await fields({ ...body, spec: { kind: 'tcp', target: '{{ip}}:5432', intervalS: 5 } })).toEqual([
      'spec.intervalS',
    ]);
    expect(await fields({ ...body, spec: { kind: 'http', target: 'ftp://x' } })).toEqual(['spec.target']);
    expect(await fields({ ...body, name: 'Not A Name' })).toEqual(['name']);
    expect(await fields({ ...body, groupId: randomUUID() })).toEqual(['groupId']);
    expect(await configVersionOf(hostId)).toBe(0);

    expect((await call(harness, 'POST', URL, world.callers.operator, body)).statusCode).toBe(201);
    const again = await call(harness, 'POST', URL, world.callers.operator, body);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.details.issues).toEqual([
      { field: 'name', message: 'already taken on this target' },
    ]);
    expect(await configVersionOf(hostId)).toBe(1);
  });

  it('refuses viewers, and answers 404 for a host of another organisation', async () => {
    const hostId = await addHost(harness.database, world.orgId);
    const body = { hostId, containerName: 'web', name: 'x', spec: { kind: 'tcp', target: 'a:1' } };
    expect((await call(harness, 'POST', URL, world.callers.viewer, body)).statusCode).toBe(403);
    const other = await createFleetWorld(harness.database);
    const foreign = await call(harness, 'POST', URL, other.callers.owner, body);
    expect(foreign.statusCode).toBe(404);
    expect(await configVersionOf(hostId)).toBe(0);
  });
});

describe('check definitions on a group', () => {
  it('needs an admin, and reaches every host with a member, including one that joins later', async () => {
    const [hostA, hostB, hostC] = [
      await addHost(harness.database, world.orgId),
      await addHost(harness.database, world.orgId),
      await addHost(harness.database, world.orgId),
    ];
    const groupId = await addContainerGroup(harness.database, world.orgId, [
      { hostId: hostA, containerName: 'web' },
      { hostId: hostB, containerName: 'web' },
    ]);
    const body = { groupId, name: 'health', spec: { kind: 'http', target: 'http://{{ip}}/' } };
    const refused = await call(harness, 'POST', URL, world.callers.operator, body);
    expect(refused.statusCode).toBe(403);
    expect(await configVersionOf(hostA)).toBe(0);

    const created = await call(harness, 'POST', URL, world.callers.admin, body);
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ groupId, hostId: null, containerName: null });
    expect([
      await configVersionOf(hostA),
      await configVersionOf(hostB),
      await configVersionOf(hostC),
    ]).toEqual([1, 1, 0]);
    // A new member's host now has the group's check: its config moves.
    const joined = await call(
      harness,
      'PUT',
      `/api/v1/container-groups/${groupId}/members/${hostC}/web`,
      world.callers.operator,
    );
    expect(joined.statusCode).toBe(204);
    expect(await configVersionOf(hostC)).toBe(1);

    const listed = await call(harness, 'GET', `${URL}?groupId=${groupId}`, world.callers.viewer);
    expect(listed.json().items).toHaveLength(1);
    const operatorChange = await call(
      harness,
      'PATCH',
      `${URL}/${created.json().id}`,
      world.callers.operator,
      {
        enabled: false,
      },
    );
    expect(operatorChange.statusCode).toBe(403);
  });
});
