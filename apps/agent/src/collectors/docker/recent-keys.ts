/** Remembers the last `capacity` keys (first in, first out) to drop repeats in O(1). */
export class RecentKeys {
  readonly #keys = new Set<string>();
  readonly #order: string[] = [];
  #next = 0;

  constructor(private readonly capacity: number) {}

  /** True if `key` was seen recently; otherwise remembers it and returns false. */
  seen(key: string): boolean {
    if (this.#keys.has(key)) return true;
    if (this.#order.length < this.capacity) {
      this.#order.push(key);
    } else {
      const evicted = this.#order[this.#next];
      if (evicted !== undefined) this.#keys.delete(evicted);
      this.#order[this.#next] = key;
      this.#next = (this.#next + 1) % this.capacity;
    }
    this.#keys.add(key);
    return false;
  }
}
