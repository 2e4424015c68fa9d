import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { createTestDatabase, type TestDatabase } from '@berth/db/testing';
import { type Receiver, startReceiver } from '@berth/notify/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { TEST_AUTH_SECRET } from './test/alerter-harness.js';
import { type Fixtures, fixtures } from './test/fixtures.js';

// The real process (server.ts from source, its own timers, the system clock) SIGKILLed at the
// two moments that matter for the outbox: after an alert fired but before anything was sent
// (nothing may be lost), and after the receiver answered but before the outcome was recorded
// (the one duplicate the design allows, recognisable by its delivery id).
const DIR = fileURLToPath(new URL('../', import.meta.url));

let database: TestDatabase;
let f: Fixtures;
const children = new Set<ChildProcess>();

beforeAll(async () => {
  database = await createTestDatabase();
  f = fixtures(database);
});
afterEach(async () => {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = once(child, 'exit');
      child.kill('SIGKILL');
      await exited;
    }
  }
  children.clear();
});
afterAll(async () => {
  await database?.drop();
});

/** Starts the alerter process; `exited` resolves with its exit code or signal. */
function startAlerter(intervals: { passS: number; deliveryS: number }) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: DIR,
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      DATABASE_URL: database.appUrl,
      AUTH_SECRET: TEST_AUTH_SECRET,
      ALERTER_PASS_INTERVAL_S: String(intervals.passS),
      ALERTER_DELIVERY_INTERVAL_S: String(intervals.deliveryS),
      NOTIFY_ALLOW_PRIVATE_TARGETS: '1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  return {
    child,
    output: () => output,
    async kill() {
      child.kill('SIGKILL');
      const [, signal] = await exited;
      expect(signal).toBe('SIGKILL');
    },
  };
}

/**
 * A pass the killed process was in the middle of holds its organisations for the lease (a
 * minute, on the system clock): moved back, as the notification's lease is, not waited for.
 */
async function expireDeadPassClaim(orgId: string) {
  await f.inOrg(orgId, (c) =>
    c.query(
      `UPDATE alert_pass_claims SET lease_until = lease_until - interval '60 seconds' WHERE lease_until IS NOT NULL`,
    ),
  );
}

async function orgWithDeadContainer(url: string, groupWaitS = 0) {
  const { orgId, hostId } = await f.org();
  const channelId = await f.webhook(orgId, url);
  const ruleId = await f.rule(orgId, {
    kind: 'container_state',
    params: { event: 'died' },
    channelIds: [channelId],
    groupWaitS,
  });
  const shortId = await f.container(orgId, hostId, {
    name: 'job',
    state: 'exited',
    exitCode: 1,
    finishedAt: new Date(),
  });
  return { orgId, hostId, ruleId, shortId };
}

describe('the alerter SIGKILLed', () => {
  let receiver: Receiver;
  afterEach(async () => {
    await receiver?.stop();
  });

  it('between firing and sending: the notification is sent once after the restart', async () => {
    receiver = await startReceiver();
    // group_wait 5 s: the transition flushes nothing, so sends nothing itself, and deliveries
    // come only every minute: it fires long before it could send.
    const { orgId, hostId, ruleId, shortId } = await orgWithDeadContainer(`${receiver.url}/hook`, 5);
    const first = startAlerter({ passS: 1, deliveryS: 60 });
    await expect
      .poll(async () => (await f.alerts(orgId, ruleId)).map((a) => a.state), { timeout: 30_000 })
      .toEqual(['firing']);
    await first.kill();
    await expireDeadPassClaim(orgId);
    expect(receiver.requests).toHaveLength(0);

    const second = startAlerter({ passS: 1, deliveryS: 1 });
    await expect.poll(() => receiver.requests.length, { timeout: 30_000 }).toBe(1);
    expect(receiver.last().json().status).toBe('firing');
    // The container goes away: the resolve is delivered in a later round, and no round since
    // the first send has sent the firing again.
    await f.setContainer(orgId, hostId, shortId, { removed: true });
    await expect.poll(() => receiver.requests.length, { timeout: 30_000 }).toBe(2);
    expect(receiver.requests.map((r) => r.json().status)).toEqual(['firing', 'resolved']);
    await expect
      .poll(async () => (await f.notifications(orgId)).map((n) => [n.state, n.attempts]), { timeout: 10_000 })
      .toEqual([
        ['sent', 1],
        ['sent', 1],
      ]);
    const [alert] = await f.alerts(orgId, ruleId);
    expect((await f.alertEvents(orgId, alert?.id)).map((e) => e.kind)).toEqual([
      'firing',
      'notified',
      'resolved',
      'notified',
    ]);
    expect(second.output()).not.toContain('"level":"error"');
  });

  it('after the receiver answered, before the outcome was recorded: one repeat, with the same delivery id', async () => {
    // A receiver that holds its first answer until the test lets it go.
    const requests: { headers: http.IncomingHttpHeaders; body: string }[] = [];
    const held: http.ServerResponse[] = [];
    const server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        requests.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        if (requests.length === 1) held.push(res);
        else res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const { orgId, hostId, ruleId, shortId } = await orgWithDeadContainer(`http://127.0.0.1:${port}/hook`);
      const first = startAlerter({ passS: 1, deliveryS: 1 });
      await expect.poll(() => held.length, { timeout: 30_000 }).toBe(1);
      const deliveryId = String(requests[0]?.headers['idempotency-key']);

      // Hold the outbox row so the alerter's "sent" cannot land, then answer 200: the alerter
      // has its answer and is blocked recording it when it dies.
      let release: () => void = () => undefined;
      const released = new Promise<void>((resolve) => {
        release = resolve;
      });
      let locked: () => void = () => undefined;
      const isLocked = new Promise<void>((resolve) => {
        locked = resolve;
      });
      const holding = f.inOrg(orgId, async (c) => {
        await c.query(`SELECT id FROM notifications WHERE id = $1 FOR UPDATE`, [deliveryId]);
        locked();
        await released;
      });
      await isLocked;
      held[0]?.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      await expect
        .poll(
          async () =>
            (
              await database.pool.query(
                // This database only: other suites on the same server run their own alerters.
                `SELECT count(*)::int AS n FROM pg_stat_activity
                  WHERE datname = current_database() AND wait_event_type = 'Lock'
                    AND query LIKE 'UPDATE notifications SET state%'`,
              )
            ).rows[0]?.n,
          { timeout: 15_000 },
        )
        .toBe(1);
      await first.kill();
      await expireDeadPassClaim(orgId);
      release();
      await holding;
      // Its transaction never commits: the row is still claimed by the dead process.
      await expect
        .poll(async () => (await f.notifications(orgId)).map((n) => n.state), { timeout: 10_000 })
        .toEqual(['sending']);

      // The dead process's lease (a minute) runs out; the process runs on the system clock, so
      // the test moves the lease back instead of waiting the minute.
      await f.inOrg(orgId, (c) =>
        c.query(`UPDATE notifications SET lease_until = lease_until - interval '60 seconds' WHERE id = $1`, [
          deliveryId,
        ]),
      );
      startAlerter({ passS: 1, deliveryS: 1 });
      await expect.poll(() => requests.length, { timeout: 30_000 }).toBe(2);
      expect(requests.map((r) => r.headers['idempotency-key'])).toEqual([deliveryId, deliveryId]);
      expect(requests[1]?.body).toBe(requests[0]?.body);
      await expect
        .poll(async () => (await f.notifications(orgId)).map((n) => [n.id, n.state, n.attempts]), {
          timeout: 10_000,
        })
        .toEqual([[deliveryId, 'sent', 2]]);

      // No further repeat: the resolve goes out in a later round, the firing never again.
      await f.setContainer(orgId, hostId, shortId, { removed: true });
      await expect.poll(() => requests.length, { timeout: 30_000 }).toBe(3);
      expect(requests.map((r) => JSON.parse(r.body).status)).toEqual(['firing', 'firing', 'resolved']);
      const [alert] = await f.alerts(orgId, ruleId);
      await expect
        .poll(async () => (await f.alertEvents(orgId, alert?.id)).map((e) => e.kind), { timeout: 10_000 })
        .toEqual(['firing', 'notified', 'resolved', 'notified']);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
