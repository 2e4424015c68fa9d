import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ContainerEvent } from '@berth/protocol';
import { ZContainerEventSchema } from '@berth/protocol';
import {
  BUSYBOX_IMAGE,
  docker,
  dockerAvailability,
  ensureBusyboxImage,
  TEST_LABEL,
} from '@berth/test-docker';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { silentLogger } from '../cli/logger.js';
import { createDockerClient } from '../collectors/index.js';
import { AUTOHEAL_EVENTS, Autoheal, type AutohealDecision } from './autoheal.js';

const availability = await dockerAvailability();
const engine = createDockerClient({});

/** Every container of this file carries it, so the afterAll removes exactly ours. */
const RUN = `berth.test.autoheal=${randomBytes(4).toString('hex')}`;
/**
 * The auto-restart label of this file's Autoheals and containers, in place of `berth.autoheal`:
 * agents of other suites on the same engine (e2e's) heal `berth.autoheal` containers, and must
 * neither touch these nor have theirs touched by these.
 */
const HEAL = `test-${randomBytes(4).toString('hex')}.autoheal`;
const started: string[] = [];

async function run(labels: Record<string, string>, command: string, extra: string[] = []): Promise<string> {
  const id = await docker(
    'run',
    '-d',
    '--network',
    'none',
    '--label',
    TEST_LABEL,
    '--label',
    RUN,
    ...extra,
    ...Object.entries(labels).flatMap(([key, value]) => ['--label', `${key}=${value}`]),
    BUSYBOX_IMAGE,
    'sh',
    '-c',
    command,
  );
  started.push(id);
  return id;
}

async function inspectState(id: string): Promise<{ Status: string; StartedAt: string; ExitCode: number }> {
  return JSON.parse(await docker('inspect', '--format', '{{json .State}}', id));
}

/** One Autoheal per test (they all see the shared engine's events), with what it decided and recorded. */
async function startAutoheal(readOnly: boolean, statePath?: string) {
  const decisions: AutohealDecision[] = [];
  const events: ContainerEvent[] = [];
  const autoheal = new Autoheal({
    docker: engine,
    log: silentLogger(),
    readOnly,
    label: HEAL,
    onDecision: (d) => decisions.push(d),
    ...(statePath ? { statePath } : {}),
  });
  await autoheal.start();
  current = autoheal;
  return {
    decisions: (id: string) => decisions.filter((d) => d.containerId === id),
    /** Drains, validates against the protocol (as the batch would) and keeps this container's. */
    events: (id: string) => {
      for (const event of autoheal.drain()) events.push(z.parse(ZContainerEventSchema, event));
      return events.filter((event) => event.containerId === id.slice(0, 12));
    },
  };
}
let current: Autoheal | undefined;

afterEach(async () => {
  await current?.stop();
  current = undefined;
});
const stateDirs: string[] = [];
/**
 * For the tests of an agent restart: a state file of their own (removed in the afterAll), an
 * Autoheal started on it (each start is the next agent's), and the entry saved for a container.
 */
async function stateFile() {
  const dir = await mkdtemp(join(tmpdir(), 'berth-autoheal-'));
  stateDirs.push(dir);
  const statePath = join(dir, 'autoheal.json');
  return {
    startAutoheal: () => startAutoheal(false, statePath),
    entry: async (name: string) => JSON.parse(await readFile(statePath, 'utf8')).containers[name],
  };
}
/** A Berth check of the container, down, as LabelChecks hands over a run whose retries ran out. */
function reportDown(id: string): void {
  current?.onCheckResult({
    containerName: 'web',
    containerId: id.slice(0, 12),
    name: 'web',
    kind: 'tcp',
    ts: new Date().toISOString(),
    status: 'down',
    latencyMs: 1,
    slow: false,
    error: 'connection refused',
    certExpiring: false,
    target: '127.0.0.1:1',
  });
}
const containerName = async (id: string) =>
  (await docker('inspect', '--format', '{{.Name}}', id)).replace(/^\//, '');
afterAll(async () => {
  await Promise.allSettled(started.map((id) => docker('rm', '-f', id)));
  await Promise.allSettled(stateDirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

describe.skipIf(!availability.ok)(
  `auto-restart against a real dockerd${availability.ok ? '' : ` (skipped: ${availability.ok ? '' : availability.reason})`}`,
  () => {
    beforeAll(async () => {
      await ensureBusyboxImage();
    });

    it('restarts a container that exits 1 with doubling backoff, then gives up once as a crash loop', async () => {
      const heal = await startAutoheal(false);
      const id = await run(
        {
          [HEAL]: 'on-failure',
          [`${HEAL}.backoff`]: '1s',
          [`${HEAL}.max_attempts`]: '3',
        },
        'exit 1',
      );
      await expect
        .poll(() => heal.decisions(id).some((d) => d.kind === 'gave_up'), { timeout: 30_000, interval: 100 })
        .toBe(true);
      const recorded = heal.events(id);
      const restarts = recorded.filter((event) => event.action === AUTOHEAL_EVENTS.restart);
      expect(restarts.map((event) => event.attributes)).toMatchObject(
        [1, 2, 3].map((attempt) => ({
          actor: 'auto-restart',
          reason: 'exited with code 1',
          attempt: String(attempt),
          max_attempts: '3',
          outcome: 'started',
        })),
      );
      // Measured from the recorded times: each restart waits 1 s, 2 s, 4 s after its death.
      const delays = restarts.map((event) => Number(event.attributes.delay_ms));
      delays.forEach((delay, i) => {
        expect(delay).toBeGreaterThanOrEqual(1000 * 2 ** i - 20);
        expect(delay).toBeLessThan(1000 * 2 ** i + 1000);
      });
      const [t1 = 0, t2 = 0, t3 = 0] = restarts.map((event) => Date.parse(event.ts));
      const [gap1, gap2] = [t2 - t1, t3 - t2];
      // Restart to restart is the container's short run plus the next, doubled wait: it grows, and
      // never undercuts that wait (the run's length depends on the machine's load, so no ratio).
      expect(gap2).toBeGreaterThan(gap1);
      expect(gap1).toBeGreaterThanOrEqual(delays[1] ?? 0);
      expect(gap2).toBeGreaterThanOrEqual(delays[2] ?? 0);
      if (process.env.AUTOHEAL_TIMINGS) console.log({ delays, gaps: [gap1, gap2] });
      // The crash-loop signal, once; the container is left exited.
      const gaveUp = recorded.filter((event) => event.action === AUTOHEAL_EVENTS.gaveUp);
      expect(gaveUp).toHaveLength(1);
      expect(gaveUp[0]?.attributes).toMatchObject({
        actor: 'auto-restart',
        attempts: '3',
        reason: 'exited with code 1',
      });
      expect(Date.parse(gaveUp[0]?.ts ?? '')).toBeGreaterThanOrEqual(t3);
      expect((await inspectState(id)).Status).toBe('exited');
      expect(
        heal
          .decisions(id)
          .filter((d) => d.kind === 'scheduled')
          .map((d) => d.reason),
      ).toHaveLength(3);
    });

    it('continues the count after an agent restart mid-backoff, and gives up once after max_attempts in total', async () => {
      const state = await stateFile();
      const first = await state.startAutoheal();
      const id = await run(
        {
          [HEAL]: 'on-failure',
          [`${HEAL}.backoff`]: '1s',
          [`${HEAL}.max_attempts`]: '3',
        },
        'exit 1',
      );
      const name = await containerName(id);
      // The agent stops while the second restart waits its 2 s: one restart issued, one pending.
      await expect
        .poll(() => first.decisions(id).filter((d) => d.kind === 'scheduled').length, { timeout: 20_000 })
        .toBe(2);
      const before = first.events(id);
      await current?.stop();
      expect(before.map((event) => [event.action, event.attributes.attempt])).toEqual([
        [AUTOHEAL_EVENTS.restart, '1'],
      ]);
      expect((await inspectState(id)).Status).toBe('exited');
      const saved = await state.entry(name);
      expect(saved).toMatchObject({
        containerId: id,
        gaveUp: false,
        pending: { reason: 'exited with code 1', kind: 'exit' },
      });
      expect(saved.attempts).toHaveLength(1);

      // The restarted agent resumes the pending restart as attempt 2, then gives up after the 3rd.
      const second = await state.startAutoheal();
      await expect
        .poll(() => second.decisions(id).some((d) => d.kind === 'gave_up'), {
          timeout: 30_000,
          interval: 100,
        })
        .toBe(true);
      const after = second.events(id);
      expect(
        after.map((event) => [event.action, event.attributes.attempt ?? event.attributes.attempts]),
      ).toEqual([
        [AUTOHEAL_EVENTS.restart, '2'],
        [AUTOHEAL_EVENTS.restart, '3'],
        [AUTOHEAL_EVENTS.gaveUp, '3'],
      ]);
      // The resumed restart waited what was left of its 2 s after the death, not a fresh 1 s.
      expect(Number(after[0]?.attributes.delay_ms)).toBeGreaterThanOrEqual(2000 - 20);
      await current?.stop();
      expect(await state.entry(name)).toMatchObject({ gaveUp: true });
      expect((await state.entry(name)).pending).toBeUndefined();

      // A third start restores the give-up: nothing is resumed, scheduled or recorded again.
      const third = await state.startAutoheal();
      expect(third.decisions(id)).toEqual([]);
      expect(third.events(id)).toEqual([]);
      expect((await inspectState(id)).Status).toBe('exited');
    });

    it('does not announce a restored give-up again while a running container keeps failing its check', async () => {
      const state = await stateFile();
      const first = await state.startAutoheal();
      const id = await run(
        { [HEAL]: 'unhealthy', [`${HEAL}.backoff`]: '1s', [`${HEAL}.max_attempts`]: '1' },
        'trap "exit 0" TERM; while :; do sleep 0.2; done',
      );
      reportDown(id);
      // (Docker's restart stops it first: that death is "on purpose", skipped.)
      await expect
        .poll(() => first.decisions(id).some((d) => d.kind === 'restarted'), { timeout: 20_000 })
        .toBe(true);
      // Still down after the restart: one restart in the window is the most, so it gives up.
      reportDown(id);
      await expect
        .poll(() => first.events(id).map((event) => event.action), { timeout: 20_000 })
        .toEqual([AUTOHEAL_EVENTS.restart, AUTOHEAL_EVENTS.gaveUp]);
      await current?.stop();

      // The next agent's first down result finds the give-up restored: nothing restarted or recorded.
      const second = await state.startAutoheal();
      reportDown(id);
      await expect
        .poll(() => second.decisions(id), { timeout: 20_000 })
        .toEqual([
          {
            containerId: id,
            kind: 'skipped',
            reason: 'gave up on this run: waiting for someone to start it',
          },
        ]);
      expect(second.events(id)).toEqual([]);
      expect((await inspectState(id)).Status).toBe('running');
    });

    it('drops a saved restart when someone else started the container while the agent was down', async () => {
      const state = await stateFile();
      const first = await state.startAutoheal();
      // An hour's backoff: the restart is still pending when the agent stops.
      const id = await run(
        {
          [HEAL]: 'on-failure',
          [`${HEAL}.backoff`]: '1h',
          [`${HEAL}.backoff_max`]: '1h',
        },
        'exit 1',
      );
      await expect
        .poll(() => first.decisions(id).map((d) => d.kind), { timeout: 20_000 })
        .toEqual(['scheduled']);
      await current?.stop();
      const name = await containerName(id);
      expect(await state.entry(name)).toMatchObject({ pending: {} });
      // While no agent runs, someone starts it (it fails again): that run is theirs.
      const startedAt = (await inspectState(id)).StartedAt;
      await docker('start', id);
      await expect.poll(async () => (await inspectState(id)).StartedAt).not.toBe(startedAt);
      // Restoring is done when start() resolves: nothing was resumed, and the entry is gone.
      const second = await state.startAutoheal();
      expect(second.decisions(id)).toEqual([]);
      expect(await state.entry(name)).toBeUndefined();
    });

    it('heals a container without labels by the policy pushed for its name; labels win over a pushed policy', async () => {
      const heal = await startAutoheal(false);
      const suffix = randomBytes(4).toString('hex');
      const [pushed, labelled] = [`berth-test-heal-pushed-${suffix}`, `berth-test-heal-labelled-${suffix}`];
      const policy = {
        mode: 'on-failure',
        maxAttempts: 1,
        windowMs: 60_000,
        backoffMs: 1000,
        backoffMaxMs: 1000,
      } as const;
      current?.setConfigured([
        { containerName: pushed, ...policy },
        { containerName: labelled, ...policy },
      ]);
      const offByLabel = await run({ [HEAL]: 'off' }, 'exit 1', ['--name', labelled]);
      const id = await run({}, 'exit 1', ['--name', pushed]);
      await expect
        .poll(() => heal.decisions(id).some((d) => d.kind === 'gave_up'), { timeout: 30_000, interval: 100 })
        .toBe(true);
      const restarts = heal.events(id).filter((event) => event.action === AUTOHEAL_EVENTS.restart);
      expect(restarts.map((event) => [event.attributes.attempt, event.attributes.max_attempts])).toEqual([
        ['1', '1'],
      ]);
      // Its `berth.autoheal=off` label wins: it died first and was never touched.
      expect(heal.decisions(offByLabel)).toEqual([]);
      expect(heal.events(offByLabel)).toEqual([]);
      expect((await inspectState(offByLabel)).Status).toBe('exited');
    });

    it('respects docker stop on a healed container: the death after a stop request is not restarted', async () => {
      const heal = await startAutoheal(false);
      // Fails on its first run, stays up once restarted (its writable layer keeps the marker).
      const id = await run(
        { [HEAL]: 'on-failure', [`${HEAL}.backoff`]: '1s' },
        'if [ -f /healed ]; then exec sleep 600; fi; touch /healed; exit 3',
      );
      await expect
        .poll(() => heal.events(id).map((event) => event.attributes.outcome), { timeout: 20_000 })
        .toEqual(['started']);
      await expect.poll(async () => (await inspectState(id)).Status).toBe('running');
      await docker('stop', '-t', '0', id);
      await expect
        .poll(() => heal.decisions(id).at(-1), { timeout: 20_000 })
        .toEqual({
          containerId: id,
          kind: 'skipped',
          reason: 'stopped on purpose (a kill or stop was requested)',
        });
      const state = await inspectState(id);
      expect(state).toMatchObject({ Status: 'exited', ExitCode: 137 });
      expect(heal.decisions(id).filter((d) => d.kind === 'scheduled')).toHaveLength(1);
      expect(heal.events(id)).toHaveLength(1);
    });

    it('never restarts on a read-only agent', async () => {
      const heal = await startAutoheal(true);
      const id = await run({ [HEAL]: 'on-failure', [`${HEAL}.backoff`]: '1s' }, 'exit 1');
      await expect
        .poll(() => heal.decisions(id), { timeout: 20_000 })
        .toEqual([{ containerId: id, kind: 'skipped', reason: 'the agent is read-only' }]);
      expect(heal.events(id)).toEqual([]);
      expect((await inspectState(id)).Status).toBe('exited');
    });

    it("leaves a container with Docker's restart policy always to Docker", async () => {
      const heal = await startAutoheal(false);
      const id = await run({ [HEAL]: 'on-failure', [`${HEAL}.backoff`]: '1s' }, 'exit 1', [
        '--restart',
        'always',
      ]);
      await expect
        .poll(() => heal.decisions(id)[0], { timeout: 20_000 })
        .toEqual({
          containerId: id,
          kind: 'skipped',
          reason: 'Docker\'s restart policy "always" restarts it',
        });
      // Docker restarts it on its own; Berth neither schedules nor records anything.
      await expect
        .poll(async () => Number(await docker('inspect', '--format', '{{.RestartCount}}', id)), {
          timeout: 20_000,
        })
        .toBeGreaterThan(0);
      expect(heal.decisions(id).every((d) => d.kind === 'skipped')).toBe(true);
      expect(heal.events(id)).toEqual([]);
    });

    it('reports a bad label by name once, and does not restart', async () => {
      const heal = await startAutoheal(false);
      const id = await run({ [HEAL]: 'on-failure', [`${HEAL}.backoff`]: 'fast' }, 'exit 1');
      await expect
        .poll(() => heal.events(id).map((event) => event.action), { timeout: 20_000 })
        .toEqual([AUTOHEAL_EVENTS.invalidLabel]);
      expect(heal.events(id)[0]?.attributes).toMatchObject({
        actor: 'auto-restart',
        label: `${HEAL}.backoff`,
        error: 'expected a duration like 30s, 1m or 1m30s',
      });
      expect(heal.decisions(id).map((d) => d.kind)).toEqual(['skipped']);
      expect((await inspectState(id)).Status).toBe('exited');
    });

    it('restarts a container Docker reports unhealthy when its label says unhealthy', async () => {
      const heal = await startAutoheal(false);
      const id = await run(
        { [HEAL]: 'unhealthy', [`${HEAL}.backoff`]: '1s', [`${HEAL}.max_attempts`]: '1' },
        'trap "exit 0" TERM; while :; do sleep 0.2; done',
        ['--health-cmd', 'false', '--health-interval', '1s', '--health-retries', '1'],
      );
      const before = (await inspectState(id)).StartedAt;
      await expect
        .poll(() => heal.events(id).find((event) => event.action === AUTOHEAL_EVENTS.restart)?.attributes, {
          timeout: 30_000,
        })
        .toMatchObject({
          actor: 'auto-restart',
          reason: 'Docker health check reports unhealthy',
          outcome: 'started',
        });
      const after = await inspectState(id);
      expect(after.Status).toBe('running');
      expect(Date.parse(after.StartedAt)).toBeGreaterThan(Date.parse(before));
    });
    it('restarts a running container whose Berth check is down when its label says unhealthy', async () => {
      const heal = await startAutoheal(false);
      const id = await run(
        { [HEAL]: 'unhealthy', [`${HEAL}.backoff`]: '1s' },
        'trap "exit 0" TERM; while :; do sleep 0.2; done',
      );
      const before = (await inspectState(id)).StartedAt;
      // As LabelChecks hands over a run whose retries ran out (its own tests cover the probing).
      reportDown(id);
      await expect
        .poll(() => heal.events(id).find((event) => event.action === AUTOHEAL_EVENTS.restart)?.attributes, {
          timeout: 20_000,
        })
        .toMatchObject({
          actor: 'auto-restart',
          reason: 'Berth check "web" is down: connection refused',
          attempt: '1',
          outcome: 'started',
        });
      const after = await inspectState(id);
      expect(after.Status).toBe('running');
      expect(Date.parse(after.StartedAt)).toBeGreaterThan(Date.parse(before));
    });
  },
);
