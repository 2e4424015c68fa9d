import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeFrame } from '@berth/protocol';
import { makeBatchFrame } from '@berth/protocol/testing';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { Spool } from './spool.js';

let stateDir: string;

beforeEach(async () => {
  stateDir = await mkdtemp(join(tmpdir(), 'berth-spool-speed-'));
});
afterEach(async () => {
  await rm(stateDir, { recursive: true, force: true });
});

/**
 * The agent appends one batch per interval (10 s by default) and acks as fast as the gateway
 * commits; a replay after an outage is bounded by the gateway's 50 frames/s. So the spool only
 * has to sustain tens of durable append+ack pairs per second to never be the bottleneck.
 */
it('sustains far more durable append+ack pairs per second than the gateway accepts batches', async () => {
  const spool = await Spool.open({ stateDir });
  const template = makeBatchFrame({ containers: 20 });
  const count = 200;
  const started = performance.now();
  for (let i = 0; i < count; i += 1) {
    const { seq } = await spool.append(({ seq, gap }) =>
      encodeFrame({ ...template, seq, ...(gap ? { gap } : {}) }),
    );
    await spool.ack(seq);
  }
  const seconds = (performance.now() - started) / 1000;
  const perSecond = count / seconds;
  const bytes = encodeFrame(template).length;
  console.log(
    `spool: ${count} durable append+ack of ${bytes} B batches in ${seconds.toFixed(2)} s = ${perSecond.toFixed(0)}/s`,
  );

  const appendOnly = performance.now();
  for (let i = 0; i < count; i += 1) await spool.append(({ seq }) => encodeFrame({ ...template, seq }));
  const appendRate = count / ((performance.now() - appendOnly) / 1000);
  const ackAll = performance.now();
  for (const batch of spool.pending()) await spool.ack(batch.seq);
  const ackRate = count / ((performance.now() - ackAll) / 1000);
  console.log(
    `spool: append ${appendRate.toFixed(0)}/s, ack ${ackRate.toFixed(0)}/s (one at a time, fsync each)`,
  );
  // A floor a spinning disk (~6 fsyncs per pair) still clears; measured numbers are printed above.
  expect(perSecond).toBeGreaterThan(15);
});
