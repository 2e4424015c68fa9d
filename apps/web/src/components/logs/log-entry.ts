import { type AnsiSegment, parseAnsi } from './ansi';

export type LogStream = 'stdout' | 'stderr';

export type LogLine = { kind: 'line'; id: string | number; ts: number; stream: LogStream; text: string };

/** Lines the agent did not send (rate limit, buffer overflow), shown as one marker row. */
export type LogDropped = { kind: 'dropped'; id: string | number; ts: number; count: number; reason: string };

export type LogEntry = LogLine | LogDropped;

/** Longer lines are cut on screen (the download keeps them whole): layout stays fast. */
export const MAX_RENDERED_CHARS = 10_000;

export type PreparedLine = {
  /** Plain text without escapes, whole. */
  text: string;
  /** Lower-cased for case-insensitive search. */
  lower: string;
  /** Styled segments of the shown part. */
  segments: AnsiSegment[];
  /** Characters not shown (beyond MAX_RENDERED_CHARS). */
  hidden: number;
};

const prepared = new WeakMap<LogLine, PreparedLine>();

/** Parses a line once; the result is cached for as long as the entry object lives. */
export function prepareLine(line: LogLine): PreparedLine {
  let entry = prepared.get(line);
  if (!entry) {
    const parsed = parseAnsi(line.text);
    const hidden = Math.max(0, parsed.text.length - MAX_RENDERED_CHARS);
    entry = {
      text: parsed.text,
      lower: parsed.text.toLowerCase(),
      segments: hidden ? cutSegments(parsed.segments, MAX_RENDERED_CHARS) : parsed.segments,
      hidden,
    };
    prepared.set(line, entry);
  }
  return entry;
}

function cutSegments(segments: AnsiSegment[], limit: number): AnsiSegment[] {
  const out: AnsiSegment[] = [];
  let left = limit;
  for (const segment of segments) {
    if (left <= 0) break;
    out.push(segment.text.length <= left ? segment : { ...segment, text: segment.text.slice(0, left) });
    left -= segment.text.length;
  }
  return out;
}

const REASONS: Record<string, string> = {
  rate_limit: 'by rate limit',
  rate_limited: 'by rate limit',
  buffer_full: 'because the agent’s buffer was full',
  truncated: 'by truncation',
};

/** "… 17 lines dropped by rate limit" */
export function describeDropped(entry: LogDropped): string {
  const lines = entry.count === 1 ? 'line' : 'lines';
  const count = entry.count.toLocaleString('en-US');
  return `… ${count} ${lines} dropped ${REASONS[entry.reason] ?? `(${entry.reason})`}`;
}

/** The .log file: ISO time, stream, then the line without escape codes, whole. */
export function entriesToLogFile(entries: readonly LogEntry[]): string {
  return entries
    .map((entry) => {
      const time = new Date(entry.ts).toISOString();
      if (entry.kind === 'dropped') return `${time} ${describeDropped(entry)}`;
      return `${time} ${entry.stream} ${prepareLine(entry).text}`;
    })
    .join('\n')
    .concat(entries.length ? '\n' : '');
}
