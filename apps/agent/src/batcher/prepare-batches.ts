import type { Logger } from '../cli/logger.js';
import type { BatchContent, BatchLimits } from './batch-source.js';
import { dropInvalidItems } from './drop-invalid-items.js';
import { fitFrameBytes } from './fit-frame-bytes.js';
import { splitByItems } from './slice-batch-content.js';

/**
 * Turns one interval's content into batch contents that the gateway will accept: at most
 * `maxItemsPerBatch` items each, valid against the protocol, and within `maxFrameBytes` once
 * encoded. Returns nothing when there is nothing at all to send.
 */
export function prepareBatches(content: BatchContent, limits: BatchLimits, log: Logger): BatchContent[] {
  const parts = splitByItems(content, limits.maxItemsPerBatch);
  if (parts.length > 1)
    log.info({ parts: parts.length, maxItemsPerBatch: limits.maxItemsPerBatch }, 'splitting a large batch');
  const out: BatchContent[] = [];
  for (const part of parts) {
    const validated = dropInvalidItems(part);
    if ('error' in validated) {
      log.error({ error: validated.error }, 'dropping a batch that does not match the protocol');
      continue;
    }
    if (validated.dropped.length > 0) {
      log.error(
        { dropped: validated.dropped.slice(0, 20), count: validated.dropped.length },
        'dropped invalid items from a batch',
      );
    }
    const fitted = fitFrameBytes(validated.content, limits.maxFrameBytes);
    if (fitted.oversizedItems > 0) {
      log.error(
        { items: fitted.oversizedItems, maxFrameBytes: limits.maxFrameBytes },
        'dropped items too large for one frame',
      );
    }
    out.push(...fitted.parts);
  }
  return out;
}
