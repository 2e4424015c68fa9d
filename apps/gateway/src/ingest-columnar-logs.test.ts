import { seedOrg } from '@berth/db/testing';
import {
  CLOSE_CODES,
  encodeFrame,
  LIMITS,
  type LogColumns,
  type LogEntry,
  toLogColumns,
} from '@berth/protocol';
import { createRandom, makeBatchFrame, makeColumnarBatchFrame, type Random } from '@berth/protocol/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COLUMNAR, connectColumnarAgent, expectRefusedWithNothingStored } from './test/columnar-agent.js';
import { countRows, ownerQuery } from './test/db-counts.js';
import { FakeAgent } from './test/fake-agent.js';
import { startTestGateway, type TestGateway } from './test/gateway-harness.js';

let harness: TestGateway;
const now = () => Date.now() - 60_000;
const HOUR = 3_600_000;

beforeAll(async () => {
  harness = await startTestGateway();
});
afterAll(() => harness?.stop());

/** Every stored column of a host's log entries, in the order the console reads them, as text (exact). */
async function storedLogs(hostId: string): Promise<Record<string, string | null>[]> {
  return ownerQuery(
    harness.database.adminUrl,
    `SELECT container_id, ts::text, stream, line, dropped::text, batch_seq::text, line_no::text
       FROM container_logs WHERE host_id = $1 ORDER BY batch_seq, line_no`,
    [hostId],
  );
}

const pick = <T>(rng: Random, values: readonly T[]): T => values[rng.int(0, values.length - 1)] as T;
const MAX = LIMITS.maxLogLineBytes;

/** Lines as containers print them, and the edges of what the schema accepts. */
function randomLine(rng: Random): string {
  return pick(rng, [
    '',
    'GET /healthz 200 0.4ms',
    `level=info msg="${'x'.repeat(rng.int(0, 400))}"`,
    'caf\u00e9 \u20ac \u{1f680} \u4e2d\u6587 \u0645\u0631\u062d\u0628\u0627',
    'tab\there "quotes" \\backslash\\ \r carriage',
    'x'.repeat(MAX),
    '\u20ac'.repeat(Math.floor(MAX / 3)),
    `${'y'.repeat(MAX - 4)}\u{1f600}`,
    '\ud83d lone surrogate',
  ]);
}

/** Times as agents send them (ms, Docker's ns, a half-µs tie, none) and near both window edges. */
function randomTime(rng: Random, baseMs: number): string {
  const ms = new Date(
    pick(rng, [
      baseMs - rng.int(0, HOUR),
      Date.now() - 6 * 24 * HOUR + 10 * 60_000,
      Date.now() + HOUR - 10 * 60_000,
    ]),
  ).toISOString();
  const digits = String(rng.int(0, 999_999_999)).padStart(9, '0');
  return pick(rng, [
    ms,
    `${ms.slice(0, 19)}.${digits}Z`,
    `${ms.slice(0, 19)}.0000005Z`,
    `${ms.slice(0, 19)}Z`,
  ]);
}

function randomEntry(rng: Random, containerId: string, baseMs: number): LogEntry {
  const ts = randomTime(rng, baseMs);
  const stream = pick(rng, ['stdout', 'stderr'] as const);
  if (rng.int(0, 9) === 0) return { containerId, ts, stream, dropped: pick(rng, [1, 17, 2 ** 31 - 1]) };
  return { containerId, ts, stream, line: randomLine(rng) };
}

describe('columnar log entries', () => {
  it('are stored exactly once and row for row as the same entries sent as v1 rows', async () => {
    const rows = await seedOrg(harness.database.db);
    const columns = await seedOrg(harness.database.db);
    const rowAgent = await FakeAgent.connect(harness.wsUrl, rows.hostCredential);
    const columnAgent = await FakeAgent.connect(harness.wsUrl, columns.hostCredential);
    await rowAgent.hello();
    await columnAgent.hello(COLUMNAR);
    const rng = createRandom(21);
    const base = makeBatchFrame({ seq: 1, containers: 0, baseTime: now() });
    const sent: string[] = [];
    let total = 0;
    for (let seq = 1; seq <= 6; seq += 1) {
      const entries = Array.from({ length: 40 }, (_, i) =>
        randomEntry(rng, `${String(seq).padStart(2, '0')}${(i % 5).toString(16).padStart(10, '0')}`, now()),
      );
      total += entries.length;
      rowAgent.send({ ...base, seq, logs: entries });
      const columnar = { ...base, seq, logs: [], logColumns: toLogColumns(entries) };
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

    const fromRows = await storedLogs(rows.hostId);
    expect(fromRows).toHaveLength(total);
    expect(fromRows.some((row) => row.dropped !== '0')).toBe(true);
    expect(fromRows.some((row) => (row.line?.length ?? 0) >= Math.floor(MAX / 3))).toBe(true);
    expect(await storedLogs(columns.hostId)).toEqual(fromRows);
    expect(await countRows(harness.database.adminUrl, columns.hostId)).toMatchObject({
      container_logs: total,
      last_seq: 6,
    });
  });

  it('stores a batch with log rows and log columns as the same entries in one v1 list, minus those outside the time window', async () => {
    const mixed = await seedOrg(harness.database.db);
    const v1 = await seedOrg(harness.database.db);
    const mixedAgent = await FakeAgent.connect(harness.wsUrl, mixed.hostCredential);
    const v1Agent = await FakeAgent.connect(harness.wsUrl, v1.hostCredential);
    await mixedAgent.hello(COLUMNAR);
    await v1Agent.hello();
    const batch = makeBatchFrame({ seq: 1, containers: 3, baseTime: now() });
    const later = makeBatchFrame({ seq: 2, containers: 3, baseTime: now() }).logs;
    const stale = makeBatchFrame({
      seq: 1,
      containers: 2,
      baseTime: Date.parse('2020-01-01T00:00:00Z'),
    }).logs;
    const future = later.map((entry) => ({ ...entry, ts: new Date(Date.now() + 2 * HOUR).toISOString() }));
    const columnEntries = [...later, ...stale, ...future.slice(0, 1)];
    mixedAgent.send({ ...batch, logColumns: toLogColumns(columnEntries) });
    v1Agent.send({ ...batch, logs: [...batch.logs, ...columnEntries] });
    expect((await mixedAgent.next('ack')).status).toBe('committed');
    expect((await v1Agent.next('ack')).status).toBe('committed');
    const stored = await storedLogs(mixed.hostId);
    expect(stored).toHaveLength(batch.logs.length + later.length);
    expect(stored).toEqual(await storedLogs(v1.hostId));
    expect((await countRows(harness.database.adminUrl, mixed.hostId)).container_samples).toBe(3);
    await mixedAgent.close();
    await v1Agent.close();
  });

  it.each([
    {
      name: 'columns of unequal length',
      edit: (c: LogColumns) => c.stream.push('stdout'),
      reason: 'batch.logColumns.stream: expected',
    },
    {
      name: 'a line over maxLogLineBytes',
      edit: (c: LogColumns) => (c.line[2] = '\u20ac'.repeat(Math.ceil((MAX + 1) / 3))),
      reason: `batch.logColumns.line[2]: expected at most ${MAX} bytes of UTF-8`,
    },
    {
      name: 'a NUL in a line',
      edit: (c: LogColumns) => (c.line[1] = 'a\u0000b'),
      reason: 'batch.logColumns.line[1]: NUL characters are not allowed',
    },
    {
      name: 'an entry that is both a line and a marker',
      edit: (c: LogColumns) => ((c.dropped ?? [])[0] = 3),
      reason: 'batch.logColumns.dropped[0]: line and dropped exclude each other',
    },
    {
      name: 'an unknown stream',
      edit: (c: LogColumns) => ((c.stream as string[])[3] = 'stdin'),
      reason: 'batch.logColumns.stream[3]: Invalid option',
    },
    {
      name: 'an ISO time where microseconds belong',
      edit: (c: LogColumns) => ((c.tsMicros as unknown[])[0] = '2025-01-01T00:00:00Z'),
      reason: 'batch.logColumns.tsMicros[0]: expected number, received string',
    },
  ])('refuses $name with 4000 naming the field, writing nothing', async ({ edit, reason }) => {
    const { host, agent } = await connectColumnarAgent(harness);
    const batch = makeColumnarBatchFrame({ seq: 1, containers: 3, baseTime: now() });
    if (!batch.logColumns?.dropped) throw new Error('factory made no log columns with a marker');
    edit(batch.logColumns);
    agent.send(batch);
    await expectRefusedWithNothingStored(harness, agent, host.hostId, reason);
  });

  it('refuses more log column entries than maxItemsPerBatch, counted with the rows', async () => {
    const { host, agent } = await connectColumnarAgent(harness);
    const batch = makeBatchFrame({ seq: 1, containers: 1, baseTime: now() });
    const entry = batch.logs[0] as LogEntry;
    const columns = toLogColumns(
      Array.from({ length: LIMITS.maxItemsPerBatch - batch.logs.length }, () => entry),
    );
    agent.send({ ...batch, logColumns: columns });
    const refused = await agent.closed;
    expect(refused.code).toBe(CLOSE_CODES.badFrame);
    expect(refused.reason).toMatch(/items exceed maxItemsPerBatch/);
    expect(await countRows(harness.database.adminUrl, host.hostId)).toMatchObject({
      container_logs: 0,
      last_seq: 0,
    });
  });
});
