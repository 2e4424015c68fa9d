import { expect } from 'vitest';
import { addCounts, type BatchCounts, emptyCounts } from './batch-counts.js';
import { maxSeq, type Produced } from './produced-batches.js';
import type { Stored } from './stored-rows.js';

/** Produced (agent) against stored (database), seq by seq. */
export type Reconciliation = {
  /** Summed over the seqs the database committed: {1…last_seq} minus its ingest gaps. */
  expected: BatchCounts;
  committedBatches: number;
  /** Seqs in ingest_gaps (the gateway saw them missing). */
  gapSeqs: number[];
  /** Spooled, never dropped, yet not committed: lost. */
  lostSeqs: number[];
  /** Committed without a trace of being spooled. */
  unknownCommittedSeqs: number[];
  /** In a gap although the agent never dropped them. */
  strayGapSeqs: number[];
  /** The agent dropped them (overflow) while in flight, and the gateway had committed them. */
  droppedButCommittedSeqs: number[];
};

export function reconcile(produced: Produced, stored: Stored): Reconciliation {
  const gapSeqs = stored.gaps.flatMap(([from, to]) => range(from, to));
  const inGap = new Set(gapSeqs);
  const committed = range(1, stored.lastSeq).filter((seq) => !inGap.has(seq));
  const committedSet = new Set(committed);
  const expected = emptyCounts();
  const unknownCommittedSeqs: number[] = [];
  for (const seq of committed) {
    const counts = produced.batches.get(seq);
    if (counts) addCounts(expected, counts);
    else unknownCommittedSeqs.push(seq);
  }
  const spooled = [...produced.batches.keys()].sort((a, b) => a - b);
  return {
    expected,
    committedBatches: committed.length,
    gapSeqs,
    lostSeqs: spooled.filter((seq) => !committedSet.has(seq) && !produced.dropped.has(seq)),
    unknownCommittedSeqs,
    strayGapSeqs: gapSeqs.filter((seq) => !produced.dropped.has(seq)),
    droppedButCommittedSeqs: [...produced.dropped]
      .filter((seq) => committedSet.has(seq))
      .sort((a, b) => a - b),
  };
}

/**
 * The suite's verdict: every row the agent produced and did not drop is stored exactly once.
 * One `toEqual` over everything, so a failure shows every count side by side.
 */
export function expectExactlyOnce(label: string, produced: Produced, stored: Stored): Reconciliation {
  const r = reconcile(produced, stored);
  console.info(`[${label}] ${JSON.stringify(summarise(produced, stored, r))}`);
  expect(observed(produced, stored, r)).toEqual(exactlyOnce(produced, r.expected));
  expect(r.expected.containerSamples, 'the containers produced samples at all').toBeGreaterThan(0);
  return r;
}

/** What the database and the comparison show… */
function observed(produced: Produced, stored: Stored, r: Reconciliation): Record<string, unknown> {
  return {
    containerSamples: stored.containerSamples,
    distinctContainerSamples: stored.distinctContainerSamples,
    rollup1mSamples: stored.rollup1mSamples,
    rollup1hSamples: stored.rollup1hSamples,
    hostSamples: stored.hostSamples,
    distinctHostSamples: stored.distinctHostSamples,
    hostRollup1mSamples: stored.hostRollup1mSamples,
    events: stored.events,
    logs: stored.logs,
    distinctLogs: stored.distinctLogs,
    distinctLogLines: stored.distinctLogLines,
    lastSeq: stored.lastSeq,
    lostSeqs: r.lostSeqs,
    unknownCommittedSeqs: r.unknownCommittedSeqs,
    strayGapSeqs: r.strayGapSeqs,
    conflicts: produced.conflicts,
  };
}

/** …and what exactly-once requires of them: raw, distinct and rolled-up counts all agree. */
function exactlyOnce(produced: Produced, expected: BatchCounts): Record<string, unknown> {
  const { containerSamples, hostSamples, logs } = expected;
  return {
    containerSamples,
    distinctContainerSamples: containerSamples,
    rollup1mSamples: containerSamples,
    rollup1hSamples: containerSamples,
    hostSamples,
    distinctHostSamples: hostSamples,
    hostRollup1mSamples: hostSamples,
    events: expected.events + expected.health,
    logs,
    distinctLogs: logs,
    distinctLogLines: logs,
    lastSeq: maxSeq(produced),
    lostSeqs: [],
    unknownCommittedSeqs: [],
    strayGapSeqs: [],
    conflicts: [],
  };
}

function summarise(produced: Produced, stored: Stored, r: Reconciliation): Record<string, unknown> {
  const { containerSamples, hostSamples, events, logs } = stored;
  return {
    batches: produced.batches.size,
    committed: r.committedBatches,
    dropped: produced.dropped.size,
    gaps: stored.gaps,
    stored: { containerSamples, hostSamples, events, logs },
    fromSpoolFiles: produced.fromSpoolFiles,
  };
}

function range(from: number, to: number): number[] {
  const seqs: number[] = [];
  for (let seq = from; seq <= to; seq += 1) seqs.push(seq);
  return seqs;
}
