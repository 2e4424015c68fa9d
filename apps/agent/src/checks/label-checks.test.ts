import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import net from 'node:net';
import type { ContainerCheckResult } from '@berth/protocol';
import { ZContainerCheckResultSchema } from '@berth/protocol';
import {
  docker,
  dockerAvailability,
  ensureBusyboxImage,
  httpdHealthCommand,
  runBusybox,
  stopHttpd,
} from '@berth/test-docker';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import * as z from 'zod/mini';
import { silentLogger } from '../cli/logger.js';
import { createDockerClient } from '../collectors/index.js';
import { LabelChecks } from './label-checks.js';

const availability = await dockerAvailability();
const engine = createDockerClient({});

/** A port nothing listens on now: bound, noted, released (busybox httpd takes it next). */
async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const containers: string[] = [];
afterAll(async () => {
  await Promise.allSettled(containers.map((id) => docker('rm', '-f', id)));
});

describe.skipIf(!availability.ok)(
  `checks from container labels against a real dockerd${availability.ok ? '' : ` (skipped: ${availability.ok ? '' : availability.reason})`}`,
  () => {
    let name: string;
    let port: number;
    let checks: LabelChecks;
    const results: ContainerCheckResult[] = [];

    beforeAll(async () => {
      await ensureBusyboxImage();
      port = await freePort();
      name = `berth-test-checks-${randomBytes(4).toString('hex')}`;
      // busybox httpd on the host's network (the engine here has no bridge): {{ip}} is 127.0.0.1.
      const labels = {
        'berth.check.web.http': `http://{{ip}}:{{port:${port}}}/health`,
        'berth.check.web.retries': '0',
        'berth.check.web.interval': '10s',
        'berth.check.web.keyword': 'ok',
        'berth.check.tcp': `{{ip}}:${port}`,
        'berth.check.retries': '0',
        'berth.check.interval': '10',
        'berth.check.broken.http': 'http://{{ip}}/',
        'berth.check.broken.interval': '5s',
      };
      const id = (await runBusybox(httpdHealthCommand(port), { network: 'host', name, labels })).id;
      containers.push(id);
    });

    afterEach(() => vi.useRealTimers());

    /** Drains results of our container (the engine is shared with other suites) into `results`. */
    function collect(): ContainerCheckResult[] {
      const drained = checks.drain().checkResults ?? [];
      for (const result of drained) {
        if (result.containerName === name) results.push(z.parse(ZContainerCheckResultSchema, result));
      }
      return results;
    }
    const latest = (check: string) => results.filter((result) => result.name === check).at(-1);

    it('runs the checks its labels define: up while httpd serves, an error naming the bad label', async () => {
      // Timers advance with real time, and the test may jump them a whole interval ahead.
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'], shouldAdvanceTime: true });
      checks = new LabelChecks({
        docker: engine,
        log: silentLogger(),
        syncIntervalMs: 3_600_000,
        runner: { random: () => 0 },
      });
      await checks.start();
      await expect
        .poll(() => {
          collect();
          return [latest('web')?.status, latest('default')?.status, latest('broken')?.status];
        })
        .toEqual(['up', 'up', 'down']);
      const [id] = containers;
      expect(latest('web')).toMatchObject({
        kind: 'http',
        containerId: id?.slice(0, 12),
        statusCode: 200,
        target: `http://127.0.0.1:${port}/health`,
      });
      expect(latest('default')).toMatchObject({ kind: 'tcp', target: `127.0.0.1:${port}` });
      expect(latest('broken')).toMatchObject({
        kind: 'http',
        error: 'label berth.check.broken.interval: expected between 10s and 86400s, got 5s',
        target: '',
      });

      // The same labels read again: the error is not repeated, the checks keep their timers.
      const reported = results.filter((result) => result.name === 'broken').length;
      await checks.sync();
      collect();
      expect(results.filter((result) => result.name === 'broken')).toHaveLength(reported);

      // The server stops; the container keeps running. The next run (an interval on) is down.
      await stopHttpd({ id: name });
      const before = results.length;
      await vi.advanceTimersByTimeAsync(10_000);
      await expect
        .poll(() => {
          collect();
          const since = results.slice(before);
          return ['web', 'default'].map((check) => since.find((result) => result.name === check)?.status);
        })
        .toEqual(['down', 'down']);
      expect(results.slice(before).find((result) => result.name === 'web')).toMatchObject({
        error: 'connection refused',
      });

      // The container stops: its checks say so instead of probing whatever holds the port now.
      await docker('stop', '-t', '0', name);
      await checks.sync();
      const stoppedFrom = results.length;
      await vi.advanceTimersByTimeAsync(10_000);
      await expect
        .poll(() => {
          collect();
          return results.slice(stoppedFrom).find((result) => result.name === 'web')?.error;
        })
        .toBe(`container ${name} is exited`);
      checks.stop();
    });
  },
);
