import { randomUUID } from 'node:crypto';
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

const SECRET_PATH = 'T0/B0/notification-history-secret';

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
type Page = { items: Record<string, unknown>[]; nextCursor: string | null };

async function createSlack(w: World): Promise<{ id: string; name: string }> {
  const response = await call(h, 'POST', '/api/v1/notification-channels', as(w.admin), {
    name: `ops-${randomUUID().slice(0, 8)}`,
    config: { kind: 'slack', webhookUrl: `https://hooks.slack.com/services/${SECRET_PATH}` },
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

/** A message as the alerter's delivery workers leave it (written as the database owner). */
async function insertNotification(
  w: World,
  fixture: {
    channelId: string;
    alertIds: string[];
    state?: 'queued' | 'sending' | 'sent' | 'failed' | 'suppressed';
    attempts?: number;
    lastError?: string | null;
    createdAt: Date;
  },
): Promise<string> {
  const state = fixture.state ?? 'sent';
  const payload = {
    id: randomUUID(),
    orgName: 'org',
    groupKey: 'g',
    status: 'firing',
    alerts: fixture.alertIds.map((id) => ({
      fingerprint: id,
      status: 'firing',
      ruleName: 'hot cpu',
      severity: 'warning',
      summary: `CPU of web is 95% (${id.slice(0, 8)})`,
      labels: {},
      startsAt: fixture.createdAt.toISOString(),
      endsAt: null,
    })),
    test: false,
  };
  const { rows } = await owner.query<{ id: string }>(
    `INSERT INTO notifications (org_id, channel_id, group_key, payload, alert_ids, state, attempts,
       next_attempt_at, last_error, created_at, sent_at)
     VALUES ($1, $2, 'g', $3, $4, $5, $6, $7, $8, $7, CASE WHEN $5 = 'sent' THEN $7::timestamptz END)
     RETURNING id`,
    [
      w.orgId,
      fixture.channelId,
      JSON.stringify(payload),
      fixture.alertIds,
      state,
      fixture.attempts ?? 1,
      fixture.createdAt,
      fixture.lastError ?? null,
    ],
  );
  const id = rows[0]?.id;
  if (!id) throw new Error('no notification inserted');
  return id;
}

const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000);
const idsOf = (page: Page) => page.items.map((item) => item.id);

describe('notification history', () => {
  it('lists what was sent where newest first, with attempts, dead letters and the last answer, never the secret', async () => {
    const rule = await createRule(h, a);
    const channel = await createSlack(a);
    const other = await createSlack(a);
    const alertId = await insertAlert(owner, a.orgId, { ruleId: rule.id, hostId: a.hostId });
    const second = await insertAlert(owner, a.orgId, { ruleId: rule.id, hostId: a.hostId });
    const sent = await insertNotification(a, {
      channelId: channel.id,
      alertIds: [alertId],
      createdAt: ago(30),
    });
    const dead = await insertNotification(a, {
      channelId: channel.id,
      alertIds: [alertId, second],
      state: 'failed',
      attempts: 8,
      lastError: 'HTTP 404: no_service',
      createdAt: ago(20),
    });
    const queued = await insertNotification(a, {
      channelId: other.id,
      alertIds: [second],
      state: 'queued',
      attempts: 2,
      lastError: 'HTTP 503',
      createdAt: ago(10),
    });

    const response = await call(h, 'GET', '/api/v1/alert-notifications', as(a.viewer));
    expect(response.statusCode, response.body).toBe(200);
    expect(response.body).not.toContain(SECRET_PATH);
    expect(response.body).not.toContain('hooks.slack.com/services');
    const page: Page = response.json();
    expect(idsOf(page)).toEqual([queued, dead, sent]);
    expect(page.items[1]).toMatchObject({
      channel: { id: channel.id, name: channel.name, kind: 'slack', target: expect.any(String) },
      status: 'firing',
      state: 'failed',
      deadLetter: true,
      attempts: 8,
      nextAttemptAt: null,
      lastAnswer: 'HTTP 404: no_service',
      alertIds: [alertId, second],
      alertCount: 2,
    });
    expect(page.items[0]).toMatchObject({
      state: 'queued',
      deadLetter: false,
      nextAttemptAt: expect.any(String),
    });
    expect(page.items[2]).toMatchObject({ state: 'sent', sentAt: expect.any(String), lastAnswer: null });

    const byChannel: Page = (
      await call(h, 'GET', `/api/v1/alert-notifications?channelId=${channel.id}`, as(a.viewer))
    ).json();
    expect(idsOf(byChannel)).toEqual([dead, sent]);
    const byState: Page = (
      await call(h, 'GET', '/api/v1/alert-notifications?state=failed,queued', as(a.viewer))
    ).json();
    expect(idsOf(byState)).toEqual([queued, dead]);
    const byAlert: Page = (
      await call(h, 'GET', `/api/v1/alert-notifications?alertId=${second}`, as(a.viewer))
    ).json();
    expect(idsOf(byAlert)).toEqual([queued, dead]);

    const seen: unknown[] = [];
    let cursor: string | null = null;
    do {
      const next: Page = (
        await call(
          h,
          'GET',
          `/api/v1/alert-notifications?limit=1${cursor ? `&cursor=${cursor}` : ''}`,
          as(a.viewer),
        )
      ).json();
      seen.push(...idsOf(next));
      cursor = next.nextCursor;
    } while (cursor);
    expect(seen).toEqual([queued, dead, sent]);

    const bad = await call(h, 'GET', '/api/v1/alert-notifications?state=lost&cursor=x', as(a.viewer));
    expect(bad.statusCode).toBe(400);
    expect(fieldsOf(bad)).toContain('state.0');
  });

  it("another organisation's notifications never show, even asked for by its channel or alert", async () => {
    const rule = await createRule(h, a);
    const channel = await createSlack(a);
    const alertId = await insertAlert(owner, a.orgId, { ruleId: rule.id, hostId: a.hostId });
    const theirs = await insertNotification(a, {
      channelId: channel.id,
      alertIds: [alertId],
      createdAt: ago(5),
    });
    for (const path of [
      '/api/v1/alert-notifications',
      `/api/v1/alert-notifications?channelId=${channel.id}`,
      `/api/v1/alert-notifications?alertId=${alertId}`,
    ]) {
      const response = await call(h, 'GET', path, as(b.admin));
      expect(response.statusCode).toBe(200);
      expect(response.body).not.toContain(theirs);
    }
  });

  it("a viewer limited by a team sees messages about the team's hosts, not those that told of another host", async () => {
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
    const channel = await createSlack(w);
    const onProd = await insertAlert(owner, w.orgId, { ruleId: rule.id, hostId: prod });
    const onDev = await insertAlert(owner, w.orgId, { ruleId: rule.id, hostId: dev });
    const prodOnly = await insertNotification(w, {
      channelId: channel.id,
      alertIds: [onProd],
      createdAt: ago(3),
    });
    const mixed = await insertNotification(w, {
      channelId: channel.id,
      alertIds: [onProd, onDev],
      createdAt: ago(2),
    });
    const devOnly = await insertNotification(w, {
      channelId: channel.id,
      alertIds: [onDev],
      createdAt: ago(1),
    });
    const scoped: Page = (await call(h, 'GET', '/api/v1/alert-notifications', as(w.viewer))).json();
    expect(idsOf(scoped)).toEqual([prodOnly]);
    const all: Page = (await call(h, 'GET', '/api/v1/alert-notifications', as(w.admin))).json();
    expect(idsOf(all)).toEqual([devOnly, mixed, prodOnly]);
  });
});
