import type { BatchFrame } from './schemas/batch.js';
import { toLogColumns } from './schemas/log-columns.js';
import { toContainerSampleColumns } from './schemas/sample-columns.js';

/**
 * A v1 batch as sent in the `columnar` encoding (issue 20): its container samples and log
 * entries as columns. A kind the batch already carries as columns keeps its rows as rows (valid
 * either way; agents spool v1 rows only, so this does not arise on the wire). Everything else is
 * unchanged.
 */
export function toColumnarBatch(frame: BatchFrame): BatchFrame {
  const columnar: BatchFrame = { ...frame };
  if (frame.containerSamples.length > 0 && !frame.containerSampleColumns) {
    columnar.containerSamples = [];
    columnar.containerSampleColumns = toContainerSampleColumns(frame.containerSamples);
  }
  if (frame.logs.length > 0 && !frame.logColumns) {
    columnar.logs = [];
    columnar.logColumns = toLogColumns(frame.logs);
  }
  return columnar;
}
