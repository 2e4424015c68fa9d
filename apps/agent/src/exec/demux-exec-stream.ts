/**
 * Docker's multiplexed attach stream (no TTY): frames of an 8-byte header — stream type, three
 * zero bytes, big-endian payload length — then the payload. A terminal shows stdout and stderr
 * alike, so only the payloads are passed on, in order.
 */
export class ExecStreamDemuxer {
  #buffer: Buffer = Buffer.alloc(0);

  constructor(private readonly onPayload: (payload: Buffer) => void) {}

  push(chunk: Buffer): void {
    this.#buffer = this.#buffer.length === 0 ? chunk : Buffer.concat([this.#buffer, chunk]);
    while (this.#buffer.length >= 8) {
      const length = this.#buffer.readUInt32BE(4);
      if (this.#buffer.length < 8 + length) return;
      this.onPayload(this.#buffer.subarray(8, 8 + length));
      this.#buffer = this.#buffer.subarray(8 + length);
    }
  }
}
