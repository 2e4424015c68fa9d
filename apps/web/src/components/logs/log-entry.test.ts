import { describe, expect, it } from 'vitest';
import {
  describeDropped,
  entriesToLogFile,
  type LogLine,
  MAX_RENDERED_CHARS,
  prepareLine,
} from './log-entry';

const line = (text: string, stream: LogLine['stream'] = 'stdout'): LogLine => ({
  kind: 'line',
  id: 1,
  ts: Date.UTC(2025, 0, 2, 3, 4, 5),
  stream,
  text,
});

describe('prepareLine', () => {
  it('parses once and caches by entry', () => {
    const entry = line('\x1b[31mHello\x1b[0m');
    const first = prepareLine(entry);
    expect(first.text).toBe('Hello');
    expect(first.lower).toBe('hello');
    expect(prepareLine(entry)).toBe(first);
  });

  it('cuts very long lines for display and says how much is hidden', () => {
    const prepared = prepareLine(line('x'.repeat(MAX_RENDERED_CHARS + 500)));
    expect(prepared.segments.reduce((sum, segment) => sum + segment.text.length, 0)).toBe(MAX_RENDERED_CHARS);
    expect(prepared.hidden).toBe(500);
    expect(prepared.text.length).toBe(MAX_RENDERED_CHARS + 500);
  });
});

describe('describeDropped', () => {
  it('names the count and the reason', () => {
    expect(describeDropped({ kind: 'dropped', id: 2, ts: 0, count: 17, reason: 'rate_limit' })).toBe(
      '… 17 lines dropped by rate limit',
    );
    expect(describeDropped({ kind: 'dropped', id: 2, ts: 0, count: 1, reason: 'other' })).toBe(
      '… 1 line dropped (other)',
    );
  });
});

describe('entriesToLogFile', () => {
  it('writes one line per entry with ISO time and stream, escapes removed', () => {
    const file = entriesToLogFile([
      line('\x1b[1mboot\x1b[0m'),
      line('oops', 'stderr'),
      { kind: 'dropped', id: 3, ts: Date.UTC(2025, 0, 2, 3, 4, 6), count: 5, reason: 'rate_limit' },
    ]);
    expect(file).toBe(
      '2025-01-02T03:04:05.000Z stdout boot\n2025-01-02T03:04:05.000Z stderr oops\n2025-01-02T03:04:06.000Z … 5 lines dropped by rate limit\n',
    );
  });
});
