import type { LogStream } from '@berth/protocol';
import { parseDockerTimeNs } from '../docker/docker-time.js';
import { boundText } from '../shared/truncate-utf8.js';

export type DecodedLine = { stream: LogStream; tsNs: bigint; line: string };

export type LogDecoderOptions = {
  /** TTY containers' logs are one raw stream (all stdout); others are multiplexed in frames. */
  tty: boolean;
  /** Longest line kept in UTF-8 bytes; longer ones are cut and end with the truncation marker. */
  maxLineBytes: number;
  onLine: (line: DecodedLine) => void;
  /** Time for a line without Docker's timestamp prefix (should not happen with timestamps=1). */
  now: () => bigint;
};

/** Room for Docker's "2006-01-02T15:04:05.999999999Z " prefix in front of the line's own bytes. */
const TIMESTAMP_ROOM = 64;
const HEADER_BYTES = 8;

/**
 * Decodes `GET /containers/{id}/logs?follow=1&timestamps=1`. Without a TTY the body is Docker's
 * multiplexed stream: frames of an 8-byte header ([stream, 0, 0, 0, size uint32 BE]) and payload.
 * Frames and lines both split anywhere across chunks, so both are reassembled here.
 */
export class DockerLogDecoder {
  readonly #splitters: Record<LogStream, LineSplitter>;
  #header = Buffer.alloc(0);
  #frameStream: LogStream | null = null;
  #frameRemaining = 0;

  constructor(private readonly options: LogDecoderOptions) {
    const limit = options.maxLineBytes + TIMESTAMP_ROOM;
    this.#splitters = {
      stdout: new LineSplitter(limit, (raw, cut) => this.#emit('stdout', raw, cut)),
      stderr: new LineSplitter(limit, (raw, cut) => this.#emit('stderr', raw, cut)),
    };
  }

  push(chunk: Buffer): void {
    if (this.options.tty) {
      this.#splitters.stdout.push(chunk);
      return;
    }
    let offset = 0;
    while (offset < chunk.length) {
      if (this.#frameRemaining === 0) {
        offset = this.#readHeader(chunk, offset);
        continue;
      }
      const take = Math.min(this.#frameRemaining, chunk.length - offset);
      if (this.#frameStream) this.#splitters[this.#frameStream].push(chunk.subarray(offset, offset + take));
      offset += take;
      this.#frameRemaining -= take;
    }
  }

  /** The stream ended: a last line without a newline is still a line. */
  end(): void {
    this.#splitters.stdout.end();
    this.#splitters.stderr.end();
  }

  #readHeader(chunk: Buffer, offset: number): number {
    const take = Math.min(HEADER_BYTES - this.#header.length, chunk.length - offset);
    this.#header = Buffer.concat([this.#header, chunk.subarray(offset, offset + take)]);
    if (this.#header.length === HEADER_BYTES) {
      const type = this.#header[0];
      // 0 stdin (never in logs), 1 stdout, 2 stderr; 3 is the engine's own error text: not the container's.
      this.#frameStream = type === 2 ? 'stderr' : type === 3 ? null : 'stdout';
      this.#frameRemaining = this.#header.readUInt32BE(4);
      this.#header = Buffer.alloc(0);
    }
    return offset + take;
  }

  #emit(stream: LogStream, raw: Buffer, cut: boolean): void {
    const space = raw.indexOf(0x20);
    const tsNs = space > 0 ? parseDockerTimeNs(raw.toString('latin1', 0, space)) : null;
    let body = tsNs === null ? raw : raw.subarray(space + 1);
    // A TTY turns "\n" into "\r\n".
    if (body.at(-1) === 0x0d) body = body.subarray(0, -1);
    const line = boundText(body.toString('utf8'), this.options.maxLineBytes, cut);
    this.options.onLine({ stream, tsNs: tsNs ?? this.options.now(), line });
  }
}

/** Splits bytes on "\n"; keeps at most `limit` bytes of a line and flags it as cut. */
class LineSplitter {
  #parts: Buffer[] = [];
  #bytes = 0;
  #cut = false;

  constructor(
    private readonly limit: number,
    private readonly onLine: (raw: Buffer, cut: boolean) => void,
  ) {}

  push(data: Buffer): void {
    let start = 0;
    for (;;) {
      const newline = data.indexOf(0x0a, start);
      if (newline === -1) {
        this.#append(data.subarray(start));
        return;
      }
      this.#append(data.subarray(start, newline));
      this.#flush();
      start = newline + 1;
    }
  }

  end(): void {
    if (this.#bytes > 0 || this.#cut) this.#flush();
  }

  #append(piece: Buffer): void {
    if (this.#cut || piece.length === 0) return;
    const room = this.limit - this.#bytes;
    if (piece.length > room) {
      this.#parts.push(Buffer.from(piece.subarray(0, room)));
      this.#bytes += room;
      this.#cut = true;
      return;
    }
    // Copied: a slice would pin the whole chunk in memory while the line is incomplete.
    this.#parts.push(Buffer.from(piece));
    this.#bytes += piece.length;
  }

  #flush(): void {
    const raw = this.#parts.length === 1 ? (this.#parts[0] as Buffer) : Buffer.concat(this.#parts);
    const cut = this.#cut;
    this.#parts = [];
    this.#bytes = 0;
    this.#cut = false;
    this.onLine(raw, cut);
  }
}
