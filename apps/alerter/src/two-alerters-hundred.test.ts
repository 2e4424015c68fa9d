import { createTestDatabase, type TestDatabase } from '@berth/db/testing';
import { type Receiver, startReceiver } from '@berth/notify/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { DeliveryResult } from './notify/deliver-notifications.js';
import { startTestAlerter, type TestAlerter } from './test/alerter-harness.js';
import { fixtures } from './test/fixtures.js';
import { manualClock } from './test/manual-clock.js';

// Two replicas racing on 100 conditions at once: grouped per container, so 100 groups and 100
// notifications, each claimed by one of them (FOR UPDATE SKIP LOCKED) and received once.
const CONDITIONS = 100;

let database: TestDatabase;
let a: TestAlerter;
let b: TestAlerter;
/** The same pair flushing each notification in its firing transaction (as with timers). */
let inA: TestAlerter;
let inB: TestAlerter;
let receiver: Receiver;

beforeAll(async () => {
  database = await createTestDatabase();
  const clock = manualClock();
  a = await startTestAlerter({ database, clock });
  b = await startTestAlerter({ database, clock });
  inA = await startTestAlerter({ database, clock, flushInTransition: true });
  inB = await startTestAlerter({ database, clock, flushInTransition: true });
  receiver = await startReceiver();
});
afterAll(async () => {
  await a?.stop();
  await b?.stop();
  await inA?.stop();
  await inB?.stop();
  await receiver?.stop();
  await database?.drop();
});

it('two alerters, 100 containers dying at once: 100 alerts, 100 notifications, each received exactly once', async () => {
  const f = fixtures(database);
  const { orgId, hostId } = await f.org();
  const channelId = await f.webhook(orgId, `${receiver.url}/hook`);
  const ruleId = await f.rule(orgId, {
    kind: 'container_state',
    params: { event: 'died' },
    groupBy: ['rule', 'host', 'container'],
    channelIds: [channelId],
  });
  for (let i = 0; i < CONDITIONS; i += 1) {
    await f.container(orgId, hostId, {
      name: `svc-${String(i).padStart(3, '0')}`,
      state: 'exited',
      exitCode: 1,
      finishedAt: new Date(a.clock.now().getTime() - 1_000),
    });
  }

  // Both evaluate the same host, several times over, at the same moment.
  await Promise.all(
    [...Array(3)].flatMap(() => [a.alerter.evaluate(orgId, null), b.alerter.evaluate(orgId, null)]),
  );
  const alerts = await f.alerts(orgId, ruleId);
  expect(alerts.filter((x) => x.state === 'firing')).toHaveLength(CONDITIONS);
  const events = await f.alertEvents(orgId);
  expect(events.filter((e) => e.kind === 'firing')).toHaveLength(CONDITIONS);

  const flushed = (
    await Promise.all([a.alerter.flush(), b.alerter.flush(), a.alerter.flush(), b.alerter.flush()])
  ).flat();
  expect(flushed).toHaveLength(CONDITIONS);
  expect(await f.notifications(orgId)).toHaveLength(CONDITIONS);

  // Delivery rounds (20 claims each) on both until neither finds anything due.
  const byAlerter = { a: [] as DeliveryResult[], b: [] as DeliveryResult[] };
  for (;;) {
    const [fromA, fromB] = await Promise.all([a.alerter.deliver(), b.alerter.deliver()]);
    byAlerter.a.push(...fromA);
    byAlerter.b.push(...fromB);
    if (fromA.length === 0 && fromB.length === 0) break;
  }
  const results = [...byAlerter.a, ...byAlerter.b];
  expect(results).toHaveLength(CONDITIONS);
  expect(results.every((r) => r.state === 'sent')).toBe(true);

  const notifications = await f.notifications(orgId);
  expect(notifications.every((n) => n.state === 'sent' && n.attempts === 1)).toBe(true);
  // Exactly once per delivery id, and every notification's id among them.
  const perKey = new Map<string, number>();
  for (const r of receiver.requests) {
    const key = String(r.headers['idempotency-key']);
    perKey.set(key, (perKey.get(key) ?? 0) + 1);
  }
  expect(receiver.requests).toHaveLength(CONDITIONS);
  expect([...perKey.values()].every((n) => n === 1)).toBe(true);
  expect([...perKey.keys()].sort()).toEqual(notifications.map((n) => n.id).sort());
  // And per container: each named in exactly one message.
  const named = receiver.requests.flatMap((r) =>
    r.json().alerts.map((x: { labels: { container: string } }) => x.labels.container),
  );
  expect(named).toHaveLength(CONDITIONS);
  expect(new Set(named).size).toBe(CONDITIONS);
  console.info(
    `two alerters, ${CONDITIONS} notifications: alerter a sent ${byAlerter.a.length}, alerter b sent ${byAlerter.b.length}`,
  );
});

it('flushed in the firing transactions: two alerters, 100 containers dying at once, each notification written with its firing and received exactly once', async () => {
  receiver.requests.length = 0;
  const f = fixtures(database);
  const { orgId, hostId } = await f.org();
  const channelId = await f.webhook(orgId, `${receiver.url}/hook`);
  const ruleId = await f.rule(orgId, {
    kind: 'container_state',
    params: { event: 'died' },
    groupBy: ['rule', 'host', 'container'],
    channelIds: [channelId],
  });
  for (let i = 0; i < CONDITIONS; i += 1) {
    await f.container(orgId, hostId, {
      name: `job-${String(i).padStart(3, '0')}`,
      state: 'exited',
      exitCode: 1,
      finishedAt: new Date(inA.clock.now().getTime() - 1_000),
    });
  }
  await Promise.all(
    [...Array(3)].flatMap(() => [inA.alerter.evaluate(orgId, null), inB.alerter.evaluate(orgId, null)]),
  );
  expect((await f.alerts(orgId, ruleId)).filter((x) => x.state === 'firing')).toHaveLength(CONDITIONS);
  // Every notification row is there already, before any flush round, and none is made twice.
  expect(await f.notifications(orgId)).toHaveLength(CONDITIONS);
  expect((await Promise.all([inA.alerter.flush(), inB.alerter.flush()])).flat()).toEqual([]);
  expect(await f.notifications(orgId)).toHaveLength(CONDITIONS);

  // Written claimed by the alerter whose transition won, and sent by it once committed: no
  // delivery round has anything to take, and each arrives once.
  await expect.poll(() => receiver.requests.length, { timeout: 30_000 }).toBe(CONDITIONS);
  await expect
    .poll(async () => (await f.notifications(orgId)).every((n) => n.state === 'sent' && n.attempts === 1))
    .toBe(true);
  expect(await Promise.all([inA.alerter.deliver(), inB.alerter.deliver()])).toEqual([[], []]);
  const notifications = await f.notifications(orgId);
  const perKey = new Map<string, number>();
  for (const r of receiver.requests) {
    const key = String(r.headers['idempotency-key']);
    perKey.set(key, (perKey.get(key) ?? 0) + 1);
  }
  expect(receiver.requests).toHaveLength(CONDITIONS);
  expect([...perKey.values()].every((n) => n === 1)).toBe(true);
  expect([...perKey.keys()].sort()).toEqual(notifications.map((n) => n.id).sort());
  const named = receiver.requests.flatMap((r) =>
    r.json().alerts.map((x: { labels: { container: string } }) => x.labels.container),
  );
  expect(new Set(named).size).toBe(CONDITIONS);
  expect(named).toHaveLength(CONDITIONS);
});
