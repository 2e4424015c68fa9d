import { type Bus, publishOrgEvent } from '@berth/bus';
import type { BatchFrame } from '@berth/protocol';

/**
 * After a batch committed: its container changes, the newest readings and its check runs, for
 * live views and the alerter.
 * One samples event per batch keeps the stream throttled to the agent's interval.
 */
export async function publishBatchEvents(
  bus: Bus,
  orgId: string,
  hostId: string,
  batch: BatchFrame,
): Promise<void> {
  const at = new Date().toISOString();
  const events: Promise<string>[] = [];
  for (const container of batch.inventory?.containers ?? []) {
    events.push(
      publishOrgEvent(bus, orgId, {
        type: 'container.state',
        hostId,
        containerId: container.id.slice(0, 12),
        name: container.name,
        state: container.state,
        health: container.health,
        removed: false,
        at,
      }),
    );
  }
  for (const shortId of batch.inventory?.removed ?? []) {
    events.push(
      publishOrgEvent(bus, orgId, {
        type: 'container.state',
        hostId,
        containerId: shortId,
        name: '',
        state: 'removed',
        health: 'none',
        removed: true,
        at,
      }),
    );
  }
  const latest = latestReadings(batch);
  const host = batch.hostSamples.at(-1);
  if (host || latest.size > 0) {
    events.push(
      publishOrgEvent(bus, orgId, {
        type: 'samples',
        hostId,
        at,
        host: host
          ? { cpuPct: host.cpuPct, memUsed: host.memUsed, memTotal: host.memTotal, load1: host.load1 }
          : null,
        containers: [...latest.values()],
      }),
    );
  }
  const runs = batch.checkResults ?? [];
  if (runs.length > 0) {
    // The alerter's check rules evaluate on this (a batch of runs may carry no samples).
    events.push(
      publishOrgEvent(bus, orgId, {
        type: 'checks',
        hostId,
        at,
        runs: runs.length,
        down: runs.filter((run) => run.status === 'down').length,
      }),
    );
  }
  await Promise.all(events);
}

type Reading = { containerId: string; cpuPct: number; memBytes: number; memLimit: number };

/**
 * Each container's last reading in the batch, from its rows and then its columns (a columnar
 * batch's samples follow its rows): objects only for the readings published, one per container.
 */
function latestReadings(batch: BatchFrame): Map<string, Reading> {
  const latest = new Map<string, Reading>();
  for (const s of batch.containerSamples) {
    latest.set(s.containerId, {
      containerId: s.containerId,
      cpuPct: s.cpuPct,
      memBytes: s.memBytes,
      memLimit: s.memLimit,
    });
  }
  const columns = batch.containerSampleColumns;
  if (!columns) return latest;
  const lastIndex = new Map<string, number>();
  columns.containerId.forEach((containerId, i) => {
    lastIndex.set(containerId, i);
  });
  for (const [containerId, i] of lastIndex) {
    latest.set(containerId, {
      containerId,
      cpuPct: columns.cpuPct[i] as number,
      memBytes: columns.memBytes[i] as number,
      memLimit: columns.memLimit[i] as number,
    });
  }
  return latest;
}
