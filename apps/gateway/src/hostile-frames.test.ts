import { seedOrg } from '@berth/db/testing';
import { generateHostileFrames, listHostileCases, makeBatchFrame } from '@berth/protocol/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRows } from './test/db-counts.js';
import { FakeAgent } from './test/fake-agent.js';
import { startTestGateway, type TestGateway } from './test/gateway-harness.js';

let harness: TestGateway;
beforeAll(async () => {
  // A generous frame rate so that each hostile frame meets the decoder, not the rate limit.
  harness = await startTestGateway({
    settings: {
      limits: {
        maxFrameBytes: 4 * 1024 * 1024,
        maxItemsPerBatch: 20_000,
        maxFramesPerSecond: 50,
        maxUnackedBatches: 8,
      },
    },
  });
});
afterAll(() => harness?.stop());

describe('hostile frames', () => {
  it('closes every one of 1,000 malformed frames with its documented code, writes nothing, and leaves other agents unaffected', async () => {
    const hostile = await seedOrg(harness.database.db);
    const healthy = await seedOrg(harness.database.db);
    const bystander = await FakeAgent.connect(harness.wsUrl, healthy.hostCredential);
    await bystander.hello();

    // Every distinct case at least once (the list grows with the protocol), and at least 1,000.
    const count = Math.max(1000, listHostileCases().length);
    const frames = generateHostileFrames(count, 7).filter((frame) => !frame.schemaValid);
    expect(frames.length).toBeGreaterThanOrEqual(1000);
    const mismatches: string[] = [];
    let bystanderSeq = 0;
    for (const [index, frame] of frames.entries()) {
      const agent = await FakeAgent.connect(harness.wsUrl, hostile.hostCredential);
      if (frame.phase === 'session') await agent.hello();
      agent.send(frame.raw);
      const closed = await agent.closed;
      if (closed.code !== frame.expectedCloseCode)
        mismatches.push(`${frame.name}: got ${closed.code} ${closed.reason}`);
      if (agent.invalid.length > 0)
        mismatches.push(`${frame.name}: gateway sent invalid frames: ${agent.invalid.join('; ')}`);
      if (index % 100 === 0) {
        bystanderSeq += 1;
        bystander.send(makeBatchFrame({ seq: bystanderSeq, containers: 2, baseTime: Date.now() - 60_000 }));
        expect(await bystander.next('ack')).toMatchObject({ seq: bystanderSeq, status: 'committed' });
      }
    }
    expect(mismatches).toEqual([]);
    const hostileRows = await countRows(harness.database.adminUrl, hostile.hostId);
    expect(hostileRows).toMatchObject({
      container_samples: 0,
      host_samples: 0,
      container_events: 0,
      container_logs: 0,
      containers: 0,
      last_seq: 0,
    });
    expect((await countRows(harness.database.adminUrl, healthy.hostId)).container_samples).toBe(
      bystanderSeq * 2,
    );
    expect(harness.gateway.ctx.sessions.get(healthy.hostId)).toBeDefined();
    await bystander.close();
  });
});
