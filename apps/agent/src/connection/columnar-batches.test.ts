import { encodeFrame, toColumnarBatch, toContainerSampleColumns, toLogColumns } from '@berth/protocol';
import { makeBatchFrame, makeHelloFrame } from '@berth/protocol/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from './test/connection-harness.js';
import { FakeGateway } from './test/fake-gateway.js';

let harness: Harness;
let gateway: FakeGateway | undefined;

beforeEach(async () => {
  harness = await createHarness();
});
afterEach(async () => {
  await harness.cleanup();
  await gateway?.close();
  gateway = undefined;
});

const hello = makeHelloFrame();
const offering = {
  hello: async () => ({
    agentVersion: hello.agentVersion,
    host: hello.host,
    capabilities: ['actions' as const],
    encodings: ['columnar' as const, 'json' as const],
  }),
};
// What the harness spools as batch `seq` (makeBatchFrame is deterministic).
const spooled = (seq: number) => makeBatchFrame({ seq, containers: 2, inventory: 'none' });

describe('agent connection: columnar container samples', () => {
  it('sends samples as columns only after a welcome that accepts them', async () => {
    gateway = await FakeGateway.start({ welcome: { encodings: ['json', 'columnar'] } });
    await harness.spoolBatches(2);
    harness.connect(gateway.url, offering);
    const socket = await gateway.socket(0);
    expect((await socket.waitFor((frame) => frame.type === 'hello')) as unknown).toMatchObject({
      encodings: ['columnar', 'json'],
    });
    const batch = await socket.waitForBatch(2);
    const { containerSamples, logs, ...rest } = spooled(2);
    expect(batch).toEqual({
      ...rest,
      containerSamples: [],
      containerSampleColumns: toContainerSampleColumns(containerSamples),
      logs: [],
      logColumns: toLogColumns(logs),
    });
    expect(batch.containerSampleColumns?.containerId).toHaveLength(2);
    // Two lines per container and the factory's dropped marker, as columns.
    expect(batch.logColumns?.containerId).toHaveLength(5);
    expect(batch.logColumns?.dropped?.filter((count) => count !== null)).toEqual([17]);
    expect(socket.batches().map((frame) => frame.logs.length)).toEqual([0, 0]);
  });

  it('sends a batch of log entries only (no samples) with its logs as columns', async () => {
    gateway = await FakeGateway.start({ welcome: { encodings: ['json', 'columnar'] } });
    const logsOnly = { ...spooled(1), containerSamples: [] };
    expect(toColumnarBatch(logsOnly).logColumns?.containerId).toHaveLength(5);
    await harness.spool.append(() => encodeFrame(logsOnly));
    harness.connect(gateway.url, offering);
    const socket = await gateway.socket(0);
    const batch = await socket.waitForBatch(1);
    expect(batch).toEqual(toColumnarBatch(logsOnly));
    expect(batch.containerSampleColumns).toBeUndefined();
  });

  it('sends the same spooled batches as v1 rows to a gateway whose welcome does not list columnar', async () => {
    // An older gateway: its welcome has no `encodings` at all.
    gateway = await FakeGateway.start();
    await harness.spoolBatches(2);
    harness.connect(gateway.url, offering);
    const socket = await gateway.socket(0);
    const batch = await socket.waitForBatch(2);
    expect(batch).toEqual(spooled(2));
    expect(batch.containerSampleColumns).toBeUndefined();
    expect(batch.logColumns).toBeUndefined();
    expect(socket.batches().every((frame) => frame.containerSamples.length === 2)).toBe(true);
    expect(socket.batches().every((frame) => frame.logs.length === 5)).toBe(true);
  });
});
