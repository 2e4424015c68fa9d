import { readFileSync } from 'node:fs';
import { MAX_CONTAINER_CPU_SECONDS, ZContainerSampleSchema } from '@berth/protocol';
import { describe, expect, it } from 'vitest';
import { type DockerStats, ZDockerStatsSchema } from './docker-stats-schema.js';
import {
  buildContainerSample,
  calculateBlockIo,
  calculateCpuPercent,
  calculateMemUsageNoCache,
  calculateNetwork,
  toCpuReading,
  toCpuSeconds,
} from './stats-formulas.js';

function fixture(name: string): DockerStats {
  const raw: unknown = JSON.parse(readFileSync(new URL(`./fixtures/${name}.json`, import.meta.url), 'utf8'));
  return ZDockerStatsSchema.parse(raw);
}

describe('stats formulas on recorded cgroup v1 readings (Docker 20.10, API 1.41)', () => {
  it('computes CPU% from two one-shot readings 1 s apart (busy loop on a shared 2-CPU host)', () => {
    const a = toCpuReading(fixture('v1-busy-oneshot-a').cpu_stats);
    const b = toCpuReading(fixture('v1-busy-oneshot-b').cpu_stats);
    if (!a || !b) throw new Error('fixture lacks cpu readings');
    // Computed independently with jq from the two JSON files when they were recorded.
    expect(calculateCpuPercent(a, b)).toBeCloseTo(95.25623669902913, 9);
  });

  it('uses the daemon precpu_stats when stream=false without one-shot supplied them', () => {
    const stats = fixture('v1-busy-stream-false');
    const { sample } = buildContainerSample('fb11df479985', stats, undefined);
    const pre = toCpuReading(stats.precpu_stats);
    const cur = toCpuReading(stats.cpu_stats);
    if (!pre || !cur) throw new Error('fixture lacks cpu readings');
    expect(sample?.cpuPct).toBeCloseTo(calculateCpuPercent(pre, cur), 10);
  });

  it('yields no sample from a first one-shot reading (no baseline), only a baseline for the next', () => {
    const result = buildContainerSample('fb11df479985', fixture('v1-busy-oneshot-a'), undefined);
    expect(result.sample).toBeNull();
    expect(result.reading?.onlineCpus).toBe(2);
  });

  it('subtracts total_inactive_file, not cache, from usage (docker stats showed 1016KiB)', () => {
    const stats = fixture('v1-inactive-oneshot');
    expect(stats.memory_stats.stats?.total_cache).toBe(16_777_216);
    expect(calculateMemUsageNoCache(stats.memory_stats)).toBe(17_817_600 - 16_777_216);
    expect(calculateMemUsageNoCache(stats.memory_stats)).toBe(1016 * 1024);
  });

  it('keeps active file cache in memory use, as the CLI does (total_inactive_file is 0 here)', () => {
    const memory = fixture('v1-filecache-oneshot').memory_stats;
    expect(memory.stats?.total_cache).toBe(20_979_712);
    expect(calculateMemUsageNoCache(memory)).toBe(21_921_792);
  });

  it('reads a stopped container as no sample and no baseline', () => {
    expect(buildContainerSample('39149d38924d', fixture('v1-exited-oneshot'), undefined)).toEqual({
      sample: null,
      reading: null,
    });
  });

  it('treats empty or null blkio lists and a missing network section as zeros', () => {
    const stats = fixture('v1-busy-oneshot-b');
    expect(calculateBlockIo(stats.blkio_stats)).toEqual({ read: 0, write: 0 });
    expect(calculateNetwork(stats.networks)).toEqual({ rx: 0, tx: 0 });
    expect(calculateBlockIo(fixture('v1-exited-oneshot').blkio_stats)).toEqual({ read: 0, write: 0 });
  });
});

describe('stats formulas on a cgroup v2 reading (hand-made after Docker API docs)', () => {
  const a = fixture('v2-oneshot-a');
  const b = fixture('v2-oneshot-b');

  it('builds a full sample against the previous one-shot reading: 2 s of CPU in 10 s on 4 CPUs = 20 %', () => {
    const first = buildContainerSample('5e3a9b1c2d4f', a, undefined);
    const second = buildContainerSample('5e3a9b1c2d4f', b, first.reading ?? undefined);
    expect(second.sample).toEqual({
      containerId: '5e3a9b1c2d4f',
      ts: '2025-03-01T10:00:10.000000000Z',
      cpuPct: 20,
      memBytes: 52_428_800 - 10_485_760,
      memLimit: 536_870_912,
      netRx: 5338 + 4641,
      netTx: 648,
      blkRead: 1_048_576 + 524_288,
      blkWrite: 2_097_152,
      pids: 3,
      // cpu_stats.cpu_usage.total_usage 7,000,000,000 ns.
      cpuSeconds: 7,
    });
    expect(ZContainerSampleSchema.safeParse(second.sample).success).toBe(true);
  });

  it('reports cumulative CPU seconds from total_usage in ns, not from the baseline', () => {
    const stats = fixture('v1-busy-stream-false');
    const { sample } = buildContainerSample('fb11df479985', stats, undefined);
    // cpu_stats.cpu_usage.total_usage 6,033,376,241 ns (precpu: 5,146,222,139).
    expect(sample?.cpuSeconds).toBe(6.033376241);
    expect(toCpuSeconds(0)).toBe(0);
    expect(toCpuSeconds(-1)).toBe(0);
    expect(toCpuSeconds(1e30)).toBe(MAX_CONTAINER_CPU_SECONDS);
  });

  it('falls back to online CPUs = percpu_usage length when online_cpus is 0', () => {
    const reading = toCpuReading({
      cpu_usage: { total_usage: 10, percpu_usage: [5, 5, 0] },
      system_cpu_usage: 100,
      online_cpus: 0,
    });
    expect(reading?.onlineCpus).toBe(3);
  });

  it('re-baselines instead of reporting when counters go backwards (container restarted)', () => {
    const restarted = buildContainerSample('5e3a9b1c2d4f', a, toCpuReading(b.cpu_stats) ?? undefined);
    expect(restarted.sample).toBeNull();
    expect(restarted.reading?.totalUsage).toBe(5_000_000_000);
  });

  it('reports 0 % for an idle container (no CPU delta), as the CLI does', () => {
    const idle = { totalUsage: 5, systemUsage: 100, onlineCpus: 4 };
    expect(calculateCpuPercent(idle, { ...idle, systemUsage: 200 })).toBe(0);
  });

  it('returns usage itself when inactive_file is not below usage', () => {
    expect(calculateMemUsageNoCache({ usage: 100, stats: { inactive_file: 100 } })).toBe(100);
    expect(
      calculateMemUsageNoCache({ usage: 100, stats: { total_inactive_file: 150, inactive_file: 30 } }),
    ).toBe(70);
  });

  it('matches blkio ops by first letter, case-insensitively, ignoring the others', () => {
    const blkio = {
      io_service_bytes_recursive: [
        { op: 'Read', value: 1 },
        { op: 'read', value: 2 },
        { op: 'Write', value: 4 },
        { op: 'Sync', value: 8 },
        { op: 'Total', value: 16 },
        { op: '', value: 32 },
      ],
    };
    expect(calculateBlockIo(blkio)).toEqual({ read: 3, write: 4 });
  });
});
