/**
 * bench:agent — the agent (the single-file bundle install.sh ships, launched the way it launches
 * it: `node berth-agent.mjs …`) against N running containers at its production interval: its
 * RSS and CPU next to a bare `node` process idling in the same window (the floor any Node agent
 * starts from), and dockerd's CPU measured without the agent and then with it, side by side in
 * the same run (the machine is shared and noisy; only same-run differences mean anything).
 * The last line's rss_mb is the agent's peak RSS over the window (sampled every second).
 *
 *   npm run bench:agent     BENCH_AGENT_CONTAINERS (50), BENCH_AGENT_WINDOW_S (60), BENCH_AGENT_WARMUP_S (20)
 */
import type { ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { seedEnrolmentToken, seedOrg } from '@berth/db/testing';
import { dockerAvailability, runBusybox, type TestContainer } from '@berth/test-docker';
import { createBenchDatabase, ownerQuery } from '../shared/bench-database.js';
import { findFreePort } from '../shared/find-free-port.js';
import { readOption } from '../shared/read-option.js';
import { startGateway } from '../shared/start-gateway.js';
import { exited, killChildren, spawnTracked } from '../shared/track-children.js';
import { buildAgentBundle } from './build-agent-bundle.js';
import { type ProcessUsage, watchProcesses } from './watch-processes.js';

const containersWanted = readOption('agent-containers', 50);
const windowS = readOption('agent-window-s', 60);
/** Agent start to measurement: first inventory, stats baselines, the JIT warming up. */
const warmupS = readOption('agent-warmup-s', 20);

/**
 * The host's dockerd: the longest-running process of that name. Tests on a shared machine may
 * start short-lived engines of their own (Docker in Docker), which must not be the one watched.
 */
function dockerdPid(): number {
  let oldest: { pid: number; startTicks: number } | undefined;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readProcStat(entry);
    if (stat?.name !== 'dockerd') continue;
    if (!oldest || stat.startTicks < oldest.startTicks)
      oldest = { pid: Number(entry), startTicks: stat.startTicks };
  }
  if (!oldest) throw new Error('dockerd is not running');
  return oldest.pid;
}

/** Name and start time of a process; undefined if it exited between listing /proc and reading it. */
function readProcStat(pid: string): { name: string; startTicks: number } | undefined {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
  // starttime is field 22; fields after the parenthesised name start at field 3.
  const startTicks = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]);
  return { name, startTicks };
}

function pidOf(child: ChildProcess, what: string): number {
  if (child.pid === undefined) throw new Error(`${what} did not start`);
  return child.pid;
}

function describe(usage: ProcessUsage): string {
  return `RSS peak ${usage.rssMbPeak.toFixed(1)} MiB (avg ${usage.rssMbAvg.toFixed(1)}, last ${usage.rssMbLast.toFixed(1)}), CPU ${usage.cpuPct.toFixed(2)} % of one core`;
}

async function main(): Promise<void> {
  const docker = await dockerAvailability();
  if (!docker.ok) throw new Error(`bench:agent needs a Docker engine: ${docker.reason}`);
  const containers: TestContainer[] = [];
  const stateDir = await mkdtemp(path.join(tmpdir(), 'berth-bench-agent-'));
  const database = await createBenchDatabase();
  try {
    console.log(`starting ${containersWanted} busybox containers (each logs a line every 5 s)…`);
    for (let i = 0; i < containersWanted; i += 1) {
      containers.push(
        await runBusybox('while true; do echo "tick $(date)"; sleep 5; done', {
          labels: { 'berth.bench': 'agent' },
        }),
      );
    }
    const org = await seedOrg(database.db);
    const enrolmentSecret = await seedEnrolmentToken(database.db, org.orgId, 'bench');
    const port = await findFreePort();
    const gateway = await startGateway({
      port,
      databaseUrl: database.appUrl,
      env: { AGENT_INTERVAL_S: '10' },
    });
    const dockerd = dockerdPid();
    const bundle = buildAgentBundle();
    // The floor: a Node process doing nothing, watched in the same window as the agent.
    const bare = spawnTracked(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });

    console.log(`baseline: dockerd without the agent, ${windowS} s…`);
    const without = await watchProcesses({ dockerd }, windowS, 'without agent');

    const agent = spawnTracked(
      process.execPath,
      [
        bundle,
        '--server',
        `http://127.0.0.1:${port}`,
        '--token',
        enrolmentSecret,
        '--state-dir',
        stateDir,
        '--interval',
        '10',
        '--log-level',
        'warn',
      ],
      { stdio: ['ignore', 'ignore', 'inherit'] },
    );
    const pids = { dockerd, agent: pidOf(agent, 'agent'), bare: pidOf(bare, 'bare node') };
    console.log(`agent started; warming up ${warmupS} s (first inventory, stats baselines)…`);
    await sleep(warmupS * 1000);
    const withAgent = await watchProcesses(pids, windowS, 'with agent');
    // As the owner: the runtime role sees nothing without an organisation set (RLS).
    const samples = await ownerQuery<{ n: string }>(
      database.adminUrl,
      'SELECT count(*) AS n FROM container_samples',
    );

    agent.kill('SIGTERM');
    await exited(agent);
    await gateway.stop();

    const dockerdWith = withAgent.byName.dockerd.cpuPct;
    const dockerdWithout = without.byName.dockerd.cpuPct;
    const { agent: agentUsage, bare: bareUsage } = withAgent.byName;
    console.log(
      `dockerd CPU: ${dockerdWith.toFixed(2)} % with the agent vs ${dockerdWithout.toFixed(2)} % without (Δ ${(dockerdWith - dockerdWithout).toFixed(2)} points)`,
    );
    console.log(`agent: ${describe(agentUsage)}; samples stored by the gateway: ${samples[0]?.n ?? 0}`);
    console.log(`bare node: ${describe(bareUsage)}`);
    console.log(
      `agent RSS above bare node: ${(agentUsage.rssMbPeak - bareUsage.rssMbPeak).toFixed(1)} MiB, ratio ${(agentUsage.rssMbPeak / bareUsage.rssMbPeak).toFixed(2)}; load average ${without.load.start.toFixed(2)} → ${withAgent.load.end.toFixed(2)} (1 min)`,
    );
    console.log(
      `bench agent: containers=${containers.length} rss_mb=${agentUsage.rssMbPeak.toFixed(1)} cpu_pct=${agentUsage.cpuPct.toFixed(2)} dockerd_cpu_pct_with=${dockerdWith.toFixed(2)} dockerd_cpu_pct_without=${dockerdWithout.toFixed(2)}`,
    );
  } finally {
    killChildren();
    await Promise.allSettled(containers.map((container) => container.remove()));
    await database.drop();
    await rm(stateDir, { recursive: true, force: true });
  }
}

await main();
