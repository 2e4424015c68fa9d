import { streams } from '@berth/bus';
import { withOrg } from '@berth/db';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../api-harness.js';
import { addHost } from '../fleet/fleet-world.js';
import { call } from '../identity/identity-harness.js';
import { createWorld, type World } from '../identity/world.js';
import { createRule, fieldsOf, insertAlert } from './alerting-world.js';

let h: TestApi;
let a: World;
let b: World;
let owner: pg.Client;

beforeAll(async () => {
  h = await startTestApi();
  [a, b] = await Promise.all([createWorld(h.database), createWorld(h.database)]);
  owner = new pg.Client({ connectionString: h.database.adminUrl });
  await owner.connect();
});
afterAll(async () => {
  await owner?.end();
  await h?.stop();
});

const as = (member: { cookie: string }) => ({ cookie: member.cookie });

/** A firing alert of a fresh rule on `w`'s host and container `web`, labelled as the evaluator does. */
async function firingAlert(w: World, extra: Record<string, string> = {}) {
  const rule = await createRule(h, w);
  const alertId = await insertAlert(owner, w.orgId, {
    ruleId: rule.id,
    hostId: w.hostId,
    containerName: 'web',
    labels: {
      rule: rule.name,
      kind: 'container_metric',
      severity: 'warning',
      host: 'h1',
      container: 'web',
      ...extra,
    },
  });
  return { rule, alertId };
}

describe('alerts', () => {
  it('lists open alerts newest first by default, filters by state, severity and rule, and pages by keyset', async () => {
    const rule = await createRule(h, a);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++)
      ids.push(
        await insertAlert(owner, a.orgId, {
          ruleId: rule.id,
          severity: i === 0 ? 'critical' : 'warning',
          pendingSince: new Date(Date.now() - (10 - i) * 60_000),
        }),
      );
    const resolved = await insertAlert(owner, a.orgId, { ruleId: rule.id, state: 'resolved' });
    const open = (await call(h, 'GET', `/api/v1/alerts?ruleId=${rule.id}`, as(a.viewer))).json();
    expect(open.items.map((x: { id: string }) => x.id)).toEqual([...ids].reverse());
    expect(open.items[0]).toMatchObject({
      state: 'firing',
      rule: { id: rule.id, name: rule.name },
      silencedBy: [],
    });
    const critical = (
      await call(h, 'GET', `/api/v1/alerts?ruleId=${rule.id}&severity=critical`, as(a.viewer))
    ).json();
    expect(critical.items.map((x: { id: string }) => x.id)).toEqual([ids[0]]);
    const closed = (
      await call(h, 'GET', `/api/v1/alerts?ruleId=${rule.id}&state=resolved`, as(a.viewer))
    ).json();
    expect(closed.items.map((x: { id: string }) => x.id)).toEqual([resolved]);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { id: string }[]; nextCursor: string | null } = (
        await call(
          h,
          'GET',
          `/api/v1/alerts?ruleId=${rule.id}&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
          as(a.viewer),
        )
      ).json();
      seen.push(...page.items.map((x: { id: string }) => x.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...ids].reverse());
    const tampered = await call(h, 'GET', '/api/v1/alerts?cursor=bm9wZQ', as(a.viewer));
    expect(fieldsOf(tampered)).toEqual(['cursor']);
  });

  it('an operator acknowledges and takes it back: events with the actor, audit, live events; races lose with 409', async () => {
    const { alertId, rule } = await firingAlert(a);
    const before = await h.api.ctx.bus.readEventsAfter(streams.orgEvents(a.orgId), '0-0', 1000);
    const acked = await call(h, 'POST', `/api/v1/alerts/${alertId}/ack`, as(a.operator), {
      comment: 'on it',
    });
    expect(acked.statusCode, acked.body).toBe(200);
    expect(acked.json().acknowledged).toMatchObject({ by: expect.any(String), comment: 'on it' });
    const again = await call(h, 'POST', `/api/v1/alerts/${alertId}/ack`, as(a.admin), {});
    expect(again.statusCode).toBe(409);
    const undone = await call(h, 'DELETE', `/api/v1/alerts/${alertId}/ack`, as(a.operator));
    expect(undone.statusCode).toBe(200);
    expect(undone.json().acknowledged).toBeNull();

    const detail = (await call(h, 'GET', `/api/v1/alerts/${alertId}`, as(a.viewer))).json();
    expect(detail.events.map((e: { kind: string }) => e.kind)).toEqual([
      'pending',
      'acknowledged',
      'unacknowledged',
    ]);
    expect(detail.events[1]).toMatchObject({
      actor: acked.json().acknowledged.by,
      details: { comment: 'on it' },
    });
    expect(detail.events[0].actor).toBeNull();

    const { rows } = await owner.query(
      `SELECT action, actor_user_id FROM audit_logs WHERE target_id = $1 ORDER BY created_at`,
      [alertId],
    );
    expect(rows).toEqual([
      { action: 'alert.acknowledge', actor_user_id: a.operator.userId },
      { action: 'alert.unacknowledge', actor_user_id: a.operator.userId },
    ]);
    const after = await h.api.ctx.bus.readEventsAfter(streams.orgEvents(a.orgId), '0-0', 1000);
    const published = after.events.slice(before.events.length).map((entry) => entry.event);
    expect(published).toMatchObject([
      { type: 'alert.changed', alertId, ruleId: rule.id, state: 'firing', acknowledged: true },
      { type: 'alert.changed', alertId, acknowledged: false },
    ]);
  });

  it('viewers cannot acknowledge; a resolved alert cannot be acknowledged', async () => {
    const { alertId, rule } = await firingAlert(a);
    expect((await call(h, 'POST', `/api/v1/alerts/${alertId}/ack`, as(a.viewer), {})).statusCode).toBe(403);
    const resolved = await insertAlert(owner, a.orgId, { ruleId: rule.id, state: 'resolved' });
    expect((await call(h, 'POST', `/api/v1/alerts/${resolved}/ack`, as(a.operator), {})).statusCode).toBe(
      409,
    );
  });

  it('counts open alerts for the bell', async () => {
    const w = await createWorld(h.database);
    const rule = await createRule(h, w);
    for (const [state, severity] of [
      ['firing', 'critical'],
      ['firing', 'warning'],
      ['firing', 'warning'],
      ['pending', 'info'],
      ['resolved', 'critical'],
    ] as const)
      await insertAlert(owner, w.orgId, { ruleId: rule.id, state, severity });
    const counts = await call(h, 'GET', '/api/v1/alerts/counts', as(w.viewer));
    expect(counts.json()).toEqual({
      firing: 3,
      pending: 1,
      bySeverity: { info: 0, warning: 2, critical: 1 },
    });
  });

  it("another organisation's alerts are not found, not acknowledged, not silenced, not counted", async () => {
    const { alertId } = await firingAlert(a);
    for (const [method, url, body] of [
      ['GET', `/api/v1/alerts/${alertId}`, undefined],
      ['POST', `/api/v1/alerts/${alertId}/ack`, {}],
      ['DELETE', `/api/v1/alerts/${alertId}/ack`, undefined],
    ] as const)
      expect((await call(h, method, url, as(b.admin), body)).statusCode, `${method} ${url}`).toBe(404);
    const silence = await call(h, 'POST', '/api/v1/alert-silences', as(b.admin), {
      fromAlertId: alertId,
      durationS: 3600,
      comment: 'not mine',
    });
    expect(silence.statusCode).toBe(400);
    expect(fieldsOf(silence)).toEqual(['fromAlertId']);
    expect((await call(h, 'GET', '/api/v1/alerts', as(b.admin))).body).not.toContain(alertId);
    const { rows } = await owner.query(`SELECT acked_at FROM alerts WHERE id = $1`, [alertId]);
    expect(rows[0].acked_at).toBeNull();
  });

  it("a viewer limited by a team sees the alerts of the team's hosts and of no host, and not the others", async () => {
    const w = await createWorld(h.database);
    const prod = await addHost(h.database, w.orgId, { labels: { env: 'prod' } });
    const dev = await addHost(h.database, w.orgId, { labels: { env: 'dev' } });
    await withOrg(h.database.db, w.orgId, async (tx) => {
      const team = await tx.team.create({
        data: { orgId: w.orgId, name: 'prod', hostSelector: { env: 'prod' } },
      });
      await tx.teamMember.create({ data: { orgId: w.orgId, teamId: team.id, userId: w.viewer.userId } });
    });
    const rule = await createRule(h, w);
    const onProd = await insertAlert(owner, w.orgId, { ruleId: rule.id, hostId: prod });
    const onDev = await insertAlert(owner, w.orgId, { ruleId: rule.id, hostId: dev });
    const noHost = await insertAlert(owner, w.orgId, { ruleId: rule.id, hostId: null });
    const seen = (await call(h, 'GET', '/api/v1/alerts', as(w.viewer))).json();
    expect(seen.items.map((x: { id: string }) => x.id).sort()).toEqual([onProd, noHost].sort());
    expect((await call(h, 'GET', `/api/v1/alerts/${onDev}`, as(w.viewer))).statusCode).toBe(404);
    expect((await call(h, 'GET', '/api/v1/alerts/counts', as(w.viewer))).json().firing).toBe(2);
    expect((await call(h, 'GET', '/api/v1/alerts/counts', as(w.admin))).json().firing).toBe(3);
  });
});

describe('silences', () => {
  it('one click from an alert: its rule, host, container and mount become = matchers and the alert shows as silenced', async () => {
    const { alertId, rule } = await firingAlert(a, { mount: '/data' });
    const created = await call(h, 'POST', '/api/v1/alert-silences', as(a.operator), {
      fromAlertId: alertId,
      durationS: 3600,
      comment: 'deploying',
    });
    expect(created.statusCode, created.body).toBe(201);
    const silence = created.json();
    expect(silence).toMatchObject({
      matchers: [
        { label: 'rule', op: '=', value: rule.name },
        { label: 'host', op: '=', value: 'h1' },
        { label: 'container', op: '=', value: 'web' },
        { label: 'mount', op: '=', value: '/data' },
      ],
      state: 'active',
      matching: 1,
      comment: 'deploying',
      createdBy: expect.any(String),
    });
    expect(Date.parse(silence.endsAt) - Date.parse(silence.startsAt)).toBe(3_600_000);
    const alert = (await call(h, 'GET', `/api/v1/alerts/${alertId}`, as(a.viewer))).json();
    expect(alert.silencedBy).toEqual([silence.id]);
    const listed = (await call(h, 'GET', '/api/v1/alert-silences?state=active', as(a.viewer))).json();
    expect(listed.items.find((s: { id: string }) => s.id === silence.id)).toMatchObject({ matching: 1 });

    const expired = await call(h, 'DELETE', `/api/v1/alert-silences/${silence.id}`, as(a.operator));
    expect(expired.statusCode, expired.body).toBe(200);
    expect(expired.json()).toMatchObject({ state: 'expired', matching: 0 });
    expect((await call(h, 'DELETE', `/api/v1/alert-silences/${silence.id}`, as(a.operator))).statusCode).toBe(
      409,
    );
    expect((await call(h, 'GET', `/api/v1/alerts/${alertId}`, as(a.viewer))).json().silencedBy).toEqual([]);
    const { rows } = await owner.query(
      `SELECT s.expired_by, (SELECT array_agg(action ORDER BY created_at) FROM audit_logs WHERE target_id = s.id::text) AS actions
       FROM alert_silences s WHERE id = $1`,
      [silence.id],
    );
    expect(rows[0]).toEqual({
      expired_by: a.operator.userId,
      actions: ['alert_silence.create', 'alert_silence.expire'],
    });
  });

  it('matchers with regexes count the open alerts they hold; states follow the times', async () => {
    const w = await createWorld(h.database);
    const rule = await createRule(h, w);
    for (const container of ['web-1', 'web-2', 'db'])
      await insertAlert(owner, w.orgId, { ruleId: rule.id, labels: { rule: rule.name, container } });
    await insertAlert(owner, w.orgId, { ruleId: rule.id, state: 'resolved', labels: { container: 'web-3' } });
    const web = await call(h, 'POST', '/api/v1/alert-silences', as(w.operator), {
      matchers: [{ label: 'container', op: '=~', value: 'web-.*' }],
      durationS: 600,
      comment: 'web deploy',
    });
    expect(web.json()).toMatchObject({ state: 'active', matching: 2 });
    const later = await call(h, 'POST', '/api/v1/alert-silences', as(w.operator), {
      matchers: [{ label: 'container', op: '!=', value: 'db' }],
      startsAt: new Date(Date.now() + 3_600_000).toISOString(),
      durationS: 600,
      comment: 'tonight',
    });
    expect(later.json()).toMatchObject({ state: 'pending', matching: 0 });
    const pending = (await call(h, 'GET', '/api/v1/alert-silences?state=pending', as(w.viewer))).json();
    expect(pending.items.map((s: { id: string }) => s.id)).toEqual([later.json().id]);
    const ended = await call(h, 'DELETE', `/api/v1/alert-silences/${later.json().id}`, as(w.operator));
    expect(ended.json().state).toBe('expired');
  });

  it('refuses bad silences naming the field; viewers cannot silence', async () => {
    const post = (body: Record<string, unknown>, who = a.operator) =>
      call(h, 'POST', '/api/v1/alert-silences', as(who), { comment: 'x', durationS: 600, ...body });
    expect(fieldsOf(await post({}))).toEqual(['matchers']);
    expect(fieldsOf(await post({ matchers: [{ label: 'host', op: '=~', value: '(' }] }))).toEqual([
      'matchers.0.value',
    ]);
    expect(fieldsOf(await post({ matchers: [{ label: 'Host!', op: '=', value: 'a' }] }))).toEqual([
      'matchers.0.label',
    ]);
    expect(
      fieldsOf(
        await post({ matchers: [{ label: 'host', op: '=', value: 'a' }], endsAt: '2020-01-01T00:00:00Z' }),
      ),
    ).toContain('endsAt');
    expect((await post({ matchers: [{ label: 'host', op: '=', value: 'a' }] }, a.viewer)).statusCode).toBe(
      403,
    );
  });

  it("one organisation's silence neither lists in nor silences another's alerts", async () => {
    const mine = await call(h, 'POST', '/api/v1/alert-silences', as(a.admin), {
      matchers: [{ label: 'container', op: '=', value: 'web' }],
      durationS: 600,
      comment: 'a only',
    });
    const { alertId } = await firingAlert(b);
    expect((await call(h, 'GET', `/api/v1/alerts/${alertId}`, as(b.viewer))).json().silencedBy).toEqual([]);
    expect((await call(h, 'GET', '/api/v1/alert-silences', as(b.viewer))).body).not.toContain(mine.json().id);
    expect(
      (await call(h, 'DELETE', `/api/v1/alert-silences/${mine.json().id}`, as(b.admin))).statusCode,
    ).toBe(404);
  });
});

describe('mute windows', () => {
  it('admins create, change and delete; quiet hours default to info and warning; activeNow follows the clock', async () => {
    const always = await call(h, 'POST', '/api/v1/alert-mute-windows', as(a.admin), {
      name: 'always',
      kind: 'quiet_hours',
      timeZone: 'Europe/Berlin',
      startMinute: 0,
      durationMinutes: 1440,
    });
    expect(always.statusCode, always.body).toBe(201);
    expect(always.json()).toMatchObject({
      severities: ['info', 'warning'],
      weekdays: [0, 1, 2, 3, 4, 5, 6],
      matchers: [],
      activeNow: true,
      enabled: true,
    });
    const off = await call(h, 'PATCH', `/api/v1/alert-mute-windows/${always.json().id}`, as(a.admin), {
      enabled: false,
    });
    expect(off.json()).toMatchObject({ enabled: false, activeNow: false });
    const tz = await call(h, 'POST', '/api/v1/alert-mute-windows', as(a.admin), {
      name: 'bad',
      kind: 'maintenance',
      timeZone: 'Mars/Olympus',
      startMinute: 0,
      durationMinutes: 60,
    });
    expect(fieldsOf(tz)).toEqual(['timeZone']);
    const taken = await call(h, 'POST', '/api/v1/alert-mute-windows', as(a.admin), {
      name: 'always',
      kind: 'maintenance',
      timeZone: 'UTC',
      startMinute: 0,
      durationMinutes: 60,
    });
    expect(taken.statusCode).toBe(409);
    expect(
      (
        await call(h, 'POST', '/api/v1/alert-mute-windows', as(a.operator), {
          name: 'op',
          kind: 'maintenance',
          timeZone: 'UTC',
          startMinute: 0,
          durationMinutes: 60,
        })
      ).statusCode,
    ).toBe(403);
    expect((await call(h, 'GET', '/api/v1/alert-mute-windows', as(a.viewer))).json().items).toHaveLength(1);
    expect(
      (await call(h, 'GET', `/api/v1/alert-mute-windows/${always.json().id}`, as(b.admin))).statusCode,
    ).toBe(404);
    expect(
      (await call(h, 'DELETE', `/api/v1/alert-mute-windows/${always.json().id}`, as(a.admin))).statusCode,
    ).toBe(204);
    const { rows } = await owner.query(
      `SELECT array_agg(action ORDER BY created_at) AS actions FROM audit_logs WHERE target_id = $1`,
      [always.json().id],
    );
    expect(rows[0].actions).toEqual([
      'alert_mute_window.create',
      'alert_mute_window.update',
      'alert_mute_window.delete',
    ]);
  });
});
