import { loadavg } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { readCpuSeconds, readRssKb } from '../shared/read-rss.js';

export type ProcessUsage = {
  /** CPU % of one core over the window. */
  cpuPct: number;
  /** RSS sampled once a second over the window, in MiB. */
  rssMbPeak: number;
  rssMbAvg: number;
  rssMbLast: number;
};

export type WindowUsage<Name extends string> = {
  byName: Record<Name, ProcessUsage>;
  /** 1-minute load average at the start and the end of the window (the machine is shared). */
  load: { start: number; end: number };
};

/** CPU and RSS of several processes over the same `seconds`, side by side. */
export async function watchProcesses<Name extends string>(
  pids: Record<Name, number>,
  seconds: number,
  label: string,
): Promise<WindowUsage<Name>> {
  const watched = (Object.keys(pids) as Name[]).map((name) => ({
    name,
    pid: pids[name],
    cpuBefore: readCpuSeconds(pids[name]),
    rss: [] as number[],
  }));
  const loadStart = loadavg()[0] ?? 0;
  const started = performance.now();
  for (let second = 1; second <= seconds; second += 1) {
    await sleep(1000);
    for (const entry of watched) entry.rss.push(readRssKb(entry.pid) / 1024);
    if (second % 10 === 0) console.log(`  ${label}: ${second}/${seconds} s`);
  }
  const elapsed = (performance.now() - started) / 1000;
  const byName = {} as Record<Name, ProcessUsage>;
  for (const { name, pid, cpuBefore, rss } of watched) {
    byName[name] = {
      cpuPct: ((readCpuSeconds(pid) - cpuBefore) / elapsed) * 100,
      rssMbPeak: Math.max(...rss),
      rssMbAvg: rss.reduce((sum, value) => sum + value, 0) / rss.length,
      rssMbLast: rss.at(-1) ?? 0,
    };
  }
  return { byName, load: { start: loadStart, end: loadavg()[0] ?? 0 } };
}
