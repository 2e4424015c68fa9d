import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { readCpuSeconds } from './read-rss.js';

/**
 * CPU seconds used so far by the PostgreSQL processes that serve `database` (their process
 * title names it) and by the shared WAL writer, checkpointer and background writer, by pid; the
 * shared workers' pids are added to `sharedWorkers`.
 */
function postgresCpuByPid(database: string, sharedWorkers: Set<number>): Map<number, number> {
  const cpu = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() !== 'postgres') continue;
      const title = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      const shared = SHARED_WORKERS.test(title);
      if (title.includes(` ${database} `) || shared) cpu.set(Number(entry), readCpuSeconds(Number(entry)));
      if (shared) sharedWorkers.add(Number(entry));
    } catch {
      // the process exited between listing and reading
    }
  }
  return cpu;
}

const SHARED_WORKERS = /: (walwriter|checkpointer|background writer)\s/;

/** Busy CPU seconds of the whole machine (all cores), from /proc/stat. */
function machineBusySeconds(): number {
  const [, ...fields] = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').trim().split(/\s+/);
  const ticks = fields.map(Number);
  const idle = (ticks[3] ?? 0) + (ticks[4] ?? 0);
  return (ticks.slice(0, 8).reduce((sum, value) => sum + value, 0) - idle) / 100;
}

export type CpuUse = {
  /** Cores busy on average and CPU µs per unit of work, for gateway + bench process + PostgreSQL. */
  text: string;
  /** CPU µs per unit of all three together. */
  totalPerUnit: number;
  /** CPU µs per unit of the PostgreSQL processes alone (the part that does not scale out). */
  pgPerUnit: number;
  /** Cores busy on average, per part (gateway, each named other process, bench process, postgres, machine). */
  cores: Record<string, number>;
};

export type CpuWindow = {
  /** CPU per process group since the window opened. */
  finish(units: number, unit?: string): CpuUse;
};

/**
 * Where the CPU went: the gateway process, this process, and PostgreSQL — only the backends
 * of our database (others may share the server) — plus the whole machine for comparison
 * (other work on it slows every number here).
 */
export function openCpuWindow(
  adminUrl: string,
  gatewayPids: number[] = [],
  /** Further processes shown on their own (e.g. `{ alerter: [pid] }`) and counted in the total. */
  others: Record<string, number[]> = {},
): CpuWindow {
  const at = performance.now();
  const database = new URL(adminUrl).pathname.slice(1);
  // The shared workers among the pids read: their share is printed apart.
  const sharedWorkers = new Set<number>();
  const first = postgresCpuByPid(database, sharedWorkers);
  const last = new Map(first);
  // Backends come and go (pools close idle or broken connections): sampled every 500 ms so
  // one that exits loses at most that much of its CPU time.
  const sampler = setInterval(() => {
    for (const [pid, cpu] of postgresCpuByPid(database, sharedWorkers)) last.set(pid, cpu);
  }, 500);
  sampler.unref();
  const gatewayCpu = () => gatewayPids.reduce((sum, pid) => sum + safeCpu(pid), 0);
  const gateway = gatewayCpu();
  const othersCpu = () =>
    Object.fromEntries(
      Object.entries(others).map(([name, pids]) => [name, pids.reduce((sum, pid) => sum + safeCpu(pid), 0)]),
    );
  const othersAtStart = othersCpu();
  const own = process.cpuUsage();
  const machine = machineBusySeconds();
  return {
    finish(units, unit = 'row') {
      clearInterval(sampler);
      for (const [pid, cpu] of postgresCpuByPid(database, sharedWorkers)) last.set(pid, cpu);
      const seconds = (performance.now() - at) / 1000;
      let pg = 0;
      let pgShared = 0;
      for (const [pid, cpu] of last) {
        pg += cpu - (first.get(pid) ?? 0);
        if (sharedWorkers.has(pid)) pgShared += cpu - (first.get(pid) ?? 0);
      }
      const self = process.cpuUsage(own);
      const used = { gateway: gatewayCpu() - gateway, bench: (self.user + self.system) / 1e6, pg };
      const othersNow = othersCpu();
      const otherUsed = Object.keys(others).map((name) => ({
        name,
        cpu: (othersNow[name] ?? 0) - (othersAtStart[name] ?? 0),
      }));
      const machineCores = (machineBusySeconds() - machine) / seconds;
      const part = (name: string, cpu: number) =>
        `${name} ${(cpu / seconds).toFixed(2)} cores (${((cpu * 1e6) / units).toFixed(1)} µs/${unit})`;
      const text = [
        gatewayPids.length === 0 ? undefined : part('gateway', used.gateway),
        ...otherUsed.map((other) => part(other.name, other.cpu)),
        part('bench process', used.bench),
        `${part('postgres', used.pg)} [of which WAL writer, checkpointer and background writer ${((pgShared * 1e6) / units).toFixed(2)} µs/${unit}]`,
        `whole machine ${machineCores.toFixed(2)} of ${availableParallelism()} cores busy`,
      ]
        .filter(Boolean)
        .join(', ');
      const othersTotal = otherUsed.reduce((sum, other) => sum + other.cpu, 0);
      return {
        text,
        totalPerUnit: ((used.gateway + othersTotal + used.bench + used.pg) * 1e6) / units,
        pgPerUnit: (used.pg * 1e6) / units,
        cores: {
          gateway: used.gateway / seconds,
          ...Object.fromEntries(otherUsed.map((other) => [other.name, other.cpu / seconds])),
          bench: used.bench / seconds,
          postgres: used.pg / seconds,
          machine: machineCores,
        },
      };
    },
  };
}

function safeCpu(pid: number): number {
  try {
    return readCpuSeconds(pid);
  } catch {
    return 0;
  }
}
