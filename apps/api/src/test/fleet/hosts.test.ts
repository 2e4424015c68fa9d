import { channels, keys } from '@berth/bus';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApi } from '../api-harness.js';
import { addContainer, addHost, call, type FleetWorld, ownerRows, startFleetApi } from './fleet-world.js';
import { ingest } from './ingest-rows.js';

let harness: TestApi;
let world: FleetWorld;

beforeAll(async () => {
  ({ harness, world } = await startFleetApi());
});
afterAll(() => harness?.stop());

const get = (url: string) => call(harness, 'GET', url, world.viewerToken);

describe('host list and detail', () => {
  it('shows status, labels, container counts by state and the newest sample', async () => {
    const hostId = await addHost(harness.database, world.orgId, { name: 'alpha', labels: { env: 'prod' } });
    await addContainer(harness.database, world.orgId, hostId, { state: 'running' });
    await addContainer(harness.database, world.orgId, hostId, { state: 'running' });
    await addContainer(harness.database, world.orgId, hostId, { state: 'exited' });
    await addContainer(harness.database, world.orgId, hostId, { state: 'running', removed: true });
    const ts = new Date(Date.now() - 20_000);
    await ingest(harness.database, world.orgId, hostId, {
      hostSamples: [
        { ts: new Date(ts.getTime() - 10_000), cpuPct: 1, memUsed: 1 },
        { ts, cpuPct: 42.5, load1: 1.5, memUsed: 3_000, memTotal: 8_000, diskUsed: 10, diskTotal: 100 },
      ],
    });
    const host = (await get(`/api/v1/hosts/${hostId}`)).json();
    expect(host).toMatchObject({
      id: hostId,
      name: 'alpha',
      labels: { env: 'prod' },
      status: 'online',
      revokedAt: null,
      agentVersion: '1.2.3',
      containers: { total: 3, running: 2, exited: 1, paused: 0 },
      latest: {
        ts: ts.toISOString(),
        cpuPct: 42.5,
        load1: 1.5,
        memUsed: 3000,
        memTotal: 8000,
        diskUsed: 10,
        diskTotal: 100,
      },
    });
    // The detail alone carries the checks config state; the list item is the rest of it.
    const { configVersion, configAckedVersion, configAckedAt, ...summary } = host;
    expect({ configVersion, configAckedVersion, configAckedAt }).toEqual({
      configVersion: 0,
      configAckedVersion: 0,
      configAckedAt: null,
    });
    const listed = (await get('/api/v1/hosts?label=env=prod')).json();
    expect(listed.items.find((item: { id: string }) => item.id === hostId)).toEqual(summary);
  });

  it('filters by status, label and name, and pages by name', async () => {
    const names = ['f-1', 'f-2', 'f-3', 'f-4', 'f-5'];
    for (const name of names) {
      await addHost(harness.database, world.orgId, { name, labels: { group: 'paging' }, status: 'offline' });
    }
    await addHost(harness.database, world.orgId, {
      name: 'f-pending',
      labels: { group: 'paging' },
      status: 'pending',
    });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/v1/hosts?label=group=paging&status=offline&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page: { items: { name: string }[]; nextCursor: string | null } = (await get(url)).json();
      seen.push(...page.items.map((item) => item.name));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(names);
    const searched = (await get('/api/v1/hosts?q=F-PEN')).json();
    expect(searched.items.map((item: { name: string }) => item.name)).toEqual(['f-pending']);
    const bad = await get('/api/v1/hosts?status=sleeping');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.issues[0].field).toMatch(/^status/);
  });

  it('answers 404 for an unknown host and 400 for a malformed id', async () => {
    expect((await get(`/api/v1/hosts/${crypto.randomUUID()}`)).statusCode).toBe(404);
    const malformed = await get('/api/v1/hosts/not-a-uuid');
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.details.issues[0].field).toBe('hostId');
  });
});

describe('host management', () => {
  it('renames a host and replaces its labels, audited', async () => {
    const hostId = await addHost(harness.database, world.orgId, { labels: { old: 'yes' } });
    const renamed = await call(harness, 'PATCH', `/api/v1/hosts/${hostId}`, world.callers.admin, {
      name: '  edge-1 ',
    });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json().name).toBe('edge-1');
    const labelled = await call(harness, 'PUT', `/api/v1/hosts/${hostId}/labels`, world.callers.admin, {
      labels: { env: 'staging', 'team.example.com/owner': 'ops' },
    });
    expect(labelled.json().labels).toEqual({ env: 'staging', 'team.example.com/owner': 'ops' });
    const audit = await ownerRows<{ action: string }>(
      harness.database,
      'SELECT action FROM audit_logs WHERE target_id = $1 ORDER BY id',
      hostId,
    );
    expect(audit.map((row) => row.action)).toEqual(['host.rename', 'host.set_labels']);
  });

  it('refuses bad names and labels with 400 naming the field', async () => {
    const hostId = await addHost(harness.database, world.orgId);
    const cases: [string, string, unknown, string][] = [
      ['PATCH', `/api/v1/hosts/${hostId}`, { name: '   ' }, 'name'],
      ['PATCH', `/api/v1/hosts/${hostId}`, {}, 'name'],
      ['PUT', `/api/v1/hosts/${hostId}/labels`, { labels: { '-bad': 'x' } }, 'labels'],
      ['PUT', `/api/v1/hosts/${hostId}/labels`, { labels: { ok: 'x'.repeat(256) } }, 'labels'],
      ['PUT', `/api/v1/hosts/${hostId}/labels`, { labels: 'env=prod' }, 'labels'],
    ];
    for (const [method, url, payload, field] of cases) {
      const response = await call(harness, method, url, world.callers.admin, payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      const fields = response.json().error.details.issues.map((issue: { field: string }) => issue.field);
      expect(
        fields.some((f: string) => f.startsWith(field)),
        `${JSON.stringify(payload)} → ${fields}`,
      ).toBe(true);
    }
  });

  it("revokes a host and tells the gateway holding its socket, on that gateway's channel", async () => {
    const hostId = await addHost(harness.database, world.orgId);
    const bus = harness.api.ctx.bus;
    await bus.setKey(keys.presence(hostId), 'gateway-7', 60_000);
    const received: unknown[] = [];
    const delivered = new Promise<void>((resolve) => {
      void bus.subscribe(channels.gatewayActions('gateway-7'), (message) => {
        received.push(message);
        resolve();
      });
    });
    const otherGateway: unknown[] = [];
    await bus.subscribe(channels.gatewayActions('gateway-8'), (message) => {
      otherGateway.push(message);
    });
    const response = await call(harness, 'POST', `/api/v1/hosts/${hostId}/revoke`, world.callers.admin);
    expect(response.statusCode).toBe(200);
    expect(response.json().revokedAt).toEqual(expect.any(String));
    await delivered;
    expect(received).toEqual([{ kind: 'revoke', hostId }]);
    expect(otherGateway).toEqual([]);
    const [row] = await ownerRows<{ revoked: boolean }>(
      harness.database,
      'SELECT revoked_at IS NOT NULL AS revoked FROM hosts WHERE id = $1::uuid',
      hostId,
    );
    expect(row?.revoked).toBe(true);
    const listed = (await get('/api/v1/hosts?status=revoked')).json();
    expect(listed.items.map((item: { id: string }) => item.id)).toContain(hostId);
  });

  it('revokes a disconnected host without publishing anything', async () => {
    const hostId = await addHost(harness.database, world.orgId, { status: 'offline' });
    const response = await call(harness, 'POST', `/api/v1/hosts/${hostId}/revoke`, world.adminToken);
    expect(response.statusCode).toBe(200);
    expect(response.json().revokedAt).not.toBeNull();
  });

  it('deletes a host with its containers and every time-series row, in one audited transaction', async () => {
    const hostId = await addHost(harness.database, world.orgId);
    const keep = await addHost(harness.database, world.orgId);
    const gone = await addContainer(harness.database, world.orgId, hostId);
    const kept = await addContainer(harness.database, world.orgId, keep);
    const ts = new Date(Date.now() - 60_000);
    for (const [host, container] of [
      [hostId, gone],
      [keep, kept],
    ] as const) {
      await ingest(harness.database, world.orgId, host, {
        containerSamples: [{ containerId: container, ts, cpuPct: 1, memBytes: 1 }],
        hostSamples: [{ ts, cpuPct: 1, memUsed: 1 }],
        logs: [{ containerId: container, ts, line: 'hello', batchSeq: 1, lineNo: 0 }],
        events: [{ containerId: container, ts, action: 'start' }],
      });
    }
    const tables = [
      'container_samples',
      'container_samples_1m',
      'container_samples_1h',
      'host_samples',
      'host_samples_1m',
      'host_samples_1h',
      'container_events',
      'container_logs',
      'containers',
    ];
    const count = async (host: string) => {
      const counts: Record<string, number> = {};
      for (const table of tables) {
        const [row] = await ownerRows<{ n: number }>(
          harness.database,
          `SELECT count(*)::int AS n FROM ${table} WHERE host_id = $1::uuid`,
          host,
        );
        counts[table] = row?.n ?? -1;
      }
      return counts;
    };
    expect(Object.values(await count(hostId)).every((n) => n === 1)).toBe(true);
    const response = await call(harness, 'DELETE', `/api/v1/hosts/${hostId}`, world.callers.owner);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      hostId,
      rows: { hosts: 1, container_samples: 1, container_logs: 1 },
    });
    expect(Object.values(await count(hostId)).every((n) => n === 0)).toBe(true);
    expect(Object.values(await count(keep)).every((n) => n === 1)).toBe(true);
    expect((await get(`/api/v1/hosts/${hostId}`)).statusCode).toBe(404);
    const audit = await ownerRows(
      harness.database,
      "SELECT 1 FROM audit_logs WHERE target_id = $1 AND action = 'host.delete'",
      hostId,
    );
    expect(audit).toHaveLength(1);
    expect((await call(harness, 'DELETE', `/api/v1/hosts/${hostId}`, world.callers.owner)).statusCode).toBe(
      404,
    );
  });
});
