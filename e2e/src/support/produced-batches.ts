import { type BatchCounts, COUNT_KEYS, countBatchItems } from './batch-counts.js';
import type { ManagedProcess } from './managed-process.js';

/** What the agent put in its spool, from its own log across runs (and spool files where needed). */
export type Produced = {
  /** Every seq the agent spooled, with what it held. */
  batches: Map<number, BatchCounts>;
  /** Seqs the agent dropped unsent: spool overflow, or a batch the gateway kept refusing. */
  dropped: Set<number>;
  /** Sum of `droppedBatches` over the agent's "spool full" warnings. */
  droppedReported: number;
  /** Seqs known only from a spool file (their log line was lost with a SIGKILL). */
  fromSpoolFiles: number[];
  /** Contradictions (a seq spooled twice with different content): each one is a bug. */
  conflicts: string[];
};

/** Reads the agents' "batch spooled" lines and drop warnings; `spoolFiles` fill in lost lines. */
export function tallyProduced(
  agents: readonly ManagedProcess[],
  spoolFiles: ReadonlyMap<number, BatchCounts> = new Map(),
): Produced {
  const produced: Produced = {
    batches: new Map(),
    dropped: new Set(),
    droppedReported: 0,
    fromSpoolFiles: [],
    conflicts: [],
  };
  for (const agent of agents) {
    for (const record of agent.records('batch spooled')) {
      remember(produced, Number(record.seq), countBatchItems(record), agent.name);
    }
    for (const record of agent.records('spool full; dropped the oldest batches'))
      noteOverflow(produced, record);
    for (const record of agent.records('batch moved aside as rejected; reported as a gap')) {
      produced.dropped.add(Number(record.seq));
    }
  }
  for (const [seq, counts] of spoolFiles) {
    if (!produced.batches.has(seq)) produced.fromSpoolFiles.push(seq);
    remember(produced, seq, counts, 'spool file');
  }
  return produced;
}

function remember(produced: Produced, seq: number, counts: BatchCounts, source: string): void {
  const known = produced.batches.get(seq);
  if (known && COUNT_KEYS.some((key) => known[key] !== counts[key])) {
    produced.conflicts.push(
      `seq ${seq} spooled twice: ${JSON.stringify(known)} vs ${JSON.stringify(counts)} (${source})`,
    );
  }
  produced.batches.set(seq, counts);
}

function noteOverflow(produced: Produced, record: Record<string, unknown>): void {
  const from = Number(record.fromSeq);
  const to = Number(record.toSeq);
  const count = Number(record.droppedBatches);
  produced.droppedReported += count;
  if (to - from + 1 !== count) {
    produced.conflicts.push(`overflow record names ${count} batches but seqs ${from}…${to}`);
  }
  for (let seq = from; seq <= to; seq += 1) produced.dropped.add(seq);
}

export function maxSeq(produced: Produced): number {
  return Math.max(0, ...produced.batches.keys());
}
