import { chmod, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runBusybox, type TestContainer } from '@berth/test-docker';
import { readE2eEnv } from '../support/e2e-env.js';
import { type FaultDatabase, machineDatabase } from '../support/fault-database.js';
import { freePort } from '../support/free-port.js';
import { killAllProcesses, type ManagedProcess } from '../support/managed-process.js';
import { startConsole } from '../support/start-console.js';
import { startGateway } from '../support/start-gateway.js';
import { startApiProcess } from './start-api.js';

const REDIS_URL = 'redis://127.0.0.1:6379';
const AUTH_SECRET = 'e2e-console-flows-secret-0123456789abcdef';
/**
 * One numbered line every half second, and a quick exit on SIGTERM (a shell as PID 1 ignores it,
 * which would make every restart wait out Docker's 10 s before SIGKILL).
 */
const TICKER = 'trap \'exit 0\' TERM; i=0; while true; do echo "tick $i"; i=$((i+1)); sleep 0.5; done';

/** Seconds between agent batches: short, so charts have points within a few seconds. */
export const AGENT_INTERVAL_S = 1;

/** Berth as deployed, on this machine: every process its own, talking over Redis. */
export type ConsoleStack = {
  runId: string;
  dir: string;
  logDir: string;
  database: FaultDatabase;
  gateway: ManagedProcess;
  api: ManagedProcess;
  web: ManagedProcess;
  gatewayUrl: string;
  apiUrl: string;
  /** The console, where the browser goes. */
  webUrl: string;
  /** The API's AUTH_SECRET (an alerter beside the stack opens the channels' sealed secrets with it). */
  authSecret: string;
  /** A busybox container on the machine's dockerd that the agent will report (and restart). */
  container: TestContainer;
  /** Registers teardown work (run last-in first-out, even when a test failed). */
  onCleanup(fn: () => Promise<unknown>): void;
  stop(options: { keepLogs: boolean }): Promise<void>;
};

/**
 * A fresh database, a gateway, the API and `next start`, on free ports; plus one container.
 * `gatewayEnv` adds to the gateway's environment (e.g. a short IMAGE_CHECK_SWEEP_S).
 */
export async function startConsoleStack(
  options: { gatewayEnv?: Record<string, string> } = {},
): Promise<ConsoleStack> {
  const dir = await mkdtemp(path.join(tmpdir(), 'berth-e2e-console-'));
  await chmod(dir, 0o755);
  const runId = path.basename(dir);
  const logDir = path.join(dir, 'logs');
  await mkdir(logDir);
  let database: FaultDatabase | undefined;
  let container: TestContainer | undefined;
  const cleanups: (() => Promise<unknown>)[] = [];
  const onCleanup = (fn: () => Promise<unknown>): void => {
    cleanups.push(fn);
  };
  const stop = async ({ keepLogs }: { keepLogs: boolean }): Promise<void> => {
    const failures: unknown[] = [];
    for (const fn of cleanups.reverse()) await fn().catch((error: unknown) => failures.push(error));
    await killAllProcesses().catch((error: unknown) => failures.push(error));
    await container?.remove().catch((error: unknown) => failures.push(error));
    await database?.close().catch((error: unknown) => failures.push(error));
    if (keepLogs) console.warn(`[console] logs kept in ${logDir}`);
    else await rm(dir, { recursive: true, force: true });
    if (failures.length > 0) throw new AggregateError(failures, '[console] cleanup failed');
  };
  try {
    database = await machineDatabase();
    const [gatewayPort, apiPort, webPort] = [await freePort(), await freePort(), await freePort()];
    const gatewayUrl = `http://127.0.0.1:${gatewayPort}`;
    const apiUrl = `http://127.0.0.1:${apiPort}`;
    const webUrl = `http://127.0.0.1:${webPort}`;
    // Independent of one another (each is told the others' addresses up front): started
    // together, as a deployment's processes would be. A failure stops whatever did start.
    const [ticker, gateway, api, web] = await settleAll([
      runBusybox(TICKER, { name: `${runId}-ticker` }).then((started) => {
        container = started;
        return started;
      }),
      startGateway({
        databaseUrl: database.appUrl,
        port: gatewayPort,
        logDir,
        name: `gw-${runId}`,
        env: { REDIS_URL, AUTH_SECRET, AGENT_INTERVAL_S: String(AGENT_INTERVAL_S), ...options.gatewayEnv },
      }),
      startApiProcess({
        databaseUrl: database.appUrl,
        redisUrl: REDIS_URL,
        authSecret: AUTH_SECRET,
        port: apiPort,
        consoleUrl: webUrl,
        gatewayUrl,
        logDir,
      }),
      startConsole({
        port: webPort,
        logFile: path.join(logDir, 'web.log'),
        env: {
          ...readE2eEnv().childBase,
          AUTH_SECRET,
          API_INTERNAL_URL: apiUrl,
          BERTH_PUBLIC_URL: `http://127.0.0.1:${webPort}`,
        },
      }),
    ] as const);
    return {
      runId,
      dir,
      logDir,
      database,
      gateway,
      api,
      web,
      gatewayUrl,
      apiUrl,
      webUrl,
      authSecret: AUTH_SECRET,
      container: ticker,
      onCleanup,
      stop,
    };
  } catch (error) {
    await stop({ keepLogs: true });
    throw error;
  }
}

/**
 * Awaits every start; if one failed, throws its error once all have settled, so the caller's
 * cleanup finds every process that did start.
 */
async function settleAll<T extends readonly unknown[]>(
  starts: { [K in keyof T]: Promise<T[K]> },
): Promise<T> {
  const settled = await Promise.allSettled(starts);
  const failed = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
  return settled.map((r) => (r as PromiseFulfilledResult<unknown>).value) as unknown as T;
}
