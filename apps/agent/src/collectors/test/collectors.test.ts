import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ZBatchFrameSchema } from '@berth/protocol';
import { docker, dockerAvailability } from '@berth/test-docker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Collectors, createCollectors, createDockerClient, type Drained } from '../index.js';
import { removeOurContainers, runLabelled, shortLivedLabelled, silentLogger, waitFor } from './helpers.js';

const availability = await dockerAvailability();

describe.skipIf(!availability.ok)(
  `collectors facade against the real engine${availability.ok ? '' : ` (skipped: ${availability.reason})`}`,
  () => {
    let dir = '';
    let collectors: Collectors;
    const drained: Drained[] = [];
    const drain = () => {
      const batch = collectors.drain();
      drained.push(batch);
      return batch;
    };
    const allEvents = () => drained.flatMap((batch) => batch.events);
    const allLogs = () => drained.flatMap((batch) => batch.logs);

    beforeAll(async () => {
      dir = await mkdtemp(path.join(tmpdir(), 'berth-collectors-'));
      // A long interval: every collection in these tests is explicit, so "between two polls" is real.
      collectors = createCollectors({
        docker: createDockerClient({}),
        logger: silentLogger,
        statePath: path.join(dir, 'collectors.json'),
        intervalMs: 600_000,
        eventsBackoff: { baseMs: 50, capMs: 200 },
      });
      await collectors.start();
    });

    afterAll(async () => {
      await collectors?.stop();
      await removeOurContainers();
      await rm(dir, { recursive: true, force: true });
    });

    it('starts with a full inventory and a host sample that fit in a valid batch', () => {
      const first = drain();
      expect(first.inventory?.full).toBe(true);
      expect(first.hostSamples).toHaveLength(1);
      const batch = {
        type: 'batch',
        seq: 1,
        sentAt: new Date().toISOString(),
        containerSamples: first.containerSamples,
        hostSamples: first.hostSamples,
        inventory: first.inventory,
        events: first.events,
        logs: first.logs,
        health: [],
      };
      const parsed = ZBatchFrameSchema.safeParse(batch);
      expect(parsed.success ? [] : parsed.error.issues.slice(0, 3)).toEqual([]);
    });

    it('still reports create, start, die and destroy of a container that lived between two polls', async () => {
      const id = await shortLivedLabelled('run');
      await docker('wait', id);
      await docker('rm', id);
      const actions = () =>
        allEvents()
          .filter((event) => event.containerId === id.slice(0, 12))
          .map((event) => event.action);
      await waitFor(() => {
        drain();
        return actions().includes('destroy');
      }, 'the destroy event');
      expect(actions()).toEqual(['create', 'start', 'die', 'destroy']);
    });

    it('follows the logs of a container started after the agent, and samples it from its second reading', async () => {
      const container = await runLabelled('echo hello-from-facade; sleep 300');
      await waitFor(() => {
        drain();
        return allLogs().some((entry) => entry.containerId === container.shortId && 'line' in entry);
      }, 'its log line');
      const line = allLogs().find((entry) => entry.containerId === container.shortId);
      expect(line && 'line' in line ? line.line : undefined).toBe('hello-from-facade');

      await collectors.collectNow();
      expect(drain().containerSamples.some((sample) => sample.containerId === container.shortId)).toBe(false);
      await collectors.collectNow();
      expect(drain().containerSamples.some((sample) => sample.containerId === container.shortId)).toBe(true);
    });

    it('takes a full inventory on refresh and saves log positions at each drain', async () => {
      await collectors.refreshInventory();
      const batch = drain();
      expect(batch.inventory?.full).toBe(true);
      await collectors.collectNow();
      drain();
      await waitFor(async () => {
        const state = JSON.parse(await readFile(path.join(dir, 'collectors.json'), 'utf8').catch(() => '{}'));
        return Object.keys(state.logPositions ?? {}).length > 0 && state.eventsCursor !== undefined;
      }, 'the state file');
    });

    it('gives host facts for hello', async () => {
      const facts = await collectors.hostFacts();
      expect(facts.dockerVersion).toBe(availability.ok ? availability.version : null);
      expect(facts.cpus).toBeGreaterThanOrEqual(1);
    });
  },
);
