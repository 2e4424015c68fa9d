import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type BatchSlot, Spool } from './spool.js';
import { batchFileName } from './spool-files.js';

let stateDir: string;

beforeEach(async () => {
  stateDir = await mkdtemp(join(tmpdir(), 'berth-spool-'));
});
afterEach(async () => {
  await rm(stateDir, { recursive: true, force: true });
});

/** A batch frame of exactly `size` bytes, with or without a gap. */
function frame(size = 200) {
  return ({ seq, gap }: BatchSlot) => {
    const head = { type: 'batch', seq, sentAt: '2025-01-01T00:00:00.000Z', ...(gap ? { gap } : {}), pad: '' };
    return JSON.stringify({ ...head, pad: 'x'.repeat(size - JSON.stringify(head).length) });
  };
}

describe('spool', () => {
  it('appends batches with increasing seqs and lists them in order', async () => {
    const spool = await Spool.open({ stateDir });
    const seqs = [];
    for (let i = 0; i < 5; i += 1) seqs.push((await spool.append(frame())).seq);
    expect(seqs).toEqual([1, 2, 3, 4, 5]);
    expect(spool.pending().map((batch) => batch.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(JSON.parse((await spool.read(3)) ?? '').seq).toBe(3);
    expect(spool.nextAfter(3)?.seq).toBe(4);
    expect(spool.nextAfter(5)).toBeUndefined();
  });

  it('writes each batch as one complete file and leaves no temporary files', async () => {
    const spool = await Spool.open({ stateDir });
    await spool.append(frame(10_000));
    const files = await readdir(join(stateDir, 'spool'));
    expect(files.sort()).toEqual([batchFileName(1), 'meta.json']);
    expect(await readFile(join(stateDir, 'spool', batchFileName(1)), 'utf8')).toHaveLength(10_000);
  });

  it('keeps unacked batches and the next seq across a restart', async () => {
    const first = await Spool.open({ stateDir });
    for (let i = 0; i < 3; i += 1) await first.append(frame());
    await first.ack(1);
    const second = await Spool.open({ stateDir });
    expect(second.pending().map((batch) => batch.seq)).toEqual([2, 3]);
    expect(second.lastAckedSeq).toBe(1);
    expect((await second.append(frame())).seq).toBe(4);
  });

  it('never reuses a seq, even after every batch was acked and the spool restarted', async () => {
    const first = await Spool.open({ stateDir });
    await first.append(frame());
    await first.append(frame());
    await first.ack(2);
    expect(first.pending()).toEqual([]);
    const second = await Spool.open({ stateDir });
    expect((await second.append(frame())).seq).toBe(3);
  });

  it('deletes every batch up to an ack and treats a repeated ack as a no-op', async () => {
    const spool = await Spool.open({ stateDir });
    for (let i = 0; i < 4; i += 1) await spool.append(frame());
    expect(await spool.ack(3)).toBe(3);
    expect(await spool.ack(3)).toBe(0);
    expect(await spool.ack(2)).toBe(0);
    expect(spool.pending().map((batch) => batch.seq)).toEqual([4]);
    expect(await spool.read(2)).toBeUndefined();
    expect(spool.lastAckedSeq).toBe(3);
  });

  it('drops the oldest batches when full and reports the exact gap in the next batch', async () => {
    const spool = await Spool.open({ stateDir, maxBytes: 800 });
    for (let i = 0; i < 4; i += 1) await spool.append(frame(200));
    expect(spool.stats().bytes).toBe(800);
    const fifth = await spool.append(frame(200));
    expect(fifth.droppedBatches).toBe(1);
    expect(spool.stats().bytes).toBe(800);
    // Batch 5 was built before batch 1 was dropped, so batch 6 is the one that reports it.
    expect(JSON.parse((await spool.read(5)) ?? '').gap).toBeUndefined();
    await spool.append(frame(200));
    expect(JSON.parse((await spool.read(6)) ?? '').gap).toEqual({ droppedBatches: 1, fromSeq: 1, toSeq: 1 });
    expect(spool.pending().map((batch) => batch.seq)).toEqual([3, 4, 5, 6]);
    expect(spool.stats().unreportedGaps).toEqual([{ droppedBatches: 1, fromSeq: 2, toSeq: 2 }]);
  });

  it('merges consecutive drops into one gap while no batch could report them', async () => {
    const spool = await Spool.open({ stateDir, maxBytes: 800 });
    for (let i = 0; i < 4; i += 1) await spool.append(frame(200));
    const big = await spool.append(frame(600));
    expect(big.droppedBatches).toBe(3);
    expect(spool.stats().unreportedGaps).toEqual([{ droppedBatches: 3, fromSeq: 1, toSeq: 3 }]);
  });

  it('keeps a single batch larger than the whole spool (the newest batch is never dropped)', async () => {
    const spool = await Spool.open({ stateDir, maxBytes: 500 });
    await spool.append(frame(200));
    await spool.append(frame(900));
    expect(spool.pending().map((batch) => batch.seq)).toEqual([2]);
  });

  it('re-reports a gap when the batch that carried it is dropped too', async () => {
    const spool = await Spool.open({ stateDir, maxBytes: 600 });
    for (let i = 0; i < 3; i += 1) await spool.append(frame(200));
    await spool.append(frame(200)); // drops 1
    await spool.append(frame(200)); // carries gap 1..1, drops 2
    expect(JSON.parse((await spool.read(5)) ?? '').gap).toEqual({ droppedBatches: 1, fromSeq: 1, toSeq: 1 });
    for (let i = 0; i < 3; i += 1) await spool.append(frame(200)); // drops 3, 4 and 5, which carried 1..1
    const gaps = [...spool.stats().unreportedGaps];
    for (const batch of spool.pending()) {
      const gap = JSON.parse((await spool.read(batch.seq)) ?? '').gap;
      if (gap) gaps.push(gap);
    }
    const covered = gaps.flatMap((gap) =>
      Array.from({ length: gap.droppedBatches }, (_, i) => gap.fromSeq + i),
    );
    expect(covered.sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5]);
  });

  it('keeps unreported gaps across a restart', async () => {
    const first = await Spool.open({ stateDir, maxBytes: 400 });
    for (let i = 0; i < 3; i += 1) await first.append(frame(200));
    const second = await Spool.open({ stateDir, maxBytes: 400 });
    const next = await second.append(frame(200));
    expect(JSON.parse((await second.read(next.seq)) ?? '').gap).toEqual({
      droppedBatches: 1,
      fromSeq: 1,
      toSeq: 1,
    });
  });

  it('ignores and removes a partial temporary file and a truncated batch file on start', async () => {
    const first = await Spool.open({ stateDir });
    await first.append(frame());
    await first.append(frame());
    const dir = join(stateDir, 'spool');
    await writeFile(join(dir, `.${batchFileName(3)}.abc123.tmp`), '{"type":"batch","seq":3,"pad":"xx');
    await writeFile(join(dir, batchFileName(4)), '{"type":"batch","se');
    const second = await Spool.open({ stateDir });
    expect(second.pending().map((batch) => batch.seq)).toEqual([1, 2]);
    expect((await readdir(dir)).sort()).toEqual([batchFileName(1), batchFileName(2), 'meta.json']);
    expect((await second.append(frame())).seq).toBe(3);
  });

  it('moves a rejected batch aside and reports it as a gap', async () => {
    const spool = await Spool.open({ stateDir });
    for (let i = 0; i < 3; i += 1) await spool.append(frame());
    expect(await spool.reject(2, 'refused by the gateway')).toBe(true);
    expect(spool.pending().map((batch) => batch.seq)).toEqual([1, 3]);
    const rejected = await readdir(join(stateDir, 'rejected'));
    expect(rejected.sort()).toEqual([batchFileName(2), `${batchFileName(2)}.reason.json`]);
    const next = await spool.append(frame());
    expect(JSON.parse((await spool.read(next.seq)) ?? '').gap).toEqual({
      droppedBatches: 1,
      fromSeq: 2,
      toSeq: 2,
    });
  });

  it('treats welcome.resumeFromSeq as an ack and continues after it when the gateway is ahead', async () => {
    const spool = await Spool.open({ stateDir });
    for (let i = 0; i < 3; i += 1) await spool.append(frame());
    await spool.resumeFrom(2);
    expect(spool.pending().map((batch) => batch.seq)).toEqual([3]);
    await spool.resumeFrom(10);
    expect(spool.pending()).toEqual([]);
    expect((await spool.append(frame())).seq).toBe(11);
  });

  it('serialises concurrent appends and acks', async () => {
    const spool = await Spool.open({ stateDir });
    const appends = Array.from({ length: 20 }, () => spool.append(frame()));
    const acks = [spool.ack(5), spool.ack(10)];
    const results = await Promise.all(appends);
    await Promise.all(acks);
    expect(results.map((result) => result.seq)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    const reopened = await Spool.open({ stateDir });
    expect(reopened.pending().map((batch) => batch.seq)).toEqual(spool.pending().map((batch) => batch.seq));
  });
});
