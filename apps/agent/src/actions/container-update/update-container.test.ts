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
import { LabelChecks, type NamedCheck } from '../../checks/label-checks.js';
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
async function runUpdate(
  containerId: string,
  image: string,
  healthTimeoutS = 30,
  containerChecks?: (name: string) => readonly NamedCheck[],
) {
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
    containerChecks,
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

    it('waits for the Berth check on the container: a new image that stays up but fails it is rolled back', async () => {
      // v1 serves HTTP on 8080; v2 stays up (no Docker health check, so Docker's part passes)
      // but serves nothing, so only the container's berth.check label can tell.
      const serving = ['sh', '-c', 'mkdir -p /www && echo ok > /www/health && exec httpd -f -p 8080 -h /www'];
      const image = `${registry.host}/berth/checked:1`;
      const goodId = await publish(image, 'serves', serving);
      const name = `berth-update-checked-${suffix}`;
      cleanup.push(['rm', '-f', name]);
      const id = await docker(
        'run',
        '-d',
        '--name',
        name,
        '--label',
        TEST_LABEL,
        '--label',
        'berth.check.web.http=http://{{ip}}:8080/health',
        '--network',
        network,
        image,
      );
      const checks = new LabelChecks({ docker: engine, log: silentLogger() });
      try {
        await checks.sync();
        expect(checks.checksOf(name).map((check) => check.name)).toEqual(['web']);

        await publish(image, 'silent', ['sleep', '3600']);
        await docker('rmi', image);
        const failed = await runUpdate(id, image, 6, (n) => checks.checksOf(n));
        expect(failed.final?.status).toBe('failed');
        expect(failed.final?.output).toMatch(
          /failed: Berth check web \(.+\) still failing when the health wait ran out; rolled back/,
        );
        const restored = await engine.container(name).inspect();
        expect([restored.Id, restored.Image, restored.State.Running]).toEqual([id, goodId, true]);

        // The same check passing on the new container: the update is kept and says why.
        await publish(image, 'serves-too', serving);
        await docker('rmi', image);
        const passed = await runUpdate(id, image, 30, (n) => checks.checksOf(n));
        expect(passed.final?.status, passed.final?.output).toBe('succeeded');
        expect(passed.final?.output).toMatch(/running for 1 s without a restart; Berth check web up$/);
        expect((await engine.container(name).inspect()).Id).not.toBe(id);
      } finally {
        checks.stop();
      }
    });
  },
);
