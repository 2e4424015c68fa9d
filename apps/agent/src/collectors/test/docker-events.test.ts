import { docker, dockerAvailability } from '@berth/test-docker';
import { afterAll, describe, expect, it } from 'vitest';
import { COLLAPSE_WINDOW_NS, EventCollapser } from '../docker/collapse-events.js';
import { createDockerClient } from '../docker/docker-client.js';
import { type DockerEvent, isRecordedAction, toContainerEvent } from '../docker/docker-event-record.js';
import { DockerEventsWatcher, type EventsGap } from '../docker/docker-events.js';
import { nowNs } from '../docker/docker-time.js';
import {
  removeOurContainers,
  runLabelled,
  shortLivedLabelled,
  silentLogger,
  startSocketProxy,
  waitFor,
} from './helpers.js';

const availability = await dockerAvailability();

function watch(socketPath?: string, resumeFrom?: { timeNs: string; key: string }) {
  const events: DockerEvent[] = [];
  const gaps: EventsGap[] = [];
  const resumes: boolean[] = [];
  const watcher = new DockerEventsWatcher(createDockerClient({ dockerHost: socketPath }), {
    logger: silentLogger,
    onEvent: (event) => events.push(event),
    onGap: (gap) => gaps.push(gap),
    onResumeChecked: ({ continuous }) => resumes.push(continuous),
    resumeFrom,
    backoff: { baseMs: 50, capMs: 200 },
  });
  watcher.start();
  const of = (id: string) => events.filter((event) => event.containerId === id);
  return { watcher, events, gaps, resumes, of };
}

/** Actions of one container's events, without kills (their number depends on signal timing). */
const lifecycle = (events: DockerEvent[]) =>
  events.map((event) => event.action).filter((action) => isRecordedAction(action) && action !== 'kill');

describe.skipIf(!availability.ok)(
  `docker events against the real engine${availability.ok ? '' : ` (skipped: ${availability.reason})`}`,
  () => {
    afterAll(removeOurContainers);

    it('captures start, stop, die, restart and destroy once each, in order', async () => {
      const { watcher, of } = watch();
      try {
        // Until the stream is connected, events are not ours to expect: wait for a marker container.
        const marker = await runLabelled('true');
        await waitFor(() => of(marker.id).length > 0, 'the events stream to connect');
        const target = await runLabelled("trap 'exit 0' TERM; sleep 300 & wait");
        await docker('stop', target.id);
        await docker('start', target.id);
        await docker('restart', target.id);
        await docker('rm', '-f', target.id);
        await waitFor(() => of(target.id).some((event) => event.action === 'destroy'), 'destroy');
        expect(lifecycle(of(target.id))).toEqual([
          'create',
          'start',
          'die',
          'stop',
          'start',
          'die',
          'stop',
          'start',
          'restart',
          'die',
          'destroy',
        ]);
        const keys = of(target.id).map((event) => event.key);
        expect(new Set(keys).size).toBe(keys.length);
      } finally {
        await watcher.stop();
      }
    });

    it('resumes after the engine goes away with no gap and no duplicate', async () => {
      const proxy = await startSocketProxy();
      const { watcher, of, gaps, resumes } = watch(proxy.socketPath);
      try {
        const before = await runLabelled('true');
        await waitFor(
          () => of(before.id).some((event) => event.action === 'die'),
          'events before the outage',
        );
        await proxy.down();
        // While the agent cannot reach the engine, a container comes and goes.
        const during = await shortLivedLabelled('create');
        await docker('rm', during);
        await proxy.up();
        await waitFor(() => of(during).some((event) => event.action === 'destroy'), 'events from the outage');
        expect(lifecycle(of(during))).toEqual(['create', 'destroy']);
        expect(lifecycle(of(before.id))).toEqual(['create', 'start', 'die']);
        await waitFor(() => resumes.length > 0, 'the continuity check after resuming');
        expect(resumes).toEqual([true]);
        expect(gaps).toEqual([]);
      } finally {
        await watcher.stop();
        await proxy.down();
      }
    });

    it('resumes across an agent restart from a saved cursor: what happened while down, nothing twice', async () => {
      const firstRun = watch();
      const before = await runLabelled('true');
      await waitFor(
        () => firstRun.of(before.id).some((event) => event.action === 'die'),
        'events before the restart',
      );
      await firstRun.watcher.stop();
      const cursor = firstRun.watcher.cursor();
      expect(cursor).toBeDefined();

      const whileDown = await runLabelled('true');
      await docker('wait', whileDown.id);
      const secondRun = watch(undefined, cursor);
      try {
        await waitFor(
          () => secondRun.of(whileDown.id).some((event) => event.action === 'die'),
          'events while down',
        );
        await waitFor(() => secondRun.resumes.length > 0, 'the continuity check');
        expect(lifecycle(secondRun.of(whileDown.id))).toEqual(['create', 'start', 'die']);
        expect(secondRun.of(before.id)).toEqual([]);
        expect(secondRun.resumes).toEqual([true]);
      } finally {
        await secondRun.watcher.stop();
      }
    });

    it('reports a gap when the engine no longer holds the event it would resume from', async () => {
      const resumeFrom = { timeNs: (nowNs() - 600_000_000_000n).toString(), key: 'f'.repeat(64) };
      const { watcher, gaps } = watch(undefined, resumeFrom);
      try {
        const [gap] = await waitFor(() => gaps.length > 0 && gaps, 'a gap report');
        expect(gap?.reason).toBe('engine_forgot_cursor');
        expect((gap?.from ?? '') < (gap?.to ?? '')).toBe(true);
      } finally {
        await watcher.stop();
      }
    });

    it('collapses a crash loop into start/die records whose counts add up to every start', async () => {
      const { watcher, of } = watch();
      try {
        const loop = await runLabelled('exit 1', { extra: ['--restart', 'always'] });
        const starts = () => of(loop.id).filter((event) => event.action === 'start');
        await waitFor(() => starts().length >= 4, 'four starts of the crash loop');
        await docker('rm', '-f', loop.id);
        const buffer = new EventCollapser();
        for (const event of of(loop.id))
          if (isRecordedAction(event.action)) buffer.add(toContainerEvent(event), event.timeNs);
        const records = buffer.drain().items.filter((record) => record.action === 'start');
        // How far apart Docker's restarts land depends on the machine's load (its backoff
        // starts at 100 ms, a start on a busy host can take longer than the 1 s window), so
        // the expected records come from the real gaps: one per start more than a window
        // after the previous one. Nothing is lost either way.
        const times = starts().map((event) => event.timeNs);
        const breaks = times
          .slice(1)
          .filter((time, i) => time - (times[i] as bigint) > COLLAPSE_WINDOW_NS).length;
        expect(records.length).toBe(1 + breaks);
        expect(records.reduce((sum, record) => sum + record.count, 0)).toBe(starts().length);
      } finally {
        await watcher.stop();
      }
    });
  },
);
