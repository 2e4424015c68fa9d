/**
 * Decoding cost of a realistic 20-container batch, the frame every host sends every interval.
 * Run: npm run bench -w @berth/protocol  (prints ms per decode and the ratio to JSON.parse alone).
 */
import { decodeAgentFrame, encodeFrame, ZBatchFrameSchema } from '../src/index.js';
import { makeBatchFrame } from '../src/testing/index.js';

const ITERATIONS = 1_000;

function measure(label: string, run: () => unknown): number {
  for (let i = 0; i < 200; i++) run(); // warm-up: let V8 optimise before timing
  const start = performance.now();
  for (let i = 0; i < ITERATIONS; i++) run();
  const perCall = (performance.now() - start) / ITERATIONS;
  console.log(`${label.padEnd(46)} ${(perCall * 1000).toFixed(1).padStart(8)} µs/frame`);
  return perCall;
}

for (const inventory of ['none', 'full'] as const) {
  const text = encodeFrame(makeBatchFrame({ seq: 1, containers: 20, inventory }));
  const buffer = Buffer.from(text);
  const check = decodeAgentFrame(text);
  if (!check.ok) throw new Error(check.reason);
  console.log(
    `\n20 containers, inventory ${inventory}: ${buffer.byteLength} bytes, ${ITERATIONS} iterations`,
  );
  const parseOnly = measure('JSON.parse only (baseline)', () => JSON.parse(text));
  measure('JSON.parse + uncompiled ZBatchFrameSchema', () => ZBatchFrameSchema.safeParse(JSON.parse(text)));
  const decode = measure('decodeAgentFrame(string)', () => decodeAgentFrame(text));
  measure('decodeAgentFrame(Buffer)', () => decodeAgentFrame(buffer));
  console.log(`decode / JSON.parse = ${(decode / parseOnly).toFixed(2)}×`);
}
