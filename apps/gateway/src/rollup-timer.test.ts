import { seedOrg } from '@berth/db/testing';
import { makeBatchFrame } from '@berth/protocol/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRows } from './test/db-counts.js';
import { FakeAgent } from './test/fake-agent.js';
import { startTestGateway, type TestGateway } from './test/gateway-harness.js';

// The gateway runs the rollup job on its maintenance timers (ROLLUP_INTERVAL_S): batches of
// settled minutes appear in the 1-minute and 1-hour rollups without anything else running it.
let harness: TestGateway;

beforeAll(async () => {
  harness = await startTestGateway({ settings: { rollupMs: 200 } });
});
afterAll(() => harness?.stop());

describe('rollup timer', () => {
  it('rolls up the minutes of committed batches once they have settled', async () => {
    const host = await seedOrg(harness.database.db);
    const agent = await FakeAgent.connect(harness.wsUrl, host.hostCredential);
    await agent.hello();
    // Two hours old: its minute and its hour have closed, so the next run rolls up both.
    agent.send(makeBatchFrame({ seq: 1, containers: 4, baseTime: Date.now() - 7_200_000 }));
    expect(await agent.next('ack')).toMatchObject({ seq: 1, status: 'committed' });
    await agent.close();
    await expect
      .poll(() => countRows(harness.database.adminUrl, host.hostId), { timeout: 10_000, interval: 100 })
      .toMatchObject({ container_samples: 4, rollup_1m_samples: 4, rollup_1h_samples: 4 });
  });
});
