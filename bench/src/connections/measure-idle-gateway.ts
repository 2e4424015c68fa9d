/**
 * The idle gateway's memory: starts `apps/gateway/dist/server.js` (Redis bus, a fresh database)
 * `--runs` times, one after the other, and prints VmRSS 10 s after /readyz answers (`--settle-ms`)
 * and again once idle (`--idle-ms`, 150 s after /readyz), split into file-backed and anonymous
 * pages (/proc/<pid>/smaps_rollup), then V8's heap after a full GC. Both readings matter: module
 * loading grows V8's young generation to its maximum (~20 MiB resident) and V8's memory reducer
 * gives it back only once it sees a low allocation rate, anywhere from 8 s to ~100 s after start
 * (docs/benchmarks.md, "Idle gateway: the young generation comes back").
 * `tsx src/connections/measure-idle-gateway.ts --runs=3`; BENCH_GATEWAY_NODE_ARGS adds node flags.
 */
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import type { TestDatabase } from '@berth/db/testing';
import { createBenchDatabase } from '../shared/bench-database.js';
import { findFreePort } from '../shared/find-free-port.js';
import { memoryProbeLaunch, readGatewayMemory } from '../shared/read-gateway-memory.js';
import { readOption, readRawOption } from '../shared/read-option.js';
import { readRssKb } from '../shared/read-rss.js';
import { type GatewayProcess, startGateway } from '../shared/start-gateway.js';
import { killChildren } from '../shared/track-children.js';

const runs = readOption('runs', 3);
const settleMs = readOption('settle-ms', 10_000);
const idleMs = readOption('idle-ms', 150_000);
const redisUrl = readRawOption('redis-url') ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
let database: TestDatabase | undefined;
let gateway: GatewayProcess | undefined;

/** Rss, Anonymous and the file-backed rest of a process, in KiB (smaps_rollup). */
function readSmapsKb(pid: number): { rss: number; anonymous: number; file: number } {
  const text = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
  const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB$`, 'm').exec(text)?.[1] ?? 0);
  const rss = field('Rss');
  const anonymous = field('Anonymous');
  return { rss, anonymous, file: rss - anonymous };
}

try {
  database = await createBenchDatabase();
  const rss: number[] = [];
  const idleRss: number[] = [];
  for (let run = 1; run <= runs; run += 1) {
    const port = await findFreePort();
    const probe = memoryProbeLaunch(port);
    gateway = await startGateway({
      port,
      databaseUrl: database.appUrl,
      env: { REDIS_URL: redisUrl, ...probe.env },
      nodeArgs: probe.nodeArgs,
    });
    await sleep(settleMs);
    const vmRss = readRssKb(gateway.pid);
    const early = readSmapsKb(gateway.pid);
    await sleep(Math.max(0, idleMs - settleMs));
    const idleVmRss = readRssKb(gateway.pid);
    const smaps = readSmapsKb(gateway.pid);
    const usage = await readGatewayMemory(gateway.pid, gateway.port);
    const mib = (kb: number) => (kb / 1024).toFixed(1);
    const mibB = (bytes: number) => (bytes / 1048576).toFixed(1);
    console.log(
      `run ${run}: VmRSS ${mib(vmRss)} MiB at ${settleMs / 1000} s (anonymous ${mib(early.anonymous)}), ` +
        `${mib(idleVmRss)} MiB at ${idleMs / 1000} s (file-backed ${mib(smaps.file)}, anonymous ${mib(smaps.anonymous)}); ` +
        (usage
          ? `after a full GC: RSS ${mibB(usage.rss)}, heap used ${mibB(usage.heapUsed)} / reserved ` +
            `${mibB(usage.heapTotal)}, external ${mibB(usage.external)} MiB; `
          : '') +
        `load ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}`,
    );
    rss.push(vmRss / 1024);
    idleRss.push(idleVmRss / 1024);
    await gateway.stop();
    gateway = undefined;
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(runs / 2)]?.toFixed(1);
  console.log(
    `bench idle-gateway: runs=${runs} rss_mib_median=${median(rss)} idle_rss_mib_median=${median(idleRss)}`,
  );
} catch (error) {
  console.error(`bench idle-gateway FAILED: ${error instanceof Error ? error.stack : String(error)}`);
  process.exitCode = 1;
} finally {
  await gateway?.stop();
  killChildren();
  await database?.drop().catch(() => {});
}
