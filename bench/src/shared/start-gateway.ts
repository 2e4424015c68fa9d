import type { ChildProcess } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { digestGatewayLog, type LogDigest } from './digest-gateway-log.js';
import { repoPath } from './repo-path.js';
import { exited, spawnTracked } from './track-children.js';

export type GatewayProcess = {
  pid: number;
  /** Its log lines, counted by kind. */
  log: LogDigest;
  port: number;
  child: ChildProcess;
  /** SIGTERM (the gateway drains and exits, writing a --cpu-prof profile if asked), then SIGKILL. */
  stop(timeoutMs?: number): Promise<void>;
};

export type GatewayLaunch = {
  port: number;
  databaseUrl: string;
  env?: Record<string, string>;
  /**
   * Extra node flags, e.g. `--cpu-prof`; BENCH_GATEWAY_NODE_ARGS adds more (space separated).
   * BENCH_GATEWAY_ENTRY runs another gateway build instead (e.g. a patched copy to compare).
   */
  nodeArgs?: string[];
};

/** Starts `apps/gateway/dist/server.js` in its own process and waits until /readyz answers. */
export async function startGateway(launch: GatewayLaunch): Promise<GatewayProcess> {
  const extra = (process.env.BENCH_GATEWAY_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawnTracked(
    process.execPath,
    [
      ...(launch.nodeArgs ?? []),
      ...extra,
      process.env.BENCH_GATEWAY_ENTRY ?? repoPath('apps/gateway/dist/server.js'),
    ],
    {
      env: {
        PATH: process.env.PATH ?? '',
        NODE_ENV: 'production',
        LOG_LEVEL: 'warn',
        HOST: '127.0.0.1',
        AUTH_SECRET: 'bench-secret-bench-secret-bench-secret-0123',
        DATABASE_URL: launch.databaseUrl,
        GATEWAY_PORT: String(launch.port),
        GATEWAY_ID: `bench-${launch.port}`,
        ...launch.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const pid = child.pid;
  if (pid === undefined || !child.stdout || !child.stderr) throw new Error('gateway did not start');
  const log = digestGatewayLog([child.stdout, child.stderr], `gateway :${launch.port}`);
  await waitReady(child, launch.port);
  return {
    pid,
    log,
    port: launch.port,
    child,
    async stop(timeoutMs = 30_000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const done = await Promise.race([exited(child).then(() => true), sleep(timeoutMs).then(() => false)]);
      if (!done) child.kill('SIGKILL');
    },
  };
}

async function waitReady(child: ChildProcess, port: number): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`gateway on port ${port} exited with ${child.exitCode}`);
    const ready = await fetch(`http://127.0.0.1:${port}/readyz`).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) return;
    await sleep(100);
  }
  throw new Error(`gateway on port ${port} not ready within 30 s`);
}
