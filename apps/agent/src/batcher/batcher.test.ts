import { EventEmitter, once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BatchFrame, countBatchItems, utf8ByteLength, ZBatchFrameSchema } from '@berth/protocol';
import { makeBatchFrame } from '@berth/protocol/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../cli/logger.js';
import { Spool } from '../spool/spool.js';
import { type BatchContent, type BatchLimits, emptyBatchContent } from './batch-source.js';
import { Batcher } from './batcher.js';

let stateDir: string;
let spool: Spool;

beforeEach(async () => {
  stateDir = await mkdtemp(join(tmpdir(), 'berth-batcher-'));
  spool = await Spool.open({ stateDir });
});
afterEach(async () => {
  await rm(stateDir, { recursive: true, force: true });
});

/** Hands out queued contents, then nothing. */
class FakeSource {
  readonly queue: BatchContent[] = [];
  drain(): BatchContent {
    return this.queue.shift() ?? emptyBatchContent();
  }
}

/** Records, at each notification, which seqs were already in the spool. */
class RecordingSink extends EventEmitter {
  readonly seenInSpool: number[][] = [];
  batchSpooled = (): void => {
    this.seenInSpool.push(spool.pending().map((batch) => batch.seq));
    this.emit('spooled');
  };
}

function content(options: Parameters<typeof makeBatchFrame>[0] = {}): BatchContent {
  const { type: _t, seq: _s, sentAt: _a, gap: _g, ...rest } = makeBatchFrame(options);
  return rest;
}

function makeBatcher(source: FakeSource, sink: RecordingSink, limits?: BatchLimits, intervalMs = 10_000) {
  return new Batcher({
    source,
    spool,
    sink,
    log: silentLogger(),
    intervalMs,
    now: () => new Date('2025-06-01T12:00:00.000Z'),
    ...(limits ? { limits: () => limits } : {}),
  });
}

async function spooled(): Promise<BatchFrame[]> {
  const frames: BatchFrame[] = [];
  for (const batch of spool.pending()) frames.push(JSON.parse((await spool.read(batch.seq)) ?? ''));
  return frames;
}

describe('batcher', () => {
  it('spools a valid batch frame with the next seq and sentAt before telling the sink', async () => {
    const source = new FakeSource();
    const sink = new RecordingSink();
    source.queue.push(content({ containers: 3 }));
    const seqs = await makeBatcher(source, sink).tick();
    expect(seqs).toEqual([1]);
    expect(sink.seenInSpool).toEqual([[1]]);
    const [frame] = await spooled();
    expect(ZBatchFrameSchema.safeParse(frame).success).toBe(true);
    expect(frame).toMatchObject({ type: 'batch', seq: 1, sentAt: '2025-06-01T12:00:00.000Z' });
    expect(frame?.containerSamples).toHaveLength(3);
  });

  it('puts the spool gap into the next batch', async () => {
    const small = await Spool.open({ stateDir: join(stateDir, 'small'), maxBytes: 20_000 });
    const source = new FakeSource();
    const sink = new RecordingSink();
    const batcher = new Batcher({ source, spool: small, sink, log: silentLogger() });
    for (let i = 0; i < 6; i += 1) {
      source.queue.push(content({ containers: 10, inventory: 'none' }));
      await batcher.tick();
    }
    const frames = [];
    for (const batch of small.pending()) frames.push(JSON.parse((await small.read(batch.seq)) ?? ''));
    const gaps = [
      ...frames.flatMap((frame) => (frame.gap ? [frame.gap] : [])),
      ...small.stats().unreportedGaps,
    ];
    expect(small.stats().bytes).toBeLessThanOrEqual(20_000);
    expect(frames.some((frame) => frame.gap)).toBe(true);
    for (const frame of frames) expect(ZBatchFrameSchema.safeParse(frame).success).toBe(true);
    // With nothing acked, every seq that is not pending was dropped and is reported exactly once.
    const reported = gaps.flatMap((gap) =>
      Array.from({ length: gap.droppedBatches }, (_, i) => gap.fromSeq + i),
    );
    const pending = frames.map((frame) => frame.seq);
    const all = Array.from({ length: small.stats().nextSeq - 1 }, (_, i) => i + 1);
    expect(reported.sort((a, b) => a - b)).toEqual(all.filter((seq) => !pending.includes(seq)));
  });

  it('does not spool anything when nothing at all was collected', async () => {
    const sink = new RecordingSink();
    expect(await makeBatcher(new FakeSource(), sink).tick()).toEqual([]);
    expect(spool.pending()).toEqual([]);
    expect(sink.seenInSpool).toEqual([]);
  });

  it('spools a batch holding only the host sample (an idle host still reports)', async () => {
    const source = new FakeSource();
    source.queue.push({ ...emptyBatchContent(), hostSamples: content().hostSamples });
    expect(await makeBatcher(source, new RecordingSink()).tick()).toEqual([1]);
  });

  it('splits by maxItemsPerBatch, keeping every item once and in order', async () => {
    const source = new FakeSource();
    const big = content({ containers: 30, logLinesPerContainer: 3, inventory: 'none' });
    source.queue.push(big);
    const seqs = await makeBatcher(source, new RecordingSink(), {
      maxItemsPerBatch: 25,
      maxFrameBytes: 4 << 20,
    }).tick();
    const frames = await spooled();
    expect(seqs).toEqual(frames.map((frame) => frame.seq));
    expect(seqs).toEqual([1, 2, 3, 4, 5, 6]);
    for (const frame of frames) expect(countBatchItems(frame)).toBeLessThanOrEqual(25);
    expect(frames.flatMap((frame) => frame.logs)).toEqual(big.logs);
    expect(frames.flatMap((frame) => frame.containerSamples)).toEqual(big.containerSamples);
  });

  it('marks a full inventory cut across batches as partial', async () => {
    const source = new FakeSource();
    source.queue.push(content({ containers: 12, logLinesPerContainer: 0, events: 0 }));
    await makeBatcher(source, new RecordingSink(), { maxItemsPerBatch: 10, maxFrameBytes: 4 << 20 }).tick();
    const inventories = (await spooled())
      .map((frame) => frame.inventory)
      .filter((inventory) => inventory !== undefined);
    expect(inventories.length).toBe(2);
    expect(inventories.every((inventory) => inventory.full === false)).toBe(true);
    expect(inventories.flatMap((inventory) => inventory.containers)).toHaveLength(12);
  });

  it('keeps a full inventory whole when it fits', async () => {
    const source = new FakeSource();
    source.queue.push(content({ containers: 5 }));
    await makeBatcher(source, new RecordingSink()).tick();
    expect((await spooled())[0]?.inventory?.full).toBe(true);
  });

  it('splits by encoded size so every frame fits maxFrameBytes', async () => {
    const source = new FakeSource();
    source.queue.push(content({ containers: 40, logLinesPerContainer: 5 }));
    await makeBatcher(source, new RecordingSink(), {
      maxItemsPerBatch: 20_000,
      maxFrameBytes: 16_384,
    }).tick();
    for (const batch of spool.pending()) {
      expect(utf8ByteLength((await spool.read(batch.seq)) ?? '')).toBeLessThanOrEqual(16_384);
    }
    expect(spool.pending().length).toBeGreaterThan(3);
  });

  it('drops invalid items, names them, and spools the rest', async () => {
    const source = new FakeSource();
    const bad = content({ containers: 3, inventory: 'none' });
    const [first, ...others] = bad.containerSamples;
    source.queue.push({
      ...bad,
      containerSamples: [{ ...(first as NonNullable<typeof first>), cpuPct: -5 }, ...others],
    });
    await makeBatcher(source, new RecordingSink()).tick();
    const [frame] = await spooled();
    expect(frame?.containerSamples).toEqual(others);
    expect(ZBatchFrameSchema.safeParse(frame).success).toBe(true);
  });

  it('ticks every interval and flushes a final batch on stop', async () => {
    const source = new FakeSource();
    const sink = new RecordingSink();
    for (let i = 0; i < 2; i += 1) source.queue.push(content({ containers: 1 }));
    const batcher = makeBatcher(source, sink, undefined, 20);
    batcher.start();
    while (sink.seenInSpool.length < 2) await once(sink, 'spooled');
    source.queue.push(content({ containers: 1 }));
    expect(await batcher.stop()).toEqual([3]);
    expect(spool.pending().map((batch) => batch.seq)).toEqual([1, 2, 3]);
  });
});
