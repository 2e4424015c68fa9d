import { randomUUID } from 'node:crypto';
import { publishOrgEvent } from '@berth/bus';
import { withOrg } from '@berth/db';
import { SseReader } from '@berth/http/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApi } from '../api-harness.js';
import { addContainer, addHost, call, type FleetWorld, startFleetApi } from './fleet-world.js';
import { ingest } from './ingest-rows.js';

let harness: TestApi;
let world: FleetWorld;
let prod: string;
let dev: string;
let devContainer: string;

beforeAll(async () => {
  ({ harness, world } = await startFleetApi());
  prod = await addHost(harness.database, world.orgId, { name: 'prod-1', labels: { env: 'prod' } });
  dev = await addHost(harness.database, world.orgId, { name: 'dev-1', labels: { env: 'dev' } });
  await addContainer(harness.database, world.orgId, prod, { name: 'prod-app' });
  devContainer = await addContainer(harness.database, world.orgId, dev, { name: 'dev-app' });
  const ts = new Date(Math.floor(Date.now() / 60_000) * 60_000);
  await ingest(harness.database, world.orgId, dev, {
    containerSamples: [{ containerId: devContainer, ts, cpuPct: 500, memBytes: 1 }],
    events: [{ containerId: devContainer, ts, action: 'start' }],
  });
  // The viewer and the operator belong to a team limited to hosts labelled env=prod.
  const userIdOf = async (role: 'viewer' | 'operator') =>
    (await call(harness, 'GET', '/api/v1/me', world.callers[role])).json().userId as string;
  const members = [await userIdOf('viewer'), await userIdOf('operator')];
  await withOrg(harness.database.db, world.orgId, async (tx) => {
    const team = await tx.team.create({
      data: { orgId: world.orgId, name: `prod-${randomUUID().slice(0, 6)}`, hostSelector: { env: 'prod' } },
    });
    for (const userId of members) {
      await tx.teamMember.create({ data: { orgId: world.orgId, teamId: team.id, userId } });
    }
  });
});
afterAll(() => harness?.stop());

describe('team host restrictions', () => {
  it("limits a restricted viewer's lists, overview and events to the team's hosts", async () => {
    const viewer = world.callers.viewer;
    const hosts = (await call(harness, 'GET', '/api/v1/hosts', viewer)).json();
    expect(hosts.items.map((h: { name: string }) => h.name)).toEqual(['prod-1']);
    const containers = (await call(harness, 'GET', '/api/v1/containers', viewer)).json();
    expect(containers.items.map((c: { name: string }) => c.name)).toEqual(['prod-app']);
    const overview = (await call(harness, 'GET', '/api/v1/overview', viewer)).json();
    expect(overview.hosts.total).toBe(1);
    expect(overview.topCpu).toEqual([]);
    expect((await call(harness, 'GET', '/api/v1/events', viewer)).json().items).toEqual([]);
  });

  it('answers 404 for hosts and containers outside the team, while an admin sees them', async () => {
    for (const url of [
      `/api/v1/hosts/${dev}`,
      `/api/v1/hosts/${dev}/metrics`,
      `/api/v1/hosts/${dev}/containers/${devContainer}`,
      `/api/v1/hosts/${dev}/containers/${devContainer}/metrics`,
      `/api/v1/hosts/${dev}/containers/${devContainer}/logs`,
    ]) {
      expect((await call(harness, 'GET', url, world.callers.viewer)).statusCode, url).toBe(404);
      expect((await call(harness, 'GET', url, world.callers.admin)).statusCode, url).toBe(200);
    }
  });

  it('keeps a restricted operator from acting on, reading or listing actions of hosts outside the team', async () => {
    const operator = world.callers.operator;
    const ping = { verb: 'ping' };
    expect((await call(harness, 'POST', `/api/v1/hosts/${dev}/actions`, operator, ping)).statusCode).toBe(
      404,
    );
    expect(
      (
        await call(harness, 'POST', `/api/v1/hosts/${dev}/containers/${devContainer}/actions`, operator, {
          verb: 'restart',
        })
      ).statusCode,
    ).toBe(404);
    const own = await call(harness, 'POST', `/api/v1/hosts/${prod}/actions`, operator, ping);
    expect(own.statusCode).toBe(202);
    const adminsOnDev = await call(
      harness,
      'POST',
      `/api/v1/hosts/${dev}/actions`,
      world.callers.admin,
      ping,
    );
    expect(adminsOnDev.statusCode).toBe(202);
    const devActionId = adminsOnDev.json().id as string;
    expect((await call(harness, 'GET', `/api/v1/actions/${devActionId}`, operator)).statusCode).toBe(404);
    expect(
      (await call(harness, 'GET', `/api/v1/actions/${devActionId}`, world.callers.admin)).statusCode,
    ).toBe(200);
    const listed = (await call(harness, 'GET', '/api/v1/actions', operator)).json();
    expect(listed.items.map((action: { hostId: string }) => action.hostId)).toEqual([prod]);
    // The refused requests queued nothing: the dev host has the admin's action only.
    const onDev = (await call(harness, 'GET', `/api/v1/actions?hostId=${dev}`, world.callers.admin)).json();
    expect(onDev.items.map((action: { id: string }) => action.id)).toEqual([devActionId]);
  });

  it("streams a restricted viewer only the live events of the team's hosts", async () => {
    const baseUrl = await harness.api.app.listen({ host: '127.0.0.1', port: 0 });
    const stream = new SseReader();
    expect(await stream.open(`${baseUrl}/api/v1/stream`, world.callers.viewer)).toBe(200);
    const at = new Date().toISOString();
    for (const hostId of [dev, prod]) {
      await publishOrgEvent(harness.api.ctx.bus, world.orgId, {
        type: 'host.status',
        hostId,
        status: 'offline',
        at,
      });
    }
    // Published in order: by the time the prod event is here, a dev event would be too.
    const hostIds = () => stream.events.map((event) => (event.data as { hostId: string }).hostId);
    await expect.poll(hostIds).toContain(prod);
    expect(hostIds()).toEqual([prod]);
    await stream.close();
  });
});
