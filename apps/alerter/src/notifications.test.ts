import { localWallTime } from '@berth/api-contract';
import { crossTenantClaimDueNotifications } from '@berth/db/alerting';
import { type Receiver, startReceiver } from '@berth/notify/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestAlerter, type TestAlerter } from './test/alerter-harness.js';
import { type Fixtures, fixtures } from './test/fixtures.js';

let t: TestAlerter;
let f: Fixtures;
let receiver: Receiver;

beforeAll(async () => {
  t = await startTestAlerter();
  f = fixtures(t.database);
});
afterAll(async () => {
  await t?.stop();
});
afterEach(async () => {
  await receiver?.stop();
});

const ago = (ms: number) => new Date(t.clock.now().getTime() - ms);

/** An organisation with a webhook channel to a fresh loopback receiver and a `died` rule on it. */
async function orgWithDiedRule(
  rule: {
    groupWaitS?: number;
    groupIntervalS?: number;
    repeatIntervalS?: number;
    maxRepeats?: number | null;
    severity?: string;
  } = {},
) {
  receiver = await startReceiver();
  const org = await f.org();
  const channelId = await f.webhook(org.orgId, `${receiver.url}/hook`);
  const ruleId = await f.rule(org.orgId, {
    kind: 'container_state',
    params: { event: 'died' },
    channelIds: [channelId],
    groupWaitS: 30,
    groupIntervalS: 300,
    ...rule,
  });
  return { ...org, channelId, ruleId };
}

describe('grouping', () => {
  it('40 containers dying on one host within a minute are one message listing them all, and one resolve message', async () => {
    const { orgId, hostId } = await orgWithDiedRule();
    const ids: string[] = [];
    for (let i = 0; i < 40; i += 1)
      ids.push(await f.container(orgId, hostId, { name: `worker-${String(i).padStart(2, '0')}` }));
    const first = t.clock.now().getTime();
    for (const id of ids) {
      await f.setContainer(orgId, hostId, id, { state: 'exited', exitCode: 1, finishedAt: t.clock.now() });
      await t.alerter.evaluate(orgId, [hostId]);
      t.clock.advance(500);
    }
    expect((await f.alerts(orgId)).filter((a) => a.state === 'firing')).toHaveLength(40);
    // group_wait (30 s) has not passed since the first death: nothing yet.
    t.clock.set(new Date(first + 29_000));
    expect(await t.alerter.flush()).toEqual([]);
    t.clock.set(new Date(first + 30_000));
    const [flushed, ...more] = await t.alerter.flush();
    expect(more).toEqual([]);
    expect(flushed?.alertIds).toHaveLength(40);
    expect((await t.alerter.deliver()).map((d) => d.state)).toEqual(['sent']);
    expect(receiver.requests).toHaveLength(1);
    const body = receiver.last().json();
    expect(body.status).toBe('firing');
    expect(body.alerts).toHaveLength(40);
    expect(new Set(body.alerts.map((a: { labels: { container: string } }) => a.labels.container)).size).toBe(
      40,
    );

    for (const id of ids) await f.setContainer(orgId, hostId, id, { removed: true });
    await t.alerter.evaluate(orgId, [hostId]);
    // The resolves wait for group_interval (300 s) after the last message.
    t.clock.set(new Date(first + 30_000 + 299_000));
    expect(await t.alerter.flush()).toEqual([]);
    t.clock.set(new Date(first + 30_000 + 300_000));
    expect(await t.alerter.flush()).toHaveLength(1);
    await t.alerter.deliver();
    expect(receiver.requests).toHaveLength(2);
    const resolved = receiver.last().json();
    expect(resolved.status).toBe('resolved');
    expect(resolved.alerts).toHaveLength(40);
    expect(resolved.alerts.every((a: { status: string }) => a.status === 'resolved')).toBe(true);
  });

  it('repeats a still-firing group every repeat_interval, at most max_repeats times', async () => {
    const { orgId, hostId } = await orgWithDiedRule({ groupWaitS: 0, repeatIntervalS: 3600, maxRepeats: 1 });
    await f.container(orgId, hostId, { name: 'stuck', state: 'exited', exitCode: 2, finishedAt: ago(1_000) });
    await t.alerter.evaluate(orgId, [hostId]);
    expect(await t.alerter.flush()).toHaveLength(1);
    t.clock.advance(3_599_000);
    expect(await t.alerter.flush()).toEqual([]);
    t.clock.advance(1_000);
    expect(await t.alerter.flush()).toHaveLength(1);
    t.clock.advance(3_600_000);
    expect(await t.alerter.flush()).toEqual([]);
    await t.alerter.deliver();
    expect(receiver.requests).toHaveLength(2);
  });
});

describe('silences and mute windows', () => {
  it('an active silence matching the alert suppresses it at enqueue, recorded with the silence id', async () => {
    const { orgId, hostId } = await orgWithDiedRule({ groupWaitS: 0 });
    const silenceId = await f.inOrg(orgId, async (c) => {
      const { rows } = await c.query<{ id: string }>(
        `INSERT INTO alert_silences (org_id, matchers, starts_at, ends_at, comment)
         VALUES ($1, '[{"label":"container","op":"=~","value":"batch-.*"}]', $2, $3, 'nightly batch') RETURNING id`,
        [orgId, ago(60_000), new Date(t.clock.now().getTime() + 3_600_000)],
      );
      return rows[0]?.id;
    });
    await f.container(orgId, hostId, {
      name: 'batch-7',
      state: 'exited',
      exitCode: 1,
      finishedAt: ago(1_000),
    });
    await f.container(orgId, hostId, { name: 'api', state: 'exited', exitCode: 1, finishedAt: ago(1_000) });
    await t.alerter.evaluate(orgId, [hostId]);
    const alerts = await f.alerts(orgId);
    const silenced = alerts.find((a) => a.container_name === 'batch-7');
    expect((await f.alertEvents(orgId, silenced?.id)).map((e) => [e.kind, e.details])).toEqual([
      ['firing', {}],
      ['suppressed', { status: 'firing', silenceId }],
    ]);
    await t.alerter.flush();
    await t.alerter.deliver();
    expect(receiver.requests).toHaveLength(1);
    expect(
      receiver
        .last()
        .json()
        .alerts.map((a: { labels: { container: string } }) => a.labels.container),
    ).toEqual(['api']);
  });

  it('a mute window covering now in its time zone suppresses the severities it lists, not others', async () => {
    const { orgId, hostId, channelId } = await orgWithDiedRule({ groupWaitS: 0, severity: 'warning' });
    await f.rule(orgId, {
      kind: 'container_state',
      params: { event: 'died' },
      severity: 'critical',
      channelIds: [channelId],
      name: 'critical deaths',
    });
    const local = localWallTime(t.clock.now(), 'Asia/Kolkata');
    const windowId = await f.inOrg(orgId, async (c) => {
      const { rows } = await c.query<{ id: string }>(
        `INSERT INTO alert_mute_windows (org_id, name, kind, severities, time_zone, weekdays, start_minute, duration_minutes)
         VALUES ($1, 'quiet', 'quiet_hours', '{info,warning}', 'Asia/Kolkata', $2, $3, 30) RETURNING id`,
        [orgId, [local.weekday], Math.max(0, local.minute - 10)],
      );
      return rows[0]?.id;
    });
    await f.container(orgId, hostId, { name: 'web', state: 'exited', exitCode: 1, finishedAt: ago(1_000) });
    await t.alerter.evaluate(orgId, [hostId]);
    const events = await f.alertEvents(orgId);
    expect(events.filter((e) => e.kind === 'suppressed').map((e) => e.details)).toEqual([
      { status: 'firing', muteWindowId: windowId, muteWindowName: 'quiet' },
    ]);
    await t.alerter.flush();
    await t.alerter.deliver();
    expect(receiver.requests).toHaveLength(1);
    expect(
      receiver
        .last()
        .json()
        .alerts.map((a: { severity: string }) => a.severity),
    ).toEqual(['critical']);
  });
});

describe('delivery', () => {
  it('a 429 with Retry-After is retried no earlier than asked, and the notification is delivered once', async () => {
    const { orgId, hostId, channelId } = await orgWithDiedRule({ groupWaitS: 0 });
    receiver.reply({ status: 429, body: '{"error":"slow down"}', headers: { 'retry-after': '30' } });
    await f.container(orgId, hostId, { name: 'web', state: 'exited', exitCode: 1, finishedAt: ago(1_000) });
    await t.alerter.evaluate(orgId, [hostId]);
    await t.alerter.flush();
    expect((await t.alerter.deliver()).map((d) => d.state)).toEqual(['queued']);
    const [queued] = await f.notifications(orgId);
    expect((queued?.next_attempt_at.getTime() ?? 0) - t.clock.now().getTime()).toBe(30_000);
    expect(queued?.last_error).toContain('429');

    t.clock.advance(29_999);
    expect(await t.alerter.deliver()).toEqual([]);
    t.clock.advance(1);
    expect((await t.alerter.deliver()).map((d) => d.state)).toEqual(['sent']);
    expect(await t.alerter.deliver()).toEqual([]);

    expect(receiver.requests.map((r) => r.headers['idempotency-key'])).toEqual([queued?.id, queued?.id]);
    const [sent] = await f.notifications(orgId);
    expect([sent?.state, sent?.attempts]).toEqual(['sent', 2]);
    expect((await f.alertEvents(orgId)).filter((e) => e.kind === 'notified').map((e) => e.details)).toEqual([
      { notificationId: queued?.id, channelId },
    ]);
    const counted = await f.inOrg(orgId, (c) =>
      c.query<{ notify_count: number }>('SELECT notify_count FROM alerts WHERE org_id = $1', [orgId]),
    );
    expect(counted.rows.map((row) => row.notify_count)).toEqual([1]);
  });

  it('a permanent failure marks the notification failed and the channel last delivery failed', async () => {
    const { orgId, hostId, channelId } = await orgWithDiedRule({ groupWaitS: 0 });
    receiver.reply({ status: 404, body: 'no such hook' });
    await f.container(orgId, hostId, { name: 'web', state: 'exited', exitCode: 1, finishedAt: ago(1_000) });
    await t.alerter.evaluate(orgId, [hostId]);
    await t.alerter.flush();
    expect((await t.alerter.deliver()).map((d) => d.state)).toEqual(['failed']);
    const channel = await f.inOrg(orgId, (c) =>
      c.query<{ last_delivery_ok: boolean; last_delivery_error: string }>(
        `SELECT last_delivery_ok, last_delivery_error FROM notification_channels WHERE id = $1`,
        [channelId],
      ),
    );
    expect(channel.rows[0]?.last_delivery_ok).toBe(false);
    expect(channel.rows[0]?.last_delivery_error).toContain('404');
    // The receiver's URL is the channel's secret: never in the recorded error.
    expect(channel.rows[0]?.last_delivery_error).not.toContain('/hook');
  });

  it("a worker that died holding a claim is taken over once its lease runs out; the dead worker's late outcome records nothing", async () => {
    const { orgId, hostId } = await orgWithDiedRule({ groupWaitS: 0 });
    await f.container(orgId, hostId, { name: 'web', state: 'exited', exitCode: 1, finishedAt: ago(1_000) });
    await t.alerter.evaluate(orgId, [hostId]);
    await t.alerter.flush();
    // A worker claims it and dies before sending.
    const [dead] = await crossTenantClaimDueNotifications(t.database.pool, {
      at: t.clock.now(),
      leaseMs: 60_000,
      max: 10,
    });
    expect(dead?.orgId).toBe(orgId);
    expect(await t.alerter.deliver()).toEqual([]);
    t.clock.advance(60_000);
    expect((await t.alerter.deliver()).map((d) => d.state)).toEqual(['sent']);
    expect(receiver.requests).toHaveLength(1);
    // The first claim's token no longer matches: nothing it could record would land.
    const [row] = await f.notifications(orgId);
    expect([row?.state, row?.attempts]).toEqual(['sent', 2]);
    const stale = await f.inOrg(orgId, (c) =>
      c.query(
        `UPDATE notifications SET state = 'failed' WHERE id = $1 AND state = 'sending' AND lease_token = $2`,
        [dead?.id, dead?.leaseToken],
      ),
    );
    expect(stale.rowCount).toBe(0);
  });
});
