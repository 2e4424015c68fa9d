import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../api-harness.js';
import { addContainer, addContainerGroup, addHost, ensurePartitions } from '../fleet/fleet-world.js';
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
  await ensurePartitions(h.database);
});
afterAll(async () => {
  await owner?.end();
  await h?.stop();
});

const admin = (w: World) => ({ cookie: w.admin.cookie });

describe('alert rules', () => {
  it('creates a rule with the timing defaults and lists it with its firing and pending counts', async () => {
    const rule = await createRule(h, a, { name: 'hot-cpu' });
    expect(rule).toMatchObject({
      name: 'hot-cpu',
      kind: 'container_metric',
      params: { metric: 'cpu_pct', op: '>', threshold: 80, windowS: 600 },
      scope: {},
      severity: 'warning',
      forS: 0,
      repeatIntervalS: 14_400,
      groupBy: ['rule', 'host'],
      enabled: true,
      firing: 0,
      pending: 0,
    });
    for (const state of ['firing', 'firing', 'pending', 'resolved'] as const)
      await insertAlert(owner, a.orgId, { ruleId: rule.id, state });
    const listed = await call(h, 'GET', '/api/v1/alert-rules', { cookie: a.viewer.cookie });
    expect(listed.statusCode).toBe(200);
    expect(listed.json().items.find((r: { id: string }) => r.id === rule.id)).toMatchObject({
      firing: 2,
      pending: 1,
    });
    const { rows } = await owner.query(
      `SELECT details FROM audit_logs WHERE target_id = $1 AND action = 'alert_rule.create'`,
      [rule.id],
    );
    expect(rows[0].details).toMatchObject({ name: 'hot-cpu', kind: 'container_metric' });
  });

  it('refuses bad params and scopes naming the field', async () => {
    const post = (body: Record<string, unknown>) =>
      call(h, 'POST', '/api/v1/alert-rules', admin(a), { name: 'bad', ...body });
    const threshold = await post({
      kind: 'container_metric',
      params: { metric: 'cpu_pct', op: '>', threshold: 'high' },
    });
    expect(threshold.statusCode).toBe(400);
    expect(fieldsOf(threshold)).toEqual(['params.threshold']);
    const metric = await post({ kind: 'host_metric', params: { metric: 'restarts', op: '>', threshold: 1 } });
    expect(fieldsOf(metric)).toEqual(['params.metric']);
    const hostByContainer = await post({
      kind: 'host_metric',
      params: { metric: 'cpu_pct', op: '>', threshold: 90 },
      scope: { containerName: 'web-*' },
    });
    expect(hostByContainer.statusCode).toBe(400);
    expect(fieldsOf(hostByContainer)).toEqual(['scope']);
    expect(hostByContainer.json().error.message).toMatch(/host metric rule watches hosts/);
    const regex = await post({ kind: 'log_pattern', params: { pattern: '([a-z', match: 'regex' } });
    expect(fieldsOf(regex)).toEqual(['params.pattern']);
    const glob = await post({
      kind: 'container_state',
      params: { event: 'died' },
      scope: { containerName: 'a b' },
    });
    expect(fieldsOf(glob)).toEqual(['scope.containerName']);
    const repeat = await post({ kind: 'host_offline', repeatIntervalS: 5 });
    expect(fieldsOf(repeat)).toEqual(['repeatIntervalS']);
    const { rows } = await owner.query(
      'SELECT count(*)::int AS n FROM alert_rules WHERE org_id = $1 AND name = $2',
      [a.orgId, 'bad'],
    );
    expect(rows[0].n).toBe(0);
  });

  it("refuses another organisation's channels, groups and hosts, naming the field and position", async () => {
    const theirChannel = await call(h, 'POST', '/api/v1/notification-channels', admin(b), {
      name: 'b-hook',
      config: { kind: 'webhook', url: 'https://hooks.example.com/b' },
    });
    expect(theirChannel.statusCode, theirChannel.body).toBe(201);
    const theirGroup = await addContainerGroup(h.database, b.orgId, [], { name: 'b-group' });
    const mine = await addContainerGroup(h.database, a.orgId, [], { name: 'a-group' });
    const refused = await call(h, 'POST', '/api/v1/alert-rules', admin(a), {
      name: 'stealing',
      kind: 'container_state',
      params: { event: 'oom_killed' },
      scope: { groupIds: [mine, theirGroup], hostIds: [b.hostId] },
      channelIds: [theirChannel.json().id],
    });
    expect(refused.statusCode).toBe(400);
    expect(fieldsOf(refused).sort()).toEqual(['channelIds.0', 'scope.groupIds.1', 'scope.hostIds.0']);
    const rule = await createRule(h, a, { scope: { groupIds: [mine] } });
    const patched = await call(h, 'PATCH', `/api/v1/alert-rules/${rule.id}`, admin(a), {
      channelIds: [theirChannel.json().id],
    });
    expect(fieldsOf(patched)).toEqual(['channelIds.0']);
  });

  it('a change is validated with the stored rule (kind kept, fields named), audited', async () => {
    const rule = await createRule(h, a);
    const bad = await call(h, 'PATCH', `/api/v1/alert-rules/${rule.id}`, admin(a), {
      params: { metric: 'cpu_pct', op: '>', threshold: 'x' },
    });
    expect(bad.statusCode).toBe(400);
    expect(fieldsOf(bad)).toEqual(['params.threshold']);
    const kind = await call(h, 'PATCH', `/api/v1/alert-rules/${rule.id}`, admin(a), { kind: 'host_metric' });
    expect(kind.statusCode).toBe(400);
    const off = await call(h, 'PATCH', `/api/v1/alert-rules/${rule.id}`, admin(a), {
      enabled: false,
      severity: 'critical',
    });
    expect(off.statusCode, off.body).toBe(200);
    expect(off.json()).toMatchObject({ enabled: false, severity: 'critical', params: { threshold: 80 } });
    const taken = await call(h, 'PATCH', `/api/v1/alert-rules/${rule.id}`, admin(a), { name: 'hot-cpu' });
    expect(taken.statusCode).toBe(409);
    expect(fieldsOf(taken)).toEqual(['name']);
    const { rows } = await owner.query(
      `SELECT details FROM audit_logs WHERE target_id = $1 AND action = 'alert_rule.update'`,
      [rule.id],
    );
    expect(rows.map((row) => row.details.fields)).toEqual([['enabled', 'severity']]);
  });

  it('previews the hosts and containers a scope matches now, with the current value and whether it breaches', async () => {
    const prod = await addHost(h.database, a.orgId, { name: 'aa-prod-1', labels: { env: 'prod' } });
    await addHost(h.database, a.orgId, { name: 'aa-dev-1', labels: { env: 'dev' } });
    const hot = await addContainer(h.database, a.orgId, prod, { name: 'web-1' });
    const cool = await addContainer(h.database, a.orgId, prod, { name: 'web-2' });
    await addContainer(h.database, a.orgId, prod, { name: 'db' });
    await addContainer(h.database, a.orgId, prod, { name: 'web-old', removed: true });
    const sample = `INSERT INTO container_samples VALUES ($1, $2, $3, $4::timestamptz, $5, 100, 200, $6, 0, 0, 0, 1)`;
    const at = (secondsAgo: number) => new Date(Math.floor(Date.now() / 1000) * 1000 - secondsAgo * 1000);
    await owner.query(sample, [a.orgId, prod, hot, at(30), 90, 0]);
    await owner.query(sample, [a.orgId, prod, hot, at(20), 95, 5000]);
    await owner.query(sample, [a.orgId, prod, cool, at(20), 12, 0]);
    await owner.query(
      `INSERT INTO container_events (org_id, host_id, container_id, ts, action) VALUES ($1, $2, $3, now() - interval '1 minute', 'die'), ($1, $2, $3, now() - interval '2 minutes', 'die')`,
      [a.orgId, prod, hot],
    );
    await owner.query(
      `INSERT INTO host_samples VALUES ($1, $2, now() - interval '20 seconds', 5, 0.5, 0.4, 0.3, 900, 1000, 0, 0, 1, 2, 0, 0,
        '[{"mount":"/","used":50,"total":100},{"mount":"/data","used":97,"total":100}]')`,
      [a.orgId, prod],
    );
    const containers = await call(
      h,
      'POST',
      '/api/v1/alert-rules/preview',
      { cookie: a.viewer.cookie },
      {
        kind: 'container_metric',
        params: { metric: 'cpu_pct', op: '>', threshold: 80 },
        scope: { hostLabels: [{ key: 'env', value: 'prod' }], containerName: 'web-*' },
      },
    );
    expect(containers.statusCode, containers.body).toBe(200);
    const preview = containers.json();
    expect(preview.hosts).toMatchObject({ total: 1, items: [{ id: prod, name: 'aa-prod-1' }] });
    expect(preview.containers.total).toBe(2);
    expect(preview.containers.items).toMatchObject([
      { containerId: hot, name: 'web-1', value: 95, breaching: true },
      { containerId: cool, name: 'web-2', value: 12, breaching: false },
    ]);
    expect(preview.breaching).toBe(1);

    const disk = await call(h, 'POST', '/api/v1/alert-rules/preview', admin(a), {
      kind: 'host_metric',
      params: { metric: 'disk_pct', op: '>=', threshold: 90 },
      scope: { hostIds: [prod] },
    });
    expect(disk.json()).toMatchObject({
      hosts: { total: 1, items: [{ id: prod, mount: '/data', value: 97, breaching: true }] },
      containers: null,
      breaching: 1,
    });
    const mem = await call(h, 'POST', '/api/v1/alert-rules/preview', admin(a), {
      kind: 'host_metric',
      params: { metric: 'mem_pct', op: '>', threshold: 95 },
      scope: { hostIds: [prod] },
    });
    expect(mem.json().hosts.items[0]).toMatchObject({ value: 90, breaching: false });

    const rates = await call(h, 'POST', '/api/v1/alert-rules/preview', admin(a), {
      kind: 'container_metric',
      params: { metric: 'net_rx_bps', op: '>', threshold: 100 },
      scope: { hostIds: [prod], containerName: 'web-*' },
    });
    expect(rates.json().containers.items).toMatchObject([
      { name: 'web-1', breaching: true },
      { name: 'web-2', value: null, breaching: null },
    ]);
    expect(rates.json().containers.items[0].value).toBe(500);
    const restarts = await call(h, 'POST', '/api/v1/alert-rules/preview', admin(a), {
      kind: 'container_metric',
      params: { metric: 'restarts', op: '>=', threshold: 2 },
      scope: { hostIds: [prod], containerName: 'web-*' },
    });
    expect(restarts.json().containers.items).toMatchObject([
      { name: 'web-1', value: 2, breaching: true },
      { name: 'web-2', value: 0, breaching: false },
    ]);

    const badScope = await call(h, 'POST', '/api/v1/alert-rules/preview', admin(a), {
      kind: 'host_offline',
      scope: { groupIds: [prod] },
    });
    expect(fieldsOf(badScope)).toEqual(['scope']);
    // Another organisation's preview sees none of these.
    const theirs = await call(h, 'POST', '/api/v1/alert-rules/preview', admin(b), {
      kind: 'container_state',
      params: { event: 'died' },
      scope: { containerName: 'web-*' },
    });
    expect(theirs.json().containers).toEqual({ total: 0, items: [] });
  });

  it('viewers and operators read and preview; only admins create, change and delete', async () => {
    const rule = await createRule(h, a);
    for (const member of [a.viewer, a.operator]) {
      const auth = { cookie: member.cookie };
      expect((await call(h, 'GET', '/api/v1/alert-rules', auth)).statusCode).toBe(200);
      expect((await call(h, 'GET', `/api/v1/alert-rules/${rule.id}`, auth)).statusCode).toBe(200);
      expect(
        (await call(h, 'POST', '/api/v1/alert-rules', auth, { name: 'n', kind: 'host_offline' })).statusCode,
      ).toBe(403);
      expect(
        (await call(h, 'PATCH', `/api/v1/alert-rules/${rule.id}`, auth, { enabled: false })).statusCode,
      ).toBe(403);
      expect((await call(h, 'DELETE', `/api/v1/alert-rules/${rule.id}`, auth)).statusCode).toBe(403);
    }
    expect((await call(h, 'DELETE', `/api/v1/alert-rules/${rule.id}`, admin(a))).statusCode).toBe(204);
    expect((await call(h, 'GET', `/api/v1/alert-rules/${rule.id}`, admin(a))).statusCode).toBe(404);
  });

  it("another organisation's rule is not found for any verb, nor listed", async () => {
    const theirs = await createRule(h, a);
    for (const [method, url, body] of [
      ['GET', `/api/v1/alert-rules/${theirs.id}`, undefined],
      ['PATCH', `/api/v1/alert-rules/${theirs.id}`, { enabled: false }],
      ['DELETE', `/api/v1/alert-rules/${theirs.id}`, undefined],
    ] as const)
      expect((await call(h, method, url, admin(b), body)).statusCode, `${method} ${url}`).toBe(404);
    expect((await call(h, 'GET', '/api/v1/alert-rules', admin(b))).body).not.toContain(theirs.id);
  });
});
