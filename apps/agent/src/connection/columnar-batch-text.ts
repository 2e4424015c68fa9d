import { type BatchFrame, encodeFrame, toColumnarBatch, utf8ByteLength } from '@berth/protocol';

/**
 * A spooled batch's text as sent to a gateway that accepted the `columnar` encoding: its
 * container samples and log entries as columns (issue 20). The spool keeps v1 text, so the same
 * batch replayed to an older gateway goes as it was written; converting at send time costs one
 * parse and one stringify per batch (a batch per interval). Anything else, and a columnar form
 * that would not fit `maxFrameBytes` (a batch of one entry can grow by the column keys), goes
 * unchanged.
 */
export function toColumnarBatchText(text: string, maxFrameBytes: number): string {
  const frame = JSON.parse(text) as BatchFrame;
  if (frame.type !== 'batch' || frame.containerSampleColumns || frame.logColumns) return text;
  if (frame.containerSamples.length === 0 && frame.logs.length === 0) return text;
  const columnar = encodeFrame(toColumnarBatch(frame));
  return utf8ByteLength(columnar) <= maxFrameBytes ? columnar : text;
}
