import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ConfigFrame, ConfiguredCheck, ContainerCheckResult } from '@berth/protocol';
import { ZContainerCheckResultSchema } from '@berth/protocol';
import {
  docker,
  dockerAvailability,
  ensureBusyboxImage,
  httpdHealthCommand,
  runBusybox,
} from '@berth/test-docker';
import { afterAll, describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { AUTOHEAL_EVENTS, Autoheal } from '../autoheal/autoheal.js';
import { silentLogger } from '../cli/logger.js';
import { createDockerClient } from '../collectors/index.js';
import { CHECK_CONFIG_FILE, CheckConfigStore } from './check-config-store.js';
import { LabelChecks } from './label-checks.js';

const availability = await dockerAvailability();
const engine = createDockerClient({});

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const containers: string[] = [];
const dirs: string[] = [];
afterAll(async () => {
  await Promise.allSettled(containers.map((id) => docker('rm', '-f', id)));
  await Promise.allSettled(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

/** busybox httpd serving `ok` at /health on the host's loopback `port`, with `labels`. */
/**
 * A busybox httpd on the host network, returned once it answers: a check whose first run came
 * before httpd listened was `down` and ran again only an interval (10 s) later.
 */
async function httpdContainer(name: string, port: number, labels: Record<string, string>): Promise<void> {
  const id = (await runBusybox(httpdHealthCommand(port), { network: 'host', name, labels })).id;
  containers.push(id);
  await expect
    .poll(
      () =>
        fetch(`http://127.0.0.1:${port}/health`).then(
          (r) => r.status,
          () => 0,
        ),
      { timeout: 15_000 },
    )
    .toBe(200);
}

function configured(containerName: string, name: string, target: string): ConfiguredCheck {
  return {
    id: randomUUID(),
    version: 1,
    containerName,
    name,
    kind: 'http',
    target,
    intervalS: 10,
    timeoutMs: 2000,
    retries: 0,
    http: {
      method: 'GET',
      headers: {},
      expectStatus: { min: 200, max: 299 },
      keyword: { mode: 'contains', value: 'ok', caseSensitive: true },
      followRedirects: true,
      skipTlsVerify: false,
      certExpiryWarnDays: 14,
    },
  };
}

describe.skipIf(!availability.ok)(
  `checks pushed by the gateway, next to label checks, on a real dockerd${availability.ok ? '' : ` (skipped: ${availability.ok ? '' : availability.reason})`}`,
  () => {
    it('runs configured checks on labelled and unlabelled containers; a label check of the same name wins, reported once', async () => {
      await ensureBusyboxImage();
      const suffix = randomBytes(4).toString('hex');
      const [labelledPort, plainPort] = [await freePort(), await freePort()];
      const labelled = `berth-test-cfg-l-${suffix}`;
      const plain = `berth-test-cfg-p-${suffix}`;
      await httpdContainer(labelled, labelledPort, {
        'berth.check.web.http': `http://{{ip}}:{{port:${labelledPort}}}/health`,
        'berth.check.web.interval': '10s',
        'berth.check.web.retries': '0',
      });
      await httpdContainer(plain, plainPort, {});

      const checks = new LabelChecks({
        docker: engine,
        log: silentLogger(),
        syncIntervalMs: 3_600_000,
        runner: { random: () => 0 },
      });
      const results: ContainerCheckResult[] = [];
      const collect = () => {
        for (const result of checks.drain().checkResults ?? []) {
          if (result.containerName === labelled || result.containerName === plain)
            results.push(z.parse(ZContainerCheckResultSchema, result));
        }
        return results;
      };
      const of = (container: string, name: string) =>
        results.filter((result) => result.containerName === container && result.name === name);

      await checks.setConfigured([
        // Same container and name as the label check: the label's runs, this one does not.
        configured(labelled, 'web', `http://{{ip}}:{{port:${labelledPort}}}/nothing-here`),
        configured(labelled, 'api', `http://{{ip}}:{{port:${labelledPort}}}/health`),
        configured(plain, 'health', `http://{{ip}}:{{port:${plainPort}}}/health`),
      ]);
      await checks.start();
      await expect
        .poll(() => {
          collect();
          return [
            of(labelled, 'api').at(-1)?.status,
            of(plain, 'health').at(-1)?.status,
            of(labelled, 'web').some((result) => result.status === 'up'),
          ];
        })
        .toEqual(['up', 'up', true]);
      expect(of(plain, 'health').at(-1)).toMatchObject({
        kind: 'http',
        statusCode: 200,
        target: `http://127.0.0.1:${plainPort}/health`,
      });
      // The label's target, not the configured one (which would be a 404).
      expect(
        of(labelled, 'web')
          .filter((result) => result.status === 'up')
          .at(-1),
      ).toMatchObject({
        target: `http://127.0.0.1:${labelledPort}/health`,
      });
      const overridden = of(labelled, 'web').filter((result) => result.status === 'down');
      expect(overridden).toHaveLength(1);
      expect(overridden[0]?.error).toBe(
        `the container's label check "web" (berth.check.*) overrides the check of that name defined in Berth, which does not run here`,
      );

      // Read again: the override is not reported twice.
      await checks.sync();
      collect();
      expect(of(labelled, 'web').filter((result) => result.status === 'down')).toHaveLength(1);
      checks.stop();
    });

    it('restarts a container whose pushed check is down under a pushed `unhealthy` policy, wired as main.ts wires them', async () => {
      await ensureBusyboxImage();
      const name = `berth-test-cfg-heal-${randomBytes(4).toString('hex')}`;
      const port = await freePort();
      await httpdContainer(name, port, {});
      const id = (await docker('inspect', '--format', '{{.Id}}', name)).trim();
      const before = JSON.parse(await docker('inspect', '--format', '{{json .State}}', name))
        .StartedAt as string;
      // A label of its own: it heals by the pushed policy only, never another suite's labelled containers.
      const autoheal = new Autoheal({
        docker: engine,
        log: silentLogger(),
        readOnly: false,
        label: `test-${randomBytes(4).toString('hex')}.autoheal`,
      });
      autoheal.setConfigured([
        {
          containerName: name,
          mode: 'unhealthy',
          maxAttempts: 3,
          windowMs: 600_000,
          backoffMs: 1000,
          backoffMaxMs: 1000,
        },
      ]);
      await autoheal.start();
      const checks = new LabelChecks({
        docker: engine,
        log: silentLogger(),
        syncIntervalMs: 3_600_000,
        runner: { random: () => 0 },
        onResult: (result) => autoheal.onCheckResult(result),
      });
      try {
        // No label on the container: both the check and the policy come from Berth. /missing is a 404.
        await checks.setConfigured([configured(name, 'health', `http://{{ip}}:{{port:${port}}}/missing`)]);
        await checks.start();
        const restarts: { attributes: Record<string, string> }[] = [];
        await expect
          .poll(
            () => {
              // Every Autoheal sees the whole engine (other test files' labelled containers too): keep ours.
              for (const event of autoheal.drain())
                if (event.action === AUTOHEAL_EVENTS.restart && event.containerId === id.slice(0, 12))
                  restarts.push(event);
              return restarts[0]?.attributes;
            },
            { timeout: 20_000 },
          )
          .toMatchObject({ actor: 'auto-restart', attempt: '1', outcome: 'started' });
        expect(restarts[0]?.attributes.reason).toMatch(/^Berth check "health" is down: /);
        const after = JSON.parse(await docker('inspect', '--format', '{{json .State}}', name));
        expect(after.Status).toBe('running');
        expect(Date.parse(after.StartedAt)).toBeGreaterThan(Date.parse(before));
      } finally {
        checks.stop();
        await autoheal.stop();
      }
    });
  },
);

describe('the persisted check config', () => {
  it('survives a save and load, replaces the file atomically, and ignores a file that does not validate', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'berth-check-config-'));
    dirs.push(dir);
    const store = new CheckConfigStore(dir, silentLogger());
    expect(await store.load()).toBeNull();
    const frame: ConfigFrame = {
      type: 'config',
      version: 4,
      checks: [configured('web', 'api', 'http://{{ip}}/')],
    };
    await store.save(frame);
    expect(await store.load()).toEqual(frame);
    await store.save({ ...frame, version: 5, checks: [] });
    expect(await store.load()).toEqual({ type: 'config', version: 5, checks: [] });
    expect(await readdir(dir)).toEqual([CHECK_CONFIG_FILE]);

    await writeFile(path.join(dir, CHECK_CONFIG_FILE), JSON.stringify({ ...frame, version: -1 }));
    expect(await store.load()).toBeNull();
    await writeFile(path.join(dir, CHECK_CONFIG_FILE), '{not json');
    expect(await store.load()).toBeNull();
  });
});
