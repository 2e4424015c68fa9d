import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import * as z from 'zod/mini';
import type { Logger } from '../cli/logger.js';

const decimal = z.string().check(z.regex(/^\d+$/));

const ZCollectorStateSchema = z.object({
  version: z.literal(1),
  /** Full container id → time (ns) of the last log line handed to the batcher. */
  logPositions: z.record(z.string().check(z.regex(/^[0-9a-f]{64}$/)), decimal),
  /** The last Docker event seen, to resume the events stream after an agent restart. */
  eventsCursor: z.optional(z.object({ timeNs: decimal, key: z.string().check(z.maxLength(512)) })),
});
export type CollectorState = Omit<z.infer<typeof ZCollectorStateSchema>, 'version'>;

const EMPTY: CollectorState = { logPositions: {} };

/**
 * The collectors' small state file. A missing or unreadable file means "start fresh" (logged),
 * never a crash; writes go to a temporary file renamed over the old one, so a crash mid-write
 * leaves the previous state, and are serialised so an older state never overwrites a newer one.
 */
export class CollectorStateFile {
  #writing: Promise<void> = Promise.resolve();

  constructor(
    readonly filePath: string,
    private readonly logger: Logger,
  ) {}

  async load(): Promise<CollectorState> {
    let text: string;
    try {
      text = await readFile(this.filePath, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
        this.logger.warn({ err: error, path: this.filePath }, 'collector state unreadable; starting fresh');
      }
      return EMPTY;
    }
    const parsed = ZCollectorStateSchema.safeParse(safeJson(text));
    if (!parsed.success) {
      this.logger.warn({ path: this.filePath }, 'collector state invalid; starting fresh');
      return EMPTY;
    }
    const { version: _version, ...state } = parsed.data;
    return state;
  }

  /** Queues a write of `state`; resolves once it (and any earlier write) is on disk. */
  save(state: CollectorState): Promise<void> {
    const text = JSON.stringify({ version: 1, ...state });
    this.#writing = this.#writing
      .then(() => this.#write(text))
      .catch((error: unknown) => {
        this.logger.warn({ err: error, path: this.filePath }, 'collector state not saved');
      });
    return this.#writing;
  }

  /** Resolves when every queued write has finished. */
  flushed(): Promise<void> {
    return this.#writing;
  }

  async #write(text: string): Promise<void> {
    await mkdir(path.dirname(this.filePath), { recursive: true });
    const temporary = `${this.filePath}.${process.pid}.tmp`;
    await writeFile(temporary, text, { mode: 0o600 });
    await rename(temporary, this.filePath);
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
