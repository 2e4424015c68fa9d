import type { ContainerEvent } from '@berth/protocol';

type Open = { event: ContainerEvent; lastNs: bigint };

export const COLLAPSE_WINDOW_NS = 1_000_000_000n;

/**
 * The event buffer between two drains. An event with the same container and action as a buffered
 * one, at most 1 s after that one's latest occurrence (a sliding window), is folded into it:
 * `count` goes up, the first occurrence's `ts` and attributes stay. A crash loop (start/die every
 * few hundred ms under Docker's restart backoff) becomes one `start` and one `die` with counts
 * instead of hundreds of rows. Drained events are never changed afterwards.
 */
export class EventCollapser {
  #pending: ContainerEvent[] = [];
  #open = new Map<string, Open>();
  #dropped = 0;

  constructor(
    private readonly capacity = 2_000,
    private readonly windowNs = COLLAPSE_WINDOW_NS,
  ) {}

  /** Events held now (each may stand for several occurrences). */
  get size(): number {
    return this.#pending.length;
  }

  add(event: ContainerEvent, timeNs: bigint): void {
    const key = `${event.containerId}|${event.action}`;
    const open = this.#open.get(key);
    if (open && timeNs >= open.lastNs && timeNs - open.lastNs <= this.windowNs) {
      open.event.count += 1;
      open.lastNs = timeNs;
      return;
    }
    const record = { ...event };
    this.#pending.push(record);
    this.#open.set(key, { event: record, lastNs: timeNs });
    if (this.#pending.length > this.capacity) this.#dropOldest();
  }

  drain(): { items: ContainerEvent[]; dropped: number } {
    const items = this.#pending;
    const dropped = this.#dropped;
    this.#pending = [];
    this.#open = new Map();
    this.#dropped = 0;
    return { items, dropped };
  }

  #dropOldest(): void {
    const oldest = this.#pending.shift();
    if (!oldest) return;
    this.#dropped += oldest.count;
    const key = `${oldest.containerId}|${oldest.action}`;
    if (this.#open.get(key)?.event === oldest) this.#open.delete(key);
  }
}
