import type { BatchGap } from '@berth/protocol';
import type { SpoolEntry } from './scan-spool-dir.js';

/**
 * Adds the seqs `fromSeq`…`toSeq` to a sorted list of gaps, merging gaps that touch or overlap,
 * so `droppedBatches = toSeq - fromSeq + 1` (the protocol's rule) holds for every gap.
 */
export function addGap(gaps: readonly BatchGap[], fromSeq: number, toSeq: number): BatchGap[] {
  const ranges = [...gaps.map((gap) => [gap.fromSeq, gap.toSeq] as const), [fromSeq, toSeq] as const].sort(
    (a, b) => a[0] - b[0],
  );
  const merged: [number, number][] = [];
  for (const [from, to] of ranges) {
    const last = merged.at(-1);
    if (last && from <= last[1] + 1) last[1] = Math.max(last[1], to);
    else merged.push([from, to]);
  }
  return merged.map(([from, to]) => ({ droppedBatches: to - from + 1, fromSeq: from, toSeq: to }));
}

/** True when `seq` lies inside one of the gaps. */
export function gapsCover(gaps: readonly BatchGap[], seq: number): boolean {
  return gaps.some((gap) => gap.fromSeq <= seq && seq <= gap.toSeq);
}

/** Removes the seqs of `carried` from the list (a batch on disk already reports them). */
export function removeGap(gaps: readonly BatchGap[], carried: BatchGap): BatchGap[] {
  const out: BatchGap[] = [];
  for (const gap of gaps) {
    if (gap.toSeq < carried.fromSeq || gap.fromSeq > carried.toSeq) {
      out.push(gap);
      continue;
    }
    if (gap.fromSeq < carried.fromSeq) out.push(range(gap.fromSeq, carried.fromSeq - 1));
    if (gap.toSeq > carried.toSeq) out.push(range(carried.toSeq + 1, gap.toSeq));
  }
  return out;
}

function range(fromSeq: number, toSeq: number): BatchGap {
  return { droppedBatches: toSeq - fromSeq + 1, fromSeq, toSeq };
}

/** Dropped batches become a gap, and so does any gap they were carrying (it was never delivered). */
export function requeueGaps(gaps: readonly BatchGap[], dropped: readonly SpoolEntry[]): BatchGap[] {
  let out = [...gaps];
  for (const entry of dropped) {
    out = addGap(out, entry.seq, entry.seq);
    if (entry.gap) out = addGap(out, entry.gap.fromSeq, entry.gap.toSeq);
  }
  return out;
}
