/**
 * bench:agent — the agent as it ships (the Bun-compiled executable install.sh installs) and as it
 * shipped before (the single-file bundle, `node berth-agent.mjs …`), both running against the same
 * N containers at the production interval, side by side in the same windows, each its own host;
 * next to them a bare `node` and a bare Bun (the executable's own runtime, BUN_BE_BUN=1) idling —
 * the floor each runtime starts from. Windows, in order: dockerd without any agent; both agents'
 * first WARMUP_S (CPU before the JIT warms up); both agents (the comparison); the executable
 * alone, for dockerd's CPU with the shipped agent. The machine is shared and noisy: only
 * same-run differences mean anything. rss_mb in the last line is the executable's peak RSS over
 * the side-by-side window (sampled every second); cpu_pct its average in that window.
 *
 * With checks (BENCH_AGENT_CHECKS, default 50), that many of the containers carry an HTTP health
 * check at 10 s (`berth.check.*` labels) against a loopback server in this process; those
 * containers run on the host network, as a served container has an address (the others, and all
 * of them with 0 checks, run without a network as before). Each agent
 * probes every check, so the server answers about 2 × checks runs per 10 s.
 *
 *   npm run bench:agent     BENCH_AGENT_CONTAINERS (50), BENCH_AGENT_CHECKS (50), BENCH_AGENT_WINDOW_S (60),
 *                           BENCH_AGENT_WARMUP_S (20), BENCH_AGENT_BASELINE_S and BENCH_AGENT_ALONE_S (the window),
 *                           BENCH_AGENT_VARIANTS (none: more executables with their own environment, below)
 */
import type { ChildProcess, SpawnOptions } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { seedEnrolmentToken, seedOrg } from '@berth/db/testing';
import {
  dockerAvailability,
  docker as dockerCli,
  ensureBusyboxImage,
  runBusybox,
  TEST_LABEL,
  type TestContainer,
} from '@berth/test-docker';
import { createBenchDatabase, ownerQuery } from '../shared/bench-database.js';
import { findFreePort } from '../shared/find-free-port.js';
import { readOption, readRawOption } from '../shared/read-option.js';
import { startGateway } from '../shared/start-gateway.js';
import { exited, killChildren, spawnTracked } from '../shared/track-children.js';
import { buildAgent } from './build-agent.js';
import { type ProcessUsage, watchProcesses } from './watch-processes.js';

const containersWanted = readOption('agent-containers', 50);
const checksWanted = Math.min(readOption('agent-checks', 50), containersWanted);
const windowS = readOption('agent-window-s', 60);
/** dockerd without agents, and the executable alone: as long as the side-by-side window unless set. */
const baselineS = readOption('agent-baseline-s', windowS);
const aloneS = readOption('agent-alone-s', windowS);
/** Agent start to the side-by-side window: first inventory, stats baselines, the JIT warming up. */
const warmupS = readOption('agent-warmup-s', 20);
/**
 * More agents in the same windows, each its own host: `name:KEY=VALUE,KEY=VALUE;name2:/path/to/exe,KEY=VALUE`
 * (environment set on top of the bench's; a token starting with `/` is another executable).
 * For same-run comparisons of runtime settings (issue 16's memory goal); empty by default.
 */
const variants = parseVariants(readRawOption('agent-variants') ?? '');

type Variant = { name: string; executable?: string; env: Record<string, string> };

function parseVariants(spec: string): Variant[] {
  return spec
    .split(';')
    .filter((item) => item.trim() !== '')
    .map((item) => {
      const colon = item.indexOf(':');
      const name = (colon < 0 ? item : item.slice(0, colon)).trim();
      if (!/^[a-z0-9-]+$/i.test(name))
        throw new Error(`--agent-variants: bad variant name ${JSON.stringify(name)}`);
      const variant: Variant = { name, env: {} };
      for (const token of colon < 0 ? [] : item.slice(colon + 1).split(',')) {
        if (token.startsWith('/')) variant.executable = token;
        else {
          const eq = token.indexOf('=');
          if (eq < 1)
            throw new Error(`--agent-variants: ${name}: expected KEY=VALUE, got ${JSON.stringify(token)}`);
          variant.env[token.slice(0, eq)] = token.slice(eq + 1);
        }
      }
      return variant;
    });
}

/** Resident pages of a process split as the kernel counts them (KiB → MiB), and threads. */
function memorySplit(pid: number): string {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? 0);
  const mib = (kb: number) => (kb / 1024).toFixed(1);
  return `RssAnon ${mib(field('RssAnon'))} RssFile ${mib(field('RssFile'))} VmHWM ${mib(field('VmHWM'))} MiB, ${field('Threads')} threads`;
}

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

/** The checks' target: answers every path with 200 "ok" and counts the runs it served. */
async function startCheckTarget(): Promise<{ server: http.Server; port: number; served: () => number }> {
  let served = 0;
  const server = http.createServer((_req, res) => {
    served += 1;
    res.end('ok');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port, served: () => served };
}

/** A log-line container with one HTTP check at 10 s, on the host network (so it has an address). */
async function runCheckedBusybox(command: string, index: number, port: number): Promise<TestContainer> {
  const image = await ensureBusyboxImage();
  const name = `berth-bench-check-${process.pid}-${index}`;
  const labels = {
    'berth.bench': 'agent',
    'berth.check.http': `http://127.0.0.1:${port}/health/${index}`,
    'berth.check.interval': '10s',
    'berth.check.keyword': 'ok',
  };
  const id = await dockerCli(
    ...['run', '-d', '--network', 'host', '--name', name, '--label', TEST_LABEL],
    ...Object.entries(labels).flatMap(([key, value]) => ['--label', `${key}=${value}`]),
    ...[image, 'sh', '-c', command],
  );
  return {
    id,
    shortId: id.slice(0, 12),
    name,
    remove: async () => {
      await dockerCli('rm', '-f', name);
    },
  };
}

function describe(usage: ProcessUsage): string {
  return `RSS peak ${usage.rssMbPeak.toFixed(1)} MiB (avg ${usage.rssMbAvg.toFixed(1)}, last ${usage.rssMbLast.toFixed(1)}), CPU ${usage.cpuPct.toFixed(2)} % of one core`;
}

async function main(): Promise<void> {
  const docker = await dockerAvailability();
  if (!docker.ok) throw new Error(`bench:agent needs a Docker engine: ${docker.reason}`);
  const containers: TestContainer[] = [];
  const stateDir = await mkdtemp(path.join(tmpdir(), 'berth-bench-agent-'));
  const agentArgs = (name: string, enrolmentSecret: string, port: number) => [
    ...['--server', `http://127.0.0.1:${port}`, '--token', enrolmentSecret],
    ...['--state-dir', path.join(stateDir, name), '--interval', '10', '--log-level', 'warn'],
  ];
  const database = await createBenchDatabase();
  const target = await startCheckTarget();
  try {
    console.log(
      `starting ${containersWanted} busybox containers (each logs a line every 5 s), ${checksWanted} with an HTTP check at 10 s…`,
    );
    const logLoop = 'while true; do echo "tick $(date)"; sleep 5; done';
    for (let i = 0; i < containersWanted; i += 1) {
      containers.push(
        i < checksWanted
          ? await runCheckedBusybox(logLoop, i, target.port)
          : await runBusybox(logLoop, { labels: { 'berth.bench': 'agent' } }),
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
    const { bundle, executable } = buildAgent();
    // The floors: each runtime doing nothing, watched in the same windows as the agents.
    const bareNode = spawnTracked(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const bareBun = spawnTracked(executable, ['-e', 'setInterval(() => {}, 1000)'], {
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, BUN_BE_BUN: '1' },
    });

    console.log(`baseline: dockerd without the agents, ${baselineS} s…`);
    const without = await watchProcesses({ dockerd }, baselineS, 'without agent');

    const stdio: SpawnOptions = { stdio: ['ignore', 'ignore', 'inherit'] };
    const compiled = spawnTracked(executable, agentArgs('executable', enrolmentSecret, port), stdio);
    const nodeAgent = spawnTracked(
      process.execPath,
      [bundle, ...agentArgs('bundle', enrolmentSecret, port)],
      stdio,
    );
    const extra = variants.map((variant) =>
      spawnTracked(
        variant.executable ?? executable,
        agentArgs(`variant-${variant.name}`, enrolmentSecret, port),
        {
          ...stdio,
          env: { ...process.env, ...variant.env },
        },
      ),
    );
    const pids: Record<
      'dockerd' | 'executable' | 'bundle' | 'bareNode' | 'bareBun' | `variant ${string}`,
      number
    > = {
      dockerd,
      executable: pidOf(compiled, 'agent executable'),
      bundle: pidOf(nodeAgent, 'agent bundle'),
      bareNode: pidOf(bareNode, 'bare node'),
      bareBun: pidOf(bareBun, 'bare bun'),
    };
    variants.forEach((variant, index) => {
      pids[`variant ${variant.name}`] = pidOf(extra[index] as ChildProcess, `variant ${variant.name}`);
    });
    console.log(`agents started; their first ${warmupS} s (first inventory, stats baselines, JIT)…`);
    const warmup = await watchProcesses(pids, warmupS, 'warm-up');
    console.log(`both agents side by side, ${windowS} s…`);
    const sideBySide = await watchProcesses(pids, windowS, 'side by side');
    // As the owner: the runtime role sees nothing without an organisation set (RLS).
    const samples = await ownerQuery<{ n: string }>(
      database.adminUrl,
      'SELECT count(*) AS n FROM container_samples',
    );
    const checkRuns = await ownerQuery<{ n: string; up: string }>(
      database.adminUrl,
      "SELECT count(*) AS n, count(*) FILTER (WHERE status = 'up') AS up FROM check_results",
    );
    // What the runs that were not up said, so a count of failures is never a mystery.
    const failures = await ownerQuery<{ status: string; error: string | null; n: string }>(
      database.adminUrl,
      `SELECT status, left(error, 100) AS error, count(*) AS n FROM check_results WHERE status <> 'up'
       GROUP BY 1, 2 ORDER BY 3 DESC LIMIT 5`,
    );
    const servedSideBySide = target.served();
    const splits = Object.fromEntries(
      Object.entries(pids)
        .filter(([name]) => name !== 'dockerd')
        .map(([name, pid]) => [name, memorySplit(pid)]),
    );
    for (const child of extra) child.kill('SIGTERM');
    await Promise.all(extra.map((child) => exited(child)));
    nodeAgent.kill('SIGTERM');
    await exited(nodeAgent);
    console.log(`the executable alone (dockerd with the shipped agent), ${aloneS} s…`);
    const alone = await watchProcesses({ dockerd, executable: pids.executable }, aloneS, 'executable alone');

    compiled.kill('SIGTERM');
    await exited(compiled);
    await gateway.stop();

    const dockerdWith = alone.byName.dockerd.cpuPct;
    const dockerdWithout = without.byName.dockerd.cpuPct;
    const usage = sideBySide.byName;
    console.log(
      `dockerd CPU: ${dockerdWith.toFixed(2)} % with the executable vs ${dockerdWithout.toFixed(2)} % without (Δ ${(dockerdWith - dockerdWithout).toFixed(2)} points); ${usage.dockerd.cpuPct.toFixed(2)} % with both agents`,
    );
    console.log(`samples stored by the gateway (both hosts): ${samples[0]?.n ?? 0}`);
    console.log(
      `check runs stored (both hosts, through the side-by-side window): ${checkRuns[0]?.n ?? 0}, ${checkRuns[0]?.up ?? 0} up; requests the target served by then: ${servedSideBySide}`,
    );
    for (const failure of failures)
      console.log(`  not up: ${failure.n} × ${failure.status} ${failure.error ?? ''}`);
    console.log(
      `executable (Bun): ${describe(usage.executable)}; first ${warmupS} s CPU ${warmup.byName.executable.cpuPct.toFixed(2)} %; alone ${describe(alone.byName.executable)}`,
    );
    console.log(
      `bundle (Node):    ${describe(usage.bundle)}; first ${warmupS} s CPU ${warmup.byName.bundle.cpuPct.toFixed(2)} %`,
    );
    for (const variant of variants) {
      const name = `variant ${variant.name}` as const;
      console.log(
        `${name} (${[variant.executable, ...Object.entries(variant.env).map(([k, v]) => `${k}=${v}`)].filter(Boolean).join(' ')}): ${describe(usage[name] as ProcessUsage)}; first ${warmupS} s CPU ${(warmup.byName[name] as ProcessUsage).cpuPct.toFixed(2)} %`,
      );
    }
    for (const [name, split] of Object.entries(splits))
      console.log(`  at the window's end, ${name}: ${split}`);
    console.log(`bare bun:         ${describe(usage.bareBun)}`);
    console.log(`bare node:        ${describe(usage.bareNode)}`);
    console.log(
      `RSS peak above the runtime's floor: executable ${(usage.executable.rssMbPeak - usage.bareBun.rssMbPeak).toFixed(1)} MiB, bundle ${(usage.bundle.rssMbPeak - usage.bareNode.rssMbPeak).toFixed(1)} MiB; executable/bundle RSS ratio ${(usage.executable.rssMbPeak / usage.bundle.rssMbPeak).toFixed(2)}, CPU ratio ${(usage.executable.cpuPct / usage.bundle.cpuPct).toFixed(2)}; load average ${without.load.start.toFixed(2)} → ${alone.load.end.toFixed(2)} (1 min)`,
    );
    console.log(
      `bench agent: containers=${containers.length} rss_mb=${usage.executable.rssMbPeak.toFixed(1)} cpu_pct=${usage.executable.cpuPct.toFixed(2)} dockerd_cpu_pct_with=${dockerdWith.toFixed(2)} dockerd_cpu_pct_without=${dockerdWithout.toFixed(2)}`,
    );
  } finally {
    killChildren();
    target.server.closeAllConnections();
    await new Promise((resolve) => target.server.close(resolve));
    await Promise.allSettled(containers.map((container) => container.remove()));
    await database.drop();
    await rm(stateDir, { recursive: true, force: true });
  }
}

await main();
