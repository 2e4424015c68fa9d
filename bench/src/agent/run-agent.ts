/**
 * bench:agent — the agent against N running containers at its production interval: its RSS
 * and CPU, and dockerd's CPU measured without the agent and then with it, side by side in the
 * same run (the machine is shared and noisy; only the same-run difference means anything).
 *
 *   npm run bench:agent            BENCH_AGENT_CONTAINERS (50), BENCH_AGENT_WINDOW_S (60)
 */
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { issueSecret, withOrg } from '@berth/db';
import { seedOrg } from '@berth/db/testing';
import { dockerAvailability, runBusybox, type TestContainer } from '@berth/test-docker';
import { createBenchDatabase, ownerQuery } from '../shared/bench-database.js';
import { findFreePort } from '../shared/find-free-port.js';
import { readOption } from '../shared/read-option.js';
import { readCpuSeconds, readRssKb } from '../shared/read-rss.js';
import { repoPath } from '../shared/repo-path.js';
import { startGateway } from '../shared/start-gateway.js';
import { exited, killChildren, spawnTracked } from '../shared/track-children.js';

const containersWanted = readOption('BENCH_AGENT_CONTAINERS', 50);
const windowS = readOption('BENCH_AGENT_WINDOW_S', 60);

function dockerdPid(): number {
  for (const entry of readdirSync('/proc')) {
    if (/^\d+$/.test(entry) && readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === 'dockerd')
      return Number(entry);
  }
  throw new Error('dockerd is not running');
}

/** CPU % of one core used by `pid` over `seconds`, sampling RSS every second. */
async function measure(
  pid: number,
  seconds: number,
  label: string,
): Promise<{ cpuPct: number; rssKbMax: number; rssKbAvg: number }> {
  const cpuBefore = readCpuSeconds(pid);
  const started = performance.now();
  const rss: number[] = [];
  for (let second = 1; second <= seconds; second += 1) {
    await sleep(1000);
    rss.push(readRssKb(pid));
    if (second % 10 === 0) process.stdout.write(`  ${label}: ${second}/${seconds} s\n`);
  }
  const elapsed = (performance.now() - started) / 1000;
  return {
    cpuPct: ((readCpuSeconds(pid) - cpuBefore) / elapsed) * 100,
    rssKbMax: Math.max(...rss),
    rssKbAvg: rss.reduce((a, b) => a + b, 0) / rss.length,
  };
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
    const token = issueSecret('enrol');
    await withOrg(database.db, org.orgId, (tx) =>
      tx.enrollmentToken.create({
        data: {
          orgId: org.orgId,
          name: 'bench',
          prefix: token.prefix,
          tokenHash: token.hash,
          expiresAt: new Date(Date.now() + 3_600_000),
        },
      }),
    );
    const port = await findFreePort();
    const gateway = await startGateway({
      port,
      databaseUrl: database.appUrl,
      env: { AGENT_INTERVAL_S: '10' },
    });
    const dockerd = dockerdPid();

    console.log(`baseline: dockerd without the agent, ${windowS} s…`);
    const without = await measure(dockerd, windowS, 'without agent');

    const agent = spawnTracked(
      process.execPath,
      [
        repoPath('apps/agent/dist/berth-agent.mjs'),
        '--server',
        `http://127.0.0.1:${port}`,
        '--token',
        token.secret,
        '--state-dir',
        stateDir,
        '--interval',
        '10',
        '--log-level',
        'warn',
      ],
      { stdio: ['ignore', 'ignore', 'inherit'] },
    );
    const agentPid = agent.pid;
    if (agentPid === undefined) throw new Error('agent did not start');
    console.log('agent started; warming up 20 s (first inventory, stats baselines)…');
    await sleep(20_000);
    const agentCpuBefore = readCpuSeconds(agentPid);
    const started = performance.now();
    const withAgent = await measure(dockerd, windowS, 'with agent');
    const agentCpuPct =
      ((readCpuSeconds(agentPid) - agentCpuBefore) / ((performance.now() - started) / 1000)) * 100;
    const agentRssMb = readRssKb(agentPid) / 1024;
    // As the owner: the runtime role sees nothing without an organisation set (RLS).
    const samples = await ownerQuery<{ n: string }>(
      database.adminUrl,
      'SELECT count(*) AS n FROM container_samples',
    );

    agent.kill('SIGTERM');
    await exited(agent);
    await gateway.stop();

    console.log(
      `dockerd CPU: ${withAgent.cpuPct.toFixed(2)} % with the agent vs ${without.cpuPct.toFixed(2)} % without (Δ ${(withAgent.cpuPct - without.cpuPct).toFixed(2)} points)`,
    );
    console.log(
      `agent: ${agentRssMb.toFixed(1)} MiB RSS, ${agentCpuPct.toFixed(2)} % of one core; samples stored by the gateway: ${samples[0]?.n ?? 0}`,
    );
    console.log(
      `bench agent: containers=${containers.length} rss_mb=${agentRssMb.toFixed(1)} cpu_pct=${agentCpuPct.toFixed(2)} dockerd_cpu_pct_with=${withAgent.cpuPct.toFixed(2)} dockerd_cpu_pct_without=${without.cpuPct.toFixed(2)}`,
    );
  } finally {
    killChildren();
    await Promise.allSettled(containers.map((container) => container.remove()));
    await database.drop();
    await rm(stateDir, { recursive: true, force: true });
  }
}

await main();
