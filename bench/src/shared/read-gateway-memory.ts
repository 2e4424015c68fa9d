import { existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

export type MemoryUsage = {
  rss: number;
  heapTotal: number;
  heapUsed: number;
  external: number;
  arrayBuffers: number;
};

/** Node flags and environment that load the memory probe into a gateway process. */
export function memoryProbeLaunch(port: number): { nodeArgs: string[]; env: Record<string, string> } {
  const probe = fileURLToPath(new URL('./gateway-memory-probe.mjs', import.meta.url));
  return {
    nodeArgs: ['--expose-gc', '--import', probe],
    env: {
      BERTH_BENCH_PROBE_FILE: probeFile(port),
      ...(process.env.BENCH_HEAP_SNAPSHOT_DIR
        ? { BERTH_BENCH_HEAP_SNAPSHOT_DIR: process.env.BENCH_HEAP_SNAPSHOT_DIR }
        : {}),
    },
  };
}

function probeFile(port: number): string {
  return join(tmpdir(), `berth-bench-memory-${process.pid}-${port}.json`);
}

/** The gateway's memory right after a full GC (bytes), via the probe; undefined if it has none. */
export async function readGatewayMemory(pid: number, port: number): Promise<MemoryUsage | undefined> {
  const file = probeFile(port);
  rmSync(file, { force: true });
  process.kill(pid, 'SIGUSR2');
  for (let waited = 0; waited < 120_000; waited += 50) {
    if (existsSync(file)) {
      const usage = JSON.parse(readFileSync(file, 'utf8')) as MemoryUsage;
      rmSync(file, { force: true });
      return usage;
    }
    await sleep(50);
  }
  return undefined;
}
