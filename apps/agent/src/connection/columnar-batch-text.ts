import { type BatchFrame, encodeFrame, toContainerSampleColumns, utf8ByteLength } from '@berth/protocol';

/**
 * A spooled batch's text as sent to a gateway that accepted the `columnar` encoding: its
 * container samples as columns (issue 20). The spool keeps v1 text, so the same batch replayed
 * to an older gateway goes as it was written; converting at send time costs one parse and one
 * stringify per batch (a batch per interval). Anything else, and a columnar form that would not
 * fit `maxFrameBytes` (a batch of one sample can grow by the column keys), goes unchanged.
 */
export function toColumnarBatchText(text: string, maxFrameBytes: number): string {
  const frame = JSON.parse(text) as BatchFrame;
  if (frame.type !== 'batch' || frame.containerSamples.length === 0 || frame.containerSampleColumns) {
    return text;
  }
  const columnar = encodeFrame({
    ...frame,
    containerSamples: [],
    containerSampleColumns: toContainerSampleColumns(frame.containerSamples),
  });
  return utf8ByteLength(columnar) <= maxFrameBytes ? columnar : text;
}
