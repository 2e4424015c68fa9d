/**
 * The credit window of one exec session's output. The agent may have at most `window` bytes
 * sent and not yet acknowledged (`exec_ack.consumed` is cumulative); what the container writes
 * beyond that waits here, and once `pending + unacked` reaches the window the caller pauses
 * reading the container's stream, so the Docker socket's own buffers (and TCP) hold the rest.
 */
export class OutputWindow {
  readonly #chunks: Buffer[] = [];
  #pending = 0;
  #sent = 0;
  #consumed = 0;
  /** The most ever unacknowledged at once (tests: never above the window). */
  maxUnacked = 0;

  constructor(
    readonly window: number,
    private readonly maxChunk: number,
  ) {}

  push(chunk: Buffer): void {
    if (chunk.length === 0) return;
    this.#chunks.push(chunk);
    this.#pending += chunk.length;
  }

  /** Records an ack; a stale one (lower than a previous) or one past what was sent is ignored. */
  ack(consumed: number): boolean {
    if (consumed <= this.#consumed || consumed > this.#sent) return false;
    this.#consumed = consumed;
    return true;
  }

  /** The next chunk the window allows (and counts it as sent), or undefined. */
  take(): Buffer | undefined {
    const room = Math.min(this.window - this.unacked, this.maxChunk, this.#pending);
    if (room <= 0) return undefined;
    const parts: Buffer[] = [];
    let size = 0;
    while (size < room) {
      const head = this.#chunks[0];
      if (!head) break;
      const part = head.length <= room - size ? head : head.subarray(0, room - size);
      if (part === head) this.#chunks.shift();
      else this.#chunks[0] = head.subarray(part.length);
      parts.push(part);
      size += part.length;
    }
    this.#pending -= size;
    this.#sent += size;
    this.maxUnacked = Math.max(this.maxUnacked, this.unacked);
    return parts.length === 1 ? parts[0] : Buffer.concat(parts, size);
  }

  get unacked(): number {
    return this.#sent - this.#consumed;
  }

  get pending(): number {
    return this.#pending;
  }

  get sent(): number {
    return this.#sent;
  }

  /** True while the container's stream should stay paused. */
  full(): boolean {
    return this.#pending + this.unacked >= this.window;
  }

  /** Drops what is waiting (the session is being closed from the far end). */
  discard(): void {
    this.#chunks.length = 0;
    this.#pending = 0;
  }
}
