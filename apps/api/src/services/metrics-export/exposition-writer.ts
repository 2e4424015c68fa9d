import type { ExpositionFormat } from './exposition-format.js';
import { formatValue } from './exposition-format.js';

/** Bytes per body buffer: ~55 of them for 20,000 containers, each sent as it is. */
const CHUNK_BYTES = 1 << 20;

/**
 * Writes the body straight into 1 MiB buffers. A container's label set is encoded to UTF-8 once
 * and copied into each of its lines, so the body (56 MB for 20,000 containers) is never a string:
 * building lines as strings and encoding them every 64 KiB (the previous writer) flattened and
 * encoded every byte once more, and the strings were most of the scrape's garbage
 * (docs/benchmarks.md, "Prometheus export").
 */
export class ExpositionWriter {
  readonly #chunks: Buffer[] = [];
  #chunk: Buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  #at = 0;
  #series = 0;

  constructor(readonly format: ExpositionFormat) {}

  /** The HELP and TYPE lines of a family; `name` is the sample name (with `_total` for counters). */
  family(name: string, type: 'gauge' | 'counter', help: string): void {
    const familyName =
      this.format === 'openmetrics' && type === 'counter' ? name.slice(0, -'_total'.length) : name;
    this.#text(`# HELP ${familyName} ${help}\n# TYPE ${familyName} ${type}\n`);
  }

  /** One sample line; `labels` is `{…}` (already escaped) and `timestamp` '' or ` <ts>`. */
  sample(name: string, labels: string, value: number, timestamp: string): void {
    this.#series++;
    this.#text(`${name}${labels} ${formatValue(value)}${timestamp}\n`);
  }

  /**
   * One sample line from encoded parts: `name` the sample name, `labels` the label set with the
   * space after it (`{…} `), then the value and `timestamp` ('' or ` <ts>`, ASCII).
   */
  encodedSample(name: Uint8Array, labels: Uint8Array, value: number, timestamp: string): void {
    this.#series++;
    // Digits, sign, '.', 'e', "Inf"/"NaN", the timestamp: ASCII, one byte a character.
    const tail = `${formatValue(value)}${timestamp}\n`;
    const bytes = name.length + labels.length + tail.length;
    if (this.#at + bytes > this.#chunk.length) this.#next(bytes);
    const chunk = this.#chunk;
    chunk.set(name, this.#at);
    chunk.set(labels, this.#at + name.length);
    this.#at += name.length + labels.length;
    this.#at += chunk.write(tail, this.#at, 'latin1');
  }

  get series(): number {
    return this.#series;
  }

  /** The body's buffers in order, `# EOF` appended for OpenMetrics. */
  finish(): Buffer[] {
    if (this.format === 'openmetrics') this.#text('# EOF\n');
    if (this.#at > 0) this.#chunks.push(this.#chunk.subarray(0, this.#at));
    this.#chunk = Buffer.alloc(0);
    this.#at = 0;
    return this.#chunks;
  }

  #text(text: string): void {
    const bytes = Buffer.byteLength(text, 'utf8');
    if (this.#at + bytes > this.#chunk.length) this.#next(bytes);
    this.#at += this.#chunk.write(text, this.#at, 'utf8');
  }

  /** Closes the current buffer and starts one with room for at least `bytes`. */
  #next(bytes: number): void {
    if (this.#at > 0) this.#chunks.push(this.#chunk.subarray(0, this.#at));
    this.#chunk = Buffer.allocUnsafe(Math.max(CHUNK_BYTES, bytes));
    this.#at = 0;
  }
}

/** `text` as UTF-8 bytes (family names, label sets), for encodedSample. */
export function encoded(text: string): Uint8Array {
  return Buffer.from(text, 'utf8');
}
