import { type Receiver, startReceiver } from '@berth/notify/testing';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../api-harness.js';
import { call } from '../identity/identity-harness.js';
import { createWorld, type World } from '../identity/world.js';

let h: TestApi;
let receiver: Receiver;
let a: World;
let b: World;
let owner: pg.Client;

const TOKEN = '123456789:AAAbbbCCCdddEEEfffGGGhhh_iiiJJJ';

beforeAll(async () => {
  receiver = await startReceiver();
  // Channels here post to a receiver on loopback, which the destination guard would refuse.
  h = await startTestApi(undefined, { notifyAllowPrivateTargets: true });
  [a, b] = await Promise.all([createWorld(h.database), createWorld(h.database)]);
  owner = new pg.Client({ connectionString: h.database.adminUrl });
  await owner.connect();
});
afterAll(async () => {
  await owner?.end();
  await h?.stop();
  await receiver?.stop();
});

const admin = (w: World) => ({ cookie: w.admin.cookie });
const slackUrl = () => `${receiver.url}/services/T0/B0/slack-secret-path`;

async function createSlack(w: World, name: string) {
  const response = await call(h, 'POST', '/api/v1/notification-channels', admin(w), {
    name,
    config: { kind: 'slack', webhookUrl: slackUrl() },
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

describe('notification channels', () => {
  it('returns the secret fields once; lists, the audit and the stored row never show them', async () => {
    const created = await createSlack(a, 'ops-slack');
    expect(created).toMatchObject({
      kind: 'slack',
      name: 'ops-slack',
      enabled: true,
      config: { kind: 'slack' },
      storedSecrets: ['webhookUrl'],
      secrets: { webhookUrl: slackUrl() },
      description: `Slack webhook on ${new URL(receiver.url).host}`,
      lastDelivery: null,
    });
    const listed = await call(h, 'GET', '/api/v1/notification-channels', { cookie: a.viewer.cookie });
    expect(listed.statusCode).toBe(200);
    expect(listed.json().items.map((c: { id: string }) => c.id)).toContain(created.id);
    const one = await call(h, 'GET', `/api/v1/notification-channels/${created.id}`, {
      cookie: a.viewer.cookie,
    });
    for (const body of [listed.body, one.body]) expect(body).not.toContain('slack-secret-path');
    const { rows } = await owner.query(
      `SELECT (SELECT row_to_json(c)::text FROM notification_channels c WHERE id = $1) AS channel,
              (SELECT json_agg(l)::text FROM audit_logs l WHERE target_id = $1::text) AS audit`,
      [created.id],
    );
    expect(rows[0].channel).toMatch(/"secrets":"v1\.auth\./);
    expect(rows[0].channel).not.toContain('slack-secret-path');
    expect(rows[0].audit).toContain('notification_channel.create');
    expect(rows[0].audit).not.toContain('slack-secret-path');
  });

  it('a test send reaches the receiver and is recorded; a refusal is reported without the secret', async () => {
    const created = await createSlack(a, 'tested');
    const ok = await call(h, 'POST', `/api/v1/notification-channels/${created.id}/test`, admin(a));
    expect(ok.json()).toMatchObject({
      ok: true,
      error: null,
      retryable: false,
      durationMs: expect.any(Number),
    });
    expect(receiver.last().path).toBe('/services/T0/B0/slack-secret-path');
    expect(receiver.last().json().text).toMatch(/^\[TEST\] Berth notification — /);

    receiver.reply({ status: 404, body: 'no_service at /services/T0/B0/slack-secret-path' });
    const refused = (
      await call(h, 'POST', `/api/v1/notification-channels/${created.id}/test`, admin(a))
    ).json();
    expect(refused).toMatchObject({
      ok: false,
      retryable: false,
      error: expect.stringContaining('HTTP 404'),
    });
    expect(JSON.stringify(refused)).not.toContain('slack-secret-path');
    const after = (await call(h, 'GET', `/api/v1/notification-channels/${created.id}`, admin(a))).json();
    expect(after.lastDelivery).toEqual({ at: expect.any(String), ok: false, error: refused.error });
  });

  it('changes keep secret fields that are left out, validate the merged config and keep the kind', async () => {
    const created = await call(h, 'POST', '/api/v1/notification-channels', admin(a), {
      name: 'tg',
      config: { kind: 'telegram', botToken: TOKEN, chatId: '-100111', apiUrl: receiver.url },
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id;
    const changed = await call(h, 'PATCH', `/api/v1/notification-channels/${id}`, admin(a), {
      name: 'tg-ops',
      config: { chatId: '@berth_ops' },
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({
      name: 'tg-ops',
      description: 'Telegram chat @berth_ops',
      config: { chatId: '@berth_ops' },
    });
    receiver.reply({ status: 200, body: '{"ok":true}' });
    expect((await call(h, 'POST', `/api/v1/notification-channels/${id}/test`, admin(a))).json().ok).toBe(
      true,
    );
    expect(receiver.last().path).toBe(`/bot${TOKEN}/sendMessage`);
    expect(receiver.last().json().chat_id).toBe('@berth_ops');

    const bad = await call(h, 'PATCH', `/api/v1/notification-channels/${id}`, admin(a), {
      config: { chatId: 'x y' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.issues.map((i: { field: string }) => i.field)).toEqual(['config.chatId']);
    const kind = await call(h, 'PATCH', `/api/v1/notification-channels/${id}`, admin(a), {
      config: { kind: 'slack' },
    });
    expect(kind.json().error.details.issues[0].field).toBe('config.kind');
    const { rows } = await owner.query(
      `SELECT count(*)::int AS n FROM audit_logs WHERE target_id = $1 AND action = 'notification_channel.update'`,
      [id],
    );
    expect(rows[0].n).toBe(1);
  });

  it('refuses bad configs naming the field, and a taken name', async () => {
    const bad = await call(h, 'POST', '/api/v1/notification-channels', admin(a), {
      name: 'x',
      config: { kind: 'telegram', botToken: 'nope', chatId: '-1' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.issues.map((i: { field: string }) => i.field)).toContain(
      'config.botToken',
    );
    await createSlack(a, 'dup');
    const taken = await call(h, 'POST', '/api/v1/notification-channels', admin(a), {
      name: 'dup',
      config: { kind: 'slack', webhookUrl: slackUrl() },
    });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.details.issues[0].field).toBe('name');
  });

  it('viewers and operators read; only admins write and test', async () => {
    const created = await createSlack(a, 'roles');
    for (const member of [a.viewer, a.operator]) {
      const auth = { cookie: member.cookie };
      expect((await call(h, 'GET', '/api/v1/notification-channels', auth)).statusCode).toBe(200);
      expect(
        (
          await call(h, 'POST', '/api/v1/notification-channels', auth, {
            name: 'n',
            config: { kind: 'slack', webhookUrl: slackUrl() },
          })
        ).statusCode,
      ).toBe(403);
      expect(
        (await call(h, 'POST', `/api/v1/notification-channels/${created.id}/test`, auth)).statusCode,
      ).toBe(403);
      expect((await call(h, 'DELETE', `/api/v1/notification-channels/${created.id}`, auth)).statusCode).toBe(
        403,
      );
    }
  });

  it("another organisation's channel is not found for any verb, and its ciphertext does not open in another row", async () => {
    const theirs = await createSlack(a, 'private-to-a');
    for (const [method, url, body] of [
      ['GET', `/api/v1/notification-channels/${theirs.id}`, undefined],
      ['PATCH', `/api/v1/notification-channels/${theirs.id}`, { name: 'stolen' }],
      ['POST', `/api/v1/notification-channels/${theirs.id}/test`, undefined],
      ['DELETE', `/api/v1/notification-channels/${theirs.id}`, undefined],
    ] as const)
      expect((await call(h, method, url, admin(b), body)).statusCode, `${method} ${url}`).toBe(404);
    expect((await call(h, 'GET', '/api/v1/notification-channels', admin(b))).body).not.toContain(theirs.id);

    // An owner-level copy of A's sealed secrets into B's channel: bound to A's row, it does not open.
    const mine = await createSlack(b, 'b-channel');
    await owner.query(
      `UPDATE notification_channels SET secrets = (SELECT secrets FROM notification_channels WHERE id = $1) WHERE id = $2`,
      [theirs.id, mine.id],
    );
    const copied = await call(h, 'POST', `/api/v1/notification-channels/${mine.id}/test`, admin(b));
    expect(copied.statusCode).toBe(409);
    expect(copied.json().error.message).toMatch(/cannot be opened/);
  });

  it('deletes, audited', async () => {
    const created = await createSlack(a, 'to-delete');
    expect(
      (await call(h, 'DELETE', `/api/v1/notification-channels/${created.id}`, admin(a))).statusCode,
    ).toBe(204);
    expect((await call(h, 'GET', `/api/v1/notification-channels/${created.id}`, admin(a))).statusCode).toBe(
      404,
    );
    const { rows } = await owner.query(
      `SELECT details FROM audit_logs WHERE target_id = $1 AND action = 'notification_channel.delete'`,
      [created.id],
    );
    expect(rows[0].details).toMatchObject({ name: 'to-delete', kind: 'slack' });
  });
});

describe('the destination guard (default: on)', () => {
  it('a hosted API refuses to post to loopback, and says so', async () => {
    const guarded = await startTestApi(h.database);
    try {
      const created = await call(guarded, 'POST', '/api/v1/notification-channels', admin(a), {
        name: 'guarded',
        config: { kind: 'slack', webhookUrl: slackUrl() },
      });
      const before = receiver.requests.length;
      const result = (
        await call(guarded, 'POST', `/api/v1/notification-channels/${created.json().id}/test`, admin(a))
      ).json();
      expect(result).toMatchObject({
        ok: false,
        retryable: false,
        error: expect.stringContaining('private or reserved address'),
      });
      expect(receiver.requests.length).toBe(before);
    } finally {
      await guarded.api.close();
    }
  });
});
