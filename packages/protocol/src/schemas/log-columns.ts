import * as z from 'zod/mini';
import { timestampMicros } from '../timestamp-micros.js';
import { containerIdColumn, enumColumn, equalLengths, numberColumn, textColumn } from './columns.js';
import { LOG_ENTRY_BOUNDS, LOG_STREAMS, type LogEntry } from './container-records.js';
import { TS_MICROS_BOUNDS } from './sample-columns.js';

/**
 * Log entries as equal-length arrays, one per LogEntry field (`ts` as `tsMicros`, as for
 * container samples): entry i is every array's element i. Sent only to a gateway whose welcome
 * listed the `columnar` encoding (docs/protocol.md). An entry is a line or a marker of dropped
 * lines, as in the row form: `line[i]` is null exactly where `dropped[i]` is a count, and
 * `dropped` is absent when no entry is a marker (most batches).
 */
export const ZLogColumnsSchema = z
  .object({
    containerId: containerIdColumn,
    tsMicros: numberColumn(TS_MICROS_BOUNDS),
    stream: enumColumn(LOG_STREAMS),
    line: textColumn<string | null>(LOG_ENTRY_BOUNDS.lineBytes, true),
    dropped: z.optional(numberColumn<number | null>(LOG_ENTRY_BOUNDS.dropped, true)),
  })
  .check(
    equalLengths('containerId'),
    z.superRefine((columns, ctx) => {
      const { line, dropped } = columns;
      for (let i = 0; i < line.length; i += 1) {
        const isMarker = dropped !== undefined && dropped[i] !== null;
        if (isMarker === (line[i] === null)) continue;
        ctx.addIssue(
          isMarker
            ? { code: 'custom', message: 'line and dropped exclude each other', path: ['dropped', i] }
            : { code: 'custom', message: 'expected string, received null', path: ['line', i] },
        );
        return;
      }
    }),
  );
export type LogColumns = z.infer<typeof ZLogColumnsSchema>;

/** The columnar form of `logs` (what an agent sends once the gateway accepted `columnar`). */
export function toLogColumns(logs: readonly LogEntry[]): LogColumns {
  const n = logs.length;
  const columns: LogColumns = {
    containerId: new Array<string>(n),
    tsMicros: new Array<number>(n),
    stream: new Array<LogEntry['stream']>(n),
    line: new Array<string | null>(n),
  };
  const dropped = new Array<number | null>(n);
  let anyDropped = false;
  logs.forEach((entry, i) => {
    columns.containerId[i] = entry.containerId;
    columns.tsMicros[i] = timestampMicros(entry.ts);
    columns.stream[i] = entry.stream;
    if (entry.dropped !== undefined) {
      columns.line[i] = null;
      dropped[i] = entry.dropped;
      anyDropped = true;
    } else {
      columns.line[i] = entry.line ?? null;
      dropped[i] = null;
    }
  });
  if (anyDropped) columns.dropped = dropped;
  return columns;
}
