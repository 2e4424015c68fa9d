/**
 * bench:actions — round trip of an action through the control plane: the API (in this process,
 * over HTTP) → Redis → one of several gateway processes → a connected agent → back, until the
 * org's live stream shows the result. A no-op `ping` over many simulated agents, and `restart`
 * of a real container by the real agent minus Docker's own restart time (measured alongside).
 * Baseline: a bare Redis pub/sub round trip. Last line:
 * `bench actions: agents=N p50=MS p99=MS restart_p50=MS`.
 */
import { loadavg } from 'node:os';
import { seedEnrolmentToken, seedOrg, type TestDatabase } from '@berth/db/testing';
import { dockerAvailability } from '@berth/test-docker';
import { createBenchDatabase, ownerQuery } from '../shared/bench-database.js';
import { findFreePort } from '../shared/find-free-port.js';
import { type BenchHost, insertHosts } from '../shared/insert-hosts.js';
import { percentile } from '../shared/percentile.js';
import { openCpuWindow } from '../shared/sample-cpu.js';
import { type GatewayProcess, startGateway } from '../shared/start-gateway.js';
import { killChildren } from '../shared/track-children.js';
import { type ActionsOptions, readActionsOptions } from './actions-options.js';
import { type BenchApi, startBenchApi } from './bench-api.js';
import { measureNoopActions, type NoopTimes } from './measure-noop-actions.js';
import { measureRedisRoundTrips } from './measure-redis-round-trip.js';
import { measureRestarts, type RestartTimes } from './measure-restarts.js';
import { type ActionSimulator, startActionSimulator } from './start-action-simulator.js';

const options = readActionsOptions();
let database: TestDatabase | undefined;
let gateways: GatewayProcess[] = [];
let simulator: ActionSimulator | undefined;
let api: BenchApi | undefined;

try {
  await main(options);
} catch (error) {
  console.error(`bench actions FAILED: ${error instanceof Error ? error.stack : String(error)}`);
  process.exitCode = 1;
} finally {
  await api?.close().catch(() => {});
  await Promise.allSettled(gateways.map((gateway) => gateway.stop(30_000)));
  killChildren();
  await database?.drop().catch(() => {});
}

async function main(opts: ActionsOptions): Promise<void> {
  const docker = await dockerAvailability();
  if (!docker.ok) throw new Error(`bench:actions needs a Docker engine: ${docker.reason}`);
  console.log(
    `bench actions: ${opts.agents} simulated agents in ${opts.orgs} orgs → ${opts.gateways} gateways on Redis; ` +
      `${opts.actions} no-op actions (${opts.concurrency} in flight), ${opts.restarts} restarts`,
  );
  database = await createBenchDatabase();
  const hosts = await insertHosts(database.adminUrl, opts.orgs, opts.agents);
  const restartOrg = await seedOrg(database.db);
  gateways = await startGateways(opts, database.appUrl);
  const welcomed = await connectAgents(opts, hosts);
  api = await startBenchApi(database, opts.redisUrl, [
    ...new Set(hosts.map((h) => h.orgId)),
    restartOrg.orgId,
  ]);

  console.log(`baseline: ${opts.actions} bare Redis pub/sub round trips`);
  const redis = await measureRedisRoundTrips(opts.redisUrl, opts.actions);
  console.log(`no-op actions: ${opts.warmup} warm-up, then ${opts.actions} measured`);
  await measureNoopActions(api, hosts, opts.warmup, opts.concurrency);
  const loadAtStart = loadavg()[0]?.toFixed(1);
  const cpu = openCpuWindow(
    database.adminUrl,
    gateways.map((gateway) => gateway.pid),
  );
  const started = performance.now();
  const noop = await measureNoopActions(api, hosts, opts.actions, opts.concurrency, opts.warmup);
  const noopSeconds = (performance.now() - started) / 1000;
  const cpuText = cpu.finish(opts.actions, 'action').text;
  const loadText = `${loadAtStart} → ${loadavg()[0]?.toFixed(1)}`;

  console.log(
    `restart: the real agent on a busybox container, ${opts.restarts} × through Berth and the engine`,
  );
  const restarts = await measureRestarts({
    adminUrl: database.adminUrl,
    api,
    orgId: restartOrg.orgId,
    enrolToken: await seedEnrolmentToken(database.db, restartOrg.orgId, 'bench'),
    gatewayUrl: `http://127.0.0.1:${gateways[0]?.port}`,
    restarts: opts.restarts,
  });
  await checkDelivery(database.adminUrl, opts);
  console.log(`CPU during the no-op actions: ${cpuText}; load average ${loadText}`);
  report(welcomed, noop, noopSeconds, redis, restarts, opts);
}

function startGateways(opts: ActionsOptions, databaseUrl: string): Promise<GatewayProcess[]> {
  return Promise.all(
    Array.from({ length: opts.gateways }, async () =>
      startGateway({
        port: await findFreePort(),
        databaseUrl,
        // The simulated agents send no batches: a long interval keeps the stale-host sweep
        // from marking them offline mid-run.
        env: { REDIS_URL: opts.redisUrl, AGENT_INTERVAL_S: '3600' },
      }),
    ),
  );
}

/** Agent i connects to gateway i mod G, so consecutive actions alternate between gateways. */
async function connectAgents(opts: ActionsOptions, hosts: BenchHost[]): Promise<number> {
  const url = (index: number) => `ws://127.0.0.1:${gateways[index % gateways.length]?.port}/agent/v1`;
  simulator = startActionSimulator({
    agents: hosts.map((host, index) => ({ credential: host.credential, url: url(index) })),
    concurrency: opts.connectConcurrency,
    attempts: opts.attempts,
  });
  const connected = await simulator.connected;
  const errors = connected.retries > 0 ? ` (${connected.errors.join('; ')})` : '';
  console.log(
    `  ${connected.welcomed} agents welcomed, ${connected.retries} retries${errors}, ${connected.failed} failed`,
  );
  if (connected.welcomed !== opts.agents) throw new Error('not every simulated agent connected');
  return connected.welcomed;
}

/** Every ping reached its agent exactly once and is stored `succeeded`, or the run fails. */
async function checkDelivery(adminUrl: string, opts: ActionsOptions): Promise<void> {
  const received = await simulator?.finish();
  const stored = await ownerQuery<{ status: string; n: string }>(
    adminUrl,
    `SELECT status, count(*) AS n FROM actions WHERE verb = 'ping' GROUP BY status`,
  );
  const summary = stored.map((row) => `${row.status} ${row.n}`).join(', ');
  console.log(
    `agents received ${received?.received} action frames (${received?.duplicates} delivered twice), ` +
      `${received?.open} sockets still open; stored ping actions: ${summary}`,
  );
  const sent = opts.actions + opts.warmup;
  if (received?.received !== sent || summary !== `succeeded ${sent}`)
    throw new Error(`expected ${sent} pings, each received once and stored succeeded`);
}

function report(
  agents: number,
  noop: NoopTimes,
  noopSeconds: number,
  redis: number[],
  restarts: RestartTimes,
  opts: ActionsOptions,
): void {
  const ms = (value: number) => value.toFixed(1);
  const p50 = percentile(noop.total, 50);
  const p99 = percentile(noop.total, 99);
  // Berth's share of each restart: its round trip minus what Docker's restart call took inside it.
  const share = restarts.berth.map((berth, i) => berth - (restarts.inAgent[i] ?? berth));
  console.log(
    `no-op ping: p50 ${ms(p50)} ms, p90 ${ms(percentile(noop.total, 90))} ms, p99 ${ms(p99)} ms, ` +
      `max ${ms(Math.max(...noop.total))} ms (${(noop.total.length / noopSeconds).toFixed(0)} actions/s, ` +
      `${opts.concurrency} in flight); of which the API's 202 p50 ${ms(percentile(noop.accepted, 50))} ms, ` +
      `p99 ${ms(percentile(noop.accepted, 99))} ms`,
  );
  console.log(
    `baseline Redis pub/sub round trip: p50 ${ms(percentile(redis, 50))} ms, p99 ${ms(percentile(redis, 99))} ms; ` +
      `no-op action p50 / Redis p50 = ${(p50 / percentile(redis, 50)).toFixed(0)}×`,
  );
  console.log(
    `restart: through Berth p50 ${ms(percentile(restarts.berth, 50))} ms, of which the agent's Docker call ` +
      `p50 ${ms(percentile(restarts.inAgent, 50))} ms; the same restart straight through the engine API ` +
      `p50 ${ms(percentile(restarts.engine, 50))} ms; Berth's share p50 ${ms(percentile(share, 50))} ms, ` +
      `max ${ms(Math.max(...share))} ms`,
  );
  const { delivered, running, reported } = restarts.stages;
  console.log(
    `  restart stages p50 (stored times): queued → sent ${ms(percentile(delivered, 50))} ms, sent → running ` +
      `${ms(percentile(running, 50))} ms, agent finished → seen on the stream ${ms(percentile(reported, 50))} ms`,
  );
  console.log(
    `bench actions: agents=${agents} p50=${ms(p50)} p99=${ms(p99)} restart_p50=${ms(percentile(share, 50))}`,
  );
}
