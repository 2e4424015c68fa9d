import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../api-harness.js';
import { addContainer, ensurePartitions, ownerRows } from '../fleet/fleet-world.js';
import { type ContainerSampleInput, ingest } from '../fleet/ingest-rows.js';
import { call } from '../identity/identity-harness.js';
import { createWorld, type World } from '../identity/world.js';

let h: TestApi;
let a: World;
let b: World;
let hot: string;
let calm: string;
const MIN = 60_000;
let now: number;

/**
 * Samples every 10 s over the last 110 minutes, 10 % CPU except these runs at 95 %: 5 min,
 * a 20 s spike, 3 min and 2 min. Runs begin at (minutes ago, seconds long).
 */
const RUNS: [number, number][] = [
  [100, 300],
  [80, 20],
  [60, 180],
  [30, 120],
];

function samples(
  containerId: string,
  runs: readonly [number, number][],
  hotPct = 95,
): ContainerSampleInput[] {
  const out: ContainerSampleInput[] = [];
  for (let t = now - 110 * MIN; t <= now - MIN; t += 10_000) {
    const inRun = runs.some(([ago, seconds]) => t >= now - ago * MIN && t < now - ago * MIN + seconds * 1000);
    out.push({ containerId, ts: new Date(t), cpuPct: inRun ? hotPct : 10, memBytes: 100, memLimit: 1000 });
  }
  return out;
}

beforeAll(async () => {
  h = await startTestApi();
  await ensurePartitions(h.database);
  [a, b] = await Promise.all([createWorld(h.database), createWorld(h.database)]);
  now = Date.now();
  hot = await addContainer(h.database, a.orgId, a.hostId, { name: 'web-hot' });
  calm = await addContainer(h.database, a.orgId, a.hostId, { name: 'web-calm' });
  await ingest(h.database, a.orgId, a.hostId, {
    containerSamples: [...samples(hot, RUNS), ...samples(calm, [])],
  });
  // Another organisation's rows under the same host and container ids (as a hostile agent
  // might send them), written straight into the raw table as the owner: RLS must keep them out
  // of a's replay. 99 % for 10 minutes, 15 minutes ago.
  await ownerRows(
    h.database,
    `INSERT INTO container_samples (org_id, host_id, container_id, ts, cpu_pct, mem_bytes, mem_limit,
       net_rx, net_tx, blk_read, blk_write, pids)
     SELECT $1::uuid, $2::uuid, $3, to_timestamp(t / 1000.0), 99, 100, 1000, 0, 0, 0, 0, 1
       FROM generate_series($4::bigint, $5::bigint, 10000) t`,
    b.orgId,
    a.hostId,
    hot,
    now - 15 * MIN + 5_000,
    now - 5 * MIN,
  );
});
afterAll(async () => {
  await h?.stop();
});

const history = (w: { cookie: string }, body: Record<string, unknown>) =>
  call(h, 'POST', '/api/v1/alert-rules/preview/history', { cookie: w.cookie }, body);

const cpuRule = (timing: { forS?: number; keepFiringForS?: number }) => ({
  kind: 'container_metric',
  params: { metric: 'cpu_pct', op: '>', threshold: 90 },
  scope: { containerName: 'web-*' },
  ...timing,
});

describe('rule preview against stored history', () => {
  it('replays raw samples: every crossing fires without `for`, a 60 s `for` suppresses the 20 s spike', async () => {
    const instant = await history(a.viewer, cpuRule({}));
    expect(instant.statusCode, instant.body).toBe(200);
    const body = instant.json();
    expect(body).toMatchObject({
      supported: true,
      source: 'raw_samples',
      firings: 4,
      objects: { total: 2, replayed: 2, firing: 1 },
      truncated: false,
    });
    expect(body.items).toHaveLength(1);
    expect(body.items[0]).toMatchObject({ containerId: hot, containerName: 'web-hot', firings: 4 });
    expect(Date.parse(body.items[0].firstAt)).toBe(now - 100 * MIN);

    const held = (await history(a.viewer, cpuRule({ forS: 60 }))).json();
    expect(held.firings).toBe(3);
    expect(held.items[0].times.map((t: { firedAt: string }) => Date.parse(t.firedAt))).toEqual([
      now - 100 * MIN + MIN,
      now - 60 * MIN + MIN,
      now - 30 * MIN + MIN,
    ]);
    // Each resolved at the first calm sample (keep-firing 0).
    expect(Date.parse(held.items[0].times[0].resolvedAt)).toBe(now - 100 * MIN + 300_000);
  });

  it('keep-firing carries a firing alert across calm gaps shorter than it, even through a spike too short to fire alone', async () => {
    // 10 minutes: every gap (15, 20 and 27 minutes) is longer, so three firings as without it.
    expect((await history(a.viewer, cpuRule({ forS: 60, keepFiringForS: 600 }))).json().firings).toBe(3);
    // 30 minutes: run 1 ends 95 minutes ago, the spike at 80 holds again (it touches the firing
    // alert, as the alerter's touch does), run 3 at 60 and run 4 at 30 follow within 30 minutes.
    const body = (await history(a.viewer, cpuRule({ forS: 60, keepFiringForS: 1800 }))).json();
    expect(body.firings).toBe(1);
    expect(body.items[0].times[0].resolvedAt).toBeNull();
  });

  it("never counts another organisation's samples, and shows it none of this one's objects", async () => {
    const mine = (await history(a.admin, cpuRule({}))).json();
    // b's 99 % run 15 minutes ago would be a fifth firing.
    expect(mine.firings).toBe(4);
    const theirs = (await history(b.admin, cpuRule({}))).json();
    expect(theirs).toMatchObject({ firings: 0, objects: { total: 0, replayed: 0, firing: 0 }, items: [] });
    expect(JSON.stringify(theirs)).not.toContain(hot);
  });

  it('replays events and log lines over their windows', async () => {
    const w = await createWorld(h.database);
    const c = await addContainer(h.database, w.orgId, w.hostId, { name: 'api' });
    const at = (minutesAgo: number) => new Date(now - minutesAgo * MIN);
    await ingest(h.database, w.orgId, w.hostId, {
      events: [at(100), at(50), at(48)].map((ts) => ({ containerId: c, ts, action: 'oom' })),
      logs: [
        { containerId: c, ts: at(100), line: 'panic: one', batchSeq: 1, lineNo: 0 },
        { containerId: c, ts: at(60), line: 'PANIC: two', batchSeq: 2, lineNo: 0 },
        { containerId: c, ts: at(59), line: 'panic: three', batchSeq: 3, lineNo: 0 },
        { containerId: c, ts: at(58), line: 'all good', batchSeq: 4, lineNo: 0 },
      ],
    });
    const oom = (
      await history(w.viewer, {
        kind: 'container_state',
        params: { event: 'oom_killed', windowMinutes: 10 },
      })
    ).json();
    // 100 min ago, then 50 and 48 minutes ago inside one 10-minute window.
    expect(oom).toMatchObject({ source: 'events', firings: 2, items: [{ containerId: c, firings: 2 }] });
    const logs = (
      await history(w.viewer, {
        kind: 'log_pattern',
        params: { pattern: 'panic', count: 2, windowS: 300 },
      })
    ).json();
    expect(logs).toMatchObject({ source: 'logs', firings: 1 });
    expect(Date.parse(logs.items[0].firstAt)).toBe(now - 59 * MIN);
  });

  it('replays host samples for host rules', async () => {
    const w = await createWorld(h.database);
    const hostSamples = [];
    for (let t = now - 60 * MIN; t <= now - MIN; t += 10_000) {
      const hotNow = t >= now - 40 * MIN && t < now - 38 * MIN;
      hostSamples.push({ ts: new Date(t), cpuPct: hotNow ? 97 : 5, memUsed: 100 });
    }
    await ingest(h.database, w.orgId, w.hostId, { hostSamples });
    const body = (
      await history(w.viewer, {
        kind: 'host_metric',
        params: { metric: 'cpu_pct', op: '>=', threshold: 90 },
        forS: 60,
      })
    ).json();
    expect(body).toMatchObject({
      source: 'raw_samples',
      firings: 1,
      objects: { total: 1, replayed: 1, firing: 1 },
    });
    expect(body.items[0]).toMatchObject({ hostId: w.hostId, containerId: null, mount: null });
    expect(Date.parse(body.items[0].firstAt)).toBe(now - 39 * MIN);
  });

  it('replays the 1-minute rollups when the raw samples exceed the row limit, and says so', async () => {
    const w = await createWorld(h.database);
    // 12 containers × 24 h every 10 s = 103,680 raw rows, over the 100,000 limit.
    const minute = Math.floor(now / MIN) * MIN;
    const ids: string[] = [];
    for (let i = 0; i < 12; i++)
      ids.push(await addContainer(h.database, w.orgId, w.hostId, { name: `bulk-${i}` }));
    // Written in SQL as the owner (the ingest path takes minutes for this many on a busy
    // machine), with the rollups as the rollup job computes them: sums, counts, maxima.
    // bulk-0 runs hot for five whole minutes, 2 hours ago.
    await ownerRows(
      h.database,
      `INSERT INTO container_samples (org_id, host_id, container_id, ts, cpu_pct, mem_bytes, mem_limit,
         net_rx, net_tx, blk_read, blk_write, pids)
       SELECT $1::uuid, $2::uuid, c.id, to_timestamp(t / 1000.0),
              CASE WHEN c.id = $4 AND t >= $6::bigint AND t < $7::bigint THEN 95 ELSE 10 END, 100, 1000, 0, 0, 0, 0, 1
         FROM unnest($3::text[]) AS c(id), generate_series($5::bigint - 86400000 + 10000, $5::bigint, 10000) t`,
      w.orgId,
      w.hostId,
      ids,
      ids[0],
      minute,
      minute - 120 * MIN,
      minute - 115 * MIN,
    );
    await ownerRows(
      h.database,
      `INSERT INTO container_samples_1m (org_id, host_id, container_id, bucket, samples, cpu_sum, cpu_max, mem_sum,
         mem_max, mem_limit, net_rx, net_tx, blk_read, blk_write, pids_max)
       SELECT org_id, host_id, container_id, date_trunc('minute', ts), count(*), sum(cpu_pct), max(cpu_pct),
              sum(mem_bytes), max(mem_bytes), max(mem_limit), max(net_rx), max(net_tx), max(blk_read),
              max(blk_write), max(pids)
         FROM container_samples WHERE org_id = $1::uuid GROUP BY 1, 2, 3, 4`,
      w.orgId,
    );
    const started = performance.now();
    const response = await history(w.viewer, { ...cpuRule({}), scope: { containerName: 'bulk-*' } });
    const ms = performance.now() - started;
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({
      source: 'rollups_1m',
      firings: 1,
      objects: { total: 12, replayed: 12, firing: 1 },
    });
    expect(Date.parse(body.items[0].firstAt)).toBe(minute - 120 * MIN);
    expect(body.notes.join(' ')).toContain('1-minute means');
    console.info(`rule history over 12 containers (103,680 raw rows, rollups read): ${Math.round(ms)} ms`);
  });

  it('replays at most 50 objects and says how many it left out', async () => {
    const w = await createWorld(h.database);
    for (let i = 0; i < 51; i++) await addContainer(h.database, w.orgId, w.hostId, { name: `cap-${i}` });
    const body = (await history(w.viewer, { ...cpuRule({}), scope: { containerName: 'cap-*' } })).json();
    expect(body).toMatchObject({
      truncated: true,
      objects: { total: 51, replayed: 50, firing: 0 },
      firings: 0,
    });
    expect(body.notes).toContain('Replayed the first 50 of 51 objects in scope.');
  });

  it('says which kinds cannot be replayed and names bad fields', async () => {
    const offline = (
      await history(a.viewer, { kind: 'host_offline', params: { missedIntervals: 3 } })
    ).json();
    expect(offline).toMatchObject({ supported: false, source: null, firings: 0 });
    expect(offline.notes).toEqual([
      'This kind has no stored history to replay (heartbeats and versions are not kept).',
    ]);
    const updates = (await history(a.viewer, { kind: 'image_update', params: { minClass: 'minor' } })).json();
    expect(updates).toMatchObject({ supported: false, source: null, firings: 0, items: [] });
    expect(updates.notes).toEqual([
      'Update-available rules are not replayed: only each image’s latest registry check is kept, not its history.',
    ]);
    const bad = await history(a.viewer, { ...cpuRule({}), forS: -1 });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('forS');
  });
});
