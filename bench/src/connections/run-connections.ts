/**
 * bench:connections — idle agents held by several gateway processes on this machine:
 * gateway RSS per agent against a bare `ws` server's per socket, connect rate, ping p99.
 * Last line: `bench connections: agents=N gateways=G rss_mb=M kb_per_agent=K ping_p99_ms=P`.
 */

import { writeFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import type { TestDatabase } from '@berth/db/testing';
import { createBenchDatabase } from '../shared/bench-database.js';
import { countTransactions } from '../shared/count-transactions.js';
import { printLogDigest } from '../shared/digest-gateway-log.js';
import { findFreePort } from '../shared/find-free-port.js';
import { insertHosts } from '../shared/insert-hosts.js';
import { percentile } from '../shared/percentile.js';
import { type MemoryUsage, memoryProbeLaunch, readGatewayMemory } from '../shared/read-gateway-memory.js';
import { readRawOption } from '../shared/read-option.js';
import { countOpenFiles, readRssKb } from '../shared/read-rss.js';
import { openCpuWindow } from '../shared/sample-cpu.js';
import { type GatewayProcess, startGateway } from '../shared/start-gateway.js';
import { killChildren } from '../shared/track-children.js';
import { type ConnectionsOptions, readConnectionsOptions } from './connections-options.js';
import { type AgentSpec, holdIdleAgents, measurePings, stopSimulators } from './hold-idle-agents.js';
import { measureBareWs } from './measure-bare-ws.js';
import type { SimulatorProcess } from './simulator-process.js';

const options = readConnectionsOptions();
let database: TestDatabase | undefined;
let gateways: GatewayProcess[] = [];
let simulators: SimulatorProcess[] = [];

try {
  await main(options);
} catch (error) {
  console.error(`bench connections FAILED: ${error instanceof Error ? error.stack : String(error)}`);
  process.exitCode = 1;
} finally {
  stopSimulators(simulators);
  await Promise.allSettled(gateways.map((gateway) => gateway.stop(30_000)));
  killChildren();
  await database?.drop().catch(() => {});
}

async function main(opts: ConnectionsOptions): Promise<void> {
  const addresses = Array.from({ length: opts.addresses }, (_, i) => `127.0.0.${i + 2}`);
  console.log(
    `bench connections: ${opts.agents} idle agents → ${opts.gateways} gateways, ${opts.simulators} ` +
      `simulators, sources ${addresses[0]}…${addresses.at(-1)}, ${opts.concurrency} handshakes in flight each`,
  );
  console.log(`baseline: bare ws server, ${opts.baselineSockets} idle sockets`);
  const bare = await measureBareWs(opts, addresses);
  console.log(`gateways: ${opts.agents} hosts in ${opts.orgs} orgs`);
  database = await createBenchDatabase();
  const seeded = performance.now();
  const hosts = await insertHosts(database.adminUrl, opts.orgs, opts.agents);
  console.log(`  ${hosts.length} hosts inserted in ${((performance.now() - seeded) / 1000).toFixed(1)} s`);
  gateways = await startGateways(opts, database.appUrl);
  await sleep(2000);
  const rssBefore = sumRssKb(gateways);
  const heapBefore = await sumGatewayMemory(gateways);
  const agents: AgentSpec[] = hosts.map((host, i) => ({
    credential: host.credential,
    url: `ws://127.0.0.1:${gateways[i % gateways.length]?.port}/agent/v1`,
    localAddress: addresses[i % addresses.length] ?? '127.0.0.1',
  }));
  const cpu = openCpuWindow(
    database.adminUrl,
    gateways.map((gateway) => gateway.pid),
  );
  const transactions = await countTransactions(database.adminUrl);
  const held = await holdIdleAgents('gw', agents, {
    ...opts,
    describeServers: () => describeGateways(gateways),
  });
  simulators = held.simulators;
  console.log(
    `  ${held.welcomed} agents welcomed in ${held.seconds.toFixed(1)} s = ${Math.round(held.welcomed / held.seconds)}` +
      ` connects/s (retries ${held.retries}, failed ${held.failed})`,
  );
  for (const line of held.errors.slice(0, 8)) console.log(`    handshake error: ${line}`);
  console.log(`  connect CPU: ${cpu.finish(held.welcomed, 'hello').text}`);
  await sleep(opts.settleMs);
  const perHello = ((await countTransactions(database.adminUrl)) - transactions) / held.welcomed;
  console.log(`  PostgreSQL transactions per hello (incl. retries): ${perHello.toFixed(2)}`);
  await report(opts, held.welcomed, { rssBefore, heapBefore }, bare.kbPerSocket);
}

type Before = { rssBefore: number; heapBefore: MemoryUsage };

async function report(opts: ConnectionsOptions, welcomed: number, before: Before, bareKb: number) {
  const { rssBefore, heapBefore } = before;
  const rssAfter = sumRssKb(gateways);
  printHeapPerAgent(heapBefore, await sumGatewayMemory(gateways), welcomed);
  const registered = await countRegistered(gateways);
  console.log(`  ${describeGateways(gateways)}; sessions registered in gateways: ${registered}`);
  const pings = await measurePings(simulators, opts.pingSample, opts.pingWindowMs);
  const dump = readRawOption('ping-dump');
  if (dump) writeFileSync(dump, JSON.stringify(pings.bySimulator));
  const p99 = percentile(pings.rtts, 99);
  console.log(
    `  ping RTT over ${pings.rtts.length} agents in ${opts.pingWindowMs / 1000} s: p50 ` +
      `${percentile(pings.rtts, 50).toFixed(1)} ms, p99 ${p99.toFixed(1)} ms, max ` +
      `${Math.max(...pings.rtts).toFixed(1)} ms, lost ${pings.lost}`,
  );
  printLogDigest(gateways.map((gateway) => gateway.log));
  const kbPerAgent = (rssAfter - rssBefore) / welcomed;
  // Sessions the gateway closed after their welcome (e.g. silent for 3 ping intervals on a
  // starved machine) still count as welcomed: the per-agent figure is then too low.
  if (registered < welcomed)
    console.log(
      `  only ${registered} of ${welcomed} welcomed sessions still held: ` +
        `${((rssAfter - rssBefore) / registered).toFixed(1)} KB per held session`,
    );
  console.log(
    `  gateway RSS ${Math.round(rssBefore / 1024)} MB before → ${Math.round(rssAfter / 1024)} MB with agents = ` +
      `${kbPerAgent.toFixed(1)} KB/agent (goal: ${opts.agents} agents ≤ 700 MB, ping p99 < 50 ms (issue 20))`,
  );
  if (welcomed < opts.agents)
    console.log(`  reached ${welcomed} of ${opts.agents} agents (see errors above)`);
  console.log(
    `bench connections: ratio ${(kbPerAgent / bareKb).toFixed(2)} = ${kbPerAgent.toFixed(1)} KB/agent (gateway) ` +
      `/ ${bareKb.toFixed(1)} KB/socket (bare ws)`,
  );
  console.log(
    `bench connections: agents=${welcomed} gateways=${gateways.length} rss_mb=${Math.round(rssAfter / 1024)} ` +
      `kb_per_agent=${kbPerAgent.toFixed(1)} ping_p99_ms=${p99.toFixed(1)}`,
  );
}

async function startGateways(opts: ConnectionsOptions, databaseUrl: string): Promise<GatewayProcess[]> {
  const env = {
    REDIS_URL: opts.redisUrl,
    AGENT_INTERVAL_S: String(opts.intervalS),
    INGEST_CONNECTIONS: String(opts.ingestConnections),
  };
  const ports: number[] = [];
  for (let i = 0; i < opts.gateways; i += 1) ports.push(await findFreePort());
  return Promise.all(
    ports.map((port) => {
      const probe = memoryProbeLaunch(port);
      return startGateway({ port, databaseUrl, env: { ...env, ...probe.env }, nodeArgs: probe.nodeArgs });
    }),
  );
}

/** Live memory per agent after a full GC: JS heap, and buffers outside it. */
function printHeapPerAgent(before: MemoryUsage, after: MemoryUsage, agents: number): void {
  const kb = (key: keyof MemoryUsage) => ((after[key] - before[key]) / 1024 / agents).toFixed(1);
  const mb = (usage: MemoryUsage, key: keyof MemoryUsage) => Math.round(usage[key] / 1048576);
  console.log(
    `  after a full GC: JS heap used ${mb(before, 'heapUsed')} → ${mb(after, 'heapUsed')} MB ` +
      `(${kb('heapUsed')} KB/agent), heap reserved ${kb('heapTotal')} KB/agent, external ` +
      `${kb('external')} KB/agent, RSS ${mb(before, 'rss')} → ${mb(after, 'rss')} MB (${kb('rss')} KB/agent)`,
  );
}

async function sumGatewayMemory(processes: GatewayProcess[]): Promise<MemoryUsage> {
  const sum: MemoryUsage = { rss: 0, heapTotal: 0, heapUsed: 0, external: 0, arrayBuffers: 0 };
  for (const gateway of processes) {
    const usage = await readGatewayMemory(gateway.pid, gateway.port);
    if (!usage) throw new Error(`no memory report from the gateway on port ${gateway.port}`);
    for (const key of Object.keys(sum) as (keyof MemoryUsage)[]) sum[key] += usage[key];
  }
  return sum;
}

function sumRssKb(processes: GatewayProcess[]): number {
  return processes.reduce((sum, gateway) => sum + readRssKb(gateway.pid), 0);
}

function describeGateways(processes: GatewayProcess[]): string {
  const rss = processes.map((gateway) => Math.round(readRssKb(gateway.pid) / 1024));
  const files = processes.map((gateway) => countOpenFiles(gateway.pid));
  return `gateway RSS ${rss.reduce((a, b) => a + b, 0)} MB (${rss.join('/')}), open files ${files.join('/')}`;
}

async function countRegistered(processes: GatewayProcess[]): Promise<number> {
  const counts = await Promise.all(
    processes.map((gateway) =>
      fetch(`http://127.0.0.1:${gateway.port}/readyz`)
        .then((response) => response.json() as Promise<{ agents?: number }>)
        .then((body) => body.agents ?? 0),
    ),
  );
  return counts.reduce((a, b) => a + b, 0);
}
