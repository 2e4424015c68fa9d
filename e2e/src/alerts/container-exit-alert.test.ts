import { randomUUID } from 'node:crypto';
import { createSecretBox, secretKeyRing, withOrgClient } from '@berth/db/sql';
import { type Receiver, startReceiver } from '@berth/notify/testing';
import { runBusybox } from '@berth/test-docker';
import type pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startAlerterWorld } from '../support/alerter-world.js';
import type { FaultRun } from '../support/fault-run.js';
import type { ManagedProcess } from '../support/managed-process.js';
import { agentHostId } from '../support/start-agent.js';

// The whole path with real parts: a real agent watching dockerd, a gateway process committing
// its batches and publishing on Redis, the alerter (in this process, on its own Redis
// connection and timers) and a loopback webhook receiver. A busybox container exits non-zero:
// the receiver gets one firing notification; the container is removed: one resolve.
const SECRET = 'e2e-alerts-secret-0123456789abcdef0123456789';
const RUN_LABEL = 'berth.e2e.run';

let run: FaultRun;
let agent: ManagedProcess;
let receiver: Receiver;
let pool: pg.Pool;

beforeAll(async () => {
  ({ run, agent, pool } = await startAlerterWorld('alerts', SECRET));
  receiver = await startReceiver();
  run.onCleanup(() => receiver.stop());
});
afterAll(async () => {
  await run?.cleanup({ keepLogs: false });
});

it('a busybox container exiting non-zero reaches a webhook once, and its removal once as resolved', async () => {
  const hostId = await agentHostId(agent);
  const channelId = randomUUID();
  const box = createSecretBox(secretKeyRing({ secretsKeys: undefined, authSecret: SECRET }));
  const name = `${run.runId}-job`;
  await withOrgClient(pool, run.orgId, async (client) => {
    await client.query(
      `INSERT INTO notification_channels (id, org_id, name, kind, config, secrets, secret_fields, description)
       VALUES ($1, $2, 'ops hook', 'webhook', '{"headers":{}}', $3, '{url}', 'webhook to 127.0.0.1')`,
      [
        channelId,
        run.orgId,
        box.seal(JSON.stringify({ url: `${receiver.url}/berth` }), {
          orgId: run.orgId,
          purpose: 'notification_channel',
          rowId: channelId,
        }),
      ],
    );
    await client.query(
      `INSERT INTO alert_rules (org_id, name, kind, params, scope, severity, group_wait_s, group_interval_s, channel_ids)
       VALUES ($1, 'job died', 'container_state', '{"event":"died"}', $2, 'critical', 0, 0, $3)`,
      [run.orgId, JSON.stringify({ containerName: `${run.runId}-*` }), [channelId]],
    );
  });

  const job = await runBusybox('sleep 2; exit 3', { name, labels: { [RUN_LABEL]: run.runId } });
  await expect.poll(() => receiver.requests.length, { timeout: 60_000, interval: 200 }).toBe(1);
  const firing = receiver.last().json();
  expect(firing.status).toBe('firing');
  expect(firing.alerts).toHaveLength(1);
  expect(firing.alerts[0].labels).toMatchObject({ container: name, rule: 'job died', severity: 'critical' });
  expect(firing.alerts[0].summary).toContain('exited with code 3');
  expect(receiver.last().headers['idempotency-key']).toBe(firing.id);

  await job.remove();
  await expect.poll(() => receiver.requests.length, { timeout: 60_000, interval: 200 }).toBe(2);
  const resolved = receiver.last().json();
  expect(resolved.status).toBe('resolved');
  expect(resolved.alerts.map((a: { labels: { container: string } }) => a.labels.container)).toEqual([name]);

  // The receiver has the request before the alerter records the delivery: wait for the record.
  const events = () =>
    withOrgClient(pool, run.orgId, async (client) => {
      const { rows } = await client.query<{ kind: string; host_id: string }>(
        `SELECT e.kind, a.host_id FROM alert_events e JOIN alerts a ON a.id = e.alert_id ORDER BY e.id`,
      );
      return rows;
    });
  await expect
    .poll(async () => (await events()).map((row) => row.kind))
    .toEqual(['firing', 'notified', 'resolved', 'notified']);
  expect((await events()).every((row) => row.host_id === hostId)).toBe(true);
  expect(receiver.requests).toHaveLength(2);
});
