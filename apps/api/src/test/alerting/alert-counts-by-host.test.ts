import { withOrg } from '@berth/db';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../api-harness.js';
import { addHost } from '../fleet/fleet-world.js';
import { call } from '../identity/identity-harness.js';
import { createWorld } from '../identity/world.js';
import { createRule, fieldsOf, insertAlert } from './alerting-world.js';

let h: TestApi;
let owner: pg.Client;

beforeAll(async () => {
  h = await startTestApi();
  owner = new pg.Client({ connectionString: h.database.adminUrl });
  await owner.connect();
});
afterAll(async () => {
  await owner?.end();
  await h?.stop();
});

const as = (member: { cookie: string }) => ({ cookie: member.cookie });

describe('alert counts by host (the badges)', () => {
  it('tallies open alerts per host and per container, a firing colour over a worse pending one', async () => {
    const w = await createWorld(h.database);
    const other = await addHost(h.database, w.orgId);
    const rule = await createRule(h, w);
    const alerts = [
      { hostId: w.hostId, containerName: 'web', state: 'firing', severity: 'warning' },
      { hostId: w.hostId, containerName: 'web', state: 'pending', severity: 'critical' },
      { hostId: w.hostId, containerName: 'db', state: 'firing', severity: 'critical' },
      { hostId: w.hostId, containerName: null, state: 'pending', severity: 'info' },
      { hostId: w.hostId, containerName: 'web', state: 'resolved', severity: 'critical' },
      { hostId: other, containerName: null, state: 'pending', severity: 'warning' },
      { hostId: null, containerName: null, state: 'firing', severity: 'critical' },
    ] as const;
    for (const alert of alerts) await insertAlert(owner, w.orgId, { ruleId: rule.id, ...alert });

    const counts = await call(h, 'GET', '/api/v1/alerts/counts/by-host', as(w.viewer));
    expect(counts.statusCode, counts.body).toBe(200);
    expect(counts.json()).toEqual({
      hosts: {
        [w.hostId]: {
          firing: 2,
          pending: 2,
          worstSeverity: 'critical',
          containers: {
            web: { firing: 1, pending: 1, worstSeverity: 'warning' },
            db: { firing: 1, pending: 0, worstSeverity: 'critical' },
          },
        },
        [other]: { firing: 0, pending: 1, worstSeverity: 'warning', containers: {} },
      },
    });
    const one = await call(h, 'GET', `/api/v1/alerts/counts/by-host?hostId=${other}`, as(w.viewer));
    expect(Object.keys(one.json().hosts)).toEqual([other]);
    const bad = await call(h, 'GET', '/api/v1/alerts/counts/by-host?hostId=nope', as(w.viewer));
    expect(bad.statusCode).toBe(400);
    expect(fieldsOf(bad)).toEqual(['hostId']);
  });

  it("counts only the hosts of a viewer's team", async () => {
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
    await insertAlert(owner, w.orgId, { ruleId: rule.id, hostId: prod });
    await insertAlert(owner, w.orgId, { ruleId: rule.id, hostId: dev });
    const seen = (await call(h, 'GET', '/api/v1/alerts/counts/by-host', as(w.viewer))).json();
    expect(Object.keys(seen.hosts)).toEqual([prod]);
    const asked = await call(h, 'GET', `/api/v1/alerts/counts/by-host?hostId=${dev}`, as(w.viewer));
    expect(asked.json()).toEqual({ hosts: {} });
    const admin = (await call(h, 'GET', '/api/v1/alerts/counts/by-host', as(w.admin))).json();
    expect(Object.keys(admin.hosts).sort()).toEqual([prod, dev].sort());
  });

  it("never counts another organisation's alerts, even when asked for its host", async () => {
    const [a, b] = await Promise.all([createWorld(h.database), createWorld(h.database)]);
    const rule = await createRule(h, a);
    await insertAlert(owner, a.orgId, { ruleId: rule.id, hostId: a.hostId, containerName: 'web' });
    expect(
      Object.keys((await call(h, 'GET', '/api/v1/alerts/counts/by-host', as(a.viewer))).json().hosts),
    ).toEqual([a.hostId]);
    expect((await call(h, 'GET', '/api/v1/alerts/counts/by-host', as(b.admin))).json()).toEqual({
      hosts: {},
    });
    const asked = await call(h, 'GET', `/api/v1/alerts/counts/by-host?hostId=${a.hostId}`, as(b.admin));
    expect(asked.json()).toEqual({ hosts: {} });
  });
});
