import type { LogEntry, LogStream } from '@berth/protocol';
import { BoundedBuffer } from '../shared/bounded-buffer.js';

type Evicted = { containerId: string; stream: LogStream; ts: string; dropped: number };

/**
 * The log entries between two drains. When it overflows, the oldest entries go, and what went is
 * reported in place as "dropped" markers (per container and stream), so the console can show
 * that lines are missing rather than hiding it.
 */
export class LogBuffer {
  readonly #buffer: BoundedBuffer<LogEntry>;
  #evicted = new Map<string, Evicted>();

  constructor(capacity: number) {
    this.#buffer = new BoundedBuffer<LogEntry>(capacity, (entry) => this.#countEvicted(entry));
  }

  push(entry: LogEntry): void {
    this.#buffer.push(entry);
  }

  /** Markers for evicted lines first (they are older than what is left), then the entries. */
  drain(): { items: LogEntry[]; dropped: number } {
    const { items, dropped } = this.#buffer.drain();
    const markers: LogEntry[] = [...this.#evicted.values()].map(
      ({ containerId, stream, ts, dropped: count }) => ({
        containerId,
        stream,
        ts,
        dropped: count,
      }),
    );
    this.#evicted = new Map();
    return { items: markers.length === 0 ? items : [...markers, ...items], dropped };
  }

  #countEvicted(entry: LogEntry): void {
    const key = `${entry.containerId}|${entry.stream}`;
    const lines = 'dropped' in entry && typeof entry.dropped === 'number' ? entry.dropped : 1;
    const known = this.#evicted.get(key);
    if (known) {
      known.dropped += lines;
      known.ts = entry.ts;
    } else {
      this.#evicted.set(key, {
        containerId: entry.containerId,
        stream: entry.stream,
        ts: entry.ts,
        dropped: lines,
      });
    }
  }
}
