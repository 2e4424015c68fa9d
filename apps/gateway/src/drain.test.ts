import { seedOrg } from '@berth/db/testing';
import { makeBatchFrame } from '@berth/protocol/testing';
import { describe, expect, it } from 'vitest';
import { countRows } from './test/db-counts.js';
import { FakeAgent } from './test/fake-agent.js';
import { startTestGateway } from './test/gateway-harness.js';

describe('drain on SIGTERM', () => {
  it('closes agent sockets with 1012 and commits what was in flight, so a replay elsewhere is a duplicate', async () => {
    const harness = await startTestGateway();
    const adminUrl = harness.database.adminUrl;
    const host = await seedOrg(harness.database.db);
    const agent = await FakeAgent.connect(harness.wsUrl, host.hostCredential);
    await agent.hello();
    for (let seq = 1; seq <= 5; seq += 1)
      agent.send(makeBatchFrame({ seq, containers: 20, baseTime: Date.now() - 60_000 }));
    await agent.next('ack');
    const draining = harness.gateway.drain(10_000);
    expect((await agent.closed).code).toBe(1012);
    await draining;
    const rows = await countRows(adminUrl, host.hostId);
    // Every batch the gateway had taken was committed (whether or not its ack got out).
    expect(rows.container_samples).toBe(rows.last_seq * 20);
    expect(rows.last_seq).toBeGreaterThanOrEqual(1);
    await harness.database.drop();
  });
});
