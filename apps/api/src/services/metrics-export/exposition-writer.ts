import type { ExpositionFormat } from './exposition-format.js';
import { formatValue } from './exposition-format.js';

/** Bytes per body buffer: ~55 of them for 20,000 containers, each sent as it is. */
const CHUNK_BYTES = 1 << 20;

/**
 * Writes the body straight into 1 MiB buffers, a line at a time: each line is a short string,
 * written into the buffer as soon as it is made (one byte a character when it is ASCII, as
 * nearly every line is). The previous writer appended lines to a string and encoded it every
 * 64 KiB: the body (56 MB for 20,000 containers) then also existed as long strings that lived
 * until encoded, and went out as ~850 buffers instead of ~55 (docs/benchmarks.md, "Prometheus
 * export"). Copying pre-encoded label sets into the buffer instead cost more than writing the
 * line: TypedArray#set has a fixed cost per call that ~280,000 short copies add up.
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
    this.#write(`# HELP ${familyName} ${help}\n# TYPE ${familyName} ${type}\n`, false);
  }

  /**
   * One sample line; `labels` is `{…}` (already escaped) and `timestamp` '' or ` <ts>`. `ascii`:
   * the caller knows `name` and `labels` are ASCII (names and numbers always are).
   */
  sample(name: string, labels: string, value: number, timestamp: string, ascii = false): void {
    this.#series++;
    this.#write(`${name}${labels} ${formatValue(value)}${timestamp}\n`, ascii);
  }

  get series(): number {
    return this.#series;
  }

  /** The body's buffers in order, `# EOF` appended for OpenMetrics. */
  finish(): Buffer[] {
    if (this.format === 'openmetrics') this.#write('# EOF\n', true);
    if (this.#at > 0) this.#chunks.push(this.#chunk.subarray(0, this.#at));
    this.#chunk = Buffer.alloc(0);
    this.#at = 0;
    return this.#chunks;
  }

  #write(text: string, ascii: boolean): void {
    // UTF-8 takes at most 3 bytes per UTF-16 unit; ASCII exactly one.
    const room = ascii ? text.length : text.length * 3;
    if (this.#at + room > this.#chunk.length) this.#next(room);
    this.#at += this.#chunk.write(text, this.#at, ascii ? 'latin1' : 'utf8');
  }

  /** Closes the current buffer and starts one with room for at least `bytes`. */
  #next(bytes: number): void {
    if (this.#at > 0) this.#chunks.push(this.#chunk.subarray(0, this.#at));
    this.#chunk = Buffer.allocUnsafe(Math.max(CHUNK_BYTES, bytes));
    this.#at = 0;
  }
}

// Any UTF-16 unit above 0x7f (surrogate halves included).
const NOT_ASCII = /[\u0080-\uffff]/;

/** True when `text` is ASCII, so a line of it may be written one byte a character. */
export function isAscii(text: string): boolean {
  return !NOT_ASCII.test(text);
}
