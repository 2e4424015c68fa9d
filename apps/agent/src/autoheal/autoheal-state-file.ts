import { readFile } from 'node:fs/promises';
import * as z from 'zod/mini';
import type { Logger } from '../cli/logger.js';
import { writeFileAtomic } from '../spool/write-file-atomic.js';

/** The longest window a label allows (24 h): older attempts can no longer count anywhere. */
export const AUTOHEAL_STATE_MAX_AGE_MS = 24 * 3_600_000;
/** One entry per container name; beyond this the least recently changed are dropped. */
export const AUTOHEAL_STATE_MAX_ENTRIES = 1000;

const ZPendingSchema = z.object({
  /** When the failure that the pending restart answers happened (ms). */
  failedAtMs: z.number(),
  reason: z.string().check(z.maxLength(1024)),
  kind: z.enum(['exit', 'unhealthy']),
});

const ZEntrySchema = z.object({
  containerId: z.string().check(z.regex(/^[0-9a-f]{64}$/)),
  /** The container's `State.StartedAt` when this entry was last written: a different one later
   * means someone else started (or recreated) it, which clears the count. */
  startedAt: z.string().check(z.maxLength(64)),
  /** When each restart of the window was issued (ms); `max_attempts` is at most 100. */
  attempts: z.array(z.number()).check(z.maxLength(100)),
  gaveUp: z.boolean(),
  /** A restart was scheduled and had not been issued yet. */
  pending: z.optional(ZPendingSchema),
  updatedAtMs: z.number(),
});

const ZStateSchema = z.object({
  version: z.literal(1),
  containers: z.record(z.string().check(z.maxLength(256)), ZEntrySchema),
});

export type AutohealStateEntry = z.infer<typeof ZEntrySchema>;
export type AutohealPending = z.infer<typeof ZPendingSchema>;

/**
 * Auto-restart's counts on disk (`<state dir>/autoheal.json`), keyed by container name, so an
 * agent restarted during a crash loop continues the count instead of starting it afresh
 * (docs/autoheal.md). A missing, unreadable or invalid file means "start fresh" (logged), never
 * a crash. Writes are atomic (temporary file, fsync, rename) and serialised, so an older state
 * never overwrites a newer one; the file stays small because entries expire with the longest
 * window and their number is capped.
 */
export class AutohealStateFile {
  #writing: Promise<void> = Promise.resolve();

  constructor(
    readonly filePath: string,
    private readonly log: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  async load(): Promise<Map<string, AutohealStateEntry>> {
    let text: string;
    try {
      text = await readFile(this.filePath, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT')
        this.log.warn({ err: error, path: this.filePath }, 'auto-restart state unreadable; starting fresh');
      return new Map();
    }
    const parsed = ZStateSchema.safeParse(safeJson(text));
    if (!parsed.success) {
      this.log.warn({ path: this.filePath }, 'auto-restart state invalid; starting fresh');
      return new Map();
    }
    return this.#bounded(new Map(Object.entries(parsed.data.containers)));
  }

  /** Queues a write of `entries` (expired ones left out); resolves once it is on disk. */
  save(entries: ReadonlyMap<string, AutohealStateEntry>): Promise<void> {
    const containers = Object.fromEntries(this.#bounded(new Map(entries)));
    const text = JSON.stringify({ version: 1, containers });
    this.#writing = this.#writing
      .then(() => writeFileAtomic(this.filePath, text, { mode: 0o600 }))
      .catch((error: unknown) => {
        this.log.warn({ err: error, path: this.filePath }, 'auto-restart state not saved');
      });
    return this.#writing;
  }

  /** Resolves when every queued write has finished. */
  flushed(): Promise<void> {
    return this.#writing;
  }

  #bounded(entries: Map<string, AutohealStateEntry>): Map<string, AutohealStateEntry> {
    const oldest = this.now() - AUTOHEAL_STATE_MAX_AGE_MS;
    const kept = [...entries].filter(([, entry]) => entry.updatedAtMs > oldest);
    kept.sort(([, a], [, b]) => b.updatedAtMs - a.updatedAtMs);
    return new Map(
      kept
        .slice(0, AUTOHEAL_STATE_MAX_ENTRIES)
        .map(([name, entry]) => [name, { ...entry, attempts: entry.attempts.filter((at) => at > oldest) }]),
    );
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
