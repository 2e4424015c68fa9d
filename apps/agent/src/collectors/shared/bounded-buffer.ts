/** An optional second bound: the items' summed weight (e.g. bytes of text) stays under `max`. */
export type WeightBound<T> = { max: number; of: (item: T) => number };

/**
 * A FIFO that keeps at most `capacity` items (and, with a weight bound, at most that much
 * weight): pushing past either drops the oldest and counts it, so an agent cut off from its
 * batcher holds bounded memory and can report what it lost.
 */
export class BoundedBuffer<T> {
  #items: T[] = [];
  #head = 0;
  #dropped = 0;
  #weight = 0;

  constructor(
    readonly capacity: number,
    private readonly onDrop?: (item: T) => void,
    private readonly weight?: WeightBound<T>,
  ) {}

  get size(): number {
    return this.#items.length - this.#head;
  }

  /** What is held now: items and their summed weight (0 without a weight bound). */
  held(): { items: number; weight: number } {
    return { items: this.size, weight: this.#weight };
  }

  push(item: T): void {
    this.#items.push(item);
    if (this.weight) this.#weight += this.weight.of(item);
    while (this.size > this.capacity || (this.weight && this.#weight > this.weight.max && this.size > 0)) {
      this.#dropOldest();
    }
    // Compact now and then rather than shifting on every drop.
    if (this.#head > this.capacity) {
      this.#items = this.#items.slice(this.#head);
      this.#head = 0;
    }
  }

  /** Everything buffered (oldest first) and how many items were dropped since the last drain. */
  drain(): { items: T[]; dropped: number } {
    const items = this.#head === 0 ? this.#items : this.#items.slice(this.#head);
    const dropped = this.#dropped;
    this.#items = [];
    this.#head = 0;
    this.#dropped = 0;
    this.#weight = 0;
    return { items, dropped };
  }

  #dropOldest(): void {
    const oldest = this.#items[this.#head] as T;
    // Released now, not at the next compaction: a burst of large items must not stay reachable.
    (this.#items as (T | undefined)[])[this.#head] = undefined;
    this.#head += 1;
    this.#dropped += 1;
    if (this.weight) this.#weight -= this.weight.of(oldest);
    this.onDrop?.(oldest);
  }
}
