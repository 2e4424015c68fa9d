import { type Receiver, startReceiver } from '@berth/notify/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { RETRY_BASE_MS } from './notify/retry-delay.js';
import { startTestAlerter, type TestAlerter } from './test/alerter-harness.js';
import { type Fixtures, fixtures } from './test/fixtures.js';

// Faults in time (a metric that flaps) and at the receiver (it keeps answering 500), all on the
// injected clock: no sleeps, every timing asserted to the millisecond.
const MAX_ATTEMPTS = 5;

let t: TestAlerter;
let f: Fixtures;
let receiver: Receiver;

beforeAll(async () => {
  t = await startTestAlerter({ settings: { maxAttempts: MAX_ATTEMPTS } });
  f = fixtures(t.database);
});
afterAll(async () => {
  await t?.stop();
});
afterEach(async () => {
  await receiver?.stop();
});

const ago = (ms: number) => new Date(t.clock.now().getTime() - ms);

describe('a flapping metric', () => {
  it('true/false every 10 s for 5 minutes under keep_firing_for 60 s: one firing and one resolved notification', async () => {
    receiver = await startReceiver();
    const { orgId, hostId } = await f.org();
    const channelId = await f.webhook(orgId, `${receiver.url}/hook`);
    const ruleId = await f.rule(orgId, {
      kind: 'container_metric',
      params: { metric: 'cpu_pct', op: '>', threshold: 80 },
      keepFiringForS: 60,
      channelIds: [channelId],
    });
    const web = await f.container(orgId, hostId, { name: 'web' });

    // Each tick: a fresh sample (alternating breach / no breach), an evaluation, a flush and a
    // delivery round, as the alerter's timers would run them.
    let lastTrue = 0;
    for (let tick = 0; tick < 30; tick += 1) {
      const breaching = tick % 2 === 0;
      await f.containerSample(orgId, hostId, web, ago(500), { cpuPct: breaching ? 95 : 20 });
      await t.alerter.evaluate(orgId, [hostId]);
      if (breaching) lastTrue = t.clock.now().getTime();
      await t.alerter.flush();
      await t.alerter.deliver();
      t.clock.advance(10_000);
    }
    expect((await f.alerts(orgId, ruleId)).map((a) => a.state)).toEqual(['firing']);
    expect(receiver.requests).toHaveLength(1);

    // It calms down: false from now on. Still firing 1 ms before keep_firing_for has passed.
    const calm = async () => {
      await f.containerSample(orgId, hostId, web, ago(500), { cpuPct: 20 });
      await t.alerter.evaluate(orgId, [hostId]);
      await t.alerter.flush();
      await t.alerter.deliver();
    };
    t.clock.set(new Date(lastTrue + 59_999));
    await calm();
    expect((await f.alerts(orgId, ruleId)).map((a) => a.state)).toEqual(['firing']);
    t.clock.set(new Date(lastTrue + 60_000));
    await calm();
    expect((await f.alerts(orgId, ruleId)).map((a) => a.state)).toEqual(['resolved']);
    // More calm rounds change nothing.
    for (let i = 0; i < 3; i += 1) {
      t.clock.advance(10_000);
      await calm();
    }

    expect(receiver.requests.map((r) => r.json().status)).toEqual(['firing', 'resolved']);
    const [alert] = await f.alerts(orgId, ruleId);
    expect((await f.alertEvents(orgId, alert?.id)).map((e) => e.kind)).toEqual([
      'firing',
      'notified',
      'resolved',
      'notified',
    ]);
    expect((await f.notifications(orgId)).map((n) => [n.payload.status, n.state])).toEqual([
      ['firing', 'sent'],
      ['resolved', 'sent'],
    ]);
  });
});

describe('a receiver answering 500', () => {
  it('is retried with exponential backoff on the clock, then dead-lettered with its last answer', async () => {
    receiver = await startReceiver();
    const { orgId, hostId } = await f.org();
    const channelId = await f.webhook(orgId, `${receiver.url}/hook`);
    await f.rule(orgId, { kind: 'container_state', params: { event: 'died' }, channelIds: [channelId] });
    for (let i = 1; i <= MAX_ATTEMPTS; i += 1) {
      receiver.reply({ status: 500, body: `{"error":"database on fire #${i}"}` });
    }
    await f.container(orgId, hostId, { name: 'web', state: 'exited', exitCode: 1, finishedAt: ago(1_000) });
    await t.alerter.evaluate(orgId, [hostId]);
    expect(await t.alerter.flush()).toHaveLength(1);

    const attemptTimes: number[] = [];
    for (let attempt = 1; attempt < MAX_ATTEMPTS; attempt += 1) {
      attemptTimes.push(t.clock.now().getTime());
      expect((await t.alerter.deliver()).map((d) => d.state)).toEqual(['queued']);
      const [queued] = await f.notifications(orgId);
      expect([queued?.state, queued?.attempts]).toEqual(['queued', attempt]);
      expect(queued?.last_error).toContain(`HTTP 500: {"error":"database on fire #${attempt}"}`);
      const next = queued?.next_attempt_at.getTime() ?? 0;
      // 5 s · 2^(attempt−1), ±20 % jitter.
      const base = RETRY_BASE_MS * 2 ** (attempt - 1);
      const delay = next - t.clock.now().getTime();
      expect(delay).toBeGreaterThanOrEqual(base * 0.8);
      expect(delay).toBeLessThanOrEqual(base * 1.2);
      // Not a millisecond early.
      t.clock.set(new Date(next - 1));
      expect(await t.alerter.deliver()).toEqual([]);
      t.clock.set(new Date(next));
    }
    attemptTimes.push(t.clock.now().getTime());
    expect((await t.alerter.deliver()).map((d) => d.state)).toEqual(['failed']);
    // Dead: never claimed again, however long we wait.
    t.clock.advance(24 * 3600_000);
    expect(await t.alerter.deliver()).toEqual([]);

    // Each gap at least 0.8× and at most 1.2× double the previous base: 5, 10, 20, 40 s.
    const gaps = attemptTimes.slice(1).map((at, i) => at - (attemptTimes[i] as number));
    gaps.forEach((gap, i) => {
      expect(gap).toBeGreaterThanOrEqual(RETRY_BASE_MS * 2 ** i * 0.8);
      expect(gap).toBeLessThanOrEqual(RETRY_BASE_MS * 2 ** i * 1.2);
    });
    expect(receiver.requests).toHaveLength(MAX_ATTEMPTS);
    const [dead] = await f.notifications(orgId);
    expect(new Set(receiver.requests.map((r) => r.headers['idempotency-key']))).toEqual(new Set([dead?.id]));
    expect([dead?.state, dead?.attempts]).toEqual(['failed', MAX_ATTEMPTS]);
    expect(dead?.last_error).toContain(`HTTP 500: {"error":"database on fire #${MAX_ATTEMPTS}"}`);
    const channel = await f.inOrg(orgId, (c) =>
      c.query<{ last_delivery_ok: boolean; last_delivery_error: string; last_delivery_at: Date }>(
        `SELECT last_delivery_ok, last_delivery_error, last_delivery_at FROM notification_channels WHERE id = $1`,
        [channelId],
      ),
    );
    expect(channel.rows[0]?.last_delivery_ok).toBe(false);
    expect(channel.rows[0]?.last_delivery_error).toContain(`HTTP 500: {"error":"database on fire #5"}`);
    expect(channel.rows[0]?.last_delivery_at.getTime()).toBe(attemptTimes.at(-1));
    expect(channel.rows[0]?.last_delivery_error).not.toContain('/hook');
    // A dead letter notifies no one: the alert was never counted as notified.
    expect((await f.alertEvents(orgId)).map((e) => e.kind)).toEqual(['firing']);
  });
});
