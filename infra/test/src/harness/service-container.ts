import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { docker, TEST_LABEL } from '@berth/test-docker';
import { waitFor } from './wait-for.js';

const run = promisify(execFile);

/** Both of the container's streams (a service logs to stdout and crashes on stderr). */
async function containerOutput(name: string): Promise<string> {
  try {
    const { stdout, stderr } = await run('docker', ['logs', name], { maxBuffer: 16 * 1024 * 1024 });
    return `${stdout}${stderr}`.slice(-8000);
  } catch (error) {
    return `(docker logs failed: ${(error as Error).message})`;
  }
}

export type ServiceContainer = {
  name: string;
  /** The container's output so far (for failure messages). */
  logs(): Promise<string>;
  /** Docker's view of the image's HEALTHCHECK: starting, healthy or unhealthy. */
  health(): Promise<string>;
  remove(): Promise<void>;
};

/**
 * Runs `image` detached with `env`, on the host's network (the engine here has no bridge; the
 * services reach PostgreSQL and Redis on 127.0.0.1 as they would on their own network), and waits
 * until `readyUrl` answers 2xx. The HEALTHCHECK runs every second instead of the image's 10 s so
 * that its verdict comes within the test; the check itself is the image's.
 */
export async function startServiceContainer(
  name: string,
  image: string,
  env: Record<string, string>,
  readyUrl: string,
): Promise<ServiceContainer> {
  await docker(
    'run',
    '-d',
    '--name',
    name,
    '--label',
    TEST_LABEL,
    '--network',
    'host',
    '--health-interval',
    '1s',
    ...Object.entries(env).flatMap(([key, value]) => ['-e', `${key}=${value}`]),
    image,
  );
  const container: ServiceContainer = {
    name,
    logs: () => containerOutput(name),
    health: () => docker('inspect', '--format', '{{.State.Health.Status}}', name),
    remove: () => docker('rm', '-f', name).then(() => undefined),
  };
  try {
    const outcome = await waitFor(
      `${name} at ${readyUrl}`,
      async () => {
        if ((await docker('inspect', '--format', '{{.State.Running}}', name)) !== 'true') return 'stopped';
        const response = await fetch(readyUrl);
        await response.arrayBuffer();
        if (!response.ok) throw new Error(`${readyUrl} answered ${response.status}`);
        return 'ready';
      },
      { timeoutMs: 90_000, everyMs: 250 },
    );
    if (outcome === 'stopped') throw new Error(`${name} stopped before ${readyUrl} answered`);
  } catch (error) {
    const logs = await container.logs();
    await container.remove().catch(() => undefined);
    throw new Error(`${(error as Error).message}\n--- docker logs ${name} ---\n${logs}`);
  }
  return container;
}
