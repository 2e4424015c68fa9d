import { randomUUID } from 'node:crypto';
import { type Bus, createRedisBus, publishOrgEvent } from '@berth/bus';
import { createTestDatabase, type TestDatabase } from '@berth/db/testing';
import { type Receiver, startReceiver } from '@berth/notify/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestAlerter, type TestAlerter } from './test/alerter-harness.js';
import { fixtures } from './test/fixtures.js';
import { manualClock } from './test/manual-clock.js';

// Two alerters on one database and one Redis, as two replicas run: each event reaches both,
// and whichever evaluates it (A still thinks itself alone here, B already knows of A: see
// two-alerters-sharing.test.ts for the split), and then the two head-on, PostgreSQL lets
// exactly one of them make each transition, flush each group and send each notification.
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = `berth-test-${randomUUID()}:`;
const buses: Bus[] = [];
const receivers: Receiver[] = [];
let database: TestDatabase;
let a: TestAlerter;
let b: TestAlerter;
let gateway: Bus;

beforeAll(async () => {
  database = await createTestDatabase();
  const clock = manualClock();
  const bus = (name: string) => {
    const created = createRedisBus(REDIS_URL, { prefix, name });
    buses.push(created);
    return created;
  };
  a = await startTestAlerter({ database, clock, bus: bus('alerter-a') });
  b = await startTestAlerter({ database, clock, bus: bus('alerter-b') });
  gateway = bus('gateway');
});
afterAll(async () => {
  await a?.stop();
  await b?.stop();
  for (const bus of buses) await bus.close();
  for (const receiver of receivers) await receiver.stop();
  await database?.drop();
});

it('two alerters evaluating the same events make one transition each and send one notification per channel', async () => {
  const f = fixtures(database);
  const { orgId, hostId } = await f.org();
  const [one, two] = [await startReceiver(), await startReceiver()];
  receivers.push(one, two);
  const channels = [await f.webhook(orgId, `${one.url}/a`), await f.webhook(orgId, `${two.url}/b`)];
  const ruleId = await f.rule(orgId, {
    kind: 'container_state',
    params: { event: 'died' },
    channelIds: channels,
  });
  const shortId = await f.container(orgId, hostId, { name: 'web' });
  await f.setContainer(orgId, hostId, shortId, { state: 'exited', exitCode: 1, finishedAt: a.clock.now() });

  // What the gateway publishes after the batch with the container's death committed.
  const event = {
    type: 'container.state',
    hostId,
    containerId: shortId,
    name: 'web',
    state: 'exited',
    health: 'none',
    removed: false,
    at: new Date().toISOString(),
  } as const;
  await publishOrgEvent(gateway, orgId, event);
  await expect.poll(async () => (await f.alerts(orgId, ruleId)).map((x) => x.state)).toEqual(['firing']);
  await Promise.all([a.alerter.idle(), b.alerter.idle()]);
  // And race them head-on a few more times: nothing more may happen.
  await Promise.all(
    [...Array(5)].flatMap(() => [a.alerter.evaluate(orgId, [hostId]), b.alerter.evaluate(orgId, [hostId])]),
  );
  const [alert] = await f.alerts(orgId, ruleId);
  expect((await f.alertEvents(orgId, alert?.id)).map((e) => e.kind)).toEqual(['firing']);

  const flushed = (
    await Promise.all([a.alerter.flush(), b.alerter.flush(), a.alerter.flush(), b.alerter.flush()])
  ).flat();
  expect(flushed).toHaveLength(1);
  expect((await f.notifications(orgId)).map((n) => n.channel_id).sort()).toEqual([...channels].sort());
  const delivered = (await Promise.all([a.alerter.deliver(), b.alerter.deliver()])).flat();
  expect(delivered.map((d) => d.state)).toEqual(['sent', 'sent']);
  expect([one.requests.length, two.requests.length]).toEqual([1, 1]);

  // The resolve, the same way.
  await f.setContainer(orgId, hostId, shortId, { removed: true });
  await publishOrgEvent(gateway, orgId, { ...event, name: '', state: 'removed', removed: true });
  await expect.poll(async () => (await f.alerts(orgId, ruleId)).map((x) => x.state)).toEqual(['resolved']);
  await Promise.all([a.alerter.idle(), b.alerter.idle()]);
  await Promise.all([a.alerter.evaluate(orgId, [hostId]), b.alerter.evaluate(orgId, [hostId])]);
  expect((await f.alertEvents(orgId, alert?.id)).map((e) => e.kind)).toEqual([
    'firing',
    'notified',
    'notified',
    'resolved',
  ]);
  expect((await Promise.all([a.alerter.flush(), b.alerter.flush()])).flat()).toHaveLength(1);
  await Promise.all([a.alerter.deliver(), b.alerter.deliver()]);
  expect([one.requests.length, two.requests.length]).toEqual([2, 2]);
  expect(one.last().json().status).toBe('resolved');
});
