/** Output kept for a recorded session, up to `max` bytes; what comes after is counted, not kept. */
export class TranscriptBuffer {
  readonly #chunks: Buffer[] = [];
  #size = 0;
  truncated = false;

  constructor(private readonly max: number) {}

  push(chunk: Buffer): void {
    const room = this.max - this.#size;
    if (room <= 0) {
      if (chunk.length > 0) this.truncated = true;
      return;
    }
    const kept = chunk.length <= room ? chunk : chunk.subarray(0, room);
    if (kept.length < chunk.length) this.truncated = true;
    this.#chunks.push(Buffer.from(kept));
    this.#size += kept.length;
  }

  bytes(): Buffer {
    return Buffer.concat(this.#chunks, this.#size);
  }
}
