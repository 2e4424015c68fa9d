import { type Alerter, buildAlerter } from '@berth/alerter/app';
import { type Bus, createRedisBus } from '@berth/bus';
import { createPool } from '@berth/db/sql';
import type pg from 'pg';
import { machineDatabase } from './fault-database.js';
import { createFaultRunWith, type FaultRun } from './fault-run.js';
import type { ManagedProcess } from './managed-process.js';
import { agentStreaming, startAgent } from './start-agent.js';
import { startGateway } from './start-gateway.js';

const REDIS_URL = 'redis://127.0.0.1:6379';

/**
 * The alerting path with real parts: a real agent watching dockerd (streaming), a gateway process
 * committing its batches and publishing on Redis, and the alerter in this process on its own
 * Redis connection and timers (a pass every 2 s, deliveries every 0.5 s, loopback targets
 * allowed). `pool` (runtime role) is the test's own door to the run's database.
 */
export type AlerterWorld = {
  run: FaultRun;
  agent: ManagedProcess;
  pool: pg.Pool;
  bus: Bus;
  alerter: Alerter;
};

/**
 * Starts it on a fresh run (no containers of its own). `authSecret` is the one the alerter opens
 * sealed channel secrets with. Torn down by `run.cleanup`.
 */
export async function startAlerterWorld(label: string, authSecret: string): Promise<AlerterWorld> {
  const run = await createFaultRunWith(label, { database: machineDatabase, containers: 0 });
  await startGateway({
    databaseUrl: run.database.appUrl,
    port: run.port,
    logDir: run.logDir,
    name: `gw-${run.runId}`,
    env: { REDIS_URL },
  });
  const agent = await startAgent({
    server: run.server,
    token: run.token,
    stateDir: run.stateDir,
    logDir: run.logDir,
    name: 'agent',
  });
  await agentStreaming(agent);
  const pool = createPool(run.database.appUrl, { max: 2, onConnectionError: () => undefined });
  const bus = createRedisBus(REDIS_URL, { name: `e2e-${label}-${run.runId}` });
  const alerter = buildAlerter({
    databaseUrl: run.database.appUrl,
    bus,
    settings: {
      passMs: 2_000,
      deliveryMs: 500,
      leaseMs: 60_000,
      maxAttempts: 5,
      agentIntervalMs: 1_000,
      shippedAgentVersion: '0.0.1',
      publicUrl: 'http://berth.test',
      allowPrivateTargets: true,
      smtp: null,
      secretKeys: undefined,
      authSecret,
    },
    log: {
      info: () => undefined,
      warn: () => undefined,
      error: (context, message) => console.error(message, context),
    },
  });
  await alerter.start();
  run.onCleanup(async () => {
    await alerter.stop();
    await bus.close();
    await pool.end();
  });
  return { run, agent, pool, bus, alerter };
}
