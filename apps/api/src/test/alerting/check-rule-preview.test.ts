import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../api-harness.js';
import { addCheckResult, addContainer, ensurePartitions } from '../fleet/fleet-world.js';
import { call } from '../identity/identity-harness.js';
import { createWorld, type World } from '../identity/world.js';

let h: TestApi;
let a: World;
let b: World;
const MIN = 60;

beforeAll(async () => {
  h = await startTestApi();
  await ensurePartitions(h.database);
  [a, b] = await Promise.all([createWorld(h.database), createWorld(h.database)]);
  await addContainer(h.database, a.orgId, a.hostId, { name: 'web-1' });
  await addContainer(h.database, a.orgId, a.hostId, { name: 'db-1' });
  // web-1's default check: down 100–90 min ago and 30–20 min ago, up otherwise; now up.
  for (let ago = 120; ago >= 1; ago -= 1) {
    const down = (ago <= 100 && ago > 90) || (ago <= 30 && ago > 20);
    await addCheckResult(h.database, a.orgId, a.hostId, 'web-1', {
      secondsAgo: ago * MIN,
      status: down ? 'down' : 'up',
      ...(down ? { error: 'HTTP 503' } : {}),
    });
  }
  // db-1's check is down now; web-1's "api" check too.
  await addCheckResult(h.database, a.orgId, a.hostId, 'db-1', { secondsAgo: 30, status: 'down' });
  await addCheckResult(h.database, a.orgId, a.hostId, 'web-1', {
    name: 'api',
    secondsAgo: 30,
    status: 'down',
  });
  // Another organisation's down runs under a's host and container name (a hostile agent's):
  // row-level security keeps them out of a's preview and replay.
  await addCheckResult(h.database, b.orgId, a.hostId, 'web-1', { secondsAgo: 20, status: 'down' });
  await addCheckResult(h.database, b.orgId, a.hostId, 'web-1', { secondsAgo: 50 * MIN, status: 'down' });
});
afterAll(async () => {
  await h?.stop();
});

const post = (w: World, path: string, body: Record<string, unknown>) =>
  call(h, 'POST', `/api/v1/alert-rules/${path}`, { cookie: w.viewer.cookie }, body);

describe('check rule preview', () => {
  it('lists the checks the scope matches now with their newest run and whether it fires', async () => {
    const res = await post(a, 'preview', {
      kind: 'check',
      params: { on: 'down' },
      scope: { containerName: 'web-*' },
    });
    expect(res.statusCode, res.body).toBe(200);
    const preview = res.json();
    expect(preview.checks.total).toBe(2);
    expect(
      preview.checks.items.map((c: Record<string, unknown>) => [
        c.containerName,
        c.checkName,
        c.status,
        c.breaching,
      ]),
    ).toEqual([
      ['web-1', 'api', 'down', true],
      ['web-1', 'default', 'up', false],
    ]);
    expect(preview.breaching).toBe(1);
    expect(preview.containers.total).toBe(1);

    const named = (
      await post(a, 'preview', { kind: 'check', params: { on: 'down', checkName: 'def*' } })
    ).json();
    expect(
      named.checks.items.map((c: { containerName: string; checkName: string }) => [
        c.containerName,
        c.checkName,
      ]),
    ).toEqual([
      ['db-1', 'default'],
      ['web-1', 'default'],
    ]);
    expect((await post(b, 'preview', { kind: 'check', params: { on: 'down' } })).json().checks).toEqual({
      total: 0,
      items: [],
    });
  });

  it('names params.on when it is missing', async () => {
    const res = await post(a, 'preview', { kind: 'check', params: {} });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('params.on');
  });
});

describe('check rule history', () => {
  it('replays the stored runs: each down stretch fires once and resolves on the next up run', async () => {
    const res = await post(a, 'preview/history', {
      kind: 'check',
      params: { on: 'down', checkName: 'default' },
      scope: { containerName: 'web-*' },
    });
    expect(res.statusCode, res.body).toBe(200);
    const history = res.json();
    // b's down run 50 minutes ago would be a third firing.
    expect(history).toMatchObject({
      supported: true,
      source: 'check_results',
      firings: 2,
      objects: { total: 1, replayed: 1, firing: 1 },
    });
    const [item] = history.items;
    expect([item.containerName, item.checkName, item.firings]).toEqual(['web-1', 'default', 2]);
    const times = item.times.map((t: { firedAt: string; resolvedAt: string }) =>
      Math.round((Date.now() - Date.parse(t.firedAt)) / 60_000),
    );
    expect(times).toEqual([100, 30]);
    const downFor = item.times.map((t: { firedAt: string; resolvedAt: string }) =>
      Math.round((Date.parse(t.resolvedAt) - Date.parse(t.firedAt)) / 60_000),
    );
    expect(downFor).toEqual([10, 10]);

    const every = (await post(a, 'preview/history', { kind: 'check', params: { on: 'down' } })).json();
    expect(every.objects).toMatchObject({ total: 3, firing: 3 });
    const theirs = (await post(b, 'preview/history', { kind: 'check', params: { on: 'down' } })).json();
    expect(theirs).toMatchObject({ firings: 0, objects: { total: 0 }, items: [] });
  });
});
