import { type LogEntry, ZLogEntrySchema } from '@berth/protocol';
import { dockerAvailability } from '@berth/test-docker';
import { afterAll, describe, expect, it } from 'vitest';
import { createDockerClient } from '../docker/docker-client.js';
import { ContainerLogCollector } from '../logs/container-logs.js';
import { LogBuffer, type LogBufferBounds } from '../logs/log-buffer.js';
import { removeOurContainers, runLabelled, silentLogger, waitFor } from './helpers.js';

const availability = await dockerAvailability();
const client = createDockerClient({});

const LINE = 'x'.repeat(200);

/**
 * Follows `containerIds` into a LogBuffer with `bounds` (no rate cap: the buffer is what is under
 * test), recording the most it ever held.
 */
function followInto(containerIds: string[], bounds: LogBufferBounds) {
  const buffer = new LogBuffer(bounds);
  const most = { entries: 0, bytes: 0 };
  const logs = new ContainerLogCollector(client, {
    logger: silentLogger,
    linesPerSecond: 10_000_000,
    notBeforeNs: 0n,
    onEntry: (entry) => {
      buffer.push(entry);
      const held = buffer.held();
      most.entries = Math.max(most.entries, held.entries);
      most.bytes = Math.max(most.bytes, held.bytes);
    },
  });
  for (const id of containerIds) logs.follow(id);
  const drained: LogEntry[] = [];
  /** Lines kept plus lines reported dropped, for one container, over every drain so far. */
  const accounted = (shortId: string) => {
    drained.push(...buffer.drain().items);
    return drained
      .filter((entry) => entry.containerId === shortId)
      .reduce((sum, entry) => sum + ('dropped' in entry && entry.dropped ? entry.dropped : 1), 0);
  };
  return { buffer, logs, most, drained, accounted };
}

describe.skipIf(!availability.ok)(
  `log bursts against the real engine${availability.ok ? '' : ` (skipped: ${availability.reason})`}`,
  () => {
    afterAll(removeOurContainers);

    it('holds a flood of long lines within the entry and byte bounds and accounts for every line', async () => {
      const flood = await runLabelled(`yes '${LINE}' | head -n 20000; sleep 300`);
      const bounds = { entries: 2_000, bytes: 128 * 1024, perContainer: 5_000 };
      const { logs, most, drained, accounted, buffer } = followInto([flood.id], bounds);
      try {
        // Nothing is drained while the container writes: the buffer alone keeps memory bounded.
        await waitFor(() => {
          const held = buffer.held();
          return held.entries + held.droppedLines >= 20_000;
        }, 'every line held or counted');
        expect(accounted(flood.shortId)).toBe(20_000);
        expect(most.entries).toBeLessThanOrEqual(bounds.entries);
        expect(most.bytes).toBeLessThanOrEqual(bounds.bytes);
        const kept = drained.filter((entry) => 'line' in entry && entry.line !== undefined);
        const markers = drained.filter((entry) => 'dropped' in entry && entry.dropped !== undefined);
        // At most the per-container share was taken in, and of that what fits the byte bound.
        expect(kept.length).toBeLessThanOrEqual(Math.floor(bounds.bytes / (LINE.length + 64)));
        expect(markers.length).toBeGreaterThan(0);
        for (const entry of markers) expect(ZLogEntrySchema.safeParse(entry).success).toBe(true);
        expect(buffer.held()).toEqual({ entries: 0, bytes: 0, droppedLines: 0 });
      } finally {
        logs.stop();
      }
    });

    it('keeps a quiet container’s lines when a noisy one floods (lines per container per interval)', async () => {
      const noisy = await runLabelled(`yes '${LINE}' | head -n 10000; sleep 300`);
      const quiet = await runLabelled('for i in 1 2 3 4 5; do echo quiet-$i; done; sleep 300');
      const bounds = { entries: 1_000, bytes: 1024 * 1024, perContainer: 500 };
      const { logs, most, drained, accounted } = followInto([noisy.id, quiet.id], bounds);
      try {
        await waitFor(
          () => accounted(noisy.shortId) >= 10_000 && accounted(quiet.shortId) >= 5,
          'both containers accounted for',
        );
        expect(accounted(noisy.shortId)).toBe(10_000);
        expect(most.entries).toBeLessThanOrEqual(bounds.entries);
        const quietLines = drained
          .filter((entry) => entry.containerId === quiet.shortId && 'line' in entry)
          .map((entry) => ('line' in entry ? entry.line : ''));
        expect(quietLines).toEqual([1, 2, 3, 4, 5].map((i) => `quiet-${i}`));
      } finally {
        logs.stop();
      }
    });
  },
);
