import { createMemoryBus } from '@berth/bus';
import { createTestDatabase, type TestDatabase } from '@berth/db/testing';
import { type Receiver, startReceiver } from '@berth/notify/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAlerter } from './app.js';
import { silentLog, testSettings } from './test/alerter-harness.js';
import { fixtures } from './test/fixtures.js';

let database: TestDatabase;
let receiver: Receiver;
beforeAll(async () => {
  database = await createTestDatabase();
  receiver = await startReceiver();
});
afterAll(async () => {
  await receiver?.stop();
  await database?.drop();
});

describe('the delivery kick', () => {
  it('with group_wait 0, a firing transition is flushed and delivered at once, not at the next tick', async () => {
    const f = fixtures(database);
    const { orgId, hostId } = await f.org();
    const channelId = await f.webhook(orgId, `${receiver.url}/hook`);
    await f.rule(orgId, {
      kind: 'container_state',
      params: { event: 'died' },
      channelIds: [channelId],
      groupWaitS: 0,
    });
    await f.container(orgId, hostId, { name: 'job', state: 'exited', exitCode: 1, finishedAt: new Date() });
    const bus = createMemoryBus();
    // Timers on, but no tick or pass within the test: only the kick can deliver.
    const alerter = buildAlerter({
      databaseUrl: database.appUrl,
      bus,
      settings: testSettings({ deliveryMs: 3_600_000, passMs: 3_600_000 }),
      log: silentLog,
    });
    await alerter.start();
    try {
      const transitions = await alerter.evaluate(orgId, [hostId]);
      expect(transitions.map((t) => t.to)).toEqual(['firing']);
    } finally {
      // stop() waits for the delivery round the transition started.
      await alerter.stop();
      await bus.close();
    }
    expect(receiver.requests).toHaveLength(1);
    expect(receiver.last().json().alerts[0].summary).toBe(
      `job on host-${orgId.slice(0, 6)} exited with code 1`,
    );
  });
});
