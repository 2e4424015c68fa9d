/**
 * A FIFO that keeps at most `capacity` items: pushing past it drops the oldest and counts it, so
 * an agent cut off from its batcher holds bounded memory and can report what it lost.
 */
export class BoundedBuffer<T> {
  #items: T[] = [];
  #head = 0;
  #dropped = 0;

  constructor(
    readonly capacity: number,
    private readonly onDrop?: (item: T) => void,
  ) {}

  get size(): number {
    return this.#items.length - this.#head;
  }

  push(item: T): void {
    this.#items.push(item);
    if (this.size > this.capacity) {
      const oldest = this.#items[this.#head] as T;
      this.#head += 1;
      this.#dropped += 1;
      this.onDrop?.(oldest);
      // Compact now and then rather than shifting on every drop.
      if (this.#head > this.capacity) {
        this.#items = this.#items.slice(this.#head);
        this.#head = 0;
      }
    }
  }

  /** Everything buffered (oldest first) and how many items were dropped since the last drain. */
  drain(): { items: T[]; dropped: number } {
    const items = this.#head === 0 ? this.#items : this.#items.slice(this.#head);
    const dropped = this.#dropped;
    this.#items = [];
    this.#head = 0;
    this.#dropped = 0;
    return { items, dropped };
  }
}
