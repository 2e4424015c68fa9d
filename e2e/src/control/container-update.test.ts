import { patterns } from '@berth/bus';
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
import { waitFor } from '../support/wait-for.js';
import { type ActionView, type ControlWorld, startControlWorld } from './control-world.js';

const availability = await dockerAvailability();
const skipReason = !availability.ok ? availability.reason : localRegistryUnavailable();

type ProgressEvent = { type: string; actionId?: string; stage?: string; percent?: number | null };

describe.skipIf(skipReason !== '')(
  `container update from the API to a real agent${skipReason ? ` (skipped: ${skipReason})` : ''}`,
  () => {
    let world: ControlWorld;
    let registry: AnonymousRegistry;
    const names: string[] = [];
    const images: string[] = [];
    const events: ProgressEvent[] = [];
    beforeAll(async () => {
      registry = await startAnonymousRegistry();
      world = await startControlWorld('container-update');
      await world.observer.psubscribe(
        patterns.allOrgEvents,
        (event) => void events.push(event as ProgressEvent),
      );
    }, 120_000);
    afterAll(async () => {
      for (const name of names) await docker('rm', '-f', name).catch(() => undefined);
      if (images.length > 0) await docker('rmi', '-f', ...images).catch(() => undefined);
      await world?.close();
      await registry?.stop();
    });

    const view = async (id: string) =>
      (await (await world.call('GET', `/api/v1/actions/${id}`)).json()) as ActionView;

    it('updates a container to a new digest with live progress; viewers and other organisations cannot', async () => {
      const image = `${registry.host}/berth/e2e:1`;
      images.push(await commitBusyboxVariant(image, `one ${Date.now()}`, ['sleep', '3600']));
      await docker('push', image);
      const name = `berth-e2e-update-${Date.now()}`;
      names.push(name);
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
        'A=1',
        image,
      );
      const newImage = await commitBusyboxVariant(image, `two ${Date.now()}`, ['sleep', '3600']);
      images.push(newImage);
      await docker('push', image);
      await docker('rmi', image);
      const url = `/api/v1/hosts/${world.hostId}/containers/${id.slice(0, 12)}/update`;
      await waitFor(
        async () => ((await world.call('GET', url.replace('/update', ''))).status === 200 ? true : undefined),
        {
          what: 'the agent to report the container',
          timeoutMs: 30_000,
        },
      );

      expect((await world.call('POST', url, {}, world.tokens.viewer)).status).toBe(403);
      expect((await world.call('POST', url, {}, world.tokens.stranger)).status).toBe(404);
      const response = await world.call('POST', url, { healthTimeoutS: 20 });
      expect(response.status).toBe(202);
      const { action } = (await response.json()) as { action: ActionView };
      const done = await waitFor(
        async () => {
          const current = await view(action.id);
          return ['succeeded', 'failed', 'timed_out', 'rejected'].includes(current.status)
            ? current
            : undefined;
        },
        { what: 'the update to finish', timeoutMs: 60_000 },
      );
      expect(done.status, done.output ?? '').toBe('succeeded');
      const stages = events.filter(
        (event) => event.type === 'action.progress' && event.actionId === action.id,
      );
      expect(stages.map((event) => event.stage)).toContain('pulling');
      expect(stages.map((event) => event.stage)).toContain('waiting_healthy');
      expect(await docker('inspect', '--format', '{{.Image}} {{.Config.Env}}', name)).toBe(
        `${newImage} [A=1 PATH=/bin]`,
      );
    });
  },
);
