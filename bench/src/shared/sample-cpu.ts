import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { readCpuSeconds } from './read-rss.js';

/**
 * CPU seconds used so far by the PostgreSQL processes that serve `database` (their process
 * title names it) and by the shared WAL writer, checkpointer and background writer, by pid.
 */
function postgresCpuByPid(database: string): Map<number, number> {
  const cpu = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() !== 'postgres') continue;
      const title = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (title.includes(` ${database} `) || SHARED_WORKERS.test(title))
        cpu.set(Number(entry), readCpuSeconds(Number(entry)));
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
export function openCpuWindow(adminUrl: string, gatewayPids: number[] = []): CpuWindow {
  const at = performance.now();
  const database = new URL(adminUrl).pathname.slice(1);
  const first = postgresCpuByPid(database);
  const last = new Map(first);
  // Backends come and go (pools close idle or broken connections): sampled every 500 ms so
  // one that exits loses at most that much of its CPU time.
  const sampler = setInterval(() => {
    for (const [pid, cpu] of postgresCpuByPid(database)) last.set(pid, cpu);
  }, 500);
  sampler.unref();
  const gatewayCpu = () => gatewayPids.reduce((sum, pid) => sum + safeCpu(pid), 0);
  const gateway = gatewayCpu();
  const own = process.cpuUsage();
  const machine = machineBusySeconds();
  return {
    finish(units, unit = 'row') {
      clearInterval(sampler);
      for (const [pid, cpu] of postgresCpuByPid(database)) last.set(pid, cpu);
      const seconds = (performance.now() - at) / 1000;
      let pg = 0;
      for (const [pid, cpu] of last) pg += cpu - (first.get(pid) ?? 0);
      const self = process.cpuUsage(own);
      const used = { gateway: gatewayCpu() - gateway, bench: (self.user + self.system) / 1e6, pg };
      const part = (name: string, cpu: number) =>
        `${name} ${(cpu / seconds).toFixed(2)} cores (${((cpu * 1e6) / units).toFixed(1)} µs/${unit})`;
      const text = [
        gatewayPids.length === 0 ? undefined : part('gateway', used.gateway),
        part('bench process', used.bench),
        part('postgres', used.pg),
        `whole machine ${((machineBusySeconds() - machine) / seconds).toFixed(2)} of ${availableParallelism()} cores busy`,
      ]
        .filter(Boolean)
        .join(', ');
      return {
        text,
        totalPerUnit: ((used.gateway + used.bench + used.pg) * 1e6) / units,
        pgPerUnit: (used.pg * 1e6) / units,
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
