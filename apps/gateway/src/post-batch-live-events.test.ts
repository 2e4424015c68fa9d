import { randomUUID } from 'node:crypto';
import { type Bus, channels, createRedisBus } from '@berth/bus';
import { seedOrg } from '@berth/db/testing';
import { type BatchFrame, encodeFrame, toContainerSampleColumns } from '@berth/protocol';
import { makeBatchFrame, makeCheckResults } from '@berth/protocol/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from './test/gateway-harness.js';

// The HTTP fallback is one door into the same ingest as the socket: a host that can only POST
// its batches must show up in live views too. The gateway publishes on a Redis bus and the test
// listens on another connection, as the API does in production.
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = `berth-test-${randomUUID()}:`;
let gatewayBus: Bus;
let listener: Bus;
let harness: TestGateway;

beforeAll(async () => {
  gatewayBus = createRedisBus(REDIS_URL, { prefix, name: 'post-batch-gateway' });
  listener = createRedisBus(REDIS_URL, { prefix, name: 'post-batch-listener' });
  harness = await startTestGateway({ bus: gatewayBus });
});
afterAll(async () => {
  await harness?.stop();
  await gatewayBus?.close();
  await listener?.close();
});

function post(credential: string, frame: BatchFrame): Promise<Response> {
  return fetch(`${harness.httpUrl}/agent/v1/batches`, {
    method: 'POST',
    headers: { authorization: `Bearer ${credential}`, 'content-type': 'application/json' },
    body: encodeFrame(frame),
  });
}

describe('POST /agent/v1/batches', () => {
  it('publishes the live events of a committed batch on the org’s channel, and none for a duplicate', async () => {
    const host = await seedOrg(harness.database.db);
    const events: { type: string; hostId?: string; containerId?: string; host?: unknown }[] = [];
    await listener.subscribe(channels.orgEvents(host.orgId), (event) => void events.push(event as never));

    const first = makeBatchFrame({ seq: 1, containers: 2, baseTime: Date.now() - 60_000 });
    expect(await (await post(host.hostCredential, first)).json()).toEqual({
      type: 'ack',
      seq: 1,
      status: 'committed',
    });
    const containerIds = (first.inventory?.containers ?? []).map((c) => c.id.slice(0, 12));
    expect(containerIds).toHaveLength(2);
    await expect
      .poll(() => events.map((event) => [event.type, event.containerId ?? null]).sort())
      .toEqual([...containerIds.map((id) => ['container.state', id]), ['samples', null]].sort());
    const samples = events.find((event) => event.type === 'samples');
    expect(samples).toMatchObject({ hostId: host.hostId, host: { cpuPct: first.hostSamples[0]?.cpuPct } });

    // A replay is acked 'duplicate' and announces nothing; the next batch's events follow directly.
    expect(await (await post(host.hostCredential, first)).json()).toMatchObject({ status: 'duplicate' });
    const second = makeBatchFrame({
      seq: 2,
      containers: 2,
      inventory: 'none',
      baseTime: Date.now() - 60_000,
    });
    expect(await (await post(host.hostCredential, second)).json()).toMatchObject({ status: 'committed' });
    await expect.poll(() => events.length).toBe(4);
    expect(events[3]).toMatchObject({
      type: 'samples',
      hostId: host.hostId,
      host: { cpuPct: second.hostSamples[0]?.cpuPct },
    });
  });

  it('publishes each container’s last reading of a batch, from rows and columnar samples alike', async () => {
    const host = await seedOrg(harness.database.db);
    const events: { type: string; containers?: unknown[] }[] = [];
    await listener.subscribe(channels.orgEvents(host.orgId), (event) => void events.push(event as never));
    const t = Date.now() - 60_000;
    const rows = makeBatchFrame({ seq: 1, containers: 3, inventory: 'none', baseTime: t });
    // The same containers' next two readings as columns: the later one is what the event shows.
    const next = makeBatchFrame({ seq: 2, containers: 3, inventory: 'none', baseTime: t }).containerSamples;
    const last = makeBatchFrame({ seq: 3, containers: 3, inventory: 'none', baseTime: t }).containerSamples;
    const frame = { ...rows, containerSampleColumns: toContainerSampleColumns([...next, ...last]) };
    expect(await (await post(host.hostCredential, frame)).json()).toMatchObject({ status: 'committed' });
    await expect.poll(() => events.filter((event) => event.type === 'samples').length).toBe(1);
    const published = events.find((event) => event.type === 'samples')?.containers;
    expect(published).toEqual(
      last.map((s) => ({
        containerId: s.containerId,
        cpuPct: s.cpuPct,
        memBytes: s.memBytes,
        memLimit: s.memLimit,
      })),
    );
  });

  it('announces a batch’s check runs (how many, how many down) for the alerter', async () => {
    const host = await seedOrg(harness.database.db);
    const events: { type: string; hostId?: string; runs?: number; down?: number }[] = [];
    await listener.subscribe(channels.orgEvents(host.orgId), (event) => void events.push(event as never));
    const t = Date.now() - 60_000;
    const frame = {
      ...makeBatchFrame({ seq: 1, containers: 1, inventory: 'none', baseTime: t }),
      hostSamples: [],
      containerSamples: [],
      checkResults: makeCheckResults({
        containerName: 'web',
        count: 3,
        baseTime: t,
        status: (index) => (index === 2 ? 'down' : 'up'),
      }),
    };
    expect(await (await post(host.hostCredential, frame)).json()).toMatchObject({ status: 'committed' });
    await expect
      .poll(() => events.filter((event) => event.type === 'checks'))
      .toEqual([
        {
          type: 'checks',
          hostId: host.hostId,
          at: expect.any(String),
          runs: 3,
          down: 1,
          id: expect.any(String),
        },
      ]);
    // Runs without samples: no samples event.
    expect(events.map((event) => event.type)).toEqual(['checks']);
  });
});
