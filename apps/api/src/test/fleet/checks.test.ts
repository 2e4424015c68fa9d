import { randomUUID } from 'node:crypto';
import type { CheckSummary } from '@berth/api-contract';
import { rollUpDirtyMinutes, withOrg } from '@berth/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApi } from '../api-harness.js';
import {
  addCheckHour,
  addCheckResult,
  addHost,
  call,
  createFleetWorld,
  type FleetWorld,
  startFleetApi,
} from './fleet-world.js';

let harness: TestApi;
let world: FleetWorld;
let webDefault: string;
let webApi: string;
let devDb: string;

const HOUR = 3600;
const DAY = 24 * HOUR;

beforeAll(async () => {
  ({ harness, world } = await startFleetApi());
  const prod = await addHost(harness.database, world.orgId, { name: 'prod-1', labels: { env: 'prod' } });
  const dev = await addHost(harness.database, world.orgId, { name: 'dev-1', labels: { env: 'dev' } });
  const run = (host: string, container: string, options: Parameters<typeof addCheckResult>[4]) =>
    addCheckResult(harness.database, world.orgId, host, container, options);
  // web/default over the last 24 h: six runs up (10…60 ms), one pending, then down now;
  // two more runs down 3 and 5 days ago.
  for (const [index, latencyMs] of [10, 20, 30, 40, 50, 60].entries()) {
    webDefault = await run(prod, 'web', { secondsAgo: 600 - index * 60, latencyMs });
  }
  await run(prod, 'web', { secondsAgo: 120, status: 'pending', latencyMs: 0, error: 'connection refused' });
  await run(prod, 'web', { secondsAgo: 60, status: 'down', latencyMs: 0, error: 'connection refused' });
  await run(prod, 'web', { secondsAgo: 3 * DAY, status: 'down', latencyMs: 0 });
  await run(prod, 'web', { secondsAgo: 5 * DAY, status: 'down', latencyMs: 0 });
  // 20 days ago only the 1-hour rollup remains of an hour with 40 runs, 10 of them down.
  await addCheckHour(harness.database, world.orgId, prod, 'web', { hoursAgo: 20 * 24, runs: 40, down: 10 });
  webApi = await run(prod, 'web', { name: 'api', secondsAgo: 30, latencyMs: 7 });
  devDb = await run(dev, 'dev-db', { secondsAgo: 30, latencyMs: 3 });
  // A check last run 10 days ago was removed from its labels: not listed.
  await run(dev, 'old', { secondsAgo: 10 * DAY });
});
afterAll(() => harness?.stop());

const get = (url: string, caller = world.callers.viewer) => call(harness, 'GET', url, caller);
const names = (items: CheckSummary[]) => items.map((item) => `${item.containerName}/${item.name}`);

describe('GET /api/v1/checks', () => {
  it('lists each check with its latest run, uptime over 24 h and 7 d, and latency percentiles', async () => {
    const response = await get('/api/v1/checks');
    expect(response.statusCode).toBe(200);
    const page = response.json() as { items: CheckSummary[]; nextCursor: string | null };
    expect(names(page.items)).toEqual(['dev-db/default', 'web/api', 'web/default']);
    expect(page.nextCursor).toBeNull();
    expect(page.items[0]?.id).toBe(devDb);
    expect(page.items.find((item) => item.id === webDefault)).toEqual({
      id: webDefault,
      hostId: expect.any(String),
      hostName: 'prod-1',
      containerName: 'web',
      containerId: null,
      name: 'default',
      kind: 'http',
      status: 'down',
      lastCheckedAt: expect.any(String),
      latencyMs: 0,
      statusCode: null,
      error: 'connection refused',
      target: 'http://127.0.0.1:8080/health',
      certExpiresAt: null,
      certExpiring: false,
      // 7 of 8 runs in 24 h were not down (pending counts as up); 7 of 10 in 7 days; 37 of 50 in 30.
      uptime24h: 87.5,
      uptime7d: 70,
      uptime30d: 74,
      latencyP50Ms: 35,
      latencyP95Ms: 57.5,
    });
    expect(page.items.find((item) => item.id === webApi)).toMatchObject({
      status: 'up',
      uptime24h: 100,
      latencyP50Ms: 7,
    });
  });

  it('filters by latest status, container and host, and pages by cursor', async () => {
    const down = (await get('/api/v1/checks?status=down')).json();
    expect(names(down.items)).toEqual(['web/default']);
    const web = (await get('/api/v1/checks?containerName=web')).json();
    expect(names(web.items)).toEqual(['web/api', 'web/default']);
    const onHost = (await get(`/api/v1/checks?hostId=${web.items[0].hostId}`)).json();
    expect(names(onHost.items)).toEqual(['web/api', 'web/default']);
    const seen: string[] = [];
    let url = '/api/v1/checks?limit=1';
    for (let pages = 0; pages < 5; pages++) {
      const page = (await get(url)).json();
      seen.push(...names(page.items));
      if (!page.nextCursor) break;
      url = `/api/v1/checks?limit=1&cursor=${page.nextCursor}`;
    }
    expect(seen).toEqual(['dev-db/default', 'web/api', 'web/default']);
    const bad = await get('/api/v1/checks?status=sideways');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.issues[0].field).toBe('status');
  });
});

describe('GET /api/v1/checks/:checkId/results', () => {
  it("returns the check's runs in the range, oldest first", async () => {
    const response = await get(`/api/v1/checks/${webDefault}/results`);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.check).toMatchObject({ id: webDefault, status: 'down' });
    expect(body.truncated).toBe(false);
    expect(
      body.results.map((r: { status: string; latencyMs: number }) => `${r.status}:${r.latencyMs}`),
    ).toEqual(['up:10', 'up:20', 'up:30', 'up:40', 'up:50', 'up:60', 'pending:0', 'down:0']);
    expect(body.results.at(-1)).toMatchObject({ error: 'connection refused', statusCode: null });
    const week = new Date(Date.now() - 7 * DAY * 1000).toISOString();
    const longer = (await get(`/api/v1/checks/${webDefault}/results?from=${week}`)).json();
    expect(longer.results).toHaveLength(10);
    const newest = (await get(`/api/v1/checks/${webDefault}/results?from=${week}&limit=3`)).json();
    expect(newest.truncated).toBe(true);
    expect(newest.results.map((r: { status: string }) => r.status)).toEqual(['up', 'pending', 'down']);
  });

  it('answers 404 for a check it does not know and 400 naming checkId for a malformed one', async () => {
    expect((await get(`/api/v1/checks/${randomUUID()}/results`)).statusCode).toBe(404);
    const bad = await get('/api/v1/checks/not-an-id/results');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.issues[0].field).toBe('checkId');
  });
});

type Series = {
  resolution: string;
  runs: number[];
  down: number[];
  latencyMin: number[];
  latencyMax: number[];
};
const total = (values: number[]) => values.reduce((sum, value) => sum + value, 0);

describe('GET /api/v1/checks/:checkId/series and /failures', () => {
  // One fixed window for both reads, so the comparison is of the data alone.
  const history = async (to: number) => {
    const range = (daysBack: number) =>
      `from=${new Date(to - daysBack * DAY * 1000).toISOString()}&to=${new Date(to).toISOString()}`;
    const series = async (query: string) =>
      (await get(`/api/v1/checks/${webDefault}/series?${query}`)).json() as Series;
    return {
      checks: (await get('/api/v1/checks?containerName=web')).json().items,
      hour: await series(range(1 / 24)),
      days: await series(`resolution=1m&${range(6)}`),
      month: await series(range(30)),
    };
  };

  it('charts latency from raw runs for the last hour and from the rollups for 30 days, the same before and after the job', async () => {
    const to = Date.now();
    const before = await history(to);
    expect(before.hour.resolution).toBe('raw');
    expect([total(before.hour.runs), total(before.hour.down)]).toEqual([8, 1]);
    expect([Math.min(...before.hour.latencyMin), Math.max(...before.hour.latencyMax)]).toEqual([0, 60]);
    expect(before.days.resolution).toBe('1m');
    expect([total(before.days.runs), total(before.days.down)]).toEqual([10, 3]);
    expect(before.month.resolution).toBe('1h');
    expect([total(before.month.runs), total(before.month.down)]).toEqual([50, 13]);
    // Before the job these came from the raw runs of marked minutes; after it, from the rollup rows.
    const run = await rollUpDirtyMinutes(harness.database.pool, {
      settledBefore: new Date(Date.now() + DAY * 1000),
    });
    expect(run.minutes).toBeGreaterThan(0);
    expect(await history(to)).toEqual(before);
  });

  it('lists the newest failures with their error text, and validates the limit by name', async () => {
    const response = await get(`/api/v1/checks/${webDefault}/failures?limit=2`);
    expect(response.statusCode).toBe(200);
    const items = response.json().items as { status: string; error: string | null; target: string }[];
    expect(items.map((item) => [item.status, item.error])).toEqual([
      ['down', 'connection refused'],
      ['down', null],
    ]);
    expect(items[0]?.target).toBe('http://127.0.0.1:8080/health');
    expect((await get(`/api/v1/checks/${webDefault}/failures`)).json().items).toHaveLength(3);
    expect((await get(`/api/v1/checks/${webApi}/failures`)).json().items).toEqual([]);
    const bad = await get(`/api/v1/checks/${webDefault}/failures?limit=0`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.issues[0].field).toBe('limit');
    expect((await get(`/api/v1/checks/${randomUUID()}/failures`)).statusCode).toBe(404);
    expect((await get(`/api/v1/checks/${randomUUID()}/series`)).statusCode).toBe(404);
  });
});

describe('team host restrictions on checks', () => {
  it("shows a restricted viewer only its team's hosts' checks, and 404 for the others", async () => {
    const restricted = await createFleetWorld(harness.database);
    const prod = await addHost(harness.database, restricted.orgId, {
      name: 'prod-2',
      labels: { env: 'prod' },
    });
    const dev = await addHost(harness.database, restricted.orgId, { name: 'dev-2', labels: { env: 'dev' } });
    const prodCheck = await addCheckResult(harness.database, restricted.orgId, prod, 'web');
    const devCheck = await addCheckResult(harness.database, restricted.orgId, dev, 'web');
    const viewerId = (await call(harness, 'GET', '/api/v1/me', restricted.callers.viewer)).json()
      .userId as string;
    await withOrg(harness.database.db, restricted.orgId, async (tx) => {
      const team = await tx.team.create({
        data: {
          orgId: restricted.orgId,
          name: `prod-${randomUUID().slice(0, 6)}`,
          hostSelector: { env: 'prod' },
        },
      });
      await tx.teamMember.create({ data: { orgId: restricted.orgId, teamId: team.id, userId: viewerId } });
    });
    const viewer = restricted.callers.viewer;
    const listed = (await call(harness, 'GET', '/api/v1/checks', viewer)).json();
    expect(listed.items.map((item: CheckSummary) => item.id)).toEqual([prodCheck]);
    expect((await call(harness, 'GET', `/api/v1/checks/${prodCheck}/results`, viewer)).statusCode).toBe(200);
    expect((await call(harness, 'GET', `/api/v1/checks/${devCheck}/results`, viewer)).statusCode).toBe(404);
    expect((await call(harness, 'GET', `/api/v1/checks/${devCheck}/series`, viewer)).statusCode).toBe(404);
    expect((await call(harness, 'GET', `/api/v1/checks/${devCheck}/failures`, viewer)).statusCode).toBe(404);
    expect((await call(harness, 'GET', `/api/v1/checks/${prodCheck}/series`, viewer)).statusCode).toBe(200);
    const owner = (await call(harness, 'GET', '/api/v1/checks', restricted.callers.owner)).json();
    expect(owner.items).toHaveLength(2);
    // Another organisation's check, named by its id, is unknown here.
    expect((await call(harness, 'GET', `/api/v1/checks/${webDefault}/results`, viewer)).statusCode).toBe(404);
  });
});

const HOUR_MS = 3_600_000;

describe('which checks ran in the last 7 days', () => {
  it('lists the same checks and latest runs from raw runs, with only minutes rolled up, and after the job', async () => {
    const org = await createFleetWorld(harness.database);
    const host = await addHost(harness.database, org.orgId, { name: 'roll-1' });
    const run = (container: string, options: Parameters<typeof addCheckResult>[4]) =>
      addCheckResult(harness.database, org.orgId, host, container, options);
    await run('fresh', { secondsAgo: 90 });
    await run('fresh', { secondsAgo: 30, status: 'down', error: 'timeout' });
    await run('quiet', { secondsAgo: 3 * DAY });
    await run('gone', { secondsAgo: 10 * DAY });
    const list = async () => {
      const response = await call(harness, 'GET', '/api/v1/checks', org.callers.viewer);
      return (response.json() as { items: CheckSummary[] }).items.map((item) => [
        item.containerName,
        item.status,
        item.error,
        item.lastCheckedAt,
      ]);
    };
    const before = await list();
    expect(before.map(([name, status, error]) => [name, status, error])).toEqual([
      ['fresh', 'down', 'timeout'],
      ['quiet', 'up', null],
    ]);
    // Minutes settle now, hours only once closed: the open hour's checks come from its 1-minute rows.
    // Never past the end of the newest run's hour, so that hour is still open here even in the
    // seconds after an hour struck (it was closed, rolled here, and the job below found no hour).
    const newestHourEnds = (Math.floor((Date.now() - 30_000) / HOUR_MS) + 1) * HOUR_MS;
    const minutes = await rollUpDirtyMinutes(harness.database.pool, {
      settledBefore: new Date(Math.min(Date.now() + 1000, newestHourEnds - 1)),
    });
    expect(minutes.minutes).toBeGreaterThan(0);
    const partly = await list();
    const all = await rollUpDirtyMinutes(harness.database.pool, {
      settledBefore: new Date(Date.now() + DAY * 1000),
    });
    expect(all.hours).toBeGreaterThan(0);
    expect({ partly, after: await list() }).toEqual({ partly: before, after: before });
  });
});
