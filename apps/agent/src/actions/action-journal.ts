import { readFile, rename, writeFile } from 'node:fs/promises';
import { boundText, ZActionResultFrameSchema } from '@berth/protocol';
import * as z from 'zod/mini';

/** A result that ends an action (`running` is not kept). */
const ZFinalActionResultSchema = z.extend(ZActionResultFrameSchema, {
  status: z.enum(['succeeded', 'failed', 'rejected', 'timed_out']),
});
export type FinalActionResult = z.infer<typeof ZFinalActionResultSchema>;

/** Outputs kept for re-sending are shorter than the wire allows: the journal stays small. */
const KEPT_OUTPUT_BYTES = 4096;

const ZEntrySchema = z.object({ id: z.uuid(), result: z.optional(ZFinalActionResultSchema) });
const ZJournalSchema = z.discriminatedUnion('version', [
  z.object({ version: z.literal(2), entries: z.array(ZEntrySchema).check(z.maxLength(10_000)) }),
  // Written by agents before results were kept: ids only.
  z.object({ version: z.literal(1), ids: z.array(z.uuid()).check(z.maxLength(10_000)) }),
]);

/**
 * Actions this agent has started and, once finished, their results, kept on disk. An action
 * delivered again — after a reconnect, a gateway failover or an agent restart — is never run
 * twice; its result is sent again instead, because the redelivery usually means the first
 * result was lost with its socket.
 */
export class ActionJournal {
  /** id → final result; undefined while running, or when the agent stopped mid-run. */
  readonly #entries = new Map<string, FinalActionResult | undefined>();
  #writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly path: string,
    private readonly capacity = 1000,
  ) {}

  async load(): Promise<void> {
    const text = await readFile(this.path, 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return null;
      throw error;
    });
    if (text === null) return;
    const parsed = ZJournalSchema.safeParse(JSON.parse(text));
    // A damaged journal is replaced; the gateway also refuses results for finished actions.
    if (!parsed.success) return;
    if (parsed.data.version === 1) for (const id of parsed.data.ids) this.#entries.set(id, undefined);
    else for (const entry of parsed.data.entries) this.#entries.set(entry.id, entry.result);
  }

  has(id: string): boolean {
    return this.#entries.has(id);
  }

  /** The finished result of `id`, if it finished while this journal was kept. */
  resultOf(id: string): FinalActionResult | undefined {
    return this.#entries.get(id);
  }

  /** Records `id` durably before the action runs (at most once beats at least once here). */
  async start(id: string): Promise<void> {
    this.#entries.set(id, undefined);
    while (this.#entries.size > this.capacity) {
      const oldest = this.#entries.keys().next().value;
      if (oldest === undefined) break;
      this.#entries.delete(oldest);
    }
    await this.#save();
  }

  /** Keeps the final result of a started action, for a redelivery to receive it again. */
  async finish(result: FinalActionResult): Promise<void> {
    if (!this.#entries.has(result.id)) return;
    this.#entries.set(result.id, { ...result, output: boundText(result.output, KEPT_OUTPUT_BYTES) });
    await this.#save();
  }

  /** Resolves when every write asked for so far is on disk (or failed). */
  settled(): Promise<void> {
    return this.#writing.catch(() => {});
  }

  async #save(): Promise<void> {
    const entries = [...this.#entries].map(([id, result]) => (result ? { id, result } : { id }));
    const body = JSON.stringify({ version: 2, entries });
    // Writes go one after another; a failed one does not stop the next.
    this.#writing = this.#writing
      .catch(() => {})
      .then(async () => {
        const temp = `${this.path}.tmp`;
        await writeFile(temp, body, { mode: 0o600 });
        await rename(temp, this.path);
      });
    await this.#writing;
  }
}
