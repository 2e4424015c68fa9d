import { type ContainerSample, ZContainerSampleSchema } from '@berth/protocol';
import { describe, expect, it } from 'vitest';
import { containerSampleRow } from './container-sample-row.js';
import { copyRow } from './copy-text.js';

const ORG = '0b9f8a43-4f4e-4b53-9a57-0d6f1f2d5c11';
const HOST = '6f1c2b7e-1d2a-4c3b-8e4f-5a6b7c8d9e0f';

function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** Values at the edges of what the schema accepts: zero, huge safe integers, fractions, exponents. */
function sample(next: () => number): ContainerSample {
  const count = () =>
    [0, 1, Number.MAX_SAFE_INTEGER, Math.floor(next() * 1e15), 2 ** 53 - 2][Math.floor(next() * 5)] ?? 0;
  const cpu = [0, 409_600, 1e-7, 5e-324, next() * 1000, 123.456789012345][Math.floor(next() * 6)] ?? 0;
  const ts = ['2026-12-06T21:00:00Z', '2026-12-06T21:00:00.123456789Z', '2026-01-01T00:00:00.5Z'][
    Math.floor(next() * 3)
  ];
  return ZContainerSampleSchema.parse({
    containerId: Math.floor(next() * 2 ** 48)
      .toString(16)
      .padStart(12, '0'),
    ts,
    cpuPct: cpu,
    memBytes: count(),
    memLimit: count(),
    netRx: count(),
    netTx: count(),
    blkRead: count(),
    blkWrite: count(),
    pids: count(),
  });
}

describe('container sample COPY line', () => {
  it('equals the generic encoder for any sample the schema accepts', () => {
    const next = random(42);
    for (let i = 0; i < 5000; i += 1) {
      const s = sample(next);
      expect(containerSampleRow(`${ORG}\t${HOST}\t`, s)).toBe(
        copyRow([
          ORG,
          HOST,
          s.containerId,
          s.ts,
          s.cpuPct,
          s.memBytes,
          s.memLimit,
          s.netRx,
          s.netTx,
          s.blkRead,
          s.blkWrite,
          s.pids,
        ]),
      );
    }
  });
});
