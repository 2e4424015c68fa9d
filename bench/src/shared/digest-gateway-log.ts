import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';

/** Log lines by kind, e.g. `error "hello failed" (P2028: Transaction API error: …)` → 1551. */
export type LogDigest = { counts: Map<string, number> };

/** `error`: a message string some loggers put beside `msg` (the alerter's delivery retries). */
type Entry = { level?: number; msg?: string; err?: { code?: string; message?: string }; error?: unknown };

const LEVELS: Record<number, string> = { 30: 'info', 40: 'warn', 50: 'error', 60: 'fatal' };

/**
 * Reads a gateway's JSON log: the first line of each kind is shown (shortened), repeats are
 * only counted — a connect storm can log thousands of identical errors.
 */
export function digestGatewayLog(streams: Readable[], name: string): LogDigest {
  const counts = new Map<string, number>();
  for (const stream of streams) {
    createInterface({ input: stream }).on('line', (line) => {
      const key = describe(line);
      const seen = counts.get(key) ?? 0;
      counts.set(key, seen + 1);
      if (seen === 0) console.log(`  [${name}] ${key} (repeats are counted)`);
    });
  }
  return { counts };
}

/** Prints what several gateways logged, merged and counted (nothing if they were silent). */
export function printLogDigest(digests: LogDigest[], name = 'gateway'): void {
  const merged = new Map<string, number>();
  for (const digest of digests) {
    for (const [key, count] of digest.counts) merged.set(key, (merged.get(key) ?? 0) + count);
  }
  for (const [key, count] of merged) console.log(`  ${name} log: ${count}× ${key}`);
}

function describe(line: string): string {
  let entry: Entry;
  try {
    entry = JSON.parse(line) as Entry;
  } catch {
    return line.slice(0, 200);
  }
  const level = LEVELS[entry.level ?? 0] ?? String(entry.level);
  const cause = entry.err
    ? ` (${entry.err.code ?? ''}${entry.err.code ? ': ' : ''}${entry.err.message ?? ''})`
    : typeof entry.error === 'string'
      ? ` (${entry.error})`
      : '';
  return `${level} "${entry.msg ?? ''}"${cause.slice(0, 160)}`;
}
