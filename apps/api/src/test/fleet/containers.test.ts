import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApi } from '../api-harness.js';
import {
  addContainer,
  addHost,
  type ContainerOptions,
  call,
  type FleetWorld,
  startFleetApi,
} from './fleet-world.js';
import { ingest } from './ingest-rows.js';

let harness: TestApi;
let world: FleetWorld;
let hostA: string;
let hostB: string;
const ids: Record<string, string> = {};

type Item = {
  name: string;
  containerId: string;
  hostName: string;
  restartCount: number;
  current: { cpuPct: number; memBytes: number } | null;
};

/** name → where it runs, its inventory, and its current CPU % and memory (null: not reporting). */
const FLEET: [string, 'a' | 'b', ContainerOptions, number | null, number][] = [
  ['api', 'a', { labels: { app: 'shop', tier: 'web' }, image: 'shop/api:2', restartCount: 3 }, 35, 300],
  [
    'db',
    'a',
    {
      labels: { app: 'shop', tier: 'db' },
      image: 'postgres:16',
      health: 'healthy',
      ports: [{ privatePort: 5432, publicPort: 15432, type: 'tcp', ip: '127.0.0.1' }],
    },
    80,
    900,
  ],
  ['cache', 'b', { labels: { app: 'shop', tier: 'cache' }, image: 'redis:7', state: 'paused' }, 5, 100],
  [
    'worker_1',
    'b',
    { labels: { app: 'jobs' }, image: 'shop/worker:2', health: 'unhealthy', restartCount: 9 },
    50,
    200,
  ],
  ['worker%2', 'b', { labels: { app: 'jobs' }, image: 'shop/worker:2', state: 'exited' }, null, 0],
  ['old', 'a', { labels: { app: 'shop' }, image: 'shop/api:1', removed: true }, null, 0],
];

beforeAll(async () => {
  ({ harness, world } = await startFleetApi());
  hostA = await addHost(harness.database, world.orgId, { name: 'host-a', labels: { env: 'prod' } });
  hostB = await addHost(harness.database, world.orgId, { name: 'host-b', labels: { env: 'dev' } });
  // Both samples in the current minute, so its bucket (the reading) averages exactly these two.
  const minute = Math.floor(Date.now() / 60_000) * 60_000;
  for (const [name, on, options, cpu, mem] of FLEET) {
    const host = on === 'a' ? hostA : hostB;
    const id = await addContainer(harness.database, world.orgId, host, { name, ...options });
    ids[name] = id;
    if (cpu === null) continue;
    // Two samples in the current minute: the reading is their average.
    await ingest(harness.database, world.orgId, host, {
      containerSamples: [
        { containerId: id, ts: new Date(minute), cpuPct: cpu - 1, memBytes: mem - 10, memLimit: 1000 },
        { containerId: id, ts: new Date(minute + 1), cpuPct: cpu + 1, memBytes: mem + 10, memLimit: 1000 },
      ],
    });
  }
});
afterAll(() => harness?.stop());

async function list(query: string): Promise<Item[]> {
  const response = await call(harness, 'GET', `/api/v1/containers?${query}`, world.viewerToken);
  expect(response.statusCode, response.body).toBe(200);
  return response.json().items;
}
const names = (items: Item[]) => items.map((item) => item.name);

describe('container list', () => {
  it('lists live containers by name with their host and current reading; removed ones on request', async () => {
    const items = await list('');
    expect(names(items)).toEqual(['api', 'cache', 'db', 'worker%2', 'worker_1']);
    expect(items[0]).toMatchObject({
      name: 'api',
      hostName: 'host-a',
      containerId: ids.api,
      state: 'running',
      restartCount: 3,
      labels: { app: 'shop', tier: 'web' },
      current: { cpuPct: 35, memBytes: 300, memLimit: 1000, sampledAt: expect.any(String) },
    });
    expect(items.find((item) => item.name === 'worker%2')?.current).toBeNull();
    expect(names(await list('includeRemoved=1'))).toContain('old');
  });

  it('filters by host, label, host label, state, health, image and name', async () => {
    expect(names(await list(`hostId=${hostB}`))).toEqual(['cache', 'worker%2', 'worker_1']);
    expect(names(await list('label=tier=db'))).toEqual(['db']);
    expect(names(await list('label=app=shop&label=tier'))).toEqual(['api', 'cache', 'db']);
    expect(names(await list('hostLabel=env=prod'))).toEqual(['api', 'db']);
    expect(names(await list('state=paused&state=exited'))).toEqual(['cache', 'worker%2']);
    expect(names(await list('state=running,paused'))).toEqual(['api', 'cache', 'db', 'worker_1']);
    expect(names(await list('health=unhealthy'))).toEqual(['worker_1']);
    expect(names(await list('image=worker'))).toEqual(['worker%2', 'worker_1']);
    // Search is literal: % and _ are not wildcards.
    expect(names(await list('q=%25'))).toEqual(['worker%2']);
    expect(names(await list('q=_'))).toEqual(['worker_1']);
    expect(names(await list('q=WORK'))).toEqual(['worker%2', 'worker_1']);
  });

  it('sorts by cpu, memory, state, host and restart count, in either order', async () => {
    expect(names(await list('sort=cpu'))).toEqual(['db', 'worker_1', 'api', 'cache', 'worker%2']);
    expect(names(await list('sort=cpu&order=asc'))).toEqual(['worker%2', 'cache', 'api', 'worker_1', 'db']);
    expect(names(await list('sort=memory'))).toEqual(['db', 'api', 'worker_1', 'cache', 'worker%2']);
    expect(names(await list('sort=state'))).toEqual(['worker%2', 'cache', 'api', 'db', 'worker_1']);
    expect(names(await list('sort=host'))).toEqual(['api', 'db', 'cache', 'worker%2', 'worker_1']);
    const byRestarts = await list('sort=restarts');
    expect(names(byRestarts).slice(0, 2)).toEqual(['worker_1', 'api']);
    expect(names(byRestarts).slice(2).sort()).toEqual(['cache', 'db', 'worker%2']);
    expect(names(await list('sort=name&order=desc'))).toEqual(['worker_1', 'worker%2', 'db', 'cache', 'api']);
  });

  it('pages through every sort with cursors, each container exactly once', async () => {
    for (const sort of ['name', 'cpu', 'memory', 'state', 'host', 'restarts']) {
      for (const order of ['asc', 'desc']) {
        const whole = names(await list(`sort=${sort}&order=${order}&includeRemoved=1`));
        const paged: string[] = [];
        let cursor: string | null = null;
        do {
          const url: string = `/api/v1/containers?sort=${sort}&order=${order}&includeRemoved=1&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
          const page = (await call(harness, 'GET', url, world.viewerToken)).json();
          paged.push(...names(page.items));
          cursor = page.nextCursor;
        } while (cursor);
        expect(paged, `${sort} ${order}`).toEqual(whole);
        expect(paged).toHaveLength(6);
      }
    }
  });

  it('refuses a cursor from another sort and bad filters with 400 naming the field', async () => {
    const page = (
      await call(harness, 'GET', '/api/v1/containers?sort=cpu&limit=1', world.viewerToken)
    ).json();
    const reused = await call(
      harness,
      'GET',
      `/api/v1/containers?sort=name&cursor=${page.nextCursor}`,
      world.viewerToken,
    );
    expect(reused.statusCode).toBe(400);
    expect(reused.json().error.details.issues[0].field).toBe('cursor');
    const forged = Buffer.from(JSON.stringify({ s: 'name', o: 'asc', k: ['a', 'not-a-uuid', 'x'] })).toString(
      'base64url',
    );
    expect(
      (await call(harness, 'GET', `/api/v1/containers?cursor=${forged}`, world.viewerToken)).statusCode,
    ).toBe(400);
    const cases: [string, string][] = [
      ['sort=size', 'sort'],
      ['state=asleep', 'state'],
      ['hostId=nope', 'hostId'],
      ['label==x', 'label'],
      ['limit=0', 'limit'],
      ['includeRemoved=maybe', 'includeRemoved'],
    ];
    for (const [query, field] of cases) {
      const response = await call(harness, 'GET', `/api/v1/containers?${query}`, world.viewerToken);
      expect(response.statusCode, query).toBe(400);
      const fields = response.json().error.details.issues.map((issue: { field: string }) => issue.field);
      expect(
        fields.some((f: string) => f.startsWith(field)),
        `${query} → ${fields}`,
      ).toBe(true);
    }
  });
});

describe('container detail', () => {
  it('shows the inventory and the newest raw sample', async () => {
    const response = await call(
      harness,
      'GET',
      `/api/v1/hosts/${hostA}/containers/${ids.db}`,
      world.viewerToken,
    );
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      hostId: hostA,
      hostName: 'host-a',
      containerId: ids.db,
      name: 'db',
      image: 'postgres:16',
      health: 'healthy',
      removedAt: null,
      ports: [{ privatePort: 5432, publicPort: 15432, type: 'tcp', ip: '127.0.0.1' }],
      latest: { cpuPct: 81, memBytes: 910, memLimit: 1000 },
    });
    const never = await call(
      harness,
      'GET',
      `/api/v1/hosts/${hostB}/containers/${ids['worker%2']}`,
      world.viewerToken,
    );
    expect(never.json().latest).toBeNull();
    const removed = await call(
      harness,
      'GET',
      `/api/v1/hosts/${hostA}/containers/${ids.old}`,
      world.viewerToken,
    );
    expect(removed.json().removedAt).toEqual(expect.any(String));
    const wrongHost = await call(
      harness,
      'GET',
      `/api/v1/hosts/${hostB}/containers/${ids.db}`,
      world.viewerToken,
    );
    expect(wrongHost.statusCode).toBe(404);
  });
});
