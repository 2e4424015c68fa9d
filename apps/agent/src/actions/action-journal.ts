import { readFile, rename, writeFile } from 'node:fs/promises';
import { z } from 'zod';

const ZJournalSchema = z.object({ version: z.literal(1), ids: z.array(z.uuid()).max(10_000) });

/**
 * Ids of actions this agent has started, kept on disk, so an action delivered again —
 * after a reconnect, a gateway failover or an agent restart — is never run twice.
 */
export class ActionJournal {
  readonly #ids = new Set<string>();
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
    if (parsed.success) for (const id of parsed.data.ids) this.#ids.add(id);
  }

  has(id: string): boolean {
    return this.#ids.has(id);
  }

  /** Records `id` durably before the action runs (at most once beats at least once here). */
  async add(id: string): Promise<void> {
    this.#ids.add(id);
    while (this.#ids.size > this.capacity) {
      const oldest = this.#ids.values().next().value;
      if (oldest === undefined) break;
      this.#ids.delete(oldest);
    }
    const body = JSON.stringify({ version: 1, ids: [...this.#ids] });
    this.#writing = this.#writing.then(async () => {
      const temp = `${this.path}.tmp`;
      await writeFile(temp, body, { mode: 0o600 });
      await rename(temp, this.path);
    });
    await this.#writing;
  }
}
