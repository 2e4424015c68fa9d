import { describe, expect, it } from 'vitest';
import { toColumnarBatch } from '../columnar-batch.js';
import { decodeAgentFrame } from '../decode-frame.js';
import { encodeFrame } from '../encode-frame.js';
import { LIMITS } from '../limits.js';
import { makeBatchFrame } from '../testing/make-batch-frame.js';
import { timestampMicros } from '../timestamp-micros.js';
import { LOG_ENTRY_BOUNDS, type LogEntry, ZLogEntrySchema } from './container-records.js';
import { toLogColumns, ZLogColumnsSchema } from './log-columns.js';

const logs = makeBatchFrame({ containers: 2, logLinesPerContainer: 2 }).logs;
const line = logs[1] as LogEntry & { line: string };
const marker = logs.at(-1) as LogEntry & { dropped: number };
const max = LIMITS.maxLogLineBytes;
const LINES: unknown[] = [
  '',
  'plain',
  'a\u0000b',
  '\u00e9\u20ac\u{1f600} unicode',
  '\ud800 lone surrogate',
  'x'.repeat(max),
  'x'.repeat(max + 1),
  '\u20ac'.repeat(Math.floor(max / 3)),
  '\u20ac'.repeat(Math.floor(max / 3) + 1),
  `${'x'.repeat(max - 4)}\u{1f600}`,
  `${'x'.repeat(max - 3)}\u{1f600}`,
  42,
  {},
  [],
  true,
];
const NUMBERS: unknown[] = [0, 1, 2, -1, 1.5, Number.MAX_SAFE_INTEGER, 2 ** 53, Number.NaN, '17', true];

describe('logColumns', () => {
  it('accepts exactly the lines, streams and dropped counts the row schema accepts (one definition of the bounds)', () => {
    const cases: [string, unknown, boolean, boolean][] = [];
    for (const value of LINES) {
      const row = ZLogEntrySchema.safeParse({ ...line, line: value }).success;
      const columns = toLogColumns(logs);
      (columns.line as unknown[])[1] = value;
      const result = ZLogColumnsSchema.safeParse(columns);
      cases.push(['line', value, result.success, row]);
      if (!result.success) expect(result.error.issues[0]?.path).toEqual(['line', 1]);
    }
    for (const value of ['stdout', 'stderr', 'STDOUT', '', null, 0]) {
      const row = ZLogEntrySchema.safeParse({ ...line, stream: value }).success;
      const columns = toLogColumns(logs);
      (columns.stream as unknown[])[1] = value;
      const result = ZLogColumnsSchema.safeParse(columns);
      cases.push(['stream', value, result.success, row]);
      if (!result.success) expect(result.error.issues[0]?.path).toEqual(['stream', 1]);
    }
    const markerIndex = logs.length - 1;
    for (const value of [...NUMBERS, null, LOG_ENTRY_BOUNDS.dropped.min]) {
      const row = ZLogEntrySchema.safeParse({ ...marker, dropped: value }).success;
      const columns = toLogColumns(logs);
      (columns.dropped as unknown[])[markerIndex] = value;
      const result = ZLogColumnsSchema.safeParse(columns);
      // null is the column's "no count here": the entry is then a line with no text, refused on `line`.
      cases.push(['dropped', value, result.success, row]);
      if (!result.success) expect(result.error.issues[0]?.path?.[1]).toBe(markerIndex);
    }
    for (const [field, value, got, expected] of cases) {
      expect([field, value, got]).toEqual([field, value, expected]);
    }
  });

  it('refuses an entry that is both a line and a marker, or neither, naming the element', () => {
    const both = toLogColumns(logs);
    (both.line as unknown[])[logs.length - 1] = 'text';
    expect(ZLogColumnsSchema.safeParse(both).error?.issues[0]).toMatchObject({
      path: ['dropped', logs.length - 1],
      message: 'line and dropped exclude each other',
    });
    const neither = toLogColumns(logs);
    neither.line[0] = null;
    expect(ZLogColumnsSchema.safeParse(neither).error?.issues[0]).toMatchObject({
      path: ['line', 0],
      message: 'expected string, received null',
    });
    const unequal = toLogColumns(logs);
    unequal.stream.push('stdout');
    const decoded = decodeAgentFrame(
      encodeFrame({ ...makeBatchFrame({ containers: 0 }), logColumns: unequal }),
    );
    expect(decoded.ok ? 'accepted' : decoded.reason).toContain(
      `batch.logColumns.stream: expected ${logs.length} entries (as many as containerId), got ${logs.length + 1}`,
    );
  });

  it('leaves dropped out when no entry is a marker, and carries each time as the stored microseconds', () => {
    const lines = logs.filter((entry) => entry.dropped === undefined);
    expect(toLogColumns(lines).dropped).toBeUndefined();
    expect(toLogColumns(logs).dropped?.filter((count) => count !== null)).toEqual([marker.dropped]);
    const nanos = toLogColumns([{ ...line, ts: '2026-12-07T10:00:00.123456789Z' }]);
    expect(nanos.tsMicros).toEqual([timestampMicros('2026-12-07T10:00:00.123456789Z')]);
  });

  it('counts log column entries against maxItemsPerBatch, before and after validation', () => {
    const frame = makeBatchFrame({ containers: 0 });
    const entries = Array.from({ length: 200 }, () => line);
    const columnar = { ...frame, logColumns: toLogColumns(entries) };
    const limits = { maxItemsPerBatch: 200 };
    const decoded = decodeAgentFrame(encodeFrame(columnar), limits);
    expect(decoded.ok ? 'accepted' : decoded.reason).toMatch(/items exceed maxItemsPerBatch/);
    expect(decodeAgentFrame(encodeFrame(columnar)).ok).toBe(true);
  });

  it('round-trips a whole batch: toColumnarBatch moves samples and logs, nothing else', () => {
    const frame = makeBatchFrame({ containers: 3 });
    const columnar = toColumnarBatch(frame);
    expect(columnar.logs).toEqual([]);
    expect(columnar.containerSamples).toEqual([]);
    expect(columnar.logColumns?.containerId).toHaveLength(frame.logs.length);
    const decoded = decodeAgentFrame(encodeFrame(columnar));
    expect(decoded.ok && decoded.frame).toEqual(columnar);
  });
});
