import type { StoredLogLine } from '@berth/api-contract';
import type { LogEntry } from '@/components/logs/log-entry';

type LiveLine = { ts: string; stream: 'stdout' | 'stderr'; line?: string; dropped?: number; reason?: string };

/** Stored lines (newest first, as the API pages them) as the viewer's entries, oldest first. */
export function storedToEntries(lines: readonly StoredLogLine[]): LogEntry[] {
  const entries: LogEntry[] = [];
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i];
    if (!line) continue;
    const ts = Date.parse(line.ts);
    const id = `h${i}-${line.ts}`;
    entries.push(
      line.dropped > 0
        ? { kind: 'dropped', id, ts, count: line.dropped, reason: 'rate_limit' }
        : { kind: 'line', id, ts, stream: line.stream, text: line.line },
    );
  }
  return entries;
}

/** Live lines from the follow stream; `seq` keeps ids unique across batches. */
export function liveToEntries(lines: readonly LiveLine[], seq: number): LogEntry[] {
  return lines.map((line, index) => {
    const ts = Date.parse(line.ts);
    const id = `l${seq}-${index}`;
    return line.dropped !== undefined && line.dropped > 0
      ? { kind: 'dropped', id, ts, count: line.dropped, reason: line.reason ?? 'rate_limit' }
      : { kind: 'line', id, ts, stream: line.stream, text: line.line ?? '' };
  });
}

/** Lines kept in the browser while following (older ones fall off the top). */
export const MAX_LOG_ENTRIES = 50_000;

export function appendEntries(current: readonly LogEntry[], added: readonly LogEntry[]): LogEntry[] {
  const next = current.concat(added);
  return next.length > MAX_LOG_ENTRIES ? next.slice(next.length - MAX_LOG_ENTRIES) : next;
}
