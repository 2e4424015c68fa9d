import { channels } from '@berth/bus';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestAlerter, type TestAlerter } from './test/alerter-harness.js';
import { type Fixtures, fixtures } from './test/fixtures.js';

let t: TestAlerter;
let f: Fixtures;

beforeAll(async () => {
  // Every pass() finds every organisation due: these tests drive conditions and timing, not
  // the pass's schedule (two-alerters-sharing.test.ts does).
  t = await startTestAlerter({ settings: { passMs: 0 } });
  f = fixtures(t.database);
});
afterAll(async () => {
  await t?.stop();
});

const ago = (ms: number) => new Date(t.clock.now().getTime() - ms);

describe('container_metric', () => {
  it('fires when CPU breaches the threshold and resolves when the newest reading is below it', async () => {
    const { orgId, hostId } = await f.org();
    const web = await f.container(orgId, hostId, { name: 'web' });
    const idle = await f.container(orgId, hostId, { name: 'idle' });
    const ruleId = await f.rule(orgId, {
      kind: 'container_metric',
      params: { metric: 'cpu_pct', op: '>', threshold: 80 },
    });
    await f.containerSample(orgId, hostId, web, ago(5_000), { cpuPct: 95 });
    await f.containerSample(orgId, hostId, idle, ago(5_000), { cpuPct: 3 });

    const fired = await t.alerter.evaluate(orgId, [hostId]);
    expect(fired.map((x) => [x.alert.container_name, x.to])).toEqual([['web', 'firing']]);
    expect((await f.alerts(orgId, ruleId))[0]?.value).toBeCloseTo(95);

    t.clock.advance(10_000);
    await f.containerSample(orgId, hostId, web, ago(1_000), { cpuPct: 20 });
    const resolved = await t.alerter.evaluate(orgId, [hostId]);
    expect(resolved.map((x) => x.to)).toEqual(['resolved']);
    expect((await f.alerts(orgId, ruleId)).map((a) => a.state)).toEqual(['resolved']);
  });

  it('computes network rates from the counters of the newest two samples', async () => {
    const { orgId, hostId } = await f.org();
    const api = await f.container(orgId, hostId, { name: 'api' });
    const ruleId = await f.rule(orgId, {
      kind: 'container_metric',
      params: { metric: 'net_rx_bps', op: '>=', threshold: 1000 },
    });
    await f.containerSample(orgId, hostId, api, ago(12_000), { netRx: 10_000 });
    await f.containerSample(orgId, hostId, api, ago(2_000), { netRx: 30_000 });
    await t.alerter.evaluate(orgId, null);
    const [alert] = await f.alerts(orgId, ruleId);
    expect(alert?.state).toBe('firing');
    expect(alert?.value).toBeCloseTo(2000);
  });

  it('never alerts on a container labelled berth.alerts=false', async () => {
    const { orgId, hostId } = await f.org();
    const quiet = await f.container(orgId, hostId, { name: 'quiet', labels: { 'berth.alerts': 'false' } });
    const ruleId = await f.rule(orgId, {
      kind: 'container_metric',
      params: { metric: 'cpu_pct', op: '>', threshold: 1 },
    });
    await f.containerSample(orgId, hostId, quiet, ago(1_000), { cpuPct: 99 });
    await t.alerter.evaluate(orgId, null);
    expect(await f.alerts(orgId, ruleId)).toEqual([]);
  });

  it('scopes by container name glob, container labels and groups', async () => {
    const { orgId, hostId } = await f.org();
    const a = await f.container(orgId, hostId, { name: 'web-1', labels: { tier: 'front' } });
    const b = await f.container(orgId, hostId, { name: 'web-2', labels: { tier: 'back' } });
    const c = await f.container(orgId, hostId, { name: 'db-1', labels: { tier: 'front' } });
    for (const id of [a, b, c]) await f.containerSample(orgId, hostId, id, ago(1_000), { cpuPct: 99 });
    const groupId = await f.inOrg(orgId, async (client) => {
      const { rows } = await client.query<{ id: string }>(
        `INSERT INTO container_groups (org_id, name, colour) VALUES ($1, 'front', '#2563eb') RETURNING id`,
        [orgId],
      );
      await client.query(
        `INSERT INTO container_group_members (org_id, group_id, host_id, container_name) VALUES ($1, $2, $3, 'db-1'), ($1, $2, $3, 'web-1')`,
        [orgId, rows[0]?.id, hostId],
      );
      return rows[0]?.id as string;
    });
    const byGlob = await f.rule(orgId, {
      kind: 'container_metric',
      params: { metric: 'cpu_pct', op: '>', threshold: 50 },
      scope: { containerName: 'web-*', containerLabels: [{ key: 'tier', value: 'front' }] },
    });
    const byGroup = await f.rule(orgId, {
      kind: 'container_metric',
      params: { metric: 'cpu_pct', op: '>', threshold: 50 },
      scope: { groupIds: [groupId] },
    });
    await t.alerter.evaluate(orgId, null);
    expect((await f.alerts(orgId, byGlob)).map((x) => x.container_name)).toEqual(['web-1']);
    expect((await f.alerts(orgId, byGroup)).map((x) => x.container_name).sort()).toEqual(['db-1', 'web-1']);
  });
});

describe('host_metric', () => {
  it('fires one alert per breaching mount and resolves when the disk is freed', async () => {
    const { orgId, hostId } = await f.org();
    const ruleId = await f.rule(orgId, {
      kind: 'host_metric',
      params: { metric: 'disk_pct', op: '>', threshold: 90 },
    });
    const disks = [
      { mount: '/', used: 95, total: 100 },
      { mount: '/data', used: 10, total: 100 },
    ];
    await f.hostSample(orgId, hostId, ago(2_000), { disks });
    await t.alerter.evaluate(orgId, [hostId]);
    const [alert] = await f.alerts(orgId, ruleId);
    expect(alert?.labels.mount).toBe('/');
    expect(alert?.state).toBe('firing');

    t.clock.advance(5_000);
    await f.hostSample(orgId, hostId, ago(1_000), { disks: [{ mount: '/', used: 50, total: 100 }] });
    await t.alerter.evaluate(orgId, [hostId]);
    expect((await f.alerts(orgId, ruleId)).map((a) => a.state)).toEqual(['resolved']);
  });

  it('resolves when the host stops reporting (no data)', async () => {
    const { orgId, hostId } = await f.org();
    const ruleId = await f.rule(orgId, {
      kind: 'host_metric',
      params: { metric: 'cpu_pct', op: '>', threshold: 90 },
    });
    await f.hostSample(orgId, hostId, ago(1_000), { cpuPct: 99 });
    await t.alerter.pass();
    expect((await f.alerts(orgId, ruleId)).map((a) => a.state)).toEqual(['firing']);
    t.clock.advance(60_000);
    await t.alerter.pass();
    expect((await f.alerts(orgId, ruleId)).map((a) => a.state)).toEqual(['resolved']);
  });
});

describe('container_state', () => {
  it('died: fires for a non-zero exit and resolves when the container is removed', async () => {
    const { orgId, hostId } = await f.org();
    const ruleId = await f.rule(orgId, { kind: 'container_state', params: { event: 'died' } });
    const job = await f.container(orgId, hostId, {
      name: 'job',
      state: 'exited',
      exitCode: 3,
      finishedAt: ago(1_000),
    });
    await f.container(orgId, hostId, { name: 'ok', state: 'exited', exitCode: 0, finishedAt: ago(1_000) });
    await t.alerter.evaluate(orgId, [hostId]);
    const alerts = await f.alerts(orgId, ruleId);
    expect(alerts.map((a) => [a.container_name, a.state, a.value])).toEqual([['job', 'firing', 3]]);
    await f.setContainer(orgId, hostId, job, { removed: true });
    await t.alerter.evaluate(orgId, [hostId]);
    expect((await f.alerts(orgId, ruleId)).map((a) => a.state)).toEqual(['resolved']);
  });

  it('a stop requested through Berth does not fire; an unrequested one does', async () => {
    const { orgId, hostId } = await f.org();
    const ruleId = await f.rule(orgId, { kind: 'container_state', params: { event: 'stopped' } });
    const finishedAt = ago(2_000);
    const asked = await f.container(orgId, hostId, {
      name: 'asked',
      state: 'exited',
      exitCode: 143,
      finishedAt,
    });
    await f.action(orgId, hostId, asked, 'stop', ago(4_000), ago(1_500));
    await f.container(orgId, hostId, { name: 'unasked', state: 'exited', exitCode: 143, finishedAt });
    await t.alerter.evaluate(orgId, [hostId]);
    expect((await f.alerts(orgId, ruleId)).map((a) => a.container_name)).toEqual(['unasked']);
  });

  it('crash_loop: fires at N deaths in M minutes, not counting a restart asked through Berth', async () => {
    const { orgId, hostId } = await f.org();
    const ruleId = await f.rule(orgId, {
      kind: 'container_state',
      params: { event: 'crash_loop', restarts: 3, windowMinutes: 5 },
    });
    const flappy = await f.container(orgId, hostId, { name: 'flappy' });
    await f.event(orgId, hostId, flappy, ago(60_000), 'die', { exitCode: '1' });
    await f.event(orgId, hostId, flappy, ago(40_000), 'die', { exitCode: '1' });
    // The third death is Berth's own restart: not a crash.
    await f.action(orgId, hostId, flappy, 'restart', ago(21_000), ago(19_000));
    await f.event(orgId, hostId, flappy, ago(20_000), 'die', { exitCode: '137' });
    await t.alerter.evaluate(orgId, [hostId]);
    expect(await f.alerts(orgId, ruleId)).toEqual([]);

    await f.event(orgId, hostId, flappy, ago(5_000), 'die', { exitCode: '1' });
    await t.alerter.evaluate(orgId, [hostId]);
    const [alert] = await f.alerts(orgId, ruleId);
    expect([alert?.state, alert?.value]).toEqual(['firing', 3]);

    // The deaths age out of the window: resolved.
    t.clock.advance(5 * 60_000);
    await t.alerter.pass();
    expect((await f.alerts(orgId, ruleId)).map((a) => a.state)).toEqual(['resolved']);
  });

  it("healing_gave_up: one alert per give-up of the agent's auto-restart, resolved when it leaves the window", async () => {
    const { orgId, hostId } = await f.org();
    const ruleId = await f.rule(orgId, {
      kind: 'container_state',
      params: { event: 'healing_gave_up', windowMinutes: 30 },
    });
    const flappy = await f.container(orgId, hostId, { name: 'flappy', state: 'exited', exitCode: 1 });
    // Auto-restart's own attempts are not a give-up.
    await f.event(orgId, hostId, flappy, ago(30_000), 'autoheal_restart', { attempt: '1' });
    await f.event(orgId, hostId, flappy, ago(20_000), 'die', { exitCode: '1' });
    await t.alerter.evaluate(orgId, [hostId]);
    expect(await f.alerts(orgId, ruleId)).toEqual([]);

    await f.event(orgId, hostId, flappy, ago(10_000), 'autoheal_gave_up', { attempts: '1' });
    await t.alerter.evaluate(orgId, [hostId]);
    // Evaluated again (the next batch): still the one alert.
    await t.alerter.evaluate(orgId, [hostId]);
    const alerts = await f.alerts(orgId, ruleId);
    expect(alerts.map((a) => [a.container_name, a.state])).toEqual([['flappy', 'firing']]);
    expect(alerts[0]?.summary).toMatch(/^flappy on .+ is crash-looping: auto-restart gave up$/);

    t.clock.advance(30 * 60_000);
    await t.alerter.pass();
    expect((await f.alerts(orgId, ruleId)).map((a) => a.state)).toEqual(['resolved']);
  });

  it('unhealthy and oom_killed', async () => {
    const { orgId, hostId } = await f.org();
    const unhealthy = await f.rule(orgId, { kind: 'container_state', params: { event: 'unhealthy' } });
    const oom = await f.rule(orgId, { kind: 'container_state', params: { event: 'oom_killed' } });
    await f.container(orgId, hostId, { name: 'sick', health: 'unhealthy' });
    const hog = await f.container(orgId, hostId, { name: 'hog' });
    await f.event(orgId, hostId, hog, ago(1_000), 'oom');
    await t.alerter.evaluate(orgId, [hostId]);
    expect((await f.alerts(orgId, unhealthy)).map((a) => a.container_name)).toEqual(['sick']);
    expect((await f.alerts(orgId, oom)).map((a) => a.container_name)).toEqual(['hog']);
  });
});

describe('host_offline and agent_outdated', () => {
  it('host_offline fires after N missed intervals and resolves when the host reports again', async () => {
    const { orgId, hostId } = await f.org();
    const ruleId = await f.rule(orgId, { kind: 'host_offline', params: { missedIntervals: 3 } });
    await f.updateHost(orgId, hostId, { lastSeenAt: ago(25_000) });
    await t.alerter.pass();
    expect(await f.alerts(orgId, ruleId)).toEqual([]);
    t.clock.advance(10_000);
    await t.alerter.pass();
    expect((await f.alerts(orgId, ruleId)).map((a) => a.state)).toEqual(['firing']);
    await f.updateHost(orgId, hostId, { lastSeenAt: t.clock.now() });
    await t.alerter.evaluate(orgId, [hostId]);
    expect((await f.alerts(orgId, ruleId)).map((a) => a.state)).toEqual(['resolved']);
  });

  it('agent_outdated compares with the shipped version (or the rule minimum) and resolves after an upgrade', async () => {
    const { orgId, hostId } = await f.org();
    const shipped = await f.rule(orgId, { kind: 'agent_outdated', params: {} });
    const pinned = await f.rule(orgId, { kind: 'agent_outdated', params: { minVersion: '0.3.0' } });
    await f.updateHost(orgId, hostId, { agentVersion: '0.4.2' });
    await t.alerter.pass();
    expect((await f.alerts(orgId, shipped)).map((a) => a.state)).toEqual(['firing']);
    expect(await f.alerts(orgId, pinned)).toEqual([]);
    await f.updateHost(orgId, hostId, { agentVersion: '0.5.0' });
    await t.alerter.pass();
    expect((await f.alerts(orgId, shipped)).map((a) => a.state)).toEqual(['resolved']);
  });
});

describe('log_pattern', () => {
  it('counts matching lines per container in the window (regex and substring), resolves when they age out', async () => {
    const { orgId, hostId } = await f.org();
    const regex = await f.rule(orgId, {
      kind: 'log_pattern',
      params: { pattern: 'ERR(OR)?\\s+\\d+', match: 'regex', caseSensitive: true, count: 2, windowS: 300 },
    });
    const text = await f.rule(orgId, { kind: 'log_pattern', params: { pattern: '100%_full', windowS: 300 } });
    const app = await f.container(orgId, hostId, { name: 'app' });
    const other = await f.container(orgId, hostId, { name: 'other' });
    await f.log(orgId, hostId, app, ago(30_000), 'ERROR 42 something');
    await f.log(orgId, hostId, app, ago(20_000), 'ERR 7 again', 'stderr');
    await f.log(orgId, hostId, other, ago(20_000), 'error 1 lower case does not match');
    await f.log(orgId, hostId, other, ago(10_000), 'disk is 100%_FULL now');
    await f.log(orgId, hostId, app, ago(10_000), 'disk is 100 full (no literal % and _)');
    await t.alerter.pass();
    expect((await f.alerts(orgId, regex)).map((a) => [a.container_name, a.value])).toEqual([['app', 2]]);
    expect((await f.alerts(orgId, text)).map((a) => a.container_name)).toEqual(['other']);
    t.clock.advance(300_000);
    await t.alerter.pass();
    expect((await f.alerts(orgId, regex)).map((a) => a.state)).toEqual(['resolved']);
  });

  it('counts every log rule from one read of the new lines, each with its own window and stream; a pattern PostgreSQL rejects fails only its rule', async () => {
    const { orgId, hostId } = await f.org();
    const app = await f.container(orgId, hostId, { name: 'app' });
    // JavaScript accepts a named group, PostgreSQL's ARE does not: the rule is saved, then fails.
    const rejected = await f.rule(orgId, {
      kind: 'log_pattern',
      params: { pattern: '(?<n>panic)', match: 'regex', caseSensitive: true },
    });
    const short = await f.rule(orgId, { kind: 'log_pattern', params: { pattern: 'panic', windowS: 60 } });
    const long = await f.rule(orgId, { kind: 'log_pattern', params: { pattern: 'panic', windowS: 600 } });
    const stderr = await f.rule(orgId, {
      kind: 'log_pattern',
      params: { pattern: 'PANIC', match: 'regex', caseSensitive: false, stream: 'stderr', count: 2 },
    });
    const cpu = await f.rule(orgId, {
      kind: 'container_metric',
      params: { metric: 'cpu_pct', op: '>', threshold: 80 },
    });
    await f.log(orgId, hostId, app, ago(400_000), 'panic: old, only the long window sees it');
    await f.log(orgId, hostId, app, ago(30_000), 'PANIC on stdout');
    await f.log(orgId, hostId, app, ago(20_000), 'panic on stderr', 'stderr');
    await f.containerSample(orgId, hostId, app, ago(5_000), { cpuPct: 95 });

    await t.alerter.evaluate(orgId, [hostId]);
    expect(await f.alerts(orgId, rejected)).toEqual([]);
    // `short` (60 s, case-insensitive substring): the stdout PANIC and the stderr panic.
    expect((await f.alerts(orgId, short)).map((a) => a.value)).toEqual([2]);
    expect((await f.alerts(orgId, long)).map((a) => a.value)).toEqual([3]);
    // Only the stderr line counts: 1 < 2.
    expect(await f.alerts(orgId, stderr)).toEqual([]);
    expect((await f.alerts(orgId, cpu)).map((a) => a.state)).toEqual(['firing']);

    // Only the new batch's lines are read now; the counts go on from what was remembered.
    await f.log(orgId, hostId, app, ago(1_000), 'panic again', 'stderr');
    await t.alerter.evaluate(orgId, [hostId]);
    expect((await f.alerts(orgId, short)).map((a) => a.value)).toEqual([3]);
    expect((await f.alerts(orgId, long)).map((a) => a.value)).toEqual([4]);
    expect((await f.alerts(orgId, stderr)).map((a) => [a.state, a.value])).toEqual([['firing', 2]]);
    // The windows move past remembered lines as they did when the window was re-read.
    t.clock.advance(45_000);
    await t.alerter.evaluate(orgId, [hostId]);
    expect((await f.alerts(orgId, short)).map((a) => a.value)).toEqual([1]);
    expect((await f.alerts(orgId, long)).map((a) => a.value)).toEqual([4]);
    // A rule's pattern edited: its host is read from the window's start again.
    await f.setRuleParams(orgId, short, { pattern: 'on ', windowS: 120 });
    await t.alerter.evaluate(orgId, [hostId]);
    expect((await f.alerts(orgId, short)).map((a) => a.value)).toEqual([2]);
  });
});

describe('lifecycle timing', () => {
  it('pending → firing after for_s, firing stays through keep_firing_for_s, then resolves', async () => {
    const { orgId, hostId } = await f.org();
    const ruleId = await f.rule(orgId, {
      kind: 'host_metric',
      params: { metric: 'cpu_pct', op: '>', threshold: 90 },
      forS: 60,
      keepFiringForS: 120,
    });
    await f.hostSample(orgId, hostId, ago(1_000), { cpuPct: 99 });
    expect((await t.alerter.pass()).filter((x) => x.alert.rule_id === ruleId).map((x) => x.to)).toEqual([
      'pending',
    ]);
    t.clock.advance(20_000);
    await f.hostSample(orgId, hostId, ago(1_000), { cpuPct: 99 });
    await t.alerter.pass();
    expect((await f.alerts(orgId, ruleId)).map((a) => a.state)).toEqual(['pending']);
    // No new sample, but `for` has elapsed since pending and the reading is still fresh.
    t.clock.advance(25_000);
    await f.hostSample(orgId, hostId, ago(1_000), { cpuPct: 99 });
    t.clock.advance(15_000);
    await t.alerter.pass();
    expect((await f.alerts(orgId, ruleId)).map((a) => a.state)).toEqual(['firing']);
    const lastTrue = t.clock.now().getTime();
    // Condition false (no data): kept firing until 120 s after it was last true.
    t.clock.advance(60_000);
    await t.alerter.pass();
    expect((await f.alerts(orgId, ruleId)).map((a) => a.state)).toEqual(['firing']);
    t.clock.set(new Date(lastTrue + 120_000));
    await t.alerter.pass();
    const [alert] = await f.alerts(orgId, ruleId);
    expect(alert?.state).toBe('resolved');
    expect((await f.alertEvents(orgId, alert?.id)).map((e) => e.kind)).toEqual([
      'pending',
      'firing',
      'resolved',
    ]);
  });

  it('a pending alert whose condition clears before for_s resolves without firing', async () => {
    const { orgId, hostId } = await f.org();
    const ruleId = await f.rule(orgId, {
      kind: 'host_metric',
      params: { metric: 'cpu_pct', op: '>', threshold: 90 },
      forS: 300,
    });
    await f.hostSample(orgId, hostId, ago(1_000), { cpuPct: 99 });
    await t.alerter.evaluate(orgId, [hostId]);
    t.clock.advance(5_000);
    await f.hostSample(orgId, hostId, ago(1_000), { cpuPct: 10 });
    await t.alerter.evaluate(orgId, [hostId]);
    const [alert] = await f.alerts(orgId, ruleId);
    expect(alert?.state).toBe('resolved');
    const events = await f.alertEvents(orgId, alert?.id);
    expect(events.map((e) => [e.kind, e.details])).toEqual([
      ['pending', {}],
      ['resolved', { neverFired: true }],
    ]);
  });

  it('resolving clears the acknowledgement', async () => {
    const { orgId, hostId, userId } = await f.org();
    const ruleId = await f.rule(orgId, {
      kind: 'host_metric',
      params: { metric: 'cpu_pct', op: '>', threshold: 90 },
    });
    await f.hostSample(orgId, hostId, ago(1_000), { cpuPct: 99 });
    await t.alerter.evaluate(orgId, [hostId]);
    const [alert] = await f.alerts(orgId, ruleId);
    await f.inOrg(orgId, (c) =>
      c.query(`UPDATE alerts SET acked_by = $2, acked_at = now() WHERE id = $1`, [alert?.id, userId]),
    );
    t.clock.advance(60_000);
    await t.alerter.evaluate(orgId, [hostId]);
    const [after] = await f.alerts(orgId, ruleId);
    expect([after?.state, after?.acked_at]).toEqual(['resolved', null]);
    expect((await f.alertEvents(orgId, alert?.id)).at(-1)?.details).toEqual({ ackCleared: true });
  });
});

describe('tenancy', () => {
  it("an organisation's rule never sees another organisation's hosts or containers", async () => {
    const a = await f.org();
    const b = await f.org();
    await f.container(a.orgId, a.hostId, {
      name: 'victim',
      state: 'exited',
      exitCode: 1,
      finishedAt: ago(1_000),
    });
    await f.hostSample(a.orgId, a.hostId, ago(1_000), { cpuPct: 99 });
    const died = await f.rule(b.orgId, { kind: 'container_state', params: { event: 'died' } });
    const cpu = await f.rule(b.orgId, {
      kind: 'host_metric',
      params: { metric: 'cpu_pct', op: '>', threshold: 1 },
    });
    // Even asked about A's host by id, B's evaluation sees nothing of it (RLS).
    expect(await t.alerter.evaluate(b.orgId, [a.hostId])).toEqual([]);
    await t.alerter.pass();
    expect(await f.alerts(b.orgId, died)).toEqual([]);
    expect(await f.alerts(b.orgId, cpu)).toEqual([]);
  });

  it("publishes alert.changed on the organisation's channel for each transition", async () => {
    const { orgId, hostId } = await f.org();
    const ruleId = await f.rule(orgId, {
      kind: 'container_state',
      params: { event: 'died' },
      severity: 'critical',
    });
    const seen: unknown[] = [];
    const unsubscribe = await t.bus.subscribe(channels.orgEvents(orgId), (message) => {
      seen.push(message);
    });
    const job = await f.container(orgId, hostId, {
      name: 'job',
      state: 'exited',
      exitCode: 9,
      finishedAt: ago(1_000),
    });
    await t.alerter.evaluate(orgId, [hostId]);
    await f.setContainer(orgId, hostId, job, { removed: true });
    await t.alerter.evaluate(orgId, [hostId]);
    await expect.poll(() => seen.length).toBe(2);
    await unsubscribe();
    expect(seen).toEqual([
      expect.objectContaining({
        type: 'alert.changed',
        ruleId,
        state: 'firing',
        severity: 'critical',
        hostId,
        acknowledged: false,
      }),
      expect.objectContaining({
        type: 'alert.changed',
        ruleId,
        state: 'resolved',
        summary: `job on ${(await f.alerts(orgId))[0]?.labels.host} exited with code 9`,
      }),
    ]);
  });

  it('the periodic pass resolves the open alerts of a rule switched off, without notifying', async () => {
    const { orgId, hostId } = await f.org();
    const ruleId = await f.rule(orgId, { kind: 'container_state', params: { event: 'died' } });
    await f.container(orgId, hostId, { name: 'job', state: 'exited', exitCode: 1, finishedAt: ago(1_000) });
    await t.alerter.pass();
    expect((await f.alerts(orgId, ruleId)).map((a) => a.state)).toEqual(['firing']);
    await f.inOrg(orgId, (c) => c.query('UPDATE alert_rules SET enabled = false WHERE id = $1', [ruleId]));
    await t.alerter.pass();
    const [alert] = await f.alerts(orgId, ruleId);
    expect(alert?.state).toBe('resolved');
    expect((await f.alertEvents(orgId, alert?.id)).at(-1)?.details).toEqual({ ruleDisabled: true });
  });
});
