import type { LogEntry, LogStream } from '@berth/protocol';
import { BoundedBuffer } from '../shared/bounded-buffer.js';

type Evicted = { containerId: string; stream: LogStream; ts: string; dropped: number };

export type LogBufferBounds = {
  /** Entries held between two drains. */
  entries: number;
  /** Characters of line text held between two drains (a line's object and timestamp are counted as 64 more). */
  bytes: number;
  /** Lines one container may add between two drains; later ones are counted, not kept. */
  perContainer: number;
};

/** Per-entry memory besides the line text (the object, its timestamp string, the shared id). */
const ENTRY_OVERHEAD = 64;

function weigh(entry: LogEntry): number {
  return ENTRY_OVERHEAD + ('line' in entry && typeof entry.line === 'string' ? entry.line.length : 0);
}

/**
 * The log entries between two drains, bounded three ways: entries, bytes of text, and lines per
 * container (so one container's burst cannot evict every other container's lines). Whatever is
 * not kept is reported in place as "dropped" markers (per container and stream), so the console
 * can show that lines are missing rather than hiding it.
 */
export class LogBuffer {
  readonly #buffer: BoundedBuffer<LogEntry>;
  readonly #perContainer: number;
  #evicted = new Map<string, Evicted>();
  #linesOf = new Map<string, number>();

  constructor(bounds: LogBufferBounds) {
    this.#perContainer = bounds.perContainer;
    this.#buffer = new BoundedBuffer<LogEntry>(bounds.entries, (entry) => this.#countDropped(entry), {
      max: bounds.bytes,
      of: weigh,
    });
  }

  push(entry: LogEntry): void {
    if ('line' in entry && entry.line !== undefined) {
      const lines = (this.#linesOf.get(entry.containerId) ?? 0) + 1;
      this.#linesOf.set(entry.containerId, lines);
      if (lines > this.#perContainer) {
        this.#countDropped(entry);
        return;
      }
    }
    this.#buffer.push(entry);
  }

  /** What is held now: entries, their weight in bytes, and the lines the pending markers count. */
  held(): { entries: number; bytes: number; droppedLines: number } {
    const { items, weight } = this.#buffer.held();
    let droppedLines = 0;
    for (const marker of this.#evicted.values()) droppedLines += marker.dropped;
    return { entries: items, bytes: weight, droppedLines };
  }

  /** Markers for dropped lines first (they are older than what is left), then the entries. */
  drain(): { items: LogEntry[]; dropped: number } {
    const { items, dropped: evicted } = this.#buffer.drain();
    let dropped = evicted;
    const markers: LogEntry[] = [];
    for (const { containerId, stream, ts, dropped: count } of this.#evicted.values()) {
      markers.push({ containerId, stream, ts, dropped: count });
    }
    for (const lines of this.#linesOf.values()) dropped += Math.max(0, lines - this.#perContainer);
    this.#evicted = new Map();
    this.#linesOf = new Map();
    return { items: markers.length === 0 ? items : [...markers, ...items], dropped };
  }

  #countDropped(entry: LogEntry): void {
    const key = `${entry.containerId}|${entry.stream}`;
    const lines = 'dropped' in entry && typeof entry.dropped === 'number' ? entry.dropped : 1;
    const known = this.#evicted.get(key);
    if (known) {
      known.dropped += lines;
      if (entry.ts > known.ts) known.ts = entry.ts;
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
