import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ActionFrame, ActionProgressFrame, ActionResultFrame } from '@berth/protocol';
import {
  type AnonymousRegistry,
  commitBusyboxVariant,
  docker,
  dockerAvailability,
  localRegistryUnavailable,
  startAnonymousRegistry,
  TEST_LABEL,
} from '@berth/test-docker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../cli/logger.js';
import { type ContainerInspect, createDockerClient } from '../../collectors/index.js';
import { ActionJournal } from '../action-journal.js';
import { executeAction } from '../execute-action.js';

const availability = await dockerAvailability();
const skipReason = !availability.ok ? availability.reason : localRegistryUnavailable();
const engine = createDockerClient({});
const suffix = `${process.pid}-${Date.now()}`;
const network = `berth-update-net-${suffix}`;
let registry: AnonymousRegistry;
let dir = '';
const cleanup: string[][] = [];
const images: string[] = [];

beforeAll(async () => {
  if (skipReason) return;
  registry = await startAnonymousRegistry();
  dir = await mkdtemp(path.join(tmpdir(), 'berth-update-'));
  await docker('network', 'create', network);
});
afterAll(async () => {
  if (skipReason) return;
  // In the order pushed: a container before the volumes it holds.
  for (const args of cleanup) await docker(...args).catch(() => undefined);
  if (images.length > 0) await docker('rmi', '-f', ...images).catch(() => undefined);
  await docker('network', 'rm', network).catch(() => undefined);
  await registry?.stop();
  await rm(dir, { recursive: true, force: true });
});

/** Commits a busybox variant under `reference`, pushes it, and drops the local tag (so the update pulls). */
async function publish(reference: string, content: string, cmd: string[]): Promise<string> {
  const id = await commitBusyboxVariant(reference, content, cmd);
  images.push(id);
  await docker('push', reference);
  return id;
}

let counter = 0;
async function runUpdate(containerId: string, image: string, healthTimeoutS = 30) {
  counter += 1;
  const frame: ActionFrame = {
    type: 'action',
    id: `00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`,
    verb: 'container.update',
    target: { containerId },
    params: { image, healthTimeoutS, timeoutS: 1 },
    deadline: new Date(Date.now() + 120_000).toISOString(),
  };
  const results: ActionResultFrame[] = [];
  const progress: ActionProgressFrame[] = [];
  const journal = new ActionJournal(path.join(dir, `journal-${counter}.json`));
  await executeAction(frame, {
    docker: engine,
    refreshInventory: async () => {},
    reportProgress: (sent) => void progress.push(sent),
    updateSettleMs: 1_000,
    journal,
    readOnly: false,
    serverNow: Date.now,
    send: (sent) => void results.push(sent),
    logger: silentLogger(),
  });
  return { results, progress, final: results.at(-1) };
}

/** What must survive a recreate, field by field, from `docker inspect`. */
function configOf(info: ContainerInspect) {
  const host = info.HostConfig as Record<string, unknown>;
  const networks = info.NetworkSettings?.Networks ?? {};
  return {
    name: info.Name,
    env: info.Config.Env,
    cmd: info.Config.Cmd,
    entrypoint: info.Config.Entrypoint,
    labels: info.Config.Labels,
    user: info.Config.User,
    workingDir: info.Config.WorkingDir,
    hostname: info.Config.Hostname,
    healthcheck: info.Config.Healthcheck,
    exposedPorts: info.Config.ExposedPorts,
    restartPolicy: host.RestartPolicy,
    portBindings: host.PortBindings,
    binds: host.Binds,
    networkMode: host.NetworkMode,
    mounts: (info.Mounts ?? [])
      .map((mount) => [mount.Destination, mount.Type, mount.Name ?? mount.Source, mount.RW])
      .sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    networks: Object.fromEntries(
      Object.entries(networks).map(([name, endpoint]) => [
        name,
        (endpoint.Aliases ?? []).filter((alias) => alias !== info.Id.slice(0, 12)).sort(),
      ]),
    ),
  };
}

describe.skipIf(skipReason !== '')(
  `container.update against dockerd and docker-registry${skipReason ? ` (skipped: ${skipReason})` : ''}`,
  () => {
    it('pulls the new digest with progress and recreates the container with identical configuration', async () => {
      const image = `${registry.host}/berth/app:1`;
      const oldId = await publish(image, 'v1', ['sleep', '3600']);
      const name = `berth-update-ok-${suffix}`;
      const volume = `berth-update-vol-${suffix}`;
      const hostDir = await mkdtemp(path.join(dir, 'bind-'));
      cleanup.push(['rm', '-f', name], ['volume', 'rm', '-f', volume]);
      const id = await docker(
        'run',
        '-d',
        '--name',
        name,
        '--label',
        TEST_LABEL,
        '--label',
        'team=shop',
        '--env',
        'GREETING=hello',
        '--env',
        'MODE=prod',
        '--network',
        network,
        '--network-alias',
        'web',
        '--network-alias',
        'shop-web',
        '-p',
        '127.0.0.1:0:8080',
        '--restart',
        'unless-stopped',
        '--health-cmd',
        'cat /version',
        '--health-interval',
        '1s',
        '--health-retries',
        '3',
        '--workdir',
        '/tmp',
        '--user',
        '0:0',
        '--hostname',
        'shop-web-1',
        '-v',
        `${volume}:/data`,
        '-v',
        `${hostDir}:/config:ro`,
        '-v',
        '/cache',
        image,
        'sleep',
        '7200',
      );
      const before = await engine.container(id).inspect();
      // The tag moves to a new digest in the registry; locally only the old image remains.
      const newId = await publish(image, 'v2', ['sleep', '3600']);
      await docker('rmi', image);
      expect(newId).not.toBe(oldId);

      const { results, progress, final } = await runUpdate(id, image);
      expect(final?.status, final?.output).toBe('succeeded');
      expect(results.map((result) => result.status)).toEqual(['running', 'succeeded']);
      expect(final?.output).toMatch(
        /^updated .* to .*:1 \(sha256:[0-9a-f]{64}\); new container [0-9a-f]{12}, healthy/,
      );
      const stages = [...new Set(progress.map((frame) => frame.stage))];
      expect(stages).toEqual([
        'pulling',
        'stopping',
        'creating',
        'starting',
        'waiting_healthy',
        'cleaning_up',
      ]);
      expect(progress.filter((frame) => frame.stage === 'pulling').at(-1)?.percent).toBe(100);

      const after = await engine.container(name).inspect();
      expect(after.Id).not.toBe(id);
      expect(after.Image).toBe(newId);
      expect(after.State.Running).toBe(true);
      expect(configOf(after)).toEqual(configOf(before));
      // The anonymous volume is the old one, mounted by name: its data stays.
      const anonymous = (before.Mounts ?? []).find((mount) => mount.Destination === '/cache');
      expect((after.Mounts ?? []).find((mount) => mount.Destination === '/cache')?.Name).toBe(
        anonymous?.Name,
      );
      // Only one container answers to the name; the old one is gone.
      expect(await docker('ps', '-aq', '--filter', `name=^${name}`)).toBe(after.Id.slice(0, 12));
      if (anonymous?.Name) cleanup.push(['volume', 'rm', '-f', anonymous.Name]);
    });

    it('rolls back when the new image exits at once: the old container runs its old image again', async () => {
      const good = `${registry.host}/berth/app:2`;
      const bad = `${registry.host}/berth/app:3`;
      const goodId = await publish(good, 'good', ['sleep', '3600']);
      await publish(bad, 'bad', ['sh', '-c', 'exit 3']);
      await docker('rmi', bad);
      const name = `berth-update-bad-${suffix}`;
      cleanup.push(['rm', '-f', name]);
      const id = await docker(
        'run',
        '-d',
        '--name',
        name,
        '--label',
        TEST_LABEL,
        '--network',
        'none',
        '--env',
        'KEEP=1',
        good,
      );

      const { progress, final } = await runUpdate(id, bad);
      expect(final?.status).toBe('failed');
      expect(final?.output).toMatch(/failed: the new container stopped \(exit code 3\); rolled back/);
      expect(progress.map((frame) => frame.stage)).toContain('rolling_back');

      const after = await engine.container(name).inspect();
      expect(after.Id).toBe(id);
      expect(after.Image).toBe(goodId);
      expect(after.State.Running).toBe(true);
      expect(await docker('ps', '-aq', '--filter', `name=^${name}`)).toBe(id.slice(0, 12));
    });

    it('fails before touching the container when the image cannot be pulled', async () => {
      const image = `${registry.host}/berth/app:4`;
      await publish(image, 'four', ['sleep', '3600']);
      const name = `berth-update-nopull-${suffix}`;
      cleanup.push(['rm', '-f', name]);
      const id = await docker('run', '-d', '--name', name, '--label', TEST_LABEL, '--network', 'none', image);
      const { final, progress } = await runUpdate(id, `${registry.host}/berth/app:no-such-tag`);
      expect(final?.status).toBe('failed');
      expect(final?.output).toMatch(/no-such-tag/);
      expect(progress.map((frame) => frame.stage)).not.toContain('stopping');
      const after = await engine.container(id).inspect();
      expect([after.Name, after.State.Running]).toEqual([`/${name}`, true]);
    });
  },
);
