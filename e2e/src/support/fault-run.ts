import { chmod, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestContainer } from '@berth/test-docker';
import { type FaultDatabase, machineDatabase, seedEnrolment } from './fault-database.js';
import { freePort } from './free-port.js';
import { killAllProcesses } from './managed-process.js';
import { removeRunContainers, startContainers } from './start-containers.js';

/** Everything one fault test sets up, and the one place that tears it down. */
export type FaultRun<D extends FaultDatabase = FaultDatabase> = {
  label: string;
  /** Unique per run: names and labels its containers. */
  runId: string;
  /** Temporary root: logs/, agent-state/ and any private PostgreSQL live under it. */
  dir: string;
  logDir: string;
  stateDir: string;
  database: D;
  orgId: string;
  token: string;
  containers: TestContainer[];
  /** The gateway's port, kept across gateway restarts. */
  port: number;
  /** `http://127.0.0.1:port`. */
  server: string;
  /** Registers teardown work (run last-in first-out, even when the test failed). */
  onCleanup(fn: () => Promise<unknown>): void;
  cleanup(options: { keepLogs: boolean }): Promise<void>;
};

export type FaultRunOptions<D extends FaultDatabase> = {
  /** Where the run's database comes from (given a directory of its own). */
  database: (dir: string) => Promise<D>;
  containers?: number;
};

/** A fault run on a fresh database on the machine's PostgreSQL. */
export function createFaultRun(label: string): Promise<FaultRun> {
  return createFaultRunWith(label, { database: machineDatabase });
}

export async function createFaultRunWith<D extends FaultDatabase>(
  label: string,
  options: FaultRunOptions<D>,
): Promise<FaultRun<D>> {
  const dir = await mkdtemp(path.join(tmpdir(), `berth-e2e-${label}-`));
  const runId = path.basename(dir);
  // Traversable, because a private PostgreSQL below it runs as another user.
  await chmod(dir, 0o755);
  const logDir = path.join(dir, 'logs');
  await mkdir(logDir);
  const cleanups: (() => Promise<unknown>)[] = [];
  const onCleanup = (fn: () => Promise<unknown>): void => {
    cleanups.push(fn);
  };
  const cleanup = async ({ keepLogs }: { keepLogs: boolean }): Promise<void> => {
    const failures: unknown[] = [];
    await killAllProcesses().catch((error: unknown) => failures.push(error));
    for (const fn of cleanups.reverse()) await fn().catch((error: unknown) => failures.push(error));
    if (keepLogs) console.warn(`[${label}] logs kept in ${logDir}`);
    else await rm(dir, { recursive: true, force: true });
    if (failures.length > 0) throw new AggregateError(failures, `[${label}] cleanup failed`);
  };
  try {
    const database = await options.database(path.join(dir, 'postgres'));
    onCleanup(() => database.close());
    const { orgId, token } = await seedEnrolment(database.db);
    onCleanup(() => removeRunContainers(runId));
    const containers = await startContainers(runId, options.containers ?? 4);
    const port = await freePort();
    return {
      label,
      runId,
      dir,
      logDir,
      stateDir: path.join(dir, 'agent-state'),
      database,
      orgId,
      token,
      containers,
      port,
      server: `http://127.0.0.1:${port}`,
      onCleanup,
      cleanup,
    };
  } catch (error) {
    await cleanup({ keepLogs: true });
    throw error;
  }
}
