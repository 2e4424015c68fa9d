import type { ExpositionFormat } from './exposition-format.js';
import { formatValue } from './exposition-format.js';

/** Appends to a string and hands it over in ~64 KiB pieces, so no single string grows huge. */
export class ExpositionWriter {
  readonly #chunks: string[] = [];
  #current = '';
  #series = 0;

  constructor(readonly format: ExpositionFormat) {}

  /** The HELP and TYPE lines of a family; `name` is the sample name (with `_total` for counters). */
  family(name: string, type: 'gauge' | 'counter', help: string): void {
    const familyName =
      this.format === 'openmetrics' && type === 'counter' ? name.slice(0, -'_total'.length) : name;
    this.#append(`# HELP ${familyName} ${help}\n# TYPE ${familyName} ${type}\n`);
  }

  /** One sample line; `labels` is `{…}` (already escaped) and `timestamp` '' or ` <ts>`. */
  sample(name: string, labels: string, value: number, timestamp: string): void {
    this.#series++;
    this.#append(`${name}${labels} ${formatValue(value)}${timestamp}\n`);
  }

  get series(): number {
    return this.#series;
  }

  /** The chunks of the body, `# EOF` appended for OpenMetrics. */
  finish(): string[] {
    if (this.format === 'openmetrics') this.#append('# EOF\n');
    if (this.#current) this.#chunks.push(this.#current);
    this.#current = '';
    return this.#chunks;
  }

  #append(text: string): void {
    this.#current += text;
    if (this.#current.length >= 65_536) {
      this.#chunks.push(this.#current);
      this.#current = '';
    }
  }
}
