import { type BatchFrame, encodeFrame, type InventoryContainer } from '@berth/protocol';
import { makeBatchFrame } from '@berth/protocol/testing';
import { countBatchRows } from '../ingest/encode-copy-rows.js';
import type { AgentPlan } from '../ingest/plan-agents.js';
import type { BenchHost } from '../shared/insert-hosts.js';
import type { AlertsOptions } from './alerts-options.js';
import type { TriggerKind } from './seed-alert-rules.js';

/** One scheduled condition: it becomes true in batch `seq` of host `hostIndex`. */
export type Trigger = {
  kind: TriggerKind;
  hostIndex: number;
  hostId: string;
  /** As insertHosts names hosts (`bench-<n>`, n from 1): the `host` label of the alert. */
  hostName: string;
  /** The `container` label, or null for a host condition. */
  containerName: string | null;
  seq: number;
};

export type AlertPlan = {
  agents: AgentPlan[];
  triggers: Trigger[];
  totalRows: number;
  /** Rows per time-series table, to check what was stored. */
  tableRows: {
    container_samples: number;
    host_samples: number;
    container_events: number;
    container_logs: number;
  };
};

const KINDS: readonly TriggerKind[] = ['container_cpu', 'host_cpu', 'container_died', 'log_line'];

/** The line the log_pattern rule that fires looks for. */
export const TRIGGER_LOG_LINE = 'FATAL bench-trigger: worker pool exhausted';

/** How far behind the wall clock a batch is stamped when it leaves, and the least step between two. */
const STAMP_BEHIND_MS = 2_000;
const STAMP_STEP_MS = 50;

/**
 * Every agent's batches as bench:ingest makes them (makeBatchFrame), with readings tamed so that
 * no rule holds by chance (container CPU ≤ 54 %, host CPU ≤ 50 %, every container running) and
 * conditions switched on on a schedule: every `triggerHostEvery`-th host takes each of four
 * conditions once — a container's CPU at 99 %, the host's CPU at 99 %, a container exiting with
 * code 1 (a partial inventory), a log line the log rule matches — the first at batch
 * `firstTrigger` + (the host's ordinal mod `triggerEvery`), so trigger hosts do not all fire at
 * once, then one every `triggerEvery` batches. A condition holds from its batch to the end of
 * the run: streaming as fast as the gateway acks, a batch takes a fraction of the agent's real
 * 10 s, and the alerter reads the newest readings, so a condition that cleared a few batches
 * later would often be gone before it looked.
 *
 * Unlike bench:ingest, each frame is made and encoded as it is sent, stamped 2 s before that
 * moment (at least 50 ms after the host's previous batch): the alerter reads readings of the
 * last 3 agent intervals (30 s) up to its own `now`, so frames stamped at planning time would be
 * stale, or ahead of the clock, by the time it looks. Rows per batch do not depend on the stamp
 * and are counted here.
 */
export function planAlertAgents(hosts: readonly BenchHost[], options: AlertsOptions): AlertPlan {
  const triggers: Trigger[] = [];
  const tableRows = { container_samples: 0, host_samples: 0, container_events: 0, container_logs: 0 };
  let totalRows = 0;
  const agents = hosts.map((host, hostIndex): AgentPlan => {
    const ordinal = hostIndex / options.triggerHostEvery;
    const mine: HostTrigger[] = Number.isInteger(ordinal)
      ? triggerSeqsOf(ordinal, options).map((seq, k) => {
          const kind = KINDS[(k + ordinal) % KINDS.length] ?? 'container_cpu';
          const containerIndex = (ordinal + seq) % options.containers;
          return {
            kind,
            hostIndex,
            hostId: host.hostId,
            hostName: `bench-${hostIndex + 1}`,
            containerName: kind === 'host_cpu' ? null : containerNameAt(options.containers, containerIndex),
            seq,
            containerIndex,
          };
        })
      : [];
    triggers.push(...mine.map(({ containerIndex: _, ...trigger }) => trigger));
    const make = (seq: number, at: number) => makeAgentFrame(hostIndex, seq, at, options.containers, mine);
    const rows: number[] = [];
    for (let seq = 1; seq <= options.batches; seq += 1) {
      const frame = make(seq, Date.now());
      rows.push(countBatchRows(frame));
      totalRows += countBatchRows(frame);
      tableRows.container_samples += frame.containerSamples.length;
      tableRows.host_samples += frame.hostSamples.length;
      tableRows.container_events += frame.events.length + frame.health.length;
      tableRows.container_logs += frame.logs.length;
    }
    let lastAt = 0;
    const frameAt = (index: number) => {
      const at = Math.max(Date.now() - STAMP_BEHIND_MS, lastAt + STAMP_STEP_MS);
      lastAt = at;
      return encodeFrame(make(index + 1, at));
    };
    return { host, frames: [], rows, frameAt };
  });
  return { agents, triggers, totalRows, tableRows };
}

type HostTrigger = Trigger & { containerIndex: number };

/** Batch `seq` of host `hostIndex` whose host sample is stamped `at`, its triggers applied. */
function makeAgentFrame(
  hostIndex: number,
  seq: number,
  at: number,
  containers: number,
  triggers: readonly HostTrigger[],
): BatchFrame {
  const needsInventory = seq === 1 || triggers.some((t) => t.kind === 'container_died' && t.seq === seq);
  const frame = makeBatchFrame({
    seq,
    seed: hostIndex + 1,
    containers,
    baseTime: at - seq * 10_000,
    inventory: needsInventory ? 'full' : 'none',
  });
  const inventory = frame.inventory?.containers ?? [];
  tame(frame, seq);
  for (const trigger of triggers) applyTrigger(frame, inventory, trigger, seq);
  return frame;
}

/** Up to one batch per kind, spread over the run by the host's ordinal among trigger hosts. */
function triggerSeqsOf(ordinal: number, options: AlertsOptions): number[] {
  const seqs: number[] = [];
  let seq = options.firstTrigger + (ordinal % options.triggerEvery);
  for (; seqs.length < KINDS.length && seq <= options.batches; seq += options.triggerEvery) seqs.push(seq);
  return seqs;
}

/** The name makeBatchFrame gives container `index` (shop-<service>-<index + 1>). */
function containerNameAt(containers: number, index: number): string {
  const frame = makeBatchFrame({ containers, seq: 1 });
  const name = frame.inventory?.containers[index]?.name;
  if (!name) throw new Error(`no container ${index}`);
  return name;
}

/** Readings no rule breaches, every container running; the full inventory in batch 1 only. */
function tame(frame: BatchFrame, seq: number): void {
  for (const sample of frame.containerSamples) sample.cpuPct = Math.round(sample.cpuPct * 300) / 1000;
  for (const sample of frame.hostSamples) sample.cpuPct = Math.round(sample.cpuPct * 500) / 1000;
  if (seq === 1 && frame.inventory) {
    for (const container of frame.inventory.containers) {
      container.state = 'running';
      container.exitCode = null;
      container.finishedAt = null;
    }
  } else {
    delete frame.inventory;
  }
}

function applyTrigger(
  frame: BatchFrame,
  inventory: readonly InventoryContainer[],
  trigger: HostTrigger,
  seq: number,
): void {
  const hot = seq >= trigger.seq;
  const sample = frame.containerSamples[trigger.containerIndex];
  if (!sample) throw new Error(`no sample for container ${trigger.containerIndex}`);
  switch (trigger.kind) {
    case 'container_cpu':
      if (hot) sample.cpuPct = 99;
      return;
    case 'host_cpu':
      for (const host of frame.hostSamples) if (hot) host.cpuPct = 99;
      return;
    case 'log_line':
      if (seq === trigger.seq) {
        frame.logs.push({
          containerId: sample.containerId,
          ts: sample.ts,
          stream: 'stderr',
          line: TRIGGER_LOG_LINE,
        });
      }
      return;
    case 'container_died': {
      if (seq !== trigger.seq) return;
      const container = inventory[trigger.containerIndex];
      if (!container) throw new Error(`no inventory entry for container ${trigger.containerIndex}`);
      // A partial inventory, as the agent sends when a container changed.
      frame.inventory = {
        full: false,
        containers: [{ ...container, state: 'exited', exitCode: 1, finishedAt: sample.ts }],
        removed: [],
      };
      return;
    }
  }
}
