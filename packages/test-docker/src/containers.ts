import { randomBytes } from 'node:crypto';
import { ensureBusyboxImage } from './busybox-image.js';
import { docker } from './docker-cli.js';

export type TestContainer = { id: string; shortId: string; name: string; remove(): Promise<void> };

/** Every test container carries this label, so a crashed run's leftovers can be found. */
export const TEST_LABEL = 'berth.test=1';

/**
 * Runs busybox `command` detached; labels name the test run. No network by default; `host` for a
 * container the agent's checks can reach (this engine has no bridge: the host's network is the
 * only one with an address).
 */
export async function runBusybox(
  command: string,
  options: {
    name?: string;
    labels?: Record<string, string>;
    network?: 'none' | 'host';
    extra?: string[];
  } = {},
): Promise<TestContainer> {
  const image = await ensureBusyboxImage();
  const name = options.name ?? `berth-test-${randomBytes(4).toString('hex')}`;
  const labels = Object.entries(options.labels ?? {}).flatMap(([key, value]) => [
    '--label',
    `${key}=${value}`,
  ]);
  const id = await docker(
    'run',
    '-d',
    '--network',
    options.network ?? 'none',
    '--name',
    name,
    '--label',
    TEST_LABEL,
    ...labels,
    ...(options.extra ?? []),
    image,
    'sh',
    '-c',
    command,
  );
  return { id, shortId: id.slice(0, 12), name, remove: () => docker('rm', '-f', id).then(() => undefined) };
}

/**
 * busybox httpd serving `ok` at /health on the host's loopback `port` (run it with
 * `network: 'host'`), the container staying up when the server is stopped (`stopHttpd`).
 */
export function httpdHealthCommand(port: number): string {
  return `mkdir -p /www && echo ok > /www/health && (busybox httpd -f -p 127.0.0.1:${port} -h /www & echo $! > /httpd.pid) && exec sleep 3600`;
}

/** Stops the httpd of `httpdHealthCommand` inside its running container: the target goes away. */
export async function stopHttpd(container: Pick<TestContainer, 'id'>): Promise<void> {
  await docker('exec', container.id, 'sh', '-c', 'kill $(cat /httpd.pid)');
}

/** Removes every container this test tooling started (e.g. after a crashed run). */
export async function removeTestContainers(): Promise<void> {
  const ids = await docker('ps', '-aq', '--filter', `label=${TEST_LABEL}`);
  if (ids) await docker('rm', '-f', ...ids.split('\n'));
}
