import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { digestGatewayLog, type LogDigest } from '../shared/digest-gateway-log.js';
import { repoPath } from '../shared/repo-path.js';
import { exited, spawnTracked } from '../shared/track-children.js';
import { BENCH_AUTH_SECRET } from './seed-alert-rules.js';

export type AlerterProcess = {
  pid: number;
  log: LogDigest;
  /** What the alerter logged when it stopped: event evaluations started and the hosts they covered. */
  evaluations: { evaluations: number; hosts: number } | null;
  /** The `stage` lines it logged (ALERTER_TRACE_STAGES=1): per firing alert and per delivery. */
  stages: AlerterStages;
  /** False once the process has exited. */
  alive(): boolean;
  /** SIGTERM (it finishes what is queued and exits), then SIGKILL. */
  stop(timeoutMs?: number): Promise<void>;
};

/** Epoch ms stamps the alerter logged; null where the stage did not apply (a pass heard nothing). */
export type FiringStages = {
  cause: string;
  heard: number | null;
  started: number;
  read: number;
  committed: number;
};
export type DeliveryStages = { claiming: number; claimed: number; recorded: number };
export type AlerterStages = {
  firings: Map<string, FiringStages>;
  deliveries: Map<string, DeliveryStages>;
};

export type AlerterLaunch = {
  databaseUrl: string;
  redisUrl: string;
  deliveryIntervalS: number;
  passIntervalS: number;
  eventWindowMs: number;
  /** The agents' interval as the alerter assumes it (freshness of readings, host_offline). */
  agentIntervalS: number;
};

/**
 * `apps/alerter/dist/server.js` in its own process, configured by its environment as in
 * production (its CPU is then its own), and waits for its 'alerter running' line.
 */
export async function startAlerter(launch: AlerterLaunch): Promise<AlerterProcess> {
  // BENCH_ALERTER_JS: another build of the alerter (a copy of dist/ kept to compare before/after).
  const script = process.env.BENCH_ALERTER_JS ?? repoPath('apps/alerter/dist/server.js');
  // BENCH_ALERTER_NODE_ARGS: node flags for the alerter, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`.
  const nodeArgs = (process.env.BENCH_ALERTER_NODE_ARGS ?? '').split(' ').filter((arg) => arg !== '');
  const child = spawnTracked(process.execPath, [...nodeArgs, script], {
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'production',
      LOG_LEVEL: 'info',
      AUTH_SECRET: BENCH_AUTH_SECRET,
      DATABASE_URL: launch.databaseUrl,
      REDIS_URL: launch.redisUrl,
      ALERTER_DELIVERY_INTERVAL_S: String(launch.deliveryIntervalS),
      ALERTER_PASS_INTERVAL_S: String(launch.passIntervalS),
      ALERTER_EVENT_WINDOW_MS: String(launch.eventWindowMs),
      ALERTER_TRACE_STAGES: '1',
      AGENT_INTERVAL_S: String(launch.agentIntervalS),
      // The receiver listens on loopback.
      NOTIFY_ALLOW_PRIVATE_TARGETS: '1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const pid = child.pid;
  if (pid === undefined || !child.stdout || !child.stderr) throw new Error('alerter did not start');
  let running = false;
  let evaluations: AlerterProcess['evaluations'] = null;
  const stages: AlerterStages = { firings: new Map(), deliveries: new Map() };
  createInterface({ input: child.stdout }).on('line', (line) => {
    if (line.includes('"msg":"stage"')) {
      const entry = JSON.parse(line) as FiringStages & { alertId: string };
      stages.firings.set(entry.alertId, entry);
    }
    if (line.includes('"msg":"stage delivery"')) {
      const entry = JSON.parse(line) as DeliveryStages & { notificationId: string; state: string };
      if (entry.state === 'sent') stages.deliveries.set(entry.notificationId, entry);
    }
    if (line.includes('"alerter running"')) running = true;
    if (line.includes('"event evaluations"')) {
      const entry = JSON.parse(line) as { evaluations?: unknown; hosts?: unknown };
      if (typeof entry.evaluations === 'number' && typeof entry.hosts === 'number')
        evaluations = { evaluations: entry.evaluations, hosts: entry.hosts };
    }
  });
  const log = digestGatewayLog([child.stdout, child.stderr], 'alerter');
  const deadline = Date.now() + 30_000;
  while (!running) {
    if (child.exitCode !== null) throw new Error(`the alerter exited with ${child.exitCode}`);
    if (Date.now() > deadline) throw new Error('the alerter did not say "alerter running" within 30 s');
    await sleep(50);
  }
  return {
    pid,
    log,
    stages,
    get evaluations() {
      return evaluations;
    },
    alive: () => child.exitCode === null && child.signalCode === null,
    async stop(timeoutMs = 30_000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const done = await Promise.race([exited(child).then(() => true), sleep(timeoutMs).then(() => false)]);
      if (!done) child.kill('SIGKILL');
    },
  };
}
