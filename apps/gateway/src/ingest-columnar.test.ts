import { seedOrg } from '@berth/db/testing';
import {
  CLOSE_CODES,
  type ContainerSample,
  encodeFrame,
  MAX_CONTAINER_CPU_PCT,
  MAX_CONTAINER_CPU_SECONDS,
  toContainerSampleColumns,
} from '@berth/protocol';
import { createRandom, makeBatchFrame, makeColumnarBatchFrame, type Random } from '@berth/protocol/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COLUMNAR, connectColumnarAgent, expectRefusedWithNothingStored } from './test/columnar-agent.js';
import { countRows, ownerQuery } from './test/db-counts.js';
import { FakeAgent } from './test/fake-agent.js';
import { startTestGateway, type TestGateway } from './test/gateway-harness.js';

let harness: TestGateway;
const now = () => Date.now() - 60_000;

beforeAll(async () => {
  harness = await startTestGateway();
});
afterAll(() => harness?.stop());

/** Every stored column of a host's container samples, in a fixed order, as text (exact). */
async function storedSamples(hostId: string): Promise<Record<string, string | null>[]> {
  return ownerQuery(
    harness.database.adminUrl,
    `SELECT container_id, ts::text, cpu_pct::text, mem_bytes::text, mem_limit::text, net_rx::text,
            net_tx::text, blk_read::text, blk_write::text, pids::text, cpu_seconds::text
       FROM container_samples WHERE host_id = $1 ORDER BY container_id, ts`,
    [hostId],
  );
}

const pick = <T>(rng: Random, values: readonly T[]): T => values[rng.int(0, values.length - 1)] as T;
const INT4_MAX = 2_147_483_647;

/** A sample with values drawn from the whole valid range, the bounds themselves included. */
function randomSample(rng: Random, containerId: string, baseMs: number): ContainerSample {
  const count = () => pick(rng, [0, 1, Number.MAX_SAFE_INTEGER, rng.int(0, 2 ** 40), rng.int(0, 1e6)]);
  // Times as agents send them: milliseconds, Docker's nanoseconds, and a half-microsecond tie.
  const ms = new Date(baseMs - rng.int(0, 3_600_000)).toISOString();
  const digits = String(rng.int(0, 999_999_999)).padStart(9, '0');
  const ts = pick(rng, [
    ms,
    `${ms.slice(0, 19)}.${digits}Z`,
    `${ms.slice(0, 19)}.0000005Z`,
    `${ms.slice(0, 19)}Z`,
  ]);
  const sample: ContainerSample = {
    containerId,
    ts,
    cpuPct: pick(rng, [0, MAX_CONTAINER_CPU_PCT, rng.next() * 400, 1e-3, 123.456789012345]),
    memBytes: count(),
    memLimit: count(),
    netRx: count(),
    netTx: count(),
    blkRead: count(),
    blkWrite: count(),
    pids: pick(rng, [0, 1, INT4_MAX, rng.int(0, 4096)]),
  };
  const cpuSeconds = pick(rng, [undefined, 0, MAX_CONTAINER_CPU_SECONDS, rng.next() * 1e6, 6.033376241]);
  if (cpuSeconds !== undefined) sample.cpuSeconds = cpuSeconds;
  return sample;
}

describe('columnar container samples', () => {
  it('are offered in the welcome only to an agent that listed the encoding', async () => {
    const host = await seedOrg(harness.database.db);
    const older = await FakeAgent.connect(harness.wsUrl, host.hostCredential);
    expect((await older.hello({ encodings: ['json'] })).encodings).toBeUndefined();
    await older.close();
    const newer = await FakeAgent.connect(harness.wsUrl, host.hostCredential);
    expect((await newer.hello(COLUMNAR)).encodings).toEqual(['json', 'columnar']);
    await newer.close();
  });

  it('are stored exactly once and row for row as the same samples sent as v1 rows', async () => {
    const rows = await seedOrg(harness.database.db);
    const columns = await seedOrg(harness.database.db);
    const rowAgent = await FakeAgent.connect(harness.wsUrl, rows.hostCredential);
    const columnAgent = await FakeAgent.connect(harness.wsUrl, columns.hostCredential);
    await rowAgent.hello();
    await columnAgent.hello(COLUMNAR);
    const rng = createRandom(20);
    const base = makeBatchFrame({ seq: 1, containers: 0, baseTime: now() });
    const sent: string[] = [];
    for (let seq = 1; seq <= 6; seq += 1) {
      const samples = Array.from({ length: 40 }, (_, i) =>
        randomSample(rng, `${String(seq).padStart(2, '0')}${i.toString(16).padStart(10, '0')}`, now()),
      );
      rowAgent.send({ ...base, seq, containerSamples: samples });
      const columnar = {
        ...base,
        seq,
        containerSamples: [],
        containerSampleColumns: toContainerSampleColumns(samples),
      };
      sent.push(encodeFrame(columnar));
      columnAgent.send(columnar);
      expect(await rowAgent.next('ack')).toEqual({ type: 'ack', seq, status: 'committed' });
      expect(await columnAgent.next('ack')).toEqual({ type: 'ack', seq, status: 'committed' });
    }
    // A lost ack: the columnar batches are replayed and found committed.
    await columnAgent.close();
    const again = await FakeAgent.connect(harness.wsUrl, columns.hostCredential);
    await again.hello(COLUMNAR);
    for (const frame of sent.slice(-2)) again.send(frame);
    expect((await again.next('ack')).status).toBe('duplicate');
    expect((await again.next('ack')).status).toBe('duplicate');
    await again.close();
    await rowAgent.close();

    const fromRows = await storedSamples(rows.hostId);
    expect(fromRows).toHaveLength(240);
    expect(await storedSamples(columns.hostId)).toEqual(fromRows);
    const counts = await countRows(harness.database.adminUrl, columns.hostId);
    expect(counts).toMatchObject({ container_samples: 240, last_seq: 6 });
  });

  it('stores a batch with rows and columns, minus the column entries outside the time window', async () => {
    const { host, agent } = await connectColumnarAgent(harness);
    const batch = makeBatchFrame({ seq: 1, containers: 3, baseTime: now() });
    const later = makeBatchFrame({ seq: 2, containers: 3, baseTime: now() }).containerSamples;
    const stale = makeBatchFrame({ seq: 1, containers: 2, baseTime: Date.parse('2020-01-01T00:00:00Z') });
    batch.containerSampleColumns = toContainerSampleColumns([...later, ...stale.containerSamples]);
    agent.send(batch);
    expect((await agent.next('ack')).status).toBe('committed');
    expect((await countRows(harness.database.adminUrl, host.hostId)).container_samples).toBe(6);
    await agent.close();
  });

  it.each([
    {
      name: 'columns of unequal length',
      edit: (c: Columns) => c.netRx.push(1),
      reason: 'batch.containerSampleColumns.netRx: expected 3 entries (as many as containerId), got 4',
    },
    {
      name: 'a cpuPct above its bound',
      edit: (c: Columns) => (c.cpuPct[2] = MAX_CONTAINER_CPU_PCT + 1),
      reason: 'batch.containerSampleColumns.cpuPct[2]: Too big',
    },
    {
      name: 'a negative count',
      edit: (c: Columns) => (c.pids[1] = -1),
      reason: 'containerSampleColumns.pids[1]',
    },
    {
      name: 'an ISO time where microseconds belong',
      edit: (c: Columns) => ((c.tsMicros as unknown[])[0] = '2025-01-01T00:00:00Z'),
      reason: 'batch.containerSampleColumns.tsMicros[0]: expected number, received string',
    },
  ])('refuses $name with 4000 naming the field, writing nothing', async ({ edit, reason }) => {
    const { host, agent } = await connectColumnarAgent(harness);
    const batch = makeColumnarBatchFrame({ seq: 1, containers: 3, baseTime: now() });
    if (!batch.containerSampleColumns) throw new Error('factory made no columns');
    edit(batch.containerSampleColumns);
    agent.send(batch);
    await expectRefusedWithNothingStored(harness, agent, host.hostId, reason);
  });

  it('refuses 1e400 (Infinity after JSON.parse) and too many column entries', async () => {
    const { host, agent } = await connectColumnarAgent(harness);
    const batch = makeColumnarBatchFrame({ seq: 1, containers: 3, baseTime: now() });
    agent.send(encodeFrame(batch).replace('"cpuSeconds":[', '"cpuSeconds":[1e400,'));
    const closed = await agent.closed;
    expect(closed.code).toBe(CLOSE_CODES.badFrame);
    expect(closed.reason).toContain('batch.containerSampleColumns.cpuSeconds[0]');

    const again = await FakeAgent.connect(harness.wsUrl, host.hostCredential);
    await again.hello(COLUMNAR);
    const sample = makeBatchFrame({ containers: 1 }).containerSamples;
    const huge = toContainerSampleColumns(Array.from({ length: 20_001 }, () => sample[0] as ContainerSample));
    again.send({
      ...makeBatchFrame({ seq: 1, containers: 0, baseTime: now() }),
      containerSampleColumns: huge,
    });
    const refused = await again.closed;
    expect(refused.code).toBe(CLOSE_CODES.badFrame);
    expect(refused.reason).toMatch(/items exceed maxItemsPerBatch/);
    expect((await countRows(harness.database.adminUrl, host.hostId)).last_seq).toBe(0);
  });
});

type Columns = NonNullable<ReturnType<typeof makeColumnarBatchFrame>['containerSampleColumns']>;
