import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type LogEntry, ZLogEntrySchema } from '@berth/protocol';
import { docker, dockerAvailability } from '@berth/test-docker';
import { afterAll, describe, expect, it } from 'vitest';
import { CollectorStateFile } from '../collector-state.js';
import { createDockerClient } from '../docker/docker-client.js';
import { ContainerLogCollector, type ContainerLogsOptions } from '../logs/container-logs.js';
import { removeOurContainers, runLabelled, silentLogger, waitFor } from './helpers.js';

const availability = await dockerAvailability();
const client = createDockerClient({});

function collect(options: Partial<ContainerLogsOptions> = {}) {
  const entries: LogEntry[] = [];
  // notBeforeNs 0: follow test containers from their first line.
  const logs = new ContainerLogCollector(client, {
    logger: silentLogger,
    onEntry: (entry) => entries.push(entry),
    notBeforeNs: 0n,
    ...options,
  });
  const lines = (id: string) =>
    entries.filter(
      (entry) => entry.containerId === id.slice(0, 12) && 'line' in entry && entry.line !== undefined,
    );
  return { logs, entries, lines };
}

const text = (entries: LogEntry[]) =>
  entries.map((entry) => ('line' in entry ? entry.line : `dropped ${entry.dropped}`));

describe.skipIf(!availability.ok)(
  `container logs against the real engine${availability.ok ? '' : ` (skipped: ${availability.reason})`}`,
  () => {
    afterAll(removeOurContainers);

    it('delivers stdout and stderr lines in order, each with its stream', async () => {
      const container = await runLabelled(
        'for i in 1 2 3 4 5 6; do echo out-$i; sleep 0.02; echo err-$i >&2; sleep 0.02; done; sleep 300',
      );
      const { logs, lines } = collect();
      logs.follow(container.id);
      try {
        await waitFor(() => lines(container.id).length >= 12, 'twelve lines');
        const got = lines(container.id);
        // Docker stamps each stream when its own copier reads the pipe, so across the two streams
        // only the timestamps order the lines (a loaded engine can read err-5 after out-6); within
        // a stream the order is the container's.
        const ofStream = (stream: string) =>
          got.filter((entry) => entry.stream === stream).map((entry) => ('line' in entry ? entry.line : ''));
        expect(ofStream('stdout')).toEqual([1, 2, 3, 4, 5, 6].map((i) => `out-${i}`));
        expect(ofStream('stderr')).toEqual([1, 2, 3, 4, 5, 6].map((i) => `err-${i}`));
        const times = got.map((entry) => entry.ts);
        expect([...times].sort()).toEqual(times);
        for (const entry of got) expect(ZLogEntrySchema.safeParse(entry).success).toBe(true);
      } finally {
        logs.stop();
      }
    });

    it('reads a TTY container (no multiplexing) as stdout lines without carriage returns', async () => {
      const container = await runLabelled('echo tty-1; echo tty-2; sleep 300', { extra: ['-t'] });
      const { logs, lines } = collect();
      logs.follow(container.id);
      try {
        await waitFor(() => lines(container.id).length >= 2, 'two TTY lines');
        expect(lines(container.id).map((entry) => [entry.stream, 'line' in entry ? entry.line : ''])).toEqual(
          [
            ['stdout', 'tty-1'],
            ['stdout', 'tty-2'],
          ],
        );
      } finally {
        logs.stop();
      }
    });

    it('resumes after an agent restart from the state file without duplicating or losing lines', async () => {
      const dir = await mkdtemp(path.join(tmpdir(), 'berth-logs-'));
      const stateFile = new CollectorStateFile(path.join(dir, 'collectors.json'), silentLogger);
      const container = await runLabelled(
        'for i in $(seq 1 40); do echo line-$i; sleep 0.03; done; sleep 300',
      );
      try {
        const first = collect();
        first.logs.follow(container.id);
        await waitFor(() => first.lines(container.id).length >= 10, 'ten lines before the restart');
        first.logs.stop();
        await stateFile.save({ logPositions: first.logs.positions() });
        const delivered = text(first.lines(container.id));
        // The container keeps writing while the agent is down.
        await waitFor(
          async () => (await docker('logs', container.id)).includes('line-40'),
          'the rest of the lines',
        );

        const second = collect({ positions: (await stateFile.load()).logPositions });
        second.logs.follow(container.id);
        await waitFor(
          () => text(second.lines(container.id)).includes('line-40'),
          'the last line after resuming',
        );
        second.logs.stop();
        const all = [...delivered, ...text(second.lines(container.id))];
        expect(all).toEqual(Array.from({ length: 40 }, (_, i) => `line-${i + 1}`));
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });

    it('caps lines per second and reports the rest as dropped counts', async () => {
      const container = await runLabelled('seq 1 1000; sleep 300');
      const { logs, entries } = collect({ linesPerSecond: 100 });
      logs.follow(container.id);
      const ours = () => entries.filter((entry) => entry.containerId === container.shortId);
      const total = () =>
        ours().reduce((sum, entry) => sum + ('dropped' in entry && entry.dropped ? entry.dropped : 1), 0);
      try {
        await waitFor(() => {
          logs.flushDropped();
          return total() >= 1000;
        }, 'all 1000 lines kept or counted');
        const kept = ours().filter((entry) => 'line' in entry && entry.line !== undefined);
        const dropped = ours().filter((entry) => 'dropped' in entry && entry.dropped !== undefined);
        expect(total()).toBe(1000);
        expect(dropped.length).toBeGreaterThan(0);
        // The burst spans one or a few seconds of log time: at most 100 kept lines each.
        const seconds = new Set(kept.map((entry) => entry.ts.slice(0, 19)));
        expect(kept.length).toBeLessThanOrEqual(100 * seconds.size);
        expect(text(kept).slice(0, 3)).toEqual(['1', '2', '3']);
        for (const entry of dropped) expect(ZLogEntrySchema.safeParse(entry).success).toBe(true);
      } finally {
        logs.stop();
      }
    });
  },
);
