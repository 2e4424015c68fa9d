import { countBatchItems, utf8ByteLength } from '@berth/protocol';
import type { BatchContent } from './batch-source.js';
import { sliceBatchContent } from './slice-batch-content.js';

/** Room kept for the envelope (type, seq, sentAt, gap): about 200 bytes at the largest seqs. */
export const ENVELOPE_RESERVE_BYTES = 1024;

export type FitResult = { parts: BatchContent[]; oversizedItems: number };

/**
 * Halves content until each part encodes within `maxFrameBytes`. Encoding is the only exact
 * measure, and batches are rarely split, so the common case costs one JSON.stringify.
 * A single item that cannot fit on its own is dropped and counted.
 */
export function fitFrameBytes(content: BatchContent, maxFrameBytes: number): FitResult {
  const budget = maxFrameBytes - ENVELOPE_RESERVE_BYTES;
  const parts: BatchContent[] = [];
  let oversizedItems = 0;
  const visit = (part: BatchContent): void => {
    if (utf8ByteLength(JSON.stringify(part)) <= budget) {
      parts.push(part);
      return;
    }
    const items = countBatchItems(part);
    if (items <= 1) {
      oversizedItems += items;
      return;
    }
    const half = Math.ceil(items / 2);
    visit(sliceBatchContent(part, 0, half));
    visit(sliceBatchContent(part, half, items));
  };
  visit(content);
  return { parts, oversizedItems };
}
