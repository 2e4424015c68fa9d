import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApi } from '../api-harness.js';
import { addContainer, addHost, call, type FleetWorld, ownerRows, startFleetApi } from './fleet-world.js';
import { ingest } from './ingest-rows.js';

let harness: TestApi;
let world: FleetWorld;

beforeAll(async () => {
  ({ harness, world } = await startFleetApi());
  const minute = Math.floor(Date.now() / 60_000) * 60_000;
  const online = await addHost(harness.database, world.orgId, {
    name: 'on',
    status: 'online',
    cpus: 8,
    memTotal: 1000,
  });
  const offline = await addHost(harness.database, world.orgId, {
    name: 'off',
    status: 'offline',
    cpus: 4,
    memTotal: 500,
  });
  await addHost(harness.database, world.orgId, { name: 'new', status: 'pending', cpus: 2, memTotal: 100 });
  const revoked = await addHost(harness.database, world.orgId, { name: 'gone', status: 'offline', cpus: 64 });
  await ownerRows(harness.database, 'UPDATE hosts SET revoked_at = now() WHERE id = $1::uuid', revoked);
  // 12 running containers on the online host with CPU i·10 and memory (12 − i) MB.
  const samples = [];
  for (let i = 0; i < 12; i += 1) {
    const id = await addContainer(harness.database, world.orgId, online, {
      name: `svc-${String(i).padStart(2, '0')}`,
      health: i < 3 ? 'healthy' : 'none',
    });
    samples.push({
      containerId: id,
      ts: new Date(minute),
      cpuPct: i * 10,
      memBytes: (12 - i) * 1_000_000,
      memLimit: 0,
    });
  }
  await ingest(harness.database, world.orgId, online, {
    containerSamples: samples,
    hostSamples: [{ ts: new Date(minute), cpuPct: 40, memUsed: 600 }],
  });
  await addContainer(harness.database, world.orgId, offline, { state: 'exited', health: 'unhealthy' });
  await addContainer(harness.database, world.orgId, offline, { state: 'running', removed: true });
  // A stale reading (older than the previous minute) is not current.
  const stale = await addContainer(harness.database, world.orgId, offline, {
    state: 'paused',
    name: 'stale',
  });
  await ingest(harness.database, world.orgId, offline, {
    containerSamples: [
      { containerId: stale, ts: new Date(minute - 5 * 60_000), cpuPct: 999, memBytes: 999_000_000 },
    ],
  });
});
afterAll(() => harness?.stop());

describe('fleet overview', () => {
  it('counts hosts and containers, ranks the busiest and totals current readings', async () => {
    const response = await call(harness, 'GET', '/api/v1/overview', world.callers.viewer);
    expect(response.statusCode).toBe(200);
    const overview = response.json();
    expect(overview.hosts).toEqual({ total: 4, online: 1, offline: 1, pending: 1, revoked: 1 });
    expect(overview.containers).toEqual({
      total: 14,
      byState: { running: 12, exited: 1, paused: 1 },
      byHealth: { healthy: 3, none: 10, unhealthy: 1 },
    });
    expect(overview.topCpu).toHaveLength(10);
    expect(overview.topCpu.map((row: { name: string }) => row.name)).toEqual(
      Array.from({ length: 10 }, (_, k) => `svc-${String(11 - k).padStart(2, '0')}`),
    );
    expect(overview.topCpu[0]).toMatchObject({ hostName: 'on', cpuPct: 110, memBytes: 1_000_000 });
    expect(overview.topMemory[0]).toMatchObject({ name: 'svc-00', memBytes: 12_000_000, cpuPct: 0 });
    expect(overview.totals).toEqual({
      cpus: 14,
      memTotal: 1600,
      hostsReporting: 1,
      hostCpuPct: 40,
      hostMemUsed: 600,
      containersReporting: 12,
      containerCpuPct: 660,
      containerMemBytes: 78_000_000,
    });
  });
});
