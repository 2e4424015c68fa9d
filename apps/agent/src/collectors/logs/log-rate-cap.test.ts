import { describe, expect, it } from 'vitest';
import { LogBuffer } from './log-buffer.js';
import { LogRateCap } from './log-rate-cap.js';

const S = 1_000_000_000n;

describe('per-container log rate cap', () => {
  it('keeps the first N lines of each second and counts the rest per stream', () => {
    const cap = new LogRateCap(3);
    const kept = [];
    for (let i = 0n; i < 5n; i += 1n) kept.push(cap.admit('stdout', 10n * S + i).keep);
    kept.push(cap.admit('stderr', 10n * S + 9n).keep);
    expect(kept).toEqual([true, true, true, false, false, false]);
    expect(cap.flush()).toEqual([
      { stream: 'stdout', tsNs: 10n * S + 4n, dropped: 2 },
      { stream: 'stderr', tsNs: 10n * S + 9n, dropped: 1 },
    ]);
  });

  it('reports the drops before the first line of the next second', () => {
    const cap = new LogRateCap(1);
    cap.admit('stdout', 1n * S);
    cap.admit('stdout', 1n * S + 1n);
    const next = cap.admit('stdout', 2n * S);
    expect(next).toEqual({ keep: true, markers: [{ stream: 'stdout', tsNs: 1n * S + 1n, dropped: 1 }] });
    expect(cap.flush()).toEqual([]);
  });

  it('judges a backlog by its own timestamps, not by how fast it is read', () => {
    const cap = new LogRateCap(2);
    const kept = [0n, 1n, 2n, 3n].map((second) => cap.admit('stdout', second * S).keep);
    expect(kept).toEqual([true, true, true, true]);
  });
});

describe('log buffer overflow', () => {
  it('drops the oldest lines and reports them as dropped markers per container and stream', () => {
    const buffer = new LogBuffer({ entries: 2, bytes: 1_000_000, perContainer: 1_000 });
    const line = (n: number, stream: 'stdout' | 'stderr' = 'stdout') => ({
      containerId: 'aaaaaaaaaaaa',
      ts: `2026-01-01T00:00:0${n}.000000000Z`,
      stream,
      line: `l${n}`,
    });
    buffer.push(line(1));
    buffer.push(line(2));
    buffer.push(line(3, 'stderr'));
    buffer.push(line(4));
    const { items, dropped } = buffer.drain();
    expect(dropped).toBe(2);
    expect(items).toEqual([
      { containerId: 'aaaaaaaaaaaa', stream: 'stdout', ts: '2026-01-01T00:00:02.000000000Z', dropped: 2 },
      line(3, 'stderr'),
      line(4),
    ]);
  });
});
