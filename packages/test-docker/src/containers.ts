import { randomBytes } from 'node:crypto';
import { ensureBusyboxImage } from './busybox-image.js';
import { docker } from './docker-cli.js';

export type TestContainer = { id: string; shortId: string; name: string; remove(): Promise<void> };

/** Every test container carries this label, so a crashed run's leftovers can be found. */
export const TEST_LABEL = 'berth.test=1';

/** Runs busybox `command` detached with no network; labels name the test run. */
export async function runBusybox(
  command: string,
  options: { name?: string; labels?: Record<string, string>; extra?: string[] } = {},
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
    'none',
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

/** Removes every container this test tooling started (e.g. after a crashed run). */
export async function removeTestContainers(): Promise<void> {
  const ids = await docker('ps', '-aq', '--filter', `label=${TEST_LABEL}`);
  if (ids) await docker('rm', '-f', ...ids.split('\n'));
}
