import type { LogStream } from '@berth/protocol';

export type DroppedMarker = { stream: LogStream; tsNs: bigint; dropped: number };

const NS_PER_S = 1_000_000_000n;
const NONE: DroppedMarker[] = [];

/**
 * Per-container line cap in one-second windows of the lines' own timestamps (not arrival time,
 * so a backlog read after an agent restart is judged by how fast the container wrote it). Lines
 * over the cap are counted per stream; the counts come back as markers, stamped with the last
 * dropped line's time, before the next kept line or on `flush()`.
 */
export class LogRateCap {
  #second = -1n;
  #kept = 0;
  readonly #dropped = new Map<LogStream, { count: number; tsNs: bigint }>();

  constructor(readonly linesPerSecond: number) {}

  admit(stream: LogStream, tsNs: bigint): { keep: boolean; markers: DroppedMarker[] } {
    let markers = NONE;
    const second = tsNs / NS_PER_S;
    if (second > this.#second) {
      markers = this.flush();
      this.#second = second;
      this.#kept = 0;
    }
    if (this.#kept < this.linesPerSecond) {
      this.#kept += 1;
      return { keep: true, markers };
    }
    const dropped = this.#dropped.get(stream);
    if (dropped) {
      dropped.count += 1;
      dropped.tsNs = tsNs > dropped.tsNs ? tsNs : dropped.tsNs;
    } else {
      this.#dropped.set(stream, { count: 1, tsNs });
    }
    return { keep: false, markers };
  }

  /** Markers for lines dropped since the last flush, oldest first. */
  flush(): DroppedMarker[] {
    if (this.#dropped.size === 0) return NONE;
    const markers = [...this.#dropped].map(([stream, { count, tsNs }]) => ({ stream, tsNs, dropped: count }));
    this.#dropped.clear();
    return markers.sort((a, b) => (a.tsNs < b.tsNs ? -1 : a.tsNs > b.tsNs ? 1 : 0));
  }
}
